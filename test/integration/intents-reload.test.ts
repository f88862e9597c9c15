// Hot reload: the server watches the intents file; a valid edit answers the next message of an
// open chat, an invalid edit is logged with every problem and the old intents keep serving.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SiteBots } from '../../server/chat/bots';
import { defaultConfig } from '../../server/config';
import type { IntentsFile } from '../../server/bot/types';
import { startServer, type TestServer } from '../helpers/server';
import type { WsClient } from '../helpers/ws-client';

const intents = (hoursAnswer: string, extra: object[] = []): IntentsFile => ({
  language: 'en',
  intents: [
    { name: 'hours', examples: ['when are you open', 'what are your opening hours', 'are you open on sunday'], responses: [hoursAnswer] },
    { name: 'shipping', examples: ['how long does delivery take', 'when will my parcel arrive', 'shipping times'], responses: ['Two days.'] },
    ...(extra as IntentsFile['intents']),
  ],
});

let dir: string;
let file: string;
let server: TestServer;
let bots: SiteBots;
const logs: string[] = [];
const waitUntil = async (what: string, ok: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log: ${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function botReplyTo(v: WsClient, text: string): Promise<string> {
  const from = v.mark();
  await v.say(text);
  const f = await v.waitFor((x) => x.type === 'message' && x.message.from === 'bot', { from, what: `bot reply to "${text}"` });
  return (f as { message: { text: string } }).message.text;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'heed-intents-'));
  file = join(dir, 'site.json');
  await writeFile(file, JSON.stringify(intents('We open at 9.')));
  logs.length = 0;
  const config = defaultConfig(0);
  config.sites[0]!.intents = file;
  bots = await SiteBots.load(config, {
    watch: true,
    debounceMs: 50,
    logger: { info: (m) => logs.push(`info ${m}`), error: (m) => logs.push(`error ${m}`) },
  });
  server = await startServer({ bots, config: (c) => { c.sites[0]!.intents = file; } });
});

afterEach(async () => {
  bots.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('intents hot reload', () => {
  it('applies a valid edit to the next message of an open chat, without a restart or a new socket', async () => {
    const v = await server.visitor();
    await v.hello();
    expect(await botReplyTo(v, 'what are your opening hours')).toBe('We open at 9.');

    // The watcher debounces by 50 ms here (150 ms by default), so a reload lands well within a
    // second; the wait below allows more only so a busy CI machine does not flap the test.
    await writeFile(file, JSON.stringify(intents('We now open at 8.')));
    await waitUntil('the reload', () => logs.some((l) => l.startsWith('info intents reloaded')));
    expect(await botReplyTo(v, 'what are your opening hours')).toBe('We now open at 8.');
    // Only a response changed: the classifier was kept rather than trained again.
    expect(logs.find((l) => l.startsWith('info intents reloaded'))).toContain('the classifier was kept, not retrained');
  });

  it('trains again when an example changes, and the new example is understood at the next message', async () => {
    const v = await server.visitor();
    await v.hello();
    const fallback = await botReplyTo(v, 'do you gift wrap');
    expect(fallback).not.toBe('Yes, for 2 euros.');
    await writeFile(file, JSON.stringify(intents('We open at 9.', [
      { name: 'gift_wrap', examples: ['do you gift wrap', 'can you wrap it as a present', 'is gift wrapping available'], responses: ['Yes, for 2 euros.'] },
    ])));
    await waitUntil('the reload', () => logs.some((l) => l.startsWith('info intents reloaded')));
    expect(logs.find((l) => l.startsWith('info intents reloaded'))).not.toContain('kept');
    expect(await botReplyTo(v, 'can you gift wrap it')).toBe('Yes, for 2 euros.');
    // A settings edit that the classifier does not read (the handover threshold) keeps it.
    const settingsOnly = { ...intents('We open at 9.', [
      { name: 'gift_wrap', examples: ['do you gift wrap', 'can you wrap it as a present', 'is gift wrapping available'], responses: ['Yes, for 2 euros.'] },
    ]), settings: { handoverThreshold: 0.7 } };
    await writeFile(file, JSON.stringify(settingsOnly));
    await waitUntil('the second reload', () => logs.filter((l) => l.startsWith('info intents reloaded')).length >= 2);
    expect(logs.filter((l) => l.startsWith('info intents reloaded'))[1]).toContain('the classifier was kept');
    expect(bots.get(server.config.sites[0]!.id).settings.handoverThreshold).toBe(0.7);
  });

  it('warns, and still applies the edit, when a quick reply leads nowhere', async () => {
    const v = await server.visitor();
    await v.hello();
    const edit = intents('We open at 10.');
    edit.intents[0]!.quickReplies = ['Shipping times', 'Do you price match?'];
    await writeFile(file, JSON.stringify(edit));
    await waitUntil('the warning', () => logs.some((l) => l.startsWith('info intents warning')));
    const warning = logs.find((l) => l.startsWith('info intents warning'))!;
    expect(warning).toContain(`${file}: 1 quick reply the bot does not understand`);
    expect(warning).toContain('"Do you price match?"');
    expect(warning).not.toContain('"Shipping times"');
    expect(logs.filter((l) => l.startsWith('info intents warning'))).toHaveLength(1); // not at start-up: the first file was fine
    expect(await botReplyTo(v, 'what are your opening hours')).toBe('We open at 10.');
  });

  it('picks up an editor-style save (write a temp file, rename it over the original)', async () => {
    const v = await server.visitor();
    await v.hello();
    const tmp = join(dir, '.site.json.swp');
    await writeFile(tmp, JSON.stringify(intents('Renamed: open at 7.')));
    await rename(tmp, file);
    await waitUntil('the reload', () => logs.some((l) => l.startsWith('info intents reloaded')));
    expect(await botReplyTo(v, 'when are you open')).toBe('Renamed: open at 7.');
  });

  it('keeps the old intents and logs every problem when an edit is invalid', async () => {
    const v = await server.visitor();
    await v.hello();
    const bad = intents('Broken.', [
      { name: 'hours', examples: ['x y'], responses: ['dup'] },
      { name: 'pattern', examples: ['abc'], responses: ['r'], patterns: ['(unclosed'] },
    ]);
    await writeFile(file, JSON.stringify(bad));
    await waitUntil('the error log', () => logs.some((l) => l.startsWith('error')));
    const log = logs.find((l) => l.startsWith('error'))!;
    expect(log).toContain(`${file}:$.intents[2].name: duplicate intent name "hours"`);
    expect(log).toContain(`${file}:$.intents[3].patterns[0]: bad regular expression`);
    expect(await botReplyTo(v, 'what are your opening hours')).toBe('We open at 9.');

    await writeFile(file, '{ "language": "en", "intents": [ ');
    await waitUntil('the JSON error log', () => logs.filter((l) => l.startsWith('error')).length >= 2);
    expect(logs.filter((l) => l.startsWith('error'))[1]).toMatch(/not valid JSON at line 1/);
    expect(await botReplyTo(v, 'when are you open')).toBe('We open at 9.');
  });
});
