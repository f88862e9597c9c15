// Accessibility and right-to-left layout in headless Chromium against the real server:
// keyboard-only use (focus order, Escape, focus back on the launcher), axe-core with no
// violations closed and open (inside the shadow root too), and the Arabic layout.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { focused, launcher, messages, openChat, startHarness, visitor, waitText, type Harness } from './widget-harness';

const SHOTS = join(process.cwd(), 'test-results', 'e2e');
const ar = JSON.parse(readFileSync('widget/locales/ar.json', 'utf8')) as Record<string, string>;
let h: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.close());

it('works by keyboard only: Tab reaches the launcher, Enter opens, a sensible order, Escape closes and focus returns', async () => {
  const { ctx, page } = await visitor(h);
  await page.goto(h.url({}));
  await launcher(page).waitFor();
  const order: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
  }
  expect(order).toEqual(['page:a', 'page:button#page-button', 'widget:button#heed-launcher[Open chat]']);

  await page.keyboard.press('Enter');
  await page.getByTestId('heed-input').waitFor({ timeout: 10_000 });
  await waitText(page.getByTestId('heed-state'), /^Bot$/);
  expect(await focused(page)).toBe('widget:textarea#heed-input[Your message]');
  await page.keyboard.type('What are your opening hours?');
  await page.keyboard.press('Enter');
  await messages(page, 'bot').first().waitFor({ timeout: 10_000 });
  expect(await focused(page)).toBe('widget:textarea#heed-input[Your message]');

  // Forward from the launcher: the panel's header, the log's actions, then the composer.
  await launcher(page).focus();
  const forward: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    forward.push(await focused(page));
  }
  const close = 'widget:button#heed-close[Close chat]';
  const input = 'widget:textarea#heed-input[Your message]';
  expect(forward[0]).toBe(close);
  expect(forward.indexOf(input)).toBeGreaterThan(forward.indexOf('widget:button#heed-handoff'));
  expect(forward.slice(0, forward.indexOf(input) + 1).every((f) => f.startsWith('widget:'))).toBe(true);

  await page.getByTestId('heed-input').focus();
  await page.keyboard.press('Escape');
  await page.getByTestId('heed-panel').waitFor({ state: 'detached' });
  expect(await focused(page)).toBe('widget:button#heed-launcher[Open chat]');
  expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');

  // Space reopens (it is a real button); the close button closes and returns focus too.
  await page.keyboard.press(' ');
  await page.getByTestId('heed-input').waitFor();
  await page.getByTestId('heed-close').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('heed-panel').waitFor({ state: 'detached' });
  expect(await focused(page)).toBe('widget:button#heed-launcher[Open chat]');
  await ctx.close();
}, 40_000);


it('axe-core reports no violations with the chat closed and open (shadow root included)', async () => {
  const { ctx, page } = await visitor(h);
  await page.goto(h.url({}));
  await launcher(page).waitFor();
  expect(await axe(page)).toEqual([]);
  await openChat(page);
  await page.getByTestId('heed-input').fill('Where is my order? See https://shop.example/orders/1');
  await page.getByTestId('heed-input').press('Enter');
  await messages(page, 'bot').first().waitFor({ timeout: 10_000 });
  expect(await axe(page)).toEqual([]);
  // No agent is online: asking for a person shows the offline form.
  await page.getByTestId('heed-handoff').click();
  await page.getByTestId('heed-offline-form').waitFor({ timeout: 10_000 });
  // axe looks inside open shadow roots: the panel alone, addressed through the shadow root, has checks that pass.
  const passed = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown): Promise<{ passes: unknown[]; violations: unknown[] }> } }).axe;
    const r = await a.run({ include: { fromShadowDom: ['heed-chat', '[data-testid="heed-panel"]'] } });
    return { passes: r.passes.length, violations: r.violations.length };
  });
  expect(passed.passes).toBeGreaterThan(5);
  expect(passed.violations).toBe(0);
  expect(await axe(page)).toEqual([]);
  await ctx.close();
}, 60_000);

it('Arabic: strings from ar.json, right-to-left panel, visitor messages on the left', async () => {
  const { ctx, page } = await visitor(h, { viewport: { width: 1000, height: 760 } });
  await page.goto(h.url({ data: { locale: 'ar' }, lang: 'ar' }));
  await launcher(page).waitFor();
  expect(await launcher(page).getAttribute('aria-label')).toBe(ar.launcherOpen);
  await launcher(page).click();
  const panel = page.getByTestId('heed-panel');
  await panel.waitFor({ timeout: 10_000 });
  await waitText(page.locator('#heed-title'), new RegExp(`^${ar.title}$`));
  await waitText(page.getByTestId('heed-state'), new RegExp(`^${ar.stateBot}$`));
  expect(await page.getByTestId('heed-send').textContent()).toBe(ar.send);
  expect(await page.getByTestId('heed-input').getAttribute('placeholder')).toBe(ar.placeholder);
  expect(await panel.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(await page.evaluate(() => document.querySelector('heed-chat')!.getAttribute('lang'))).toBe('ar');

  await page.getByTestId('heed-input').fill('مرحبا، أين طلبي؟');
  await page.getByTestId('heed-input').press('Enter');
  const mine = messages(page, 'visitor').first();
  await mine.waitFor();
  await messages(page, 'bot').first().waitFor({ timeout: 10_000 });
  const p = (await panel.boundingBox())!;
  const v = (await mine.locator('.tx').boundingBox())!;
  const b = (await messages(page, 'bot').first().locator('.tx').boundingBox())!;
  // Right to left: the visitor's bubble hugs the left edge, the bot's the right.
  expect(v.x - p.x).toBeLessThan(p.x + p.width - (v.x + v.width));
  expect(p.x + p.width - (b.x + b.width)).toBeLessThan(b.x - p.x);
  await page.screenshot({ path: join(SHOTS, 'widget-arabic.png') });
  await ctx.close();
}, 40_000);
