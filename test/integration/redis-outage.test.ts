// Redis goes down mid-chat (kill -9, AOF with appendfsync always) and comes back on the same data.
// While it is down a send gets `unavailable` and no ack, /healthz answers 503 and agents are told
// Heed is degraded; when it is back everything resumes without restarting Heed, and no
// acknowledged message is lost.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectRedis } from '../../server/store/redis-connect';
import { RedisStore } from '../../server/store/redis';
import { startHeed, writeHeedConfig, type HeedProcess } from '../helpers/heed-process';
import { startRedis, type RedisProcess } from '../helpers/redis';
import type { Frame, WsClient } from '../helpers/ws-client';

let redis: RedisProcess;
let a: HeedProcess;
let b: HeedProcess;
const clients: WsClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const config = writeHeedConfig();
  const env = { REDIS_URL: redis.url, HEED_RESYNC_MS: '200' };
  [a, b] = await Promise.all([startHeed(env, config), startHeed(env, config)]);
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.terminate();
  await Promise.all([a?.kill(), b?.kill()]);
  await redis?.destroy();
});

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const health = async (p: HeedProcess) => (await fetch(`${p.http}/healthz`)).status;

it('[P5] Redis killed and restarted mid-chat: unavailable without ack while down, 503, agents told; then it resumes and no acked message is lost', async () => {
  const agent = await b.agent(await b.login());
  clients.push(agent);
  await agent.waitType('ready');
  const v = await a.visitor();
  clients.push(v);
  const w = await v.hello();
  const conversationId = w.conversationId as string;
  v.send({ type: 'handoff' });
  await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { ms: 10_000 });
  agent.send({ type: 'claim', conversationId });
  await agent.waitType('conversation', { ms: 10_000 });

  // The visitor keeps writing, like the widget: `unavailable` or `rate_limited` → same clientId again later.
  const sent: string[] = [];
  const acked = new Set<string>();
  const refusedWithoutAck: string[] = [];
  let stopAt = 40;
  const writer = (async () => {
    for (let i = 0; i < stopAt; i++) {
      const clientId = `c-${i}`;
      sent.push(clientId);
      for (let attempt = 0; ; attempt++) {
        if (attempt > 150) throw new Error(`${clientId} never acked`);
        const reply: Frame = await v.say(`line ${i}`, clientId);
        if (reply.type === 'ack') {
          acked.add(clientId);
          break;
        }
        if (reply.code === 'unavailable' && !acked.has(clientId)) refusedWithoutAck.push(clientId);
        else if (reply.code !== 'rate_limited') throw new Error(`${clientId}: ${reply.code}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  await until('a few acks', async () => acked.size >= 3);
  const fromAgent = agent.mark();
  await redis.crash();
  await until('/healthz 503 on both processes', async () => (await health(a)) === 503 && (await health(b)) === 503);
  const degraded = await agent.waitFor((f) => f.type === 'queue' && f.degraded === true, { from: fromAgent, ms: 10_000, what: 'queue.degraded' });
  expect(Array.isArray(degraded.queue)).toBe(true);
  expect(agent.all('error', fromAgent).some((f) => f.code === 'unavailable')).toBe(true);
  await until('a send refused with unavailable', async () => refusedWithoutAck.length > 0);
  const ackedWhileDown = acked.size;

  await redis.start();
  await until('/healthz 200 again', async () => (await health(a)) === 200 && (await health(b)) === 200);
  await agent.waitFor((f) => f.type === 'queue' && f.degraded === false, { from: fromAgent, ms: 10_000, what: 'queue.degraded false' });
  stopAt = Math.min(stopAt, sent.length + 3);
  await writer;
  expect(acked.size).toBeGreaterThan(ackedWhileDown);

  // Every acked line is stored exactly once, in the order written (AOF, appendfsync always).
  const store = new RedisStore(await connectRedis({ kind: 'single', url: redis.url }));
  try {
    const stored = await store.getMessages(conversationId);
    expect(stored.filter((m) => m.from === 'visitor' && m.clientId?.startsWith('c-')).map((m) => m.clientId)).toEqual(sent);
    // The agent on the other process got every message exactly once, in seq order.
    await agent.waitFor((f) => f.type === 'message' && f.message.seq === stored.length, { ms: 10_000, what: 'the last message at the agent' });
    const detail = agent.all('conversation')[0].conversation;
    const agentSeqs = [...detail.messages.map((m: { seq: number }) => m.seq), ...agent.all('message').map((f) => f.message.seq)];
    expect(agentSeqs).toEqual(stored.map((m) => m.seq));
  } finally {
    await store.close();
  }
}, 90_000);
