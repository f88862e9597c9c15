// [P9] Why a chat reached a person, as the agent sees it: one hostile message, or one plainly
// sarcastic, escalates at once with reason `sentiment`, and the console names the words or the
// sarcasm next to the reason, so the agent knows before reading the transcript; a visitor saying
// the bot's answer missed hands over as `fallback`, and the console says that; so does one upset
// about something only a person can settle. Real server, real Chromium.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { SHOTS, claimInConsole, consoleE2E, openConsole } from '../helpers/console-page';

const e2e = consoleE2E();

it('[P9] shows the hostile words, the sarcasm, the missed answer or the problem only a person can settle that sent the chat to a person, and only for that', async () => {
  const { s, browser } = e2e;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await openConsole(s, page);
  /** A visitor says `text` (then asks for a person if `handoff`); the chat is queued and Ana claims it. */
  const queuedAndClaimed = async (text: string | string[], handoff = false) => {
    const v = await s.visitor();
    const w = await v.hello();
    const id = (w as unknown as { conversationId: string }).conversationId;
    for (const line of [text].flat()) await v.say(line);
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
  await queuedAndClaimed("love that my 'express' parcel is now on day 9. amazing service as always 👏");
  await expect.poll(async () => reason.getAttribute('data-reason')).toBe('sentiment');
  expect(await page.getByTestId('escalation-cue').textContent()).toBe('The bot read a message as sarcasm.');
  const trail = page.getByTestId('sentiment-trail');
  // One message, in the singular.
  expect(await trail.getByText(/^Sentiment over 1 message: started -0\.80, now -0\.80, lowest -0\.80\.$/).count()).toBe(1);
  await trail.getByText('Per-message scores').click();
  await expect.poll(async () => trail.getByRole('listitem').first().textContent()).toMatch(/^Message 1: -0\.8\d* \(running -0\.8\d*\) \(read as sarcasm\)$/);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-sarcasm-cue.png') });

  // The bot answers the question it heard; the visitor says that missed, and gets a person at once.
  await queuedAndClaimed([
    'Hello, I need to change the delivery address on an order that has already shipped.',
    "Sorry, I don't mean my account address, I mean just for this one parcel.",
  ]);
  await expect.poll(async () => reason.getAttribute('data-reason')).toBe('fallback');
  await expect.poll(async () => reason.textContent()).toBe(
    "Escalated because the bot couldn't help: it didn't understand the visitor, or was told its answer missed. The visitor said the bot's answer missed.",
  );
  expect(await page.getByTestId('escalation-cue').isVisible()).toBe(true);
  // The list may still be open from the chat before (the same element, a new conversation in it).
  if (!(await trail.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await trail.getByText('Per-message scores').click();
  const rows = trail.getByRole('listitem');
  await expect.poll(async () => rows.count()).toBe(2);
  expect(await rows.first().textContent()).not.toContain('(said the answer missed)');
  expect(await rows.nth(1).textContent()).toMatch(/^Message 3: -\d\.\d\d \(running -?\d\.\d\d\) \(said the answer missed\)$/);
  expect(await rows.nth(1).isVisible()).toBe(true);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-repair-cue.png') });

  // Upset about something only staff can settle: a person at once, and the console says why.
  await queuedAndClaimed('your delivery guy was rude to my mum and left the washing machine in the street');
  await expect.poll(async () => reason.textContent()).toBe(
    'Escalated because the visitor seemed upset. The bot read it as a problem only a person from the shop can settle.',
  );
  if (!(await trail.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await trail.getByText('Per-message scores').click();
  await expect.poll(async () => rows.count()).toBe(1);
  expect(await rows.first().textContent()).toMatch(/^Message 1: -\d\.\d\d \(running -\d\.\d\d\) \(needs a person\)$/);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'console-person-cue.png') });
  await page.close();
}, 60_000);
