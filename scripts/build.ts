// Builds the browser bundles into dist/ and prints each one's minified, gzip and brotli size.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
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
  const sizes = BUNDLES.map((b) => sizeOf(b.out));
  if (!opts.quiet) {
    console.log('bundle              minified      gzip    brotli');
    for (const s of sizes) {
      console.log(`${s.file.padEnd(18)}${String(s.minified).padStart(10)}${String(s.gzip).padStart(10)}${String(s.brotli).padStart(10)}`);
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
