// Size budgets, checked on every test run: the loader is at most 2.5 KB brotli and has no
// Preact; the app a visitor downloads on first open (widget-app.js, CSS inside, plus the
// locale file when the visitor's language is not English) is at most 15 KB brotli.

import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, localeFile, WIDGET_LOCALES, type BundleSize } from '../../scripts/build';

const LOADER_BUDGET = 2.5 * 1024;
const APP_BUDGET = 15 * 1024;
let sizes: Map<string, BundleSize>;
const brotli = (file: string) => {
  const s = sizes.get(file);
  if (!s) throw new Error(`${file} was not built`);
  return s.brotli;
};

beforeAll(async () => {
  sizes = new Map((await buildAll({ quiet: true })).map((s) => [s.file, s]));
}, 60_000);

describe('widget size budgets', () => {
  it('the loader (widget.js) is at most 2.5 KB brotli', () => {
    expect(brotli('widget.js')).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it('the loader bundles no Preact and no app code', async () => {
    const r = await build({
      entryPoints: ['widget/loader.ts'], bundle: true, write: false, metafile: true, format: 'iife', loader: { '.css': 'text' }, logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((i) => /preact|widget\/ui\/|widget\/client\/client/.test(i))).toEqual([]);
  });

  it('the app on first open is at most 15 KB brotli, CSS included', () => {
    expect(brotli('widget-app.js')).toBeLessThanOrEqual(APP_BUDGET);
  });

  it.each(WIDGET_LOCALES)('the app plus the %s strings it loads on first open stay within 15 KB brotli', (id) => {
    expect(brotli('widget-app.js') + brotli(localeFile(id))).toBeLessThanOrEqual(APP_BUDGET);
  });
});
