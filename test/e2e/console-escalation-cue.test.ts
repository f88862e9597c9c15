// [P9] Why a chat reached a person, as the agent sees it: one hostile message, or one plainly
// sarcastic, escalates at once with reason `sentiment`, and the console names the words or the
// sarcasm next to the reason, so the agent knows before reading the transcript. Real server, real
// Chromium.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { SHOTS, claimInConsole, consoleE2E, openConsole } from '../helpers/console-page';

const e2e = consoleE2E();

it('[P9] shows the hostile words or the sarcasm that sent the chat to a person, and only for that', async () => {
  const { s, browser } = e2e;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openConsole(s, page);
  /** A visitor says `text` (then asks for a person if `handoff`); the chat is queued and Ana claims it. */
  const queuedAndClaimed = async (text: string, handoff = false) => {
    const v = await s.visitor();
    const w = await v.hello();
    const id = (w as unknown as { conversationId: string }).conversationId;
    await v.say(text);
    if (handoff) v.send({ type: 'handoff' });
    await expect.poll(async () => (await s.store.getConversation(id))?.state, { timeout: 10_000 }).toBe('queued');
    await claimInConsole(s, page, id);
  };

  // One insult: queued at once, no bot reply in between.
  await queuedAndClaimed('you useless idiots sent me the wrong sofa');

  const reason = page.getByTestId('escalation-reason');
  await expect.poll(async () => reason.getAttribute('data-reason')).toBe('sentiment');
  expect(await reason.textContent()).toBe('Escalated because the visitor seemed upset. It was the words “useless”.');
  expect(await page.getByTestId('escalation-cue').textContent()).toBe('It was the words “useless”.');
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-escalation-cue.png') });

  // A chat the visitor handed over themselves names no words.
  await queuedAndClaimed('where is my order', true);
  await expect.poll(async () => reason.getAttribute('data-reason')).toBe('requested');
  expect(await page.getByTestId('escalation-cue').count()).toBe(0);

  // Sarcastic praise: its words read as praise, the bot reads a fed-up customer and hands over.
  await queuedAndClaimed("oh brilliant, the parcel is 'out for delivery' for the fifth day running. truly a world-class operation 👏");
  await expect.poll(async () => reason.getAttribute('data-reason')).toBe('sentiment');
  expect(await page.getByTestId('escalation-cue').textContent()).toBe('The bot read a message as sarcasm.');
  const trail = page.getByTestId('sentiment-trail');
  // One message, in the singular.
  expect(await trail.getByText(/^Sentiment over 1 message: started -0\.80, now -0\.80, lowest -0\.80\.$/).count()).toBe(1);
  await trail.getByText('Per-message scores').click();
  await expect.poll(async () => trail.getByRole('listitem').first().textContent()).toMatch(/^Message 1: -0\.8\d* \(running -0\.8\d*\) \(read as sarcasm\)$/);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-sarcasm-cue.png') });
  await page.close();
}, 60_000);
