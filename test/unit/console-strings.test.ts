// Every string the console shows comes from locales/en.json, and no view renders HTML from data.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../console/locales/en.json';
import { createTranslator } from '../../console/i18n';

const root = join(__dirname, '../../console');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('console strings', () => {
  const files = sources(root).map((p) => ({ p, text: readFileSync(p, 'utf8') }));

  it('uses only keys that exist in en.json', () => {
    const keys = new Set(Object.keys(en));
    const missing: string[] = [];
    for (const { p, text } of files) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!keys.has(m[1])) missing.push(`${p}: ${m[1]}`);
      // Templated keys: check each prefix has at least one entry.
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\$\{/g)) {
        if (![...keys].some((k) => k.startsWith(m[1]))) missing.push(`${p}: ${m[1]}*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has words for every escalation reason, state and mood', () => {
    for (const r of ['sentiment', 'requested', 'fallback', 'intent']) {
      expect(en).toHaveProperty([`reason.${r}`]);
      expect(en).toHaveProperty([`reason.long.${r}`]);
    }
    for (const s of ['bot', 'queued', 'agent', 'closed', 'offline']) expect(en).toHaveProperty([`state.${s}`]);
    for (const m of ['negative', 'neutral', 'positive']) expect(en).toHaveProperty([`mood.${m}`]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = createTranslator(en);
    expect(t('queue.claimLabel', { name: 'Bo' })).toBe('Claim chat with Bo');
    expect(t('queue.claimLabel')).toBe('Claim chat with {name}');
  });

  it('never renders HTML from data', () => {
    for (const { p, text } of files) {
      expect(text, p).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
