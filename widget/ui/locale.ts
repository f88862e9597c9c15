// The app's current locale: picks it (Heed('setLocale') → site setting → browser), loads
// its strings when it is not English, and sets lang/dir on the app's container.

import { isRtl, pickLocale, type Locale } from '../locales/locale';
import { loadLocale } from './loadLocale';
import { setStrings } from './strings';

export async function applyLocale(base: string, wanted: Array<string | readonly string[] | undefined>, el: HTMLElement): Promise<Locale> {
  let locale = pickLocale(...wanted);
  try {
    setStrings(locale === 'en' ? [] : await loadLocale(base, locale));
  } catch (err) {
    console.warn('[heed] locale', err);
    locale = 'en';
    setStrings();
  }
  el.lang = locale;
  el.dir = isRtl(locale) ? 'rtl' : 'ltr';
  return locale;
}
