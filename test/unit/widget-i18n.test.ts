// Widget locales: every locale has every string with the same placeholders, the locale is
// picked from the API/settings/browser, Arabic is right to left, and the loader's launcher
// labels come from the locale files.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, isRtl, pickLocale } from '../../widget/locales/locale';
import { LOADER_STRINGS } from '../../widget/loader/strings';
import { fmt, setStrings, strings } from '../../widget/ui/strings';
import { stateLine } from '../../widget/ui/stateLine';

const load = (id: string) => JSON.parse(readFileSync(join('widget/locales', `${id}.json`), 'utf8')) as Record<string, string>;
const en = load('en');
const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('widget locales', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English key, non-empty, with the same placeholders', (id) => {
    const l = load(id);
    expect(Object.keys(l).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) {
      expect(typeof l[k] === 'string' && l[k].trim().length > 0, `${id}.${k}`).toBe(true);
      expect(placeholders(l[k]), `${id}.${k}`).toEqual(placeholders(v));
    }
  });

  it('picks the first supported locale: API, then settings, then the browser; English otherwise', () => {
    expect(pickLocale('es', 'de', ['fr'])).toBe('es');
    expect(pickLocale(undefined, 'de-AT', ['fr'])).toBe('de');
    expect(pickLocale(undefined, undefined, ['pt-BR', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLocale('xx', ['AR'])).toBe('ar');
    expect(pickLocale(undefined, ['ja'])).toBe('en');
    expect(isRtl('ar')).toBe(true);
    expect(isRtl('en')).toBe(false);
  });

  it('setStrings switches every UI string (values in en.json key order) and back', () => {
    const es = load('es');
    setStrings(Object.keys(en).map((k) => es[k]));
    expect(strings.send).toBe('Enviar');
    expect(stateLine({ socket: 'open', conversation: 'queued', position: 2, waitSeconds: 120 })).toBe('Eres el n.º 2 en la cola, unos 2 min');
    setStrings();
    expect(strings.send).toBe('Send');
    expect(fmt(strings.rateScore, { n: 4 })).toBe('4 of 5');
  });

  it('the loader labels the launcher from the locale files', () => {
    for (const id of LOCALES) expect(LOADER_STRINGS[id]).toEqual([load(id).launcherOpen, load(id).launcherClose]);
  });
});
