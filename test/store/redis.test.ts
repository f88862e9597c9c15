// The store contract on a real redis-server (AOF on, appendfsync always).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../server/store/redis-connect';
import { RedisStore } from '../../server/store/redis';
import { startRedis, type RedisProcess } from '../helpers/redis';
import { runStoreContract } from './contract';

let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.destroy();
});

runStoreContract('redis', async () => {
  let offset = 0;
  const client = await connectRedis({ kind: 'single', url: redis.url });
  // A fresh prefix per test: every test sees an empty keyspace, as with a new MemoryStore.
  const store = new RedisStore(client, { prefix: `t-${randomUUID()}:`, now: () => Date.now() + offset });
  return { store, advance: (ms) => { offset += ms; } };
});

describe('RedisStore across hash tags', () => {
  it('[P10] a conversation turned queued is in the queue before its state says so; a failed update leaves no entry', async () => {
    const store = new RedisStore(await connectRedis({ kind: 'single', url: redis.url }), { prefix: `t-${randomUUID()}:` });
    try {
      const base = { siteId: 'demo', visitorId: randomUUID(), createdAt: new Date().toISOString(), bot: { running: 0, fallbacks: 0 }, sentiment: [] };
      const bot = { ...base, id: randomUUID(), state: 'bot' as const };
      const held = { ...base, id: randomUUID(), state: 'agent' as const, agentId: 'a1' };
      await store.createConversation(bot);
      await store.createConversation(held);
      const queuedAt = new Date(5000).toISOString();
      expect(await store.updateConversation(bot.id, { state: 'queued', queuedAt }, ['bot'])).not.toBeNull();
      expect(await store.queue()).toEqual([bot.id]);
      expect(await store.updateConversation(held.id, { state: 'queued', queuedAt }, ['bot'])).toBeNull();
      expect(await store.queue()).toEqual([bot.id]);
    } finally {
      await store.close();
    }
  });

  it('[P4][P5][P11] two clients, as two processes, append and claim concurrently: gap-free seqs, one record per clientId, one winner', async () => {
    const prefix = `t-${randomUUID()}:`;
    const [one, two] = await Promise.all([1, 2].map(async () => new RedisStore(await connectRedis({ kind: 'single', url: redis.url }), { prefix })));
    try {
      const id = randomUUID();
      await one.createConversation({ id, siteId: 'demo', visitorId: randomUUID(), state: 'queued', createdAt: new Date().toISOString(), bot: { running: 0, fallbacks: 0 }, sentiment: [] });
      const appends = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).appendMessage(id, { from: 'visitor', text: `m${i % 30}`, clientId: `c${i % 30}` })));
      expect(appends.filter((r) => !r.duplicate)).toHaveLength(30);
      expect((await one.getMessages(id)).map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const claims = await Promise.all([one, two].map((s, i) => s.updateConversation(id, { state: 'agent', agentId: `a${i}` }, ['queued'])));
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
