// The widget's locales and how one is chosen: Heed('setLocale'), then the site's setting
// (data-locale / HeedSettings.locale), then the browser's languages; English otherwise.
// Only en ships inside widget-app.js; the others load as widget-locale-<id>.js when used.

export const LOCALES = ['en', 'es', 'de', 'fr', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

const RTL: readonly string[] = ['ar'];

/** The first candidate we have a locale for, by its primary subtag (`es-MX` → `es`). */
export function pickLocale(...candidates: Array<string | readonly string[] | null | undefined>): Locale {
  for (const c of candidates) {
    for (const tag of typeof c === 'string' ? [c] : c ?? []) {
      const primary = String(tag).toLowerCase().split(/[-_]/)[0] as Locale;
      if ((LOCALES as readonly string[]).includes(primary)) return primary;
    }
  }
  return 'en';
}

export const isRtl = (locale: string): boolean => RTL.includes(locale);
