// Pub/sub is only a nudge. Here two servers share one Redis but publish on different channels, so
// no nudge ever crosses between them: everything the other side does must still reach each
// socket, exactly once and in order, by the periodic catch-up from the store.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisBus } from '../../server/store/redis-bus';
import { connectRedis, type RedisClient } from '../../server/store/redis-connect';
import { RedisStore } from '../../server/store/redis';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { startServer, type TestServer } from '../helpers/server';

let redis: RedisProcess;
let one: TestServer;
let two: TestServer;
const clients: RedisClient[] = [];

async function serverOnRedis(prefix: string, channel: string): Promise<TestServer> {
  const target = { kind: 'single' as const, url: redis.url };
  const client = await connectRedis(target);
  const sub = await connectRedis(target, { subscriber: true });
  clients.push(client, sub);
  const bus = await RedisBus.start(client, sub, { channel, onError: (err) => { throw err; } });
  return startServer({ store: new RedisStore(client, { prefix }), bus, resyncMs: 100 });
}

beforeAll(async () => {
  redis = await startRedis();
  const prefix = `nudge-${randomUUID()}:`;
  one = await serverOnRedis(prefix, 'channel-one');
  two = await serverOnRedis(prefix, 'channel-two');
}, 30_000);

afterAll(async () => {
  await one?.close();
  await two?.close();
  for (const c of clients) c.disconnect();
  await redis?.destroy();
});

it('[P4][P11] with every cross-process nudge lost, the visitor on one server and the agent on the other still chat, in order and exactly once', async () => {
  const agentHandle = await two.agent('Ana');
  const agent = await agentHandle.connect();
  await agent.waitType('ready');
  const v = await one.visitor();
  const w = await v.hello();
  const conversationId = w.conversationId as string;
  v.send({ type: 'handoff' });
  await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { ms: 10_000, what: 'queued' });
  // The queue reaches the agent without a nudge.
  await agent.waitFor((f) => f.type === 'queue' && f.queue.some((e: { conversationId: string }) => e.conversationId === conversationId), { ms: 10_000 });
  agent.send({ type: 'claim', conversationId });
  await agent.waitType('conversation', { ms: 10_000 });
  // The visitor learns that an agent joined, and reads the agent's replies.
  await v.waitFor((f) => f.type === 'state' && f.state === 'agent', { ms: 10_000, what: 'agent state' });
  for (let i = 0; i < 3; i++) agent.send({ type: 'send', conversationId, clientId: `a${i}`, text: `agent ${i}` });
  await v.waitFor((f) => f.type === 'message' && f.message.text === 'agent 2', { ms: 10_000 });
  for (let i = 0; i < 3; i++) await v.say(`visitor ${i}`);
  await agent.waitFor((f) => f.type === 'message' && f.message.text === 'visitor 2', { ms: 10_000 });

  const stored = await one.store.getMessages(conversationId);
  expect(v.all('message').map((f) => f.message.seq)).toEqual(stored.map((m) => m.seq));
  const detail = agent.all('conversation')[0].conversation;
  const agentSeqs = [...detail.messages.map((m: { seq: number }) => m.seq), ...agent.all('message').map((f) => f.message.seq)];
  expect(agentSeqs).toEqual(stored.map((m) => m.seq));
}, 30_000);
