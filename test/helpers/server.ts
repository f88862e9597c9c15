// Starts a real Heed server (buildApp + listen on a random port) for integration tests.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { SiteBots } from '../../server/chat/bots';
import type { BotRegistry } from '../../server/chat/service';
import { defaultConfig, type HeedConfig } from '../../server/config';
import { MemoryBus, MemoryStore } from '../../server/store/memory';
import type { Agent, Bus, Store } from '../../server/store/store';
import { WsClient } from './ws-client';

export const SHOP_ORIGIN = 'https://shop.example';

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  bus: Bus;
  config: HeedConfig;
  port: number;
  http: string;
  ws: string;
  /** A visitor socket with an allowed Origin, already past the upgrade. */
  visitor(opts?: { site?: string; origin?: string }): Promise<WsClient>;
  /** Creates an agent and returns its bearer token. */
  agent(name: string): Promise<{ agent: Agent; token: string; connect(): Promise<WsClient> }>;
  close(): Promise<void>;
}

export interface StartOptions {
  config?: (c: HeedConfig) => void;
  bots?: BotRegistry;
  store?: Store;
  /** Another bus (a RedisBus) instead of a fresh MemoryBus. */
  bus?: Bus;
  resyncMs?: number;
  now?: () => number;
}

let agentCounter = 0;

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const config = defaultConfig(0);
  config.sites[0].origins.push(SHOP_ORIGIN);
  opts.config?.(config);
  const store = opts.store ?? new MemoryStore({ now: opts.now });
  const bus = opts.bus ?? new MemoryBus();
  const bots = opts.bots ?? (await SiteBots.load(config));
  const app = await buildApp({ store, bus, config, bots, now: opts.now, random: () => 0, resyncMs: opts.resyncMs });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const http = `http://127.0.0.1:${port}`;
  const ws = `ws://127.0.0.1:${port}`;
  const clients: WsClient[] = [];
  const track = (c: WsClient) => {
    clients.push(c);
    return c;
  };
  return {
    app, store, bus, config, port, http, ws,
    visitor: async ({ site = 'demo', origin = SHOP_ORIGIN } = {}) =>
      track(await WsClient.connect(`${ws}/v1/visitor?site=${site}`, { origin })),
    agent: async (name: string) => {
      const email = `${name.toLowerCase()}-${++agentCounter}@shop.example`;
      const agent = await app.heed.auth.ensureAgent(email, 'correct horse battery', name);
      const login = await app.heed.auth.login(email, 'correct horse battery');
      const token = login!.token;
      return {
        agent,
        token,
        connect: async () => track(await WsClient.connect(`${ws}/v1/agent`, { authorization: `Bearer ${token}` })),
      };
    },
    close: async () => {
      for (const c of clients) c.terminate();
      await app.close();
    },
  };
}
