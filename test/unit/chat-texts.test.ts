import { describe, expect, it } from 'vitest';
import { TEXTS, text, textLanguage, type TextKey } from '../../server/chat/texts';

describe('system messages (server/chat/texts.ts)', () => {
  it('picks the visitor\'s language, then the site bot\'s, then English', () => {
    expect(textLanguage('es-MX', 'en')).toBe('es');
    expect(textLanguage('FR_ca')).toBe('fr');
    expect(textLanguage('pt-BR', 'es')).toBe('es');
    expect(textLanguage('ja', undefined)).toBe('en');
    expect(textLanguage(undefined, undefined)).toBe('en');
    expect(textLanguage('__proto__')).toBe('en');
  });

  it('has every message in every language, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [language, texts] of Object.entries(TEXTS)) {
      for (const key of Object.keys(TEXTS.en) as TextKey[]) {
        const t = texts[key];
        expect(t, `${language}.${key}`).toBeTruthy();
        expect(placeholders(t), `${language}.${key}`).toEqual(placeholders(TEXTS.en[key]));
      }
    }
    expect(text('joined', { name: 'Ana' }, 'de')).toBe('Ana ist dem Chat beigetreten.');
  });
});
