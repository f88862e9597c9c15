// The store contract on a real redis-server (AOF on, appendfsync always).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
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
