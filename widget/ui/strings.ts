// UI strings. English ships inside widget-app.js; another locale is loaded on demand as
// widget-locale-<id>.js (see loadLocale.ts): its values, in the order of en.json's keys.
// `fmt` fills {placeholders}.

import en from '../locales/en.json';

export type Strings = typeof en;
export const strings: Strings = { ...en };
const KEYS = Object.keys(en) as Array<keyof Strings>;

/** Switches every string at once: `values` in en.json's key order (none: English). */
export function setStrings(values: readonly string[] = []): void {
  KEYS.forEach((k, i) => (strings[k] = typeof values[i] === 'string' ? values[i] : en[k]));
}

export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** The sentence for a server error code on a failed message. */
export function errorText(code: string | undefined): string {
  const key = `error_${code}` as keyof Strings;
  return fmt(strings.failed, { reason: key in strings ? strings[key] : strings.error_other });
}
