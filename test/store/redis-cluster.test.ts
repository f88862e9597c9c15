// The store contract on a local three-master Redis Cluster: every conversation script runs in
// one slot because all keys of a conversation share its hash tag.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../server/store/redis-connect';
import { redisKeys } from '../../server/store/redis-keys';
import { RedisStore } from '../../server/store/redis';
import { startHeed, writeHeedConfig } from '../helpers/heed-process';
import { startRedisCluster, type RedisCluster } from '../helpers/redis';
import { runStoreContract } from './contract';

let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const target = () => ({ kind: 'cluster' as const, nodes: cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })) });

runStoreContract('redis cluster', async () => {
  let offset = 0;
  const client = await connectRedis(target());
  const store = new RedisStore(client, { prefix: `t-${randomUUID()}:`, now: () => Date.now() + offset });
  return { store, advance: (ms) => { offset += ms; } };
});

describe('Redis Cluster key layout', () => {
  it('all keys of one conversation hash to one slot, and conversations spread over slots', async () => {
    const k = redisKeys();
    const slotOf = async (key: string) => Number((await cluster.nodes[0].cli('cluster', 'keyslot', key)).trim());
    const slots = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const id = randomUUID();
      const mine = await Promise.all([k.convMeta(id), k.convSeq(id), k.convMessages(id), k.convClientIds(id)].map(slotOf));
      expect(new Set(mine).size).toBe(1);
      slots.add(mine[0]);
    }
    expect(slots.size).toBeGreaterThan(1);
  });

  it('reports itself as redis-cluster', async () => {
    const store = new RedisStore(await connectRedis(target()), { prefix: `t-${randomUUID()}:` });
    expect(await store.health()).toEqual({ ok: true, store: 'redis-cluster' });
    await store.close();
  });
});

describe('Heed on Redis Cluster', () => {
  it('[P9][P11] two processes with REDIS_CLUSTER: bot answer, handoff, claim on the other process, reply', async () => {
    const config = writeHeedConfig();
    const env = { REDIS_CLUSTER: cluster.seeds, REDIS_PREFIX: `t-${randomUUID()}:` };
    const [a, b] = await Promise.all([startHeed(env, config), startHeed(env, config)]);
    const sockets: Array<{ terminate(): void }> = [];
    try {
      const agent = await b.agent(await b.login());
      sockets.push(agent);
      await agent.waitType('ready');
      const v = await a.visitor();
      sockets.push(v);
      const w = await v.hello();
      await v.say('what are your opening hours?');
      await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot', { ms: 10_000 });
      v.send({ type: 'handoff' });
      await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { ms: 10_000 });
      agent.send({ type: 'claim', conversationId: w.conversationId });
      const { conversation } = await agent.waitType('conversation', { ms: 10_000 });
      expect(conversation.reason).toBe('requested');
      agent.send({ type: 'send', conversationId: w.conversationId, clientId: 'r1', text: 'Hello from the other process' });
      await v.waitFor((f) => f.type === 'message' && f.message.text === 'Hello from the other process', { ms: 10_000 });
      expect((await (await fetch(`${a.http}/healthz`)).json()).store).toBe('redis-cluster');
    } finally {
      for (const s of sockets) s.terminate();
      await Promise.all([a.kill(), b.kill()]);
    }
  }, 90_000);
});
