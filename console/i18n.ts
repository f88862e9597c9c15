// UI strings: every word the console shows comes from a locale file (locales/en.json).
import type en from './locales/en.json';

export type MessageKey = keyof typeof en;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Builds a lookup with `{name}` placeholders; a missing key shows itself so it gets noticed. */
export function createTranslator(messages: Partial<Record<MessageKey, string>>): Translate {
  return (key, vars) => {
    const template = messages[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
    );
  };
}
