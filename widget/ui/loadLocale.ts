// Loads a non-English locale as widget-locale-<id>.js from the widget's own server: a
// script (not fetch), so a strict CSP needs nothing beyond script-src for the widget's
// origin. The script hands its strings (values in en.json's key order) to the boot function on its own element, as the
// app bundle does (handoff.ts).

import { APP_BOOT_KEY } from '../handoff';
import type { Locale } from '../locales/locale';

const cache = new Map<string, Promise<string[]>>();

export function loadLocale(base: string, locale: Locale): Promise<string[]> {
  let p = cache.get(locale);
  if (!p) {
    p = new Promise<string[]>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${base}widget-locale-${locale}.js`;
      script.async = true;
      (script as unknown as Record<string, unknown>)[APP_BOOT_KEY] = resolve;
      script.onerror = () => {
        cache.delete(locale);
        reject(new Error(`could not load ${script.src}`));
      };
      script.onload = () => script.remove();
      document.head.appendChild(script);
    });
    cache.set(locale, p);
  }
  return p;
}
