// Redis connections from configuration: `REDIS_URL` (one server) or `REDIS_CLUSTER` (a comma
// separated list of host:port seed nodes of a Redis Cluster).
// Command connections fail fast while Redis is unreachable (no offline queue, no silent resend), so
// a visitor's `send` is answered `unavailable` at once instead of waiting; the client reconnects
// by itself forever, so Heed resumes without a restart when Redis comes back.
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export type RedisTarget = { kind: 'single'; url: string } | { kind: 'cluster'; nodes: ClusterNode[] };

export interface RedisEnv {
  REDIS_URL?: string;
  REDIS_CLUSTER?: string;
}

/** Which Redis the environment names, or null for the embedded memory store. */
export function redisTargetFromEnv(env: RedisEnv): RedisTarget | null {
  if (env.REDIS_CLUSTER) {
    const nodes = env.REDIS_CLUSTER.split(',').map((s) => s.trim()).filter(Boolean).map((hp) => {
      const m = /^(.+):(\d+)$/.exec(hp);
      if (!m) throw new Error(`REDIS_CLUSTER: "${hp}" is not host:port`);
      return { host: m[1], port: Number(m[2]) };
    });
    if (!nodes.length) throw new Error('REDIS_CLUSTER: no nodes');
    return { kind: 'cluster', nodes };
  }
  if (env.REDIS_URL) return { kind: 'single', url: env.REDIS_URL };
  return null;
}

export interface ConnectOptions {
  /** Reports connection errors (each outage once, not every reconnect attempt); console.error by default. */
  onError?: (err: Error) => void;
  /** Subscriber connections keep an offline queue so they can resubscribe after reconnecting. */
  subscriber?: boolean;
  commandTimeoutMs?: number;
  /** How long to wait for the first connection; 20 s by default. */
  readyTimeoutMs?: number;
}

const retryStrategy = (times: number) => Math.min(100 * times, 1000);

function clientOptions(opts: ConnectOptions): RedisOptions {
  return opts.subscriber
    ? { lazyConnect: true, retryStrategy, maxRetriesPerRequest: null }
    : {
      lazyConnect: true,
      retryStrategy,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: opts.commandTimeoutMs ?? 5000,
    };
}

/** Creates a client and waits until it is ready. */
export async function connectRedis(target: RedisTarget, opts: ConnectOptions = {}): Promise<RedisClient> {
  const options = clientOptions(opts);
  const client: RedisClient = target.kind === 'cluster'
    ? new Cluster(target.nodes, {
      lazyConnect: true,
      enableOfflineQueue: options.enableOfflineQueue ?? true,
      clusterRetryStrategy: retryStrategy,
      enableAutoPipelining: !opts.subscriber,
      redisOptions: { ...options, lazyConnect: false },
    })
    : new Redis(target.url, { ...options, enableAutoPipelining: !opts.subscriber });
  // One report per outage: the first error after the connection was ready.
  let reported = false;
  client.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    (opts.onError ?? ((e: Error) => console.error(`redis: ${e.message}`)))(err);
  });
  client.on('ready', () => {
    reported = false;
  });
  await whenReady(client, opts.readyTimeoutMs ?? 20_000);
  return client;
}

/**
 * Connects and resolves on the first `ready`. Not `await client.connect()` alone: when a Cluster's
 * ready check fails, ioredis reconnects on its own but never settles the first connect() promise.
 */
function whenReady(client: RedisClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.disconnect();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
    // A failed first attempt is retried by the client (and reported through 'error').
    client.connect().catch((err: Error) => client.emit('error', err));
  });
}
