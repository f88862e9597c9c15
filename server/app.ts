// buildApp(deps): the whole Heed server as a Fastify instance. It never listens; main.ts does.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import websocket from '@fastify/websocket';
import { AgentAuth } from './auth/agents';
import { ChatService, type ChatDeps } from './chat/service';
import { agentRoutes } from './http/agent-routes';
import { assetRoutes } from './http/assets';
import type { Store } from './store/store';
import { agentSocket } from './transport/agent';
import { Hub } from './transport/hub';
import { Resync } from './transport/resync';
import { visitorSocket } from './transport/visitor';

export interface AppDeps extends ChatDeps {
  logger?: FastifyServerOptions['logger'];
  distDir?: string;
  /** How often sockets re-read the store when the bus can lose events (RedisBus); 1000 ms by default. */
  resyncMs?: number;
}

export interface Heed {
  chat: ChatService;
  hub: Hub;
  auth: AgentAuth;
  store: Store;
}

declare module 'fastify' {
  interface FastifyInstance {
    heed: Heed;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const app = Fastify({ logger: deps.logger ?? false, trustProxy: false });
  const chat = new ChatService({ store: deps.store, bus: deps.bus, config: deps.config, bots: deps.bots, now, random: deps.random });
  const hub = new Hub(deps.store, deps.bus, chat, app.log);
  const auth = new AgentAuth(deps.store, deps.config.sessionTtlMs, now);
  app.decorate('heed', { chat, hub, auth, store: deps.store });

  // P2: ws closes a socket whose frame is over the limit with 1009.
  await app.register(websocket, { options: { maxPayload: deps.config.limits.maxFrameBytes } });

  app.get('/healthz', async (_req, reply) => {
    const health = await deps.store.health().catch((err: Error) => ({ ok: false, store: deps.store.kind, detail: err.message }));
    return reply.code(health.ok ? 200 : 503).send({ status: health.ok ? 'ok' : 'degraded', ...health });
  });

  agentRoutes(app, auth, { sessionTtlMs: deps.config.sessionTtlMs, now });
  const ctx = { chat, hub, store: deps.store, config: deps.config, now };
  app.register(async (scoped) => {
    visitorSocket(scoped, ctx);
    agentSocket(scoped, { ...ctx, auth });
  });
  assetRoutes(app, { distDir: deps.distDir });

  // A lossy bus (Redis pub/sub) is only a nudge: sockets also catch up from the store.
  const resync = deps.bus.lossy ? new Resync(deps.store, deps.bus, hub, chat, app.log, { intervalMs: deps.resyncMs ?? 1000 }) : undefined;
  resync?.start();

  app.addHook('onClose', async () => {
    resync?.stop();
    hub.stop();
  });
  return app;
}
