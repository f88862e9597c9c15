// P4–P8: ordering, idempotency, resume, isolation and the bot's silence after escalation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => s.close());

describe('routine chat with the bot', () => {
  it('answers a routine question with the matching intent', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    const from = v.mark();
    await v.say('where is my order?');
    const reply = await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot', { from });
    expect(reply.message.text.toLowerCase()).toMatch(/order/);
    const conv = (await s.store.getConversation(welcome.conversationId))!;
    expect(conv.sentiment[0].intent).toBe('order_status');
    expect(conv.state).toBe('bot');
  });
});

describe('P4 sequence', () => {
  it('[P4] seq starts at 1 and rises by exactly 1 for every message, whoever wrote it; everyone sees them in order', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('hello');
    await v.say('what are your opening hours?');
    v.send({ type: 'handoff' });
    await v.waitFor((f) => f.type === 'state' && (f.state === 'offline' || f.state === 'queued'));
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    ac.send({ type: 'claim', conversationId: welcome.conversationId });
    await ac.waitType('conversation');
    for (let i = 0; i < 5; i++) {
      ac.send({ type: 'send', conversationId: welcome.conversationId, clientId: `a${i}`, text: `agent ${i}` });
      await v.say(`visitor ${i}`);
    }
    await v.waitFor((f) => f.type === 'message' && f.message.text === 'agent 4');
    const stored = await s.store.getMessages(welcome.conversationId);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    const seen = v.all('message').map((f) => f.message.seq);
    expect(seen).toEqual(stored.map((m) => m.seq));
    await ac.waitFor((f) => f.type === 'message' && f.message.seq === stored.length);
    const agentSeen = [
      ...(ac.all('conversation')[0].conversation.messages as Array<{ seq: number }>).map((m) => m.seq),
      ...ac.all('message').map((f) => f.message.seq),
    ];
    expect(agentSeen).toEqual(stored.map((m) => m.seq));
  });
});

describe('P5 acknowledgement and idempotency', () => {
  it('[P5] ack comes after the message is stored, with its seq and id', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    const ack = await v.say('hi there', 'client-1');
    expect(ack).toMatchObject({ type: 'ack', clientId: 'client-1', seq: 1 });
    const [stored] = await s.store.getMessages(welcome.conversationId);
    expect(stored).toMatchObject({ id: ack.id, seq: 1, clientId: 'client-1', from: 'visitor', text: 'hi there' });
  });

  it('[P5] a resent clientId is not stored again and gets the original ack', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    const first = await v.say('where is my order?', 'same-id');
    const count = await s.store.messageCount(welcome.conversationId);
    const from = v.mark();
    const again = await v.say('where is my order?', 'same-id');
    expect(again).toEqual(first);
    expect(await s.store.messageCount(welcome.conversationId)).toBe(count);
    await new Promise((r) => setTimeout(r, 100));
    expect(v.all('message', from)).toEqual([]); // no second bot answer either
  });

  it('[P5] resending unacked messages after a reconnect stores each exactly once', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    // Send without waiting for acks, then drop the socket at once.
    for (let i = 0; i < 5; i++) v.send({ type: 'send', clientId: `m${i}`, text: `message ${i}` });
    v.terminate();
    const v2 = await s.visitor();
    const w2 = await v2.hello({ token: welcome.token, lastSeq: 0 });
    expect(w2.conversationId).toBe(welcome.conversationId);
    for (let i = 0; i < 5; i++) await v2.say(`message ${i}`, `m${i}`);
    const texts = (await s.store.getMessages(welcome.conversationId)).filter((m) => m.from === 'visitor').map((m) => m.text);
    expect(texts).toEqual([0, 1, 2, 3, 4].map((i) => `message ${i}`));
  });
});

describe('P6 resume', () => {
  it('[P6] hello with token and lastSeq returns every missed message in order, before any live frame', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    v.send({ type: 'handoff' });
    await v.waitFor((f) => f.type === 'state' && f.state !== 'bot');
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    ac.send({ type: 'claim', conversationId: welcome.conversationId });
    await ac.waitType('conversation');
    await v.waitFor((f) => f.type === 'state' && f.state === 'agent');
    const lastSeq = Math.max(...v.all('message').map((f) => f.message.seq), ...welcome.messages.map((m: { seq: number }) => m.seq));
    v.close();
    await v.closed;
    // The visitor is away while the agent writes three messages.
    for (let i = 1; i <= 3; i++) {
      ac.send({ type: 'send', conversationId: welcome.conversationId, clientId: `away-${i}`, text: `while away ${i}` });
      await ac.waitFor((f) => f.type === 'ack' && f.clientId === `away-${i}`);
    }
    const v2 = await s.visitor();
    // A live message lands while the visitor reconnects: it must come after the welcome, once.
    v2.send({ type: 'hello', v: 1, token: welcome.token, lastSeq });
    ac.send({ type: 'send', conversationId: welcome.conversationId, clientId: 'live', text: 'live one' });
    const w2 = await v2.waitType('welcome');
    expect(w2.conversationId).toBe(welcome.conversationId);
    expect(w2.token).toBe(welcome.token);
    expect(w2.state).toBe('agent');
    const missed = w2.messages.map((m: { text: string }) => m.text);
    expect(missed.slice(0, 3)).toEqual(['while away 1', 'while away 2', 'while away 3']);
    expect(w2.messages.every((m: { seq: number }) => m.seq > lastSeq)).toBe(true);
    await v2.waitFor((f) => (f.type === 'message' && f.message.text === 'live one') || (f.type === 'welcome' && f.messages.some((m: { text: string }) => m.text === 'live one')));
    const welcomeIndex = v2.frames.findIndex((f) => f.type === 'welcome');
    expect(v2.frames.slice(0, welcomeIndex).filter((f) => f.type === 'message')).toEqual([]);
    const liveCount = v2.all('message').filter((f) => f.message.text === 'live one').length + missed.filter((t: string) => t === 'live one').length;
    expect(liveCount).toBe(1);
  });

  it('[P6] a token for a closed conversation starts a new one and keeps the visitor', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('hello');
    v.send({ type: 'handoff' });
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    ac.send({ type: 'claim', conversationId: welcome.conversationId });
    await ac.waitType('conversation');
    ac.send({ type: 'close', conversationId: welcome.conversationId });
    await v.waitFor((f) => f.type === 'state' && f.state === 'closed');
    v.close();
    const v2 = await s.visitor();
    const w2 = await v2.hello({ token: welcome.token, lastSeq: 5 });
    expect(w2.conversationId).not.toBe(welcome.conversationId);
    expect(w2.messages).toEqual([]);
    expect(w2.state).toBe('bot');
    const before = await s.store.getConversation(welcome.conversationId);
    const after = await s.store.getConversation(w2.conversationId);
    expect(after!.visitorId).toBe(before!.visitorId);
  });

  it('[P6] a visitor writing after the agent closed the chat gets a fresh conversation with the message in it', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    v.send({ type: 'handoff' });
    const a = await s.agent('Ana');
    const ac = await a.connect();
    await ac.waitType('ready');
    ac.send({ type: 'claim', conversationId: welcome.conversationId });
    await ac.waitType('conversation');
    ac.send({ type: 'close', conversationId: welcome.conversationId });
    await v.waitFor((f) => f.type === 'state' && f.state === 'closed');
    const from = v.mark();
    const ack = await v.say('one more question: do you ship to Norway?', 'after-close');
    expect(ack.type).toBe('ack');
    const w2 = await v.waitType('welcome', { from });
    expect(w2.conversationId).not.toBe(welcome.conversationId);
    const stored = await s.store.getMessages(w2.conversationId);
    expect(stored[0]).toMatchObject({ clientId: 'after-close', seq: 1 });
  });
});

describe('P7 isolation', () => {
  it('[P7] a forged token starts a fresh visitor and reveals nothing', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('my secret order 12345');
    const forged = await s.visitor();
    const w = await forged.hello({ token: `${welcome.token}x`, lastSeq: 0 });
    expect(w.conversationId).not.toBe(welcome.conversationId);
    expect(w.token).not.toBe(welcome.token);
    expect(w.messages).toEqual([]);
  });

  it('[P7] another site\'s token starts a fresh visitor', async () => {
    s.config.sites.push({ id: 'other', origins: ['https://other.example'], intents: s.config.sites[0].intents });
    await s.close();
    const cfg = s.config;
    s = await startServer({ config: (c) => { c.sites = cfg.sites; } });
    const v = await s.visitor();
    const welcome = await v.hello();
    await v.say('private');
    const o = await s.visitor({ site: 'other', origin: 'https://other.example' });
    const w = await o.hello({ token: welcome.token });
    expect(w.conversationId).not.toBe(welcome.conversationId);
    expect(w.messages).toEqual([]);
  });

  it('[P7] a visitor receives only its own conversation', async () => {
    const v1 = await s.visitor();
    await v1.hello();
    const v2 = await s.visitor();
    await v2.hello();
    await v1.say('only mine');
    await new Promise((r) => setTimeout(r, 100));
    expect(v2.all('message')).toEqual([]);
  });
});

describe('P8 the bot stays silent once escalated', () => {
  it('[P8] after a handoff, visitor messages are stored and the bot does not answer', async () => {
    const v = await s.visitor();
    const welcome = await v.hello();
    v.send({ type: 'handoff' });
    await v.waitFor((f) => f.type === 'message' && f.message.from === 'system');
    const from = v.mark();
    await v.say('what are your opening hours?');
    await new Promise((r) => setTimeout(r, 150));
    expect(v.all('message', from).map((f) => f.message.from)).toEqual(['visitor']);
    const stored = await s.store.getMessages(welcome.conversationId);
    expect(stored.at(-1)).toMatchObject({ from: 'visitor', text: 'what are your opening hours?' });
  });
});

describe('two tabs', () => {
  it('two sockets with the same token both see the conversation live', async () => {
    const t1 = await s.visitor();
    const welcome = await t1.hello();
    const t2 = await s.visitor();
    await t2.hello({ token: welcome.token });
    await t1.say('from tab one');
    await t2.waitFor((f) => f.type === 'message' && f.message.text === 'from tab one');
    await t2.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
  });
});
