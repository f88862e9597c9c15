// Shared set-up for the widget's browser tests (and scripts/screenshots.ts): a real Heed
// server, a second small HTTP server on another port that serves host pages embedding the
// widget the way a customer site does (hostile CSS, a strict CSP, a locale, a greeting),
// and headless Chromium. Both page origins are allowed for the demo site.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

/** A stylesheet that tries hard to restyle everything on the page. */
export const HOSTILE_CSS = `
html { font-size: 5px !important; }
*, *::before, *::after { box-sizing: content-box !important; }
* {
  color: #f0f !important; background: #ff0 !important; font-family: "Comic Sans MS", cursive, serif !important;
  font-size: 31px !important; line-height: 3 !important; letter-spacing: 3px !important; text-transform: uppercase !important;
  border-radius: 0 !important; margin: 7px !important; padding: 9px !important;
  box-shadow: 0 0 0 6px red !important; outline: 3px dotted blue !important; direction: rtl !important;
  visibility: visible !important; cursor: crosshair !important; text-align: right !important; z-index: 1 !important;
}
div, p, span, button, textarea, input, form, header, h2, h3, svg, i, label, a {
  display: block !important; position: static !important; float: left !important; width: 57px !important;
  height: 23px !important; border: 4px dashed red !important; overflow: visible !important;
}
button { all: unset !important; }
svg, path { fill: lime !important; }
`;

export interface PageOptions {
  hostile?: boolean;
  /** Sent as the Content-Security-Policy header; `{heed}` and `{ws}` are replaced. */
  csp?: string;
  /** data-* attributes for the widget's script tag (without the `data-` prefix). */
  data?: Record<string, string>;
  /** Extra markup before the widget's script tag. */
  head?: string;
  title?: string;
  lang?: string;
  /** The same page without the widget (a baseline). */
  noWidget?: boolean;
}

export interface Harness {
  s: TestServer;
  browser: Browser;
  /** The host pages' origin (http://127.0.0.1:PORT). */
  origin: string;
  /** A URL that serves a host page with these options. */
  url(opts?: PageOptions, path?: string): string;
  close(): Promise<void>;
}

function hostPage(heed: string, o: PageOptions): string {
  const data = Object.entries({ site: 'demo', ...o.data })
    .map(([k, v]) => ` data-${k}="${v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
    .join('');
  return `<!doctype html>
<html lang="${o.lang ?? 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title ?? 'Cozy Socks Co.'}</title>
${o.hostile ? `<style>${HOSTILE_CSS}</style>` : ''}${o.head ?? ''}
</head>
<body>
<header><a href="/">Cozy Socks Co.</a></header>
<main>
  <h1>Warm socks, shipped fast</h1>
  <p id="page-text">Wool crew socks, <strong>€14</strong>. Hiking pair, <strong>€19</strong>.</p>
  <button type="button" id="page-button">Add to cart</button>
</main>
${o.noWidget ? '' : `<script src="${heed}/widget.js"${data} async></script>`}
</body>
</html>`;
}

export async function startHarness(): Promise<Harness> {
  const s = await startServer();
  const heed = s.http;
  s.config.sites[0].origins.push(heed);
  const pages: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const raw = u.searchParams.get('o');
    if (!raw) {
      res.writeHead(404).end();
      return;
    }
    const o = JSON.parse(raw) as PageOptions;
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (o.csp) headers['content-security-policy'] = o.csp.replaceAll('{heed}', heed).replaceAll('{ws}', s.ws);
    res.writeHead(200, headers).end(hostPage(heed, o));
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  s.config.sites[0].origins.push(origin);
  // test/helpers/browser.ts's flags, plus one colour profile: without it Chromium may put the
  // same pixels through different colour conversions on two pages, and screenshots differ.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--force-color-profile=srgb'],
  });
  return {
    s,
    browser,
    origin,
    url: (opts = {}, path = '/shop') => `${origin}${path}?o=${encodeURIComponent(JSON.stringify(opts))}`,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => pages.close(() => resolve()));
      await s.close();
    },
  };
}

// ------------------------------------------------------------------ page helpers

export const launcher = (p: Page): Locator => p.getByTestId('heed-launcher');
export const stateLine = (p: Page): Locator => p.getByTestId('heed-state');
export const messages = (p: Page, from?: string): Locator =>
  p.locator(from ? `[data-testid="heed-message"][data-from="${from}"]` : '[data-testid="heed-message"]');

/** Opens the chat and waits until the conversation is live (the state line shows the bot). */
export async function openChat(p: Page, botLine = /Bot|روبوت|Bot/): Promise<void> {
  await launcher(p).click();
  await p.getByTestId('heed-input').waitFor({ timeout: 10_000 });
  await waitText(stateLine(p), botLine);
}

/** Polls a locator's text until it matches (bounded). */
export async function waitText(l: Locator, re: RegExp, ms = 10_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    last = (await l.first().textContent({ timeout: ms }).catch(() => '')) ?? '';
    if (re.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${re} (last text: ${JSON.stringify(last)})`);
}

/** Describes the focused element, looking inside the widget's shadow root. */
export function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    let el: Element | null = document.activeElement;
    let where = 'page';
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      el = el.shadowRoot.activeElement;
      where = 'widget';
    }
    if (!el || el === document.body) return 'body';
    const id = el.getAttribute('data-testid') ?? el.id ?? '';
    return `${where}:${el.tagName.toLowerCase()}${id ? '#' + id : ''}${el.getAttribute('aria-label') ? '[' + el.getAttribute('aria-label') + ']' : ''}`;
  });
}

/** A new visitor: a fresh browser context (own storage), one page. */
export async function visitor(h: Harness, opts: Parameters<Browser['newContext']>[0] = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await h.browser.newContext(opts);
  const page = await ctx.newPage();
  return { ctx, page };
}
