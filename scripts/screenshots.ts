// Takes the README's widget screenshots (docs/screenshots/*.png) in headless Chromium
// against a real server: closed, open, queued, with agent, offline form, rating, mobile,
// Arabic. Rerun after UI changes: `npx tsx scripts/screenshots.ts`.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildAll } from './build';
import { launcher, messages, openChat, startHarness, stateLine, visitor, waitText, type Harness } from '../test/e2e/widget-harness';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const DESKTOP = { width: 1000, height: 720 };
/** The right-hand part of the page, where the widget is. */
const CLIP = { x: 560, y: 20, width: 440, height: 700 };

async function shot(p: Page, name: string, clip: typeof CLIP | null = CLIP) {
  await p.mouse.move(0, 0); // no hover effects
  await p.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide', ...(clip ? { clip } : {}) });
  console.log(`docs/screenshots/${name}.png`);
}

async function say(p: Page, text: string) {
  await p.getByTestId('heed-input').fill(text);
  await p.getByTestId('heed-input').press('Enter');
}

const conversationId = (p: Page) =>
  p.evaluate(() => (JSON.parse(localStorage.getItem('heed:demo:conversation') ?? '{}') as { conversationId: string }).conversationId);

async function run(h: Harness) {
  mkdirSync(OUT, { recursive: true });

  // Closed, with the site's proactive greeting; then open, talking to the bot.
  {
    const { ctx, page } = await visitor(h, { viewport: DESKTOP });
    await page.goto(h.url({ data: { greeting: 'Hi! Questions about sizes or shipping? Ask us here.', 'greeting-delay': '0' } }));
    await page.getByTestId('heed-greeting').waitFor({ timeout: 10_000 });
    await shot(page, 'closed');
    await openChat(page);
    await say(page, 'What are your opening hours?');
    await messages(page, 'bot').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('heed-input').fill('And on Saturdays?');
    await shot(page, 'open');
    // Offline form: nobody is online yet, the visitor asks for a person.
    await page.getByTestId('heed-input').fill('');
    await page.getByTestId('heed-handoff').click();
    await page.getByTestId('heed-offline-form').waitFor({ timeout: 10_000 });
    await page.locator('input[name=email]').fill('sam@example.com');
    await page.locator('textarea[name=message]').fill('Please call me about my order #1042.');
    await shot(page, 'offline-form');
    await ctx.close();
  }

  // Queued, then with an agent (name, typing, a link), then the rating after the agent closes.
  {
    const ag = await h.s.agent('Ana');
    const agent = await ag.connect();
    await agent.waitFor((f) => f.type === 'ready');
    const { ctx, page } = await visitor(h, { viewport: DESKTOP });
    await page.goto(h.url({}));
    await openChat(page);
    await say(page, 'Where is my order? It was due on Monday.');
    await messages(page, 'bot').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('heed-handoff').click();
    await waitText(stateLine(page), /in the queue/);
    await shot(page, 'queued');
    const id = await conversationId(page);
    agent.send({ type: 'claim', conversationId: id });
    await waitText(stateLine(page), /Chatting with Ana/);
    agent.send({ type: 'send', conversationId: id, clientId: crypto.randomUUID(), text: "Hi, I'm Ana. Your parcel left our warehouse today: https://shop.example/track/1042" });
    await messages(page, 'agent').first().waitFor({ timeout: 10_000 });
    await say(page, 'Great, thank you!');
    await messages(page, 'visitor').filter({ hasText: 'Great, thank you!' }).waitFor();
    agent.send({ type: 'typing', conversationId: id, on: true });
    await page.getByTestId('heed-typing').waitFor();
    await shot(page, 'with-agent');
    agent.send({ type: 'close', conversationId: id });
    await page.getByTestId('heed-rating').waitFor({ timeout: 10_000 });
    await page.getByTestId('heed-rating').getByLabel('5 of 5').check();
    await page.getByTestId('heed-rating').locator('textarea').fill('Fast and friendly.');
    await shot(page, 'rating');
    agent.close();
    await ctx.close();
  }

  // Mobile: full screen at 390 px.
  {
    const { ctx, page } = await visitor(h, { viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    await page.goto(h.url({}));
    await openChat(page);
    await say(page, 'Do you ship to Canada?');
    await messages(page, 'bot').first().waitFor({ timeout: 10_000 });
    await shot(page, 'mobile', null);
    await ctx.close();
  }

  // Arabic, right to left.
  {
    const { ctx, page } = await visitor(h, { viewport: DESKTOP });
    await page.goto(h.url({ data: { locale: 'ar' }, lang: 'ar' }));
    await launcher(page).click();
    await page.getByTestId('heed-input').waitFor({ timeout: 10_000 });
    await say(page, 'مرحبا، متى تفتحون؟');
    await messages(page, 'visitor').first().waitFor();
    await page.getByTestId('heed-handoff').waitFor();
    await shot(page, 'arabic');
    await ctx.close();
  }
}

await buildAll({ quiet: true });
const h = await startHarness();
try {
  await run(h);
} finally {
  await h.close();
}
