// Reliability and the chat's everyday UX in headless Chromium against the real server:
// going offline and online while typing loses nothing and sends once; two tabs show the
// same conversation live; a navigation keeps the conversation, the draft and the unread
// badge; queue position, the agent's name and typing, safe links, and the CSAT rating.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WsClient } from '../helpers/ws-client';
import { launcher, messages, openChat, startHarness, stateLine, visitor, waitText, type Harness } from './widget-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.close());

const conversationId = (p: Page) =>
  p.evaluate(() => (JSON.parse(localStorage.getItem('heed:demo:conversation') ?? '{}') as { conversationId?: string }).conversationId ?? '');

async function send(p: Page, text: string) {
  await p.getByTestId('heed-input').fill(text);
  await p.getByTestId('heed-input').press('Enter');
}

const badge = (p: Page) => p.evaluate(() => document.querySelector('heed-chat')!.shadowRoot!.querySelector('.l i')!.textContent);

it('[P5] offline then online while typing: messages wait as pending, are sent once, and the draft survives a reload', async () => {
  const { ctx, page } = await visitor(h);
  await page.goto(h.url({}));
  await openChat(page);
  await ctx.setOffline(true);
  await waitText(page.getByRole('status').first(), /Reconnecting/);
  await send(page, 'What are your opening hours?');
  await send(page, 'How long does shipping take?');
  await expect.poll(() => page.locator('[data-testid="heed-message"][data-pending="true"]').count()).toBe(2);
  await page.getByTestId('heed-input').fill('a draft I have not sent');

  await ctx.setOffline(false);
  await expect.poll(() => page.locator('[data-testid="heed-message"][data-pending="true"]').count(), { timeout: 15_000 }).toBe(0);
  const id = await conversationId(page);
  const stored = (await h.s.store.getMessages(id)).filter((m) => m.from === 'visitor').map((m) => m.text);
  expect(stored).toEqual(['What are your opening hours?', 'How long does shipping take?']);
  expect(await page.getByTestId('heed-input').inputValue()).toBe('a draft I have not sent');

  // A navigation (reload) keeps the conversation open, its messages and the draft.
  await page.reload();
  await page.getByTestId('heed-input').waitFor({ timeout: 10_000 });
  await expect.poll(() => messages(page, 'visitor').count()).toBe(2);
  expect(await page.getByTestId('heed-input').inputValue()).toBe('a draft I have not sent');
  expect((await h.s.store.getMessages(id)).filter((m) => m.from === 'visitor')).toHaveLength(2);
  await ctx.close();
}, 60_000);

it('two tabs show the same conversation live; queue, agent name, typing, links, unread across tabs and pages, rating', async () => {
  const ag = await h.s.agent('Ana');
  const agent: WsClient = await ag.connect();
  await agent.waitFor((f) => f.type === 'ready');

  const { ctx, page: one } = await visitor(h);
  await one.goto(h.url({}));
  await openChat(one);
  const two = await ctx.newPage();
  await two.goto(h.url({}, '/other-page'));
  await openChat(two);

  await send(one, 'Hello from tab one');
  await messages(two, 'visitor').filter({ hasText: 'Hello from tab one' }).waitFor({ timeout: 10_000 });
  await messages(two, 'bot').first().waitFor({ timeout: 10_000 });
  await two.getByTestId('heed-handoff').click();
  // Queue position and wait, in both tabs (other tests' visitors may be queued too).
  await waitText(stateLine(one), /You are #\d+ in the queue, about \d+ min/);
  await waitText(stateLine(two), /You are #\d+ in the queue, about \d+ min/);

  const id = await conversationId(one);
  agent.send({ type: 'claim', conversationId: id });
  await waitText(stateLine(one), /Chatting with Ana/);
  await waitText(stateLine(two), /Chatting with Ana/);
  agent.send({ type: 'typing', conversationId: id, on: true });
  await waitText(one.getByTestId('heed-typing'), /Ana is typing/);
  agent.send({ type: 'send', conversationId: id, clientId: crypto.randomUUID(), text: 'Track it at https://shop.example/track?id=7 <b>now</b>' });
  for (const p of [one, two]) {
    const m = messages(p, 'agent').first();
    await m.waitFor({ timeout: 10_000 });
    expect(await m.locator('.au').textContent()).toBe('Ana');
    const link = m.locator('a');
    expect(await link.getAttribute('href')).toBe('https://shop.example/track?id=7');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await m.locator('b').count()).toBe(0); // markup in a message is text
    expect(await m.locator('.tx').textContent()).toContain('<b>now</b>');
  }
  await messages(one, 'agent').first().waitFor();
  expect(await one.getByTestId('heed-typing').count()).toBe(0);

  // Both tabs closed: a new reply raises the badge in both.
  await one.keyboard.press('Escape');
  await two.getByTestId('heed-close').click();
  agent.send({ type: 'send', conversationId: id, clientId: crypto.randomUUID(), text: 'Anything else?' });
  await expect.poll(() => badge(one), { timeout: 10_000 }).toBe('1');
  await expect.poll(() => badge(two), { timeout: 10_000 }).toBe('1');
  expect(await launcher(two).getAttribute('aria-label')).toBe('Open chat (1)');

  // A navigation keeps the unread state (shown before the app has even loaded).
  await two.goto(h.url({}, '/checkout'));
  await launcher(two).waitFor();
  expect(await badge(two)).toBe('1');
  // Reading it in tab one clears tab two's badge.
  await launcher(one).click();
  await messages(one, 'agent').filter({ hasText: 'Anything else?' }).waitFor();
  await expect.poll(() => badge(one)).toBe('');
  await expect.poll(() => badge(two), { timeout: 10_000 }).toBe('');

  // The agent closes: the visitor rates the chat 1–5 with a comment.
  agent.send({ type: 'close', conversationId: id });
  const rating = one.getByTestId('heed-rating');
  await rating.waitFor({ timeout: 10_000 });
  await rating.getByLabel('4 of 5').check();
  await rating.locator('textarea').fill('Quick and kind');
  await one.getByTestId('heed-rate-send').click();
  await one.getByTestId('heed-rated').waitFor();
  await expect.poll(async () => (await h.s.store.getConversation(id))?.rating).toEqual({ score: 4, comment: 'Quick and kind' });
  await ctx.close();
}, 90_000);

it('settings and API: greeting after its delay, load on idle, setLocale, on(), shutdown clears what is stored', async () => {
  const { ctx, page } = await visitor(h);
  const appLoads: string[] = [];
  page.on('request', (r) => /widget-app\.js/.test(r.url()) && appLoads.push(r.url()));
  await page.goto(h.url({ data: { greeting: 'Need a hand with sizes?', 'greeting-delay': '1', load: 'idle' } }));
  // Load on idle: the app arrives without any click.
  await expect.poll(() => appLoads.length, { timeout: 10_000 }).toBe(1);
  const greeting = page.getByTestId('heed-greeting');
  await greeting.waitFor({ timeout: 10_000 });
  expect(await greeting.getAttribute('role')).toBe('status');
  expect(await greeting.locator('.gx').getAttribute('aria-label')).toBe('Dismiss');
  await page.evaluate(() => {
    const w = window as unknown as { Heed: (...a: unknown[]) => void; seen: string[] };
    w.seen = [];
    w.Heed('on', 'open', () => w.seen.push('open'));
    w.Heed('on', 'close', () => w.seen.push('close'));
  });
  await greeting.locator('button').first().click(); // the greeting opens the chat
  await page.getByTestId('heed-input').waitFor();
  expect(await greeting.count()).toBe(0);
  await waitText(stateLine(page), /^Bot$/);

  await page.evaluate(() => (window as unknown as { Heed: (...a: unknown[]) => void }).Heed('setLocale', 'fr'));
  await waitText(page.getByTestId('heed-send'), /^Envoyer$/);
  expect(await launcher(page).getAttribute('aria-label')).toBe('Fermer le chat');
  await waitText(stateLine(page), /^Bot$/); // reconnected with hello.locale
  const id = await conversationId(page);
  const conv = await h.s.store.getConversation(id);
  await expect.poll(async () => (await h.s.store.getVisitor(conv!.visitorId))?.locale, { timeout: 10_000 }).toBe('fr');

  await page.evaluate(() => (window as unknown as { Heed: (...a: unknown[]) => void }).Heed('close'));
  expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['open', 'close']);
  await page.evaluate(() => (window as unknown as { Heed: (...a: unknown[]) => void }).Heed('shutdown'));
  const left = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('heed:demo:')));
  expect(left).toEqual([]);
  // The next open is a new visitor with a new conversation.
  await launcher(page).click();
  await waitText(stateLine(page), /^Bot$/);
  await expect.poll(() => conversationId(page)).not.toBe(id);
  await ctx.close();
}, 60_000);
