// Builds the browser bundles into dist/ and prints each one's minified, gzip and brotli size.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(root, 'dist');

/** Browser entry points → output file names under dist/. */
export const BUNDLES = [
  { entry: 'widget/loader.ts', out: 'widget.js' },
  { entry: 'widget/app.tsx', out: 'widget-app.js' },
  { entry: 'console/main.tsx', out: 'console.js' },
] as const;

/** The widget's non-English locales, each loaded on demand as dist/widget-locale-<id>.js. */
export const WIDGET_LOCALES = ['es', 'de', 'fr', 'ar'] as const;
export const localeFile = (id: string) => `widget-locale-${id}.js`;

/**
 * A locale bundle hands its strings to the boot function the app put on its <script>
 * (widget/ui/loadLocale.ts): only the values, in the order of en.json's keys (the app has
 * the keys), which keeps each file well under 1 KB brotli.
 */
function buildLocales(): void {
  const read = (id: string) => JSON.parse(readFileSync(join(root, 'widget/locales', `${id}.json`), 'utf8')) as Record<string, string>;
  const keys = Object.keys(read('en'));
  for (const id of WIDGET_LOCALES) {
    const strings = read(id);
    const missing = keys.filter((k) => typeof strings[k] !== 'string');
    if (missing.length) throw new Error(`widget/locales/${id}.json lacks ${missing.join(', ')}`);
    const values = JSON.stringify(keys.map((k) => strings[k]));
    writeFileSync(join(DIST, localeFile(id)), `(()=>{var c=document.currentScript;c&&c.__heedBoot&&c.__heedBoot(${values})})();\n`);
  }
}

export interface BundleSize { file: string; minified: number; gzip: number; brotli: number }

export function sizeOf(file: string): BundleSize {
  const buf = readFileSync(join(DIST, file));
  return {
    file,
    minified: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export async function buildAll(opts: { quiet?: boolean } = {}): Promise<BundleSize[]> {
  mkdirSync(DIST, { recursive: true });
  for (const b of BUNDLES) {
    await build({
      entryPoints: [join(root, b.entry)],
      outfile: join(DIST, b.out),
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020', 'chrome87', 'firefox78', 'safari15'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.css': 'text' },
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
  buildLocales();
  const sizes = [...BUNDLES.map((b) => sizeOf(b.out)), ...WIDGET_LOCALES.map((id) => sizeOf(localeFile(id)))];
  if (!opts.quiet) {
    console.log('bundle                minified      gzip    brotli');
    for (const s of sizes) {
      console.log(`${s.file.padEnd(20)}${String(s.minified).padStart(10)}${String(s.gzip).padStart(10)}${String(s.brotli).padStart(10)}`);
    }
  }
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildAll().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
