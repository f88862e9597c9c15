// "Return to queue" in the console: asks first (the same accessible modal as Close), then
// sends `transfer` without `agentId`; the chat leaves My chats, is back in every agent's
// queue, the visitor hears they are being transferred, and another agent can claim it.
// A refusal from the server is shown. Real server, real Chromium, the agent's own clicks and keys.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { SHOTS, claimInConsole, consoleE2E, openConsole, queuedChat } from '../helpers/console-page';

const e2e = consoleE2E();

const queueItem = (page: Page, id: string) => page.locator(`[data-testid="queue-item"][data-conversation-id="${id}"]`);
const myChat = (page: Page, id: string) => page.locator(`[data-testid="my-chat"][data-conversation-id="${id}"]`);
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);
const shownState = (page: Page) => page.getByTestId('conversation-state').getAttribute('data-state');
const stored = async (id: string) => {
  const c = await e2e.s.store.getConversation(id);
  return { state: c?.state, agentId: c?.agentId };
};

it('asks before returning a chat to the queue; cancelling keeps it, confirming requeues it for every agent', async () => {
  const { s, browser, anaId } = e2e;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openConsole(s, page);
  const bo = await s.agent('Bo');
  const boWs = await bo.connect();
  await boWs.waitType('ready');

  const { v, id } = await queuedChat(s, 'I was charged twice for order HD-5521');
  await claimInConsole(s, page, id);
  await page.getByTestId('requeue-chat').waitFor();
  expect(await stored(id)).toEqual({ state: 'agent', agentId: anaId });

  // Clicking Return to queue only asks.
  await page.getByTestId('requeue-chat').click();
  const dialog = page.getByRole('alertdialog', { name: 'Return this chat to the queue?' });
  await dialog.waitFor();
  expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
  const describedBy = await dialog.getAttribute('aria-describedby');
  expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('goes back to the queue');
  expect(await focusedTestId(page)).toBe('requeue-cancel');
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-requeue-confirm.png') });

  // Cancel with the mouse: still hers, on screen and in the store; focus back on the button.
  await page.getByTestId('requeue-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  expect(await focusedTestId(page)).toBe('requeue-chat');
  expect(await shownState(page)).toBe('agent');
  expect(await myChat(page, id).count()).toBe(1);
  expect(await stored(id)).toEqual({ state: 'agent', agentId: anaId });

  // Escape cancels too.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await focusedTestId(page)).toBe('requeue-chat');
  expect(await stored(id)).toEqual({ state: 'agent', agentId: anaId });
  // Nothing was sent to the visitor while the agent made up their mind.
  expect(v.all('message').some((f) => f.message.from === 'system' && /transferred/.test(f.message.text))).toBe(false);

  // A half-written reply: kept while the chat waits in the queue (Ana may claim it back), dropped
  // once a colleague holds it.
  const drafts = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('heed.console.draft')));
  await page.getByTestId('reply-input').fill('Let me look at the second charge');
  await expect.poll(drafts).toHaveLength(1);
  await page.getByTestId('requeue-chat').focus();

  // Confirm by keyboard: Enter opens, Tab to the confirm button, Enter.
  const boMark = boWs.mark();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).toBe('requeue-confirm-button');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });

  await expect.poll(() => stored(id), { timeout: 10_000 }).toEqual({ state: 'queued', agentId: undefined });
  // The visitor gets the server's requeued message and the queued state.
  await v.waitFor((f) => f.type === 'message' && f.message.from === 'system' && f.message.text === 'You are being transferred to another person.');
  await v.waitFor((f) => f.type === 'state' && f.state === 'queued');
  // Ana's console: out of My chats, back in the queue, shown as waiting and claimable.
  await expect.poll(() => myChat(page, id).count(), { timeout: 10_000 }).toBe(0);
  await queueItem(page, id).waitFor({ timeout: 10_000 });
  await expect.poll(() => shownState(page)).toBe('queued');
  expect(await page.getByTestId('requeue-chat').count()).toBe(0);
  await page.getByTestId('conversation-claim').waitFor();
  expect(await focusedTestId(page)).toBe('main');
  await page.locator('[data-testid="transcript-message"]', { hasText: 'You are being transferred to another person.' }).waitFor();
  expect(await page.getByTestId('notice').count()).toBe(0);
  // Every agent's queue has it: Bo's too.
  await boWs.waitFor((f) => f.type === 'queue' && f.queue.some((q: { conversationId: string }) => q.conversationId === id), { from: boMark });
  expect(await drafts()).toHaveLength(1);

  // Bo can claim it.
  const claimMark = boWs.mark();
  boWs.send({ type: 'claim', conversationId: id });
  await boWs.waitFor((f) => f.type === 'conversation' && f.conversation.id === id, { from: claimMark });
  expect(await stored(id)).toEqual({ state: 'agent', agentId: bo.agent.id });
  await expect.poll(() => queueItem(page, id).count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => shownState(page)).toBe('agent');
  expect(await page.getByTestId('conversation-state').textContent()).toBe('With Bo');
  expect(await myChat(page, id).count()).toBe(0);
  await expect.poll(drafts).toEqual([]);
  expect(await axe(page)).toEqual([]);
}, 90_000);

it("shows the server's refusal when the chat is no longer the agent's, and keeps the button usable", async () => {
  const { s, browser } = e2e;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openConsole(s, page);
  const { id } = await queuedChat(s, 'Where is my parcel?');
  await claimInConsole(s, page, id);
  await page.getByTestId('requeue-chat').waitFor();

  // Another process hands the chat to Cy and has not told this console yet.
  const cy = await s.agent('Cy');
  await s.store.updateConversation(id, { agentId: cy.agent.id });

  await page.getByTestId('requeue-chat').click();
  await page.getByTestId('requeue-confirm-button').click();
  const notice = page.locator('[data-testid="notice"][data-code="forbidden"]');
  await notice.waitFor({ timeout: 10_000 });
  expect(await notice.textContent()).toContain("Couldn't return the chat to the queue: it's no longer yours.");
  expect(await stored(id)).toEqual({ state: 'agent', agentId: cy.agent.id });
  // No longer waiting on the server: the button is usable again.
  expect(await page.getByTestId('requeue-chat').isEnabled()).toBe(true);
  expect(await page.getByTestId('requeue-chat').textContent()).toBe('Return to queue');
  expect(await axe(page)).toEqual([]);
}, 60_000);
