// Script execution by the widget on the demo page, in headless Chromium:
// `npx tsx scripts/bench/widget-cpu.ts [runs]`.
//
// Each run loads the demo page in a fresh browser context and measures, in three states:
//   baseline   the same page with widget.js replaced by a one-line stub (same run),
//   closed     the page with the loader, after load (launcher drawn, nothing else),
//   first open after the launcher is clicked (CDP mouse input) and the chat is ready:
//              app and Preact loaded, panel rendered, socket open, welcome received.
// Two figures: the renderer's ScriptDuration (CDP Performance.getMetrics: main-thread time
// running, parsing and compiling JavaScript; the test harness's own waiting is the same in
// every state, so the difference to the baseline is the widget's), and the CPU profile's
// sampled time (100 µs) in functions from widget*.js, which also counts the synchronous
// work they cause (storage, style, DOM). Medians over the runs, plus the bundle sizes.

import type { CDPSession, Page } from 'playwright-core';
import { buildAll } from '../build';
import { launchBrowser } from '../../test/helpers/browser';
import { startServer } from '../../test/helpers/server';

const RUNS = Number(process.argv[2] ?? 15);

interface ProfileNode { id: number; callFrame: { url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

/** Sampled CPU time (ms) spent in functions from the widget's own scripts. */
function widgetSelfMs(p: Profile): number {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  let us = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const url = byId.get(p.samples[i])?.callFrame.url ?? '';
    if (/\/widget(-app|-locale-\w+)?\.js/.test(url)) us += p.timeDeltas[i] ?? 0;
  }
  return us / 1000;
}

/** Waits with as little page script as possible: the same check in every state. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelector('heed-chat') !== null, undefined, { polling: 50 });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f1 = (x: number) => x.toFixed(1).padStart(8);

const sizes = await buildAll({ quiet: true });
const server = await startServer();
server.config.sites[0].origins.push(server.http);
const browser = await launchBrowser();
const rows = { baseline: [] as number[], closed: [] as number[], open: [] as number[], closedJs: [] as number[], openJs: [] as number[] };

/** A fresh visitor on the demo page; `blank` replaces widget.js with a one-line stub. */
async function load(blank: boolean) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  if (blank) {
    await page.route('**/widget.js', (r) => r.fulfill({ contentType: 'text/javascript', body: "document.body.appendChild(document.createElement('heed-chat'))" }));
  }
  await page.goto(`${server.http}/healthz`); // same origin first, so the renderer stays the same
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const before = await scriptMs(cdp);
  await cdp.send('Profiler.start');
  await page.goto(`${server.http}/`);
  await settle(page);
  return { ctx, page, cdp, before };
}

try {
  for (let i = 0; i < RUNS; i++) {
    {
      const { ctx, cdp, before } = await load(true);
      rows.baseline.push((await scriptMs(cdp)) - before);
      await cdp.send('Profiler.stop');
      await ctx.close();
    }
    {
      const { ctx, page, cdp, before } = await load(false);
      rows.closed.push((await scriptMs(cdp)) - before);
      rows.closedJs.push(widgetSelfMs(((await cdp.send('Profiler.stop')) as { profile: Profile }).profile));
      await cdp.send('Profiler.start');
      await page.mouse.click(1280 - 48, 720 - 48); // the launcher, clicked through CDP input
      await page.waitForFunction(() => {
        const st = document.querySelector('heed-chat')?.shadowRoot?.querySelector('[data-testid="heed-state"]');
        return st?.textContent === 'Bot';
      }, undefined, { polling: 50 });
      await page.waitForLoadState('networkidle');
      rows.open.push((await scriptMs(cdp)) - before);
      rows.openJs.push(rows.closedJs[i] + widgetSelfMs(((await cdp.send('Profiler.stop')) as { profile: Profile }).profile));
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const b = median(rows.baseline);
console.log(`Heed widget on the demo page: headless Chromium, ${RUNS} runs, medians in ms of main-thread time`);
console.log('state                  ScriptDuration   over baseline   widget JS (CPU profile)');
console.log(`baseline (no widget)   ${f1(b)}               —                 —`);
console.log(`closed (loader)        ${f1(median(rows.closed))}        ${f1(median(rows.closed) - b)}          ${f1(median(rows.closedJs))}`);
console.log(`first open (app)       ${f1(median(rows.open))}        ${f1(median(rows.open) - b)}          ${f1(median(rows.openJs))}`);
console.log('\nbundle                minified      gzip    brotli');
for (const s of sizes.filter((x) => x.file.startsWith('widget'))) {
  console.log(`${s.file.padEnd(20)}${String(s.minified).padStart(10)}${String(s.gzip).padStart(10)}${String(s.brotli).padStart(10)}`);
}
