// UI strings: one locale file for now (en); `fmt` fills {placeholders}.

import en from '../locales/en.json';

export type Strings = typeof en;
export const strings: Strings = en;

export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** The sentence for a server error code on a failed message. */
export function errorText(code: string | undefined): string {
  const key = `error_${code}` as keyof Strings;
  return fmt(strings.failed, { reason: key in strings ? strings[key] : strings.error_other });
}
