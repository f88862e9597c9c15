// Static assets: the demo page, the console page and the browser bundles from dist/.
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = join(root, 'dist');

const BUNDLES: Record<string, string> = {
  '/widget.js': 'widget.js',
  '/widget-app.js': 'widget-app.js',
  '/console.js': 'console.js',
  // The widget's non-English strings, loaded on demand (scripts/build.ts WIDGET_LOCALES).
  ...Object.fromEntries(['es', 'de', 'fr', 'ar'].map((id) => [`/widget-locale-${id}.js`, `widget-locale-${id}.js`])),
};

/** The console runs only our own code: no inline scripts, sockets to this origin only. */
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function assetRoutes(app: FastifyInstance, opts: { distDir?: string } = {}): void {
  const dist = opts.distDir ?? DIST_DIR;

  app.get('/', async (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    return readFile(join(root, 'server/http/demo.html'));
  });

  app.get('/console', async (_req, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', CONSOLE_CSP).header('x-frame-options', 'DENY');
    return readFile(join(root, 'console/index.html'));
  });

  for (const [path, file] of Object.entries(BUNDLES)) {
    app.get(path, async (_req, reply) => {
      try {
        const body = await readFile(join(dist, file));
        reply.type('text/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .header('access-control-allow-origin', '*');
        return body;
      } catch {
        return reply.code(503).send({ error: 'unavailable', message: `${file} is not built; run npm run build` });
      }
    });
  }
}
