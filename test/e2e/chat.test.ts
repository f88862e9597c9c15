// End to end in headless Chromium: a visitor on the demo page chats with the bot, grows angry,
// is queued; an agent in a second browser context logs in, claims the chat and replies.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

const SHOTS = join(process.cwd(), 'test-results', 'e2e');
let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await startServer();
  s.config.sites[0].origins.push(`http://127.0.0.1:${s.port}`);
  await s.app.heed.auth.ensureAgent('ana@shop.example', 'correct horse battery', 'Ana');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it('visitor asks, gets the bot\'s answer, grows angry and is queued; the agent claims and replies', async () => {
  // The agent logs in first, so the visitor is queued rather than offered the offline form.
  const agentCtx = await browser.newContext();
  const agent = await agentCtx.newPage();
  await agent.goto(`${s.http}/console`);
  await agent.getByTestId('login-email').fill('ana@shop.example');
  await agent.getByTestId('login-password').fill('correct horse battery');
  await agent.getByTestId('login-submit').click();
  await expect.poll(() => s.store.onlineAgents(), { timeout: 10_000 }).toHaveLength(1);

  const visitorCtx = await browser.newContext();
  const visitor = await visitorCtx.newPage();
  await visitor.goto(`${s.http}/`);
  await visitor.getByTestId('heed-launcher').click();
  const input = visitor.getByTestId('heed-input');
  await input.waitFor();
  await input.fill('What are your opening hours?');
  await input.press('Enter');
  const botMessages = visitor.locator('[data-testid="heed-message"][data-from="bot"]');
  await botMessages.first().waitFor({ timeout: 10_000 });
  await expect.poll(async () => (await botMessages.first().textContent()) ?? '').toMatch(/open|hour|Monday|9/i);
  await visitor.screenshot({ path: join(SHOTS, '1-visitor-bot-answer.png') });

  for (const text of ['This is ridiculous, where is my order??', 'I have been waiting for two weeks, this is unacceptable!!', 'WORST SERVICE EVER. You are useless.']) {
    if ((await s.store.queue()).length) break;
    await input.fill(text);
    await input.press('Enter');
    await visitor.locator('[data-testid="heed-message"][data-from="visitor"]', { hasText: text }).waitFor();
    await expect.poll(async () => visitor.locator('[data-testid="heed-message"][data-pending="true"]').count()).toBe(0);
  }
  await expect.poll(() => s.store.queue(), { timeout: 10_000 }).toHaveLength(1);
  const state = visitor.getByTestId('heed-state');
  await expect.poll(async () => (await state.textContent()) ?? '', { timeout: 10_000 }).toMatch(/queue|#1|person/i);
  await visitor.screenshot({ path: join(SHOTS, '2-visitor-queued.png') });

  const item = agent.getByTestId('queue-item').first();
  await item.waitFor({ timeout: 10_000 });
  await agent.screenshot({ path: join(SHOTS, '3-console-queue.png') });
  await agent.getByTestId('claim-button').first().click();
  await agent.getByTestId('transcript').waitFor();
  await expect.poll(async () => (await agent.getByTestId('escalation-reason').textContent()) ?? '').toMatch(/sentiment|frustrat|upset|negative/i);
  await expect.poll(async () => agent.locator('[data-testid="transcript-message"][data-from="bot"]').count()).toBeGreaterThan(0);
  await agent.getByTestId('sentiment-trail').waitFor();
  await agent.getByTestId('reply-input').fill('Hi, I am Ana. I am sorry about the wait. Let me look at your order now.');
  await agent.getByTestId('reply-send').click();

  const agentMessage = visitor.locator('[data-testid="heed-message"][data-from="agent"]');
  await agentMessage.first().waitFor({ timeout: 10_000 });
  expect(await agentMessage.first().textContent()).toContain('Let me look at your order now.');
  await expect.poll(async () => (await state.textContent()) ?? '').toMatch(/Ana/);
  // The visitor has the panel open, so the agent sees the reply marked as seen.
  await agent.getByTestId('seen-mark').waitFor({ timeout: 10_000 });
  await visitor.screenshot({ path: join(SHOTS, '4-visitor-agent-reply.png') });

  // The agent sees the visitor typing.
  await input.fill('ok, order HD-1234');
  await agent.getByTestId('visitor-typing').waitFor({ timeout: 10_000 });
  await input.press('Enter');
  await agent.locator('[data-testid="transcript-message"][data-from="visitor"]', { hasText: 'order HD-1234' }).waitFor();
  await agent.screenshot({ path: join(SHOTS, '5-console-chat.png') });

  // A reload keeps the conversation: the token lives in localStorage.
  const before = await visitor.locator('[data-testid="heed-message"]').count();
  await visitor.reload();
  await visitor.locator('[data-testid="heed-message"][data-from="agent"]').first().waitFor({ timeout: 10_000 });
  await expect.poll(async () => visitor.locator('[data-testid="heed-message"]').count()).toBeGreaterThanOrEqual(before);

  // The agent closes the chat; the visitor is told.
  await agent.getByTestId('close-chat').click();
  await agent.getByTestId('close-confirm-button').click(); // closing asks first
  await expect.poll(async () => (await visitor.getByTestId('heed-state').textContent()) ?? '', { timeout: 10_000 }).toMatch(/closed|ended/i);
  await visitor.screenshot({ path: join(SHOTS, '6-visitor-closed.png') });
}, 120_000);

it('an unhappy visitor is offered a person with the answer, reaches the button from the keyboard and is queued', async () => {
  const ctx = await browser.newContext();
  const visitor = await ctx.newPage();
  await visitor.goto(`${s.http}/`);
  await visitor.getByTestId('heed-launcher').click();
  const input = visitor.getByTestId('heed-input');
  await input.waitFor();
  await input.fill('why is there a £4.50 fee per ticket now, that wasnt on the first page');
  await input.press('Enter');
  const bot = visitor.locator('[data-testid="heed-message"][data-from="bot"]', { hasText: "If that doesn't sort it out, I can bring in a person." });
  await bot.waitFor({ timeout: 10_000 });
  const button = visitor.getByTestId('heed-quick-reply').filter({ hasText: 'Talk to a person' });
  await button.waitFor();
  await visitor.screenshot({ path: join(SHOTS, '7-visitor-offered-a-person.png') });
  // Keyboard only: focus the button and press Enter.
  await button.focus();
  await visitor.keyboard.press('Enter');
  await expect.poll(async () => (await visitor.getByTestId('heed-state').textContent()) ?? '', { timeout: 10_000 }).toMatch(/queue|#\d|person/i);
  // Queued as a request for a person (the first test's chat was closed, so this is the only one).
  await expect.poll(() => s.store.queue(), { timeout: 10_000 }).toHaveLength(1);
  const [queued] = await s.store.queue();
  expect((await s.store.getConversation(queued!))!.reason).toBe('requested');
  await visitor.screenshot({ path: join(SHOTS, '8-visitor-asked-for-a-person.png') });
  await ctx.close();
}, 60_000);
