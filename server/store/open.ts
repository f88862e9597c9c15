// Picks the store and bus from the environment: REDIS_URL or REDIS_CLUSTER switch to Redis;
// otherwise the embedded memory store (one process).
import { MemoryBus, MemoryStore } from './memory';
import { RedisBus } from './redis-bus';
import { connectRedis, redisTargetFromEnv, type RedisEnv } from './redis-connect';
import { redisKeys } from './redis-keys';
import { RedisStore } from './redis';
import type { Bus, Store } from './store';

export interface StoreEnv extends RedisEnv {
  REDIS_PREFIX?: string;
}

export interface OpenedStore { store: Store; bus: Bus }

export async function openStore(env: StoreEnv, log: (msg: string) => void): Promise<OpenedStore> {
  const target = redisTargetFromEnv(env);
  if (!target) return { store: new MemoryStore(), bus: new MemoryBus() };
  const prefix = env.REDIS_PREFIX ?? 'heed:';
  const onError = (err: Error) => log(`redis: ${err.message}`);
  const client = await connectRedis(target, { onError });
  const sub = await connectRedis(target, { onError, subscriber: true });
  const bus = await RedisBus.start(client, sub, { channel: redisKeys(prefix).channel, onError });
  return { store: new RedisStore(client, { prefix }), bus };
}
