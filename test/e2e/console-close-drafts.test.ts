// The console's "Close chat" asks first (an accessible modal, keyboard and axe checked), and
// an unsent reply survives a page reload until it is sent or the chat is closed. Real server,
// real Chromium, the agent's own clicks and keys.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { SHOTS, claimInConsole, consoleE2E, openConsole, queuedChat } from '../helpers/console-page';

const e2e = consoleE2E();

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? null);
const shownState = (page: Page) => page.getByTestId('conversation-state').getAttribute('data-state');

it('asks before closing: Escape and "Keep it open" leave the chat open, confirming closes it, all by keyboard', async () => {
  const { s, browser } = e2e;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openConsole(s, page);
  const { v, id } = await queuedChat(s, 'My parcel never arrived, order HD-1234');
  await claimInConsole(s, page, id);

  // Clicking Close only asks.
  await page.getByTestId('close-chat').click();
  const dialog = page.getByRole('alertdialog', { name: 'Close this chat?' });
  await dialog.waitFor();
  expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
  expect(await dialog.getAttribute('aria-describedby')).toBeTruthy();
  expect(await dialog.textContent()).toContain("can't be reopened");
  // Focus starts on the safe choice.
  expect(await focusedTestId(page)).toBe('close-cancel');
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-close-confirm.png') });
  expect((await s.store.getConversation(id))?.state).toBe('agent');

  // Escape cancels and puts focus back on Close.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await focusedTestId(page)).toBe('close-chat');
  expect(await shownState(page)).toBe('agent');
  expect((await s.store.getConversation(id))?.state).toBe('agent');

  // "Keep it open", by keyboard from the Close button: Enter opens, Enter on the focused cancel closes.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  expect(await focusedTestId(page)).toBe('close-cancel');
  // Opened from the keyboard, the focused "Keep it open" shows its focus ring.
  await page.screenshot({ path: join(SHOTS, 'console-close-confirm-keyboard.png') });
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  expect(await focusedTestId(page)).toBe('close-chat');
  expect((await s.store.getConversation(id))?.state).toBe('agent');

  // The page behind the open dialog is inert: the reply box cannot be reached.
  await page.keyboard.press('Space');
  await dialog.waitFor();
  expect(await page.getByTestId('reply-input').evaluate((el) => ((el as HTMLElement).focus(), document.activeElement === el))).toBe(false);
  expect(await focusedTestId(page)).toBe('close-cancel');
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).toBe('close-confirm-button');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedTestId(page)).toBe('close-cancel');

  // Confirming, still by keyboard, closes the chat as before.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(async () => (await s.store.getConversation(id))?.state, { timeout: 10_000 }).toBe('closed');
  await v.waitFor((f) => f.type === 'state' && f.state === 'closed');
  await expect.poll(() => shownState(page)).toBe('closed');
  expect(await page.getByTestId('close-chat').count()).toBe(0);
  // Focus went somewhere that still exists: the conversation region.
  expect(await focusedTestId(page)).toBe('main');
  expect(await axe(page)).toEqual([]);
}, 90_000);

it('keeps an unsent reply per conversation across reloads until it is sent or the chat is closed', async () => {
  const { s, browser } = e2e;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await openConsole(s, page);
  const one = await queuedChat(s, 'Where is my refund?');
  await claimInConsole(s, page, one.id);
  const two = await queuedChat(s, 'Can I change my address?');
  await claimInConsole(s, page, two.id);

  const draftOne = 'Let me look that up <b>now</b> & get back';
  const draftTwo = 'Sure, which order is it?';
  const input = page.getByTestId('reply-input');
  const select = (id: string) => page.locator(`[data-testid="my-chat"][data-conversation-id="${id}"] button`).click();

  await select(one.id);
  await input.focus();
  await page.keyboard.type(draftOne);
  await select(two.id);
  await expect.poll(() => input.inputValue()).toBe('');
  await input.focus();
  await page.keyboard.type(draftTwo);

  await page.reload();
  await openConsole(s, page);
  await select(one.id);
  await expect.poll(() => input.inputValue()).toBe(draftOne);
  // Shown as text in the textarea, never as markup.
  expect(await page.locator('main b').count()).toBe(0);
  await select(two.id);
  await expect.poll(() => input.inputValue()).toBe(draftTwo);
  await page.screenshot({ path: join(SHOTS, 'console-draft-restored.png') });

  // Sending the first draft removes it: gone after another reload.
  await select(one.id);
  await expect.poll(() => input.inputValue()).toBe(draftOne);
  await input.press('Enter');
  await one.v.waitFor((f) => f.type === 'message' && (f as unknown as { message: { text: string } }).message.text === draftOne);
  await page.reload();
  await openConsole(s, page);
  await select(one.id);
  await page.locator('[data-testid="transcript-message"][data-from="agent"]', { hasText: 'Let me look that up' }).waitFor();
  expect(await input.inputValue()).toBe('');
  await select(two.id);
  await expect.poll(() => input.inputValue()).toBe(draftTwo);

  // Closing the second chat removes its draft from storage too.
  const stored = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('heed.console.draft')));
  expect(await stored()).toHaveLength(1);
  await page.getByTestId('close-chat').click();
  await page.getByTestId('close-confirm-button').click();
  await expect.poll(() => shownState(page), { timeout: 10_000 }).toBe('closed');
  expect(await stored()).toEqual([]);

  // Signing out on purpose leaves no unsent text behind.
  await select(one.id);
  await input.focus();
  await page.keyboard.type('half a thought');
  expect(await stored()).toHaveLength(1);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByTestId('login-email').waitFor();
  expect(await stored()).toEqual([]);
}, 120_000);
