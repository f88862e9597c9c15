// P9 and P10: why and when a chat leaves the bot, and what the visitor sees while waiting.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS } from '../../server/config';
import { startServer, type TestServer } from '../helpers/server';
import { TEXTS } from '../../server/chat/texts';
import { DECLINED_REPLY, PERSON_OFFER } from '../../server/bot/engine';
import type { WsClient } from '../helpers/ws-client';

let s: TestServer;
afterEach(async () => s?.close());

async function queuedVisitor(v: WsClient) {
  return v.waitFor((f) => f.type === 'state' && (f.state === 'queued' || f.state === 'offline'), { what: 'queued/offline state' });
}

describe('P9 escalation reasons', () => {
  it('[P9] one mildly negative message does not escalate', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('my parcel hasn\'t arrived yet, can you check?');
    await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
    expect((await s.store.getConversation(welcome.conversationId))!.state).toBe('bot');
  });

  it('[P9] sentiment: a plainly angry visitor is escalated by the third message, reason stored', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    // Anger that builds: the bot answers the first message (the handover model reads it as grumbling).
    const angry = [
      'This is ridiculous, where is my order',
      'I have been waiting for two weeks, this is unacceptable',
      'WORST SERVICE EVER. You are useless.',
    ];
    let escalatedAt = -1;
    for (const [i, text] of angry.entries()) {
      await v.say(text);
      const conv = await s.store.getConversation(welcome.conversationId);
      if (conv!.state === 'queued') {
        escalatedAt = i + 1;
        break;
      }
    }
    expect(escalatedAt).toBeGreaterThanOrEqual(2);
    expect(escalatedAt).toBeLessThanOrEqual(3);
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.reason).toBe('sentiment');
    expect(conv.sentiment.length).toBe(escalatedAt);
    expect(conv.sentiment.at(-1)!.running).toBeLessThan(0);
    await queuedVisitor(v);
  });

  it('[P9] sentiment: one hostile message (an insult) goes to a person at once, with no bot reply', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('you useless idiots sent me the wrong sofa');
    await queuedVisitor(v);
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.reason).toBe('sentiment');
    expect(conv.sentiment.length).toBe(1);
    expect(conv.sentiment[0]!.hostile).toBe('useless'); // what the agent's console shows as the cause
    // No "Sorry, I didn't quite get that" to a furious visitor: the system says a person is coming.
    expect((await s.store.getMessages(welcome.conversationId)).map((m) => [m.from, m.text])).toEqual([
      ['visitor', 'you useless idiots sent me the wrong sofa'],
      ['system', expect.stringMatching(/nobody|person/i)],
    ]);
  });

  it('[P9] fallback: a visitor who says the last answer missed goes to a person, the message marked as a repair', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('Hello, I need to change the delivery address on an order that has already shipped.');
    await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
    await v.say("Sorry, I don't mean my account address, I mean just for this one parcel.");
    await queuedVisitor(v);
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.reason).toBe('fallback');
    // What the agent's console shows as the cause; the answered first message is no repair.
    expect(conv.sentiment.map((p) => p.repair)).toEqual([undefined, true]);
    // Said after the handover: no bot turn, so no repair reading.
    await v.say("Sorry, I don't mean my account address, I mean just for this one parcel.");
    await expect.poll(async () => (await s.store.getConversation(welcome.conversationId))!.sentiment.length).toBe(3);
    expect((await s.store.getConversation(welcome.conversationId))!.sentiment[2]!.repair).toBeUndefined();
  });

  it('[P9] sentiment: an upset visitor whose problem only a person can settle goes to one at once, the message marked', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('your delivery guy was rude to my mum and left the washing machine in the street');
    await queuedVisitor(v);
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.reason).toBe('sentiment');
    expect(conv.sentiment.map((p) => [p.person, p.hostile, p.sarcastic])).toEqual([[true, undefined, undefined]]);
    // No canned answer first: the system says a person is coming.
    expect((await s.store.getMessages(welcome.conversationId)).map((m) => m.from)).toEqual(['visitor', 'system']);
  });

  it('[P9] a question asked twice is answered twice and not marked as a repair', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    for (let i = 1; i <= 2; i++) {
      await v.say('what are your opening hours');
      await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot' && f.message.seq > 2 * i - 1);
    }
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.state).toBe('bot');
    expect(conv.sentiment.map((p) => p.repair)).toEqual([undefined, undefined]);
  });

  it('[P9] requested: a handoff frame, and asking for a person in words', async () => {
    s = await startServer();
    const v1 = await s.visitor();
    const w1 = await v1.hello();
    v1.send({ type: 'handoff' });
    await queuedVisitor(v1);
    expect((await s.store.getConversation(w1.conversationId))!.reason).toBe('requested');

    const v2 = await s.visitor();
    const w2 = await v2.hello();
    await v2.say('can I talk to a real person please');
    await queuedVisitor(v2);
    expect((await s.store.getConversation(w2.conversationId))!.reason).toBe('requested');
  });

  it('[P9] fallback: the bot fails to understand four times in a row (fallbacksBeforeHandoff)', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('blorp fizzwak quantum toaster');
    const first = await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
    expect(first.message.quickReplies?.length ?? 0).toBeGreaterThan(0);
    expect((await s.store.getConversation(welcome.conversationId))!.state).toBe('bot');
    const mark = v.mark();
    await v.say('zxqv wibble plonk');
    await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot', { from: mark });
    expect((await s.store.getConversation(welcome.conversationId))!.state).toBe('bot');
    const third = v.mark();
    await v.say('qqq rrr ssst');
    await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot', { from: third });
    expect((await s.store.getConversation(welcome.conversationId))!.state).toBe('bot');
    await v.say('vvv ttt grommle');
    await queuedVisitor(v);
    expect((await s.store.getConversation(welcome.conversationId))!.reason).toBe('fallback');
  });

  it('[P9] a visitor who declines the person the fallback offered stays with the bot and is told so', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('blorp fizzwak quantum toaster');
    const offer = await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
    expect(offer.message.text).toMatch(/person|someone/i); // the fallback offers one
    const mark = v.mark();
    await v.say("no I don't need to talk to a person, thanks");
    const reply = await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot', { from: mark });
    expect(reply.message.text).toBe(DECLINED_REPLY.en);
    const conversation = (await s.store.getConversation(welcome.conversationId))!;
    expect(conversation.state).toBe('bot');
    expect(conversation.reason).toBeUndefined();
  });

  it('[P9] an unhappy visitor the handover model is not yet sure about is offered a person with the answer, and the button hands over', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('why is there a £4.50 fee per ticket now, that wasnt on the first page');
    const answer = await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
    expect(answer.message.text.endsWith(PERSON_OFFER.en.text)).toBe(true);
    expect(answer.message.quickReplies).toContain(PERSON_OFFER.en.button);
    expect((await s.store.getConversation(welcome.conversationId))!.state).toBe('bot');
    await v.say(PERSON_OFFER.en.button);
    await queuedVisitor(v);
    expect((await s.store.getConversation(welcome.conversationId))!.reason).toBe('requested');
  });

  it('[P9] intent: an intent marked escalate:true hands off with reason "intent"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heed-'));
    const file = join(dir, 'intents.json');
    const base = JSON.parse(readFileSync(DEFAULT_INTENTS, 'utf8'));
    delete base.$schema;
    base.intents.push({
      name: 'legal_threat',
      examples: ['I will contact my lawyer', 'see you in court', 'I am taking legal action', 'my attorney will hear about this'],
      responses: ['I understand. I am passing this to our team right away.'],
      escalate: true,
    });
    writeFileSync(file, JSON.stringify(base));
    s = await startServer({ config: (c) => { c.sites[0].intents = file; } });
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('I will be contacting my lawyer about this');
    await queuedVisitor(v);
    expect((await s.store.getConversation(welcome.conversationId))!.reason).toBe('intent');
    // The intent's own answer is posted, then the system says a person is coming.
    const froms = (await s.store.getMessages(welcome.conversationId)).map((m) => [m.from, m.text]);
    expect(froms).toEqual([
      ['visitor', 'I will be contacting my lawyer about this'],
      ['bot', 'I understand. I am passing this to our team right away.'],
      ['system', expect.stringMatching(/nobody|person/i)],
    ]);
  });
});

describe('P10 queue and offline', () => {
  it('[P10] with no agent online the state is offline, and the email left is stored for follow-up', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    v.send({ type: 'handoff' });
    const st = await queuedVisitor(v);
    expect(st.state).toBe('offline');
    const from = v.mark();
    v.send({ type: 'send', clientId: 'offline-1', text: 'Please call me back about order 1234', contact: { email: 'mia@example.com', name: 'Mia' } });
    await v.waitFor((f) => f.type === 'ack' && f.clientId === 'offline-1', { from });
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.contact).toEqual({ email: 'mia@example.com', name: 'Mia' });
    const texts = (await s.store.getMessages(welcome.conversationId)).map((m) => m.text);
    expect(texts).toContain('Please call me back about order 1234');
  });

  it('[P10] the server\'s own messages come in the visitor\'s language, English when it has none of ours', async () => {
    s = await startServer();
    const systemTexts = async (conversationId: string) =>
      (await s.store.getMessages(conversationId)).filter((m) => m.from === 'system').map((m) => m.text);
    const es = await s.visitor();
    const wEs = await es.hello({ locale: 'es-MX' });
    es.send({ type: 'handoff' });
    await queuedVisitor(es);
    const from = es.mark();
    es.send({ type: 'send', clientId: 'es-1', text: 'llámenme', contact: { email: 'ana@example.com' } });
    await es.waitFor((f) => f.type === 'ack' && f.clientId === 'es-1', { from });
    expect(await systemTexts(wEs.conversationId)).toEqual([TEXTS.es.offline, TEXTS.es.contactSaved.replace('{email}', 'ana@example.com')]);

    const other = await s.visitor();
    const wOther = await other.hello({ locale: 'ja-JP' });
    other.send({ type: 'handoff' });
    await queuedVisitor(other);
    expect(await systemTexts(wOther.conversationId)).toEqual([TEXTS.en.offline]);
  });

  it('[P10] a bad email in the offline form is an error and the message is still stored', async () => {
    s = await startServer();
    const v = await s.visitor();
    const welcome = await v.hello();
    v.send({ type: 'handoff' });
    await queuedVisitor(v);
    v.send({ type: 'send', clientId: 'bad-mail', text: 'call me', contact: { email: 'not-an-email' } });
    const err = await v.waitFor((f) => f.type === 'error' && f.clientId === 'bad-mail');
    expect(err.code).toBe('bad_frame');
    expect((await s.store.getMessages(welcome.conversationId)).map((m) => m.text)).toContain('call me');
  });

  it('[P10] queued visitors get their position and wait, updated as the queue moves', async () => {
    s = await startServer();
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    const v1 = await s.visitor();
    const w1 = await v1.hello();
    v1.send({ type: 'handoff' });
    const v2 = await s.visitor();
    await v2.hello();
    await v1.waitFor((f) => f.type === 'state' && f.state === 'queued' && f.position === 1);
    v2.send({ type: 'handoff' });
    const st2 = await v2.waitFor((f) => f.type === 'state' && f.state === 'queued');
    expect(st2.position).toBe(2);
    expect(st2.waitSeconds).toBeGreaterThan(0);
    const queue = await ac.waitFor((f) => f.type === 'queue' && f.queue.length === 2);
    expect(queue.queue.map((e: { position: number }) => e.position)).toEqual([1, 2]);
    ac.send({ type: 'claim', conversationId: w1.conversationId });
    await v2.waitFor((f) => f.type === 'state' && f.state === 'queued' && f.position === 1);
    const withAgent = await v1.waitFor((f) => f.type === 'state' && f.state === 'agent');
    expect(withAgent.agent).toEqual({ name: 'Ana' });
  });

  it('[P10] a queued visitor switches to offline when the last agent leaves, and back when one comes', async () => {
    s = await startServer();
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    const v = await s.visitor();
    await v.hello();
    v.send({ type: 'handoff' });
    await v.waitFor((f) => f.type === 'state' && f.state === 'queued');
    ac.close();
    await v.waitFor((f) => f.type === 'state' && f.state === 'offline');
    const from = v.mark();
    const ac2 = await a.connect();
    await ac2.waitType('ready');
    await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { from });
  });
});

describe('P10 stale queue entries', () => {
  it('[P10] an entry whose conversation is no longer queued is dropped and does not count in positions', async () => {
    s = await startServer();
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    const v1 = await s.visitor();
    const w1 = await v1.hello();
    v1.send({ type: 'handoff' });
    await v1.waitFor((f) => f.type === 'state' && f.state === 'queued' && f.position === 1);
    // Simulate a process that claimed the chat and died before removing it from the queue.
    await s.store.updateConversation(w1.conversationId, { state: 'agent', agentId: a.agent.id });
    const v2 = await s.visitor();
    await v2.hello();
    v2.send({ type: 'handoff' });
    await v2.waitFor((f) => f.type === 'state' && f.state === 'queued' && f.position === 1);
    expect(await s.store.queue()).toHaveLength(1);
  });
});
