// Shared steps of the console's e2e tests: a server and a browser for the file, sign in through
// the login form, make a queued chat, claim it from the queue list.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type TestServer } from './server';
import type { WsClient } from './ws-client';

/** Where the e2e tests write their screenshots. */
export const SHOTS = join(process.cwd(), 'test-results', 'e2e');

/**
 * A real server with the agent Ana (ana@shop.example) and a Chromium, started before the file's
 * tests and closed after them. Read the fields inside the tests, once they are set.
 */
export function consoleE2E(): { readonly s: TestServer; readonly browser: Browser; readonly anaId: string } {
  const ctx = {} as { s: TestServer; browser: Browser; anaId: string };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ctx.s = await startServer();
    ctx.anaId = (await ctx.s.app.heed.auth.ensureAgent('ana@shop.example', 'correct horse battery', 'Ana')).id;
    ctx.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.s?.close();
  });
  return ctx;
}

/** Opens the console and signs in with the form, unless the session cookie already does it. */
export async function openConsole(s: TestServer, page: Page, email = 'ana@shop.example', password = 'correct horse battery'): Promise<void> {
  if (!page.url().endsWith('/console')) await page.goto(`${s.http}/console`);
  const emailField = page.getByTestId('login-email');
  const status = page.locator('[data-testid="connection-status"][data-status="open"]');
  await Promise.race([emailField.waitFor({ timeout: 10_000 }), status.waitFor({ timeout: 10_000 })]);
  if (await emailField.isVisible()) {
    await emailField.fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }
  await status.waitFor({ timeout: 10_000 });
}

/** A visitor who says something and asks for a person: a queued chat. */
export async function queuedChat(s: TestServer, text: string): Promise<{ v: WsClient; id: string }> {
  const v = await s.visitor();
  const w = await v.hello();
  const id = (w as unknown as { conversationId: string }).conversationId;
  await v.say(text);
  v.send({ type: 'handoff' });
  await expect.poll(async () => (await s.store.getConversation(id))?.state, { timeout: 10_000 }).toBe('queued');
  return { v, id };
}

/** Clicks Claim on the chat's queue entry and waits until the server and the page show it held. */
export async function claimInConsole(s: TestServer, page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid="queue-item"][data-conversation-id="${id}"] [data-testid="claim-button"]`).click({ timeout: 10_000 });
  await expect.poll(async () => (await s.store.getConversation(id))?.state, { timeout: 10_000 }).toBe('agent');
  await page.getByTestId('close-chat').waitFor();
}
