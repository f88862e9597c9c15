// The agent console as a person uses it: keyboard only, screen-reader names, axe-core clean.
import { expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { consoleE2E } from '../helpers/console-page';

const e2e = consoleE2E();

it('logs in by keyboard alone, shows a clear error first, and is axe-clean before and after', async () => {
  const { s, browser } = e2e;
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${s.http}/console`);
  await page.getByTestId('login-email').waitFor();
  expect(await axe(page)).toEqual([]);

  // Keyboard only: focus the email field by tabbing, type, tab to the password, Enter submits.
  for (let i = 0; i < 5 && !(await page.getByTestId('login-email').evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  expect(await page.getByTestId('login-email').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type('ana@shop.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong password');
  await page.keyboard.press('Enter');
  const error = page.getByTestId('login-error');
  await error.waitFor();
  // Announced: the message is inserted into a role=alert region that was already on the page.
  expect(await error.evaluate((el) => el.closest('[role="alert"]') !== null)).toBe(true);
  expect(await error.textContent()).toMatch(/wrong|incorrect|email|password/i);

  await page.getByTestId('login-password').fill('');
  await page.getByTestId('login-password').focus();
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await expect.poll(() => s.store.onlineAgents(), { timeout: 10_000 }).toHaveLength(1);

  // A chat arrives in the queue; it is announced and claimable from the keyboard.
  const v = await s.visitor();
  const w = await v.hello();
  v.send({ type: 'handoff' });
  const item = page.getByTestId('queue-item').first();
  await item.waitFor({ timeout: 10_000 });
  expect(await page.locator('[aria-live]').count()).toBeGreaterThan(0);
  const claim = page.getByTestId('claim-button').first();
  await claim.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('transcript').waitFor();
  await expect.poll(async () => (await s.store.getConversation(w.conversationId))?.state).toBe('agent');
  await page.getByTestId('reply-input').focus();
  await page.keyboard.type('Hello from the keyboard');
  await page.keyboard.press('Enter');
  await v.waitFor((f) => f.type === 'message' && f.message.text === 'Hello from the keyboard');
  expect(await axe(page)).toEqual([]);
}, 90_000);
