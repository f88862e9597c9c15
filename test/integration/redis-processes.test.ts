// Two Heed processes on one Redis (AOF, appendfsync always): the visitor on A, the agent on B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentAuth } from '../../server/auth/agents';
import { connectRedis } from '../../server/store/redis-connect';
import { RedisStore } from '../../server/store/redis';
import { ADMIN, startHeed, writeHeedConfig, type HeedProcess } from '../helpers/heed-process';
import { startRedis, type RedisProcess } from '../helpers/redis';
import type { Frame, WsClient } from '../helpers/ws-client';

let redis: RedisProcess;
let store: RedisStore;
let a: HeedProcess;
let b: HeedProcess;
const clients: WsClient[] = [];
const track = <T extends WsClient>(c: T) => { clients.push(c); return c; };

beforeAll(async () => {
  redis = await startRedis();
  store = new RedisStore(await connectRedis({ kind: 'single', url: redis.url }));
  const config = writeHeedConfig();
  [a, b] = await Promise.all([startHeed({ REDIS_URL: redis.url }, config), startHeed({ REDIS_URL: redis.url }, config)]);
  // A second agent, made the way an admin script would: through the shared store.
  await new AgentAuth(store, 3_600_000, Date.now).ensureAgent('ben@shop.example', 'another good password', 'Ben');
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.terminate();
  await Promise.all([a?.kill(), b?.kill()]);
  await store?.close();
  await redis?.destroy();
});

/** Sends like the widget does: a `rate_limited` or `unavailable` answer means wait and send the same clientId again. */
async function sendUntilAcked(c: WsClient, clientId: string, text: string): Promise<Frame> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const reply = await c.say(text, clientId);
    if (reply.type === 'ack') return reply;
    if (reply.code !== 'rate_limited' && reply.code !== 'unavailable') throw new Error(`send ${clientId}: ${reply.code}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`send ${clientId}: never acked`);
}

const isMsg = (text: string) => (f: Frame) => f.type === 'message' && f.message.text === text;

async function agentOn(p: HeedProcess, email = ADMIN.email, password = ADMIN.password): Promise<WsClient> {
  const c = track(await p.agent(await p.login(email, password)));
  await c.waitType('ready');
  return c;
}

async function queuedVisitorOn(p: HeedProcess): Promise<{ v: WsClient; conversationId: string; token: string }> {
  const v = track(await p.visitor());
  const w = await v.hello();
  v.send({ type: 'handoff' });
  await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { what: 'queued', ms: 10_000 });
  return { v, conversationId: w.conversationId, token: w.token };
}

describe('two Heed processes on one Redis', () => {
  it('[P9][P11] the whole chat works with the visitor on A and the agent on B: bot, escalation, queue, claim, replies, typing, close, rating', async () => {
    const agent = await agentOn(b);
    const v = track(await a.visitor());
    const w = await v.hello({ page: { url: 'https://shop.example/orders', title: 'Orders' } });
    const conversationId = w.conversationId as string;
    let from = v.mark();
    await v.say('what are your opening hours?');
    const bot = await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot', { from });
    expect(bot.message.text).toMatch(/Monday|open|9/i);
    for (const text of ['This is ridiculous, where is my order??', 'I have been waiting for two weeks, this is unacceptable!!', 'WORST SERVICE EVER. You are useless.']) {
      if ((await store.getConversation(conversationId))!.state === 'queued') break;
      await v.say(text);
    }
    const queued = await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { ms: 10_000, what: 'queued' });
    expect(queued.position).toBe(1);
    // B learns of the queue from A's nudge.
    await agent.waitFor((f) => f.type === 'queue' && f.queue.some((e: { conversationId: string }) => e.conversationId === conversationId), { ms: 10_000 });

    agent.send({ type: 'claim', conversationId });
    const { conversation } = await agent.waitType('conversation', { ms: 10_000 });
    expect(conversation.reason).toBe('sentiment');
    expect(conversation.messages[0].text).toBe('what are your opening hours?');
    expect(conversation.messages.some((m: { from: string }) => m.from === 'bot')).toBe(true);
    expect(conversation.visitor.page).toEqual({ url: 'https://shop.example/orders', title: 'Orders' });
    const joined = await v.waitFor((f) => f.type === 'state' && f.state === 'agent', { ms: 10_000, what: 'agent state' });
    expect(joined.agent).toEqual({ name: 'Ana' });

    agent.send({ type: 'send', conversationId, clientId: 'r1', text: 'Hi, I am Ana. Let me look at your order.' });
    await v.waitFor(isMsg('Hi, I am Ana. Let me look at your order.'), { ms: 10_000 });
    v.send({ type: 'typing', on: true });
    expect(await agent.waitType('typing', { ms: 10_000 })).toMatchObject({ conversationId, from: 'visitor', on: true });
    from = v.mark();
    agent.send({ type: 'typing', conversationId, on: true });
    expect(await v.waitType('typing', { from, ms: 10_000 })).toMatchObject({ from: 'agent', on: true });
    await v.say('thank you, order 1234');
    await agent.waitFor(isMsg('thank you, order 1234'), { ms: 10_000 });
    await agent.waitFor((f) => f.type === 'sentiment' && f.conversationId === conversationId, { ms: 10_000 });

    agent.send({ type: 'close', conversationId });
    await v.waitFor((f) => f.type === 'state' && f.state === 'closed', { ms: 10_000, what: 'closed' });
    v.send({ type: 'rate', score: 5, comment: 'quick' });
    await agent.waitFor((f) => f.type === 'state' && f.rating?.score === 5, { ms: 10_000 });

    // [P4] both sides saw every message once, in seq order (notes aside, none here).
    const stored = await store.getMessages(conversationId);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(v.all('message').map((f) => f.message.seq)).toEqual(stored.map((m) => m.seq));
    const agentSeqs = [...conversation.messages.map((m: { seq: number }) => m.seq), ...agent.all('message').map((f) => f.message.seq)];
    expect(agentSeqs).toEqual(stored.map((m) => m.seq));
  }, 60_000);

  it('[P11] two agents on different processes claim one chat 100 times in a row; each time exactly one wins', async () => {
    let ana: WsClient | undefined;
    let ben: WsClient | undefined;
    const winners: string[] = [];
    for (let round = 0; round < 100; round++) {
      // Every frame is rate limited per socket (a burst of 40): fresh agent sockets every 25 rounds.
      if (round % 25 === 0) {
        ana?.close();
        ben?.close();
        [ana, ben] = await Promise.all([agentOn(a), agentOn(b, 'ben@shop.example', 'another good password')]);
      }
      const { v, conversationId } = await queuedVisitorOn(a);
      const fa = ana!.mark();
      const fb = ben!.mark();
      ana!.send({ type: 'claim', conversationId });
      ben!.send({ type: 'claim', conversationId });
      const outcome = (c: WsClient, from: number) => c.waitFor(
        (f) => (f.type === 'conversation' && f.conversation.id === conversationId) || (f.type === 'error' && f.conversationId === conversationId),
        { from, ms: 10_000, what: `claim outcome, round ${round}` },
      );
      const [ra, rb] = await Promise.all([outcome(ana!, fa), outcome(ben!, fb)]);
      expect([ra.type, rb.type].sort()).toEqual(['conversation', 'error']);
      expect([ra, rb].find((f) => f.type === 'error')!.code).toBe('already_claimed');
      const conv = (await store.getConversation(conversationId))!;
      const winner = ra.type === 'conversation' ? 'ana' : 'ben';
      expect((await store.getAgent(conv.agentId!))!.name.toLowerCase()).toBe(winner);
      winners.push(winner);
      v.terminate();
    }
    expect(winners).toHaveLength(100);
  }, 120_000);

  it('[P5][P6] kill -9 of the visitor\'s process mid-conversation: on B every acked message is there once, in order, and every unacked one is resent and stored once', async () => {
    const agent = await agentOn(b);
    const { v, conversationId, token } = await queuedVisitorOn(a);
    agent.send({ type: 'claim', conversationId });
    await agent.waitType('conversation', { ms: 10_000 });
    await v.waitFor((f) => f.type === 'state' && f.state === 'agent', { ms: 10_000 });

    const sent: string[] = [];
    const acked = new Set<string>();
    v.socket.on('message', (d) => {
      const f = JSON.parse(d.toString());
      if (f.type === 'ack') acked.add(f.clientId);
    });
    const send = (c: WsClient, i: number) => {
      const clientId = `m-${i}`;
      if (!sent.includes(clientId)) sent.push(clientId);
      c.send({ type: 'send', clientId, text: `message ${i}` });
    };
    for (let i = 0; i < 8; i++) {
      sent.push(`m-${i}`);
      await sendUntilAcked(v, `m-${i}`, `message ${i}`);
    }
    // Keep sending without waiting (within the burst the rate limit allows), and kill A in the middle of it.
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 8; i < 18; i++) {
      send(v, i);
      if (i === 13) await a.kill('SIGKILL');
    }
    await v.closed;
    const highest = Math.max(0, ...v.all('message').map((f) => f.message.seq));

    // The visitor reconnects to B with its token and lastSeq and resends everything unacked.
    const v2 = track(await b.visitor());
    const ackedBefore = new Set(acked);
    const w2 = await v2.hello({ token, lastSeq: highest });
    expect(w2.conversationId).toBe(conversationId);
    expect(w2.messages.every((m: { seq: number }) => m.seq > highest)).toBe(true);
    const unacked = sent.filter((id) => !ackedBefore.has(id));
    expect(unacked.length).toBeGreaterThan(0);
    for (const clientId of unacked) await sendUntilAcked(v2, clientId, `message ${clientId.slice(2)}`);
    for (let i = 18; i < 23; i++) {
      sent.push(`m-${i}`);
      await sendUntilAcked(v2, `m-${i}`, `message ${i}`);
    }

    // Exactly once and in the order sent, in the store…
    const stored = (await store.getMessages(conversationId)).filter((m) => m.from === 'visitor' && m.clientId?.startsWith('m-'));
    expect(stored.map((m) => m.clientId)).toEqual(sent);
    // …and at the agent on B, whose stream has no gap and no duplicate.
    const all = await store.getMessages(conversationId);
    await agent.waitFor((f) => f.type === 'message' && f.message.seq === all.length, { ms: 10_000, what: 'the last message at the agent' });
    const detail = agent.all('conversation').find((f) => f.conversation.id === conversationId)!.conversation;
    const agentSeqs = [...detail.messages.map((m: { seq: number }) => m.seq), ...agent.all('message').filter((f) => f.conversationId === conversationId).map((f) => f.message.seq)];
    expect(agentSeqs).toEqual(all.map((m) => m.seq));
  }, 60_000);
});
