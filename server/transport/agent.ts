// The agent socket, /v1/agent: authenticated before the upgrade, every frame authorised (P11).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { AgentFrame } from '../../shared/protocol';
import { parseAgentFrame } from '../../shared/validate';
import { AgentAuth, ownOrigin } from '../auth/agents';
import { ChatError } from '../chat/errors';
import type { Agent } from '../store/store';
import { errorFrame, isDomainError } from './errors';
import type { AgentConn } from './hub';
import { Peer, readFrames } from './peer';
import type { TransportContext } from './visitor';

declare module 'fastify' {
  interface FastifyRequest {
    heedAgent?: Agent;
  }
}

export function agentSocket(app: FastifyInstance, ctx: TransportContext & { auth: AgentAuth }): void {
  const { chat, hub, store, config, auth } = ctx;
  const presenceTtl = config.pingIntervalMs * 3;

  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    const cred = AgentAuth.credentials(req);
    const agent = cred ? await auth.agentForToken(cred.token) : null;
    // A cookie rides along on any cross-site request, so a cookie-authenticated socket must come
    // from the console's own origin (no cross-site WebSocket hijacking).
    if (!agent || (cred!.via === 'cookie' && req.headers.origin !== ownOrigin(req))) {
      await reply.code(401).send({ error: 'unauthorized', message: 'Log in first' });
      return;
    }
    req.heedAgent = agent;
  };

  app.get('/v1/agent', { websocket: true, preValidation: authenticate }, (socket: WebSocket, req) => {
    const agent = req.heedAgent!;
    const peer = new Peer(socket, {
      ...config.limits, pingIntervalMs: config.pingIntervalMs, now: ctx.now,
      onDead: () => req.log.info({ agent: agent.id }, 'agent socket missed two pongs; dropped'),
      onHeartbeat: () => void store.touchPresence(agent.id, presenceTtl).catch((err) => req.log.warn({ err }, 'presence refresh failed')),
    });
    const conn: AgentConn = { kind: 'agent', peer, agent, watching: new Map() };
    hub.agents.add(conn);
    const fail = (extra: { clientId?: string; conversationId?: string }) => (err: unknown) => {
      if (!isDomainError(err)) req.log.error({ err }, 'agent frame failed');
      peer.send(errorFrame(err, extra));
    };

    peer.enqueue(async () => {
      await store.touchPresence(agent.id, presenceTtl);
      for (const id of await chat.heldBy(agent.id)) conn.watching.set(id, 0);
      const conversations = await Promise.all([...conn.watching.keys()].map((id) => chat.detail(id)));
      for (const c of conversations) conn.watching.set(c.id, c.messages.length ? c.messages[c.messages.length - 1].seq : 0);
      const health = await store.health();
      peer.send({
        type: 'ready', agent: { id: agent.id, name: agent.name, email: agent.email },
        queue: await chat.queueSnapshot(), conversations, degraded: !health.ok,
      });
      await ctx.chat.presenceChanged();
    }, fail({}));

    const handle = (f: AgentFrame) => {
      const extra = { conversationId: f.conversationId, ...(f.type === 'send' ? { clientId: f.clientId } : {}) };
      switch (f.type) {
        case 'claim':
          peer.enqueue(() => chat.claim(agent, f.conversationId).then(() => undefined), fail(extra));
          break;
        case 'send':
          if (!peer.allowSend()) return peer.send(errorFrame(new ChatError('rate_limited'), extra));
          peer.enqueue(async () => {
            const ack = await chat.agentSend(agent, f);
            peer.send({ type: 'ack', conversationId: f.conversationId, ...ack });
          }, fail(extra));
          break;
        case 'typing':
          peer.enqueue(async () => {
            const conv = await store.getConversation(f.conversationId);
            if (!conv || conv.agentId !== agent.id || conv.state !== 'agent') throw new ChatError('forbidden', 'Claim the conversation first');
            await chat.typing(f.conversationId, 'agent', f.on);
          }, fail(extra));
          break;
        case 'transfer':
          peer.enqueue(() => chat.transfer(agent, f.conversationId, f.agentId), fail(extra));
          break;
        case 'close':
          peer.enqueue(() => chat.close(agent, f.conversationId), fail(extra));
          break;
        case 'open':
          peer.enqueue(() => hub.watch(conn, f.conversationId), fail(extra));
          break;
      }
    };

    readFrames(peer, parseAgentFrame, handle);
    socket.on('close', () => {
      hub.agents.delete(conn);
      if (hub.socketsOfAgent(agent.id) === 0) {
        void store.clearPresence(agent.id)
          .then(() => chat.presenceChanged())
          .catch((err) => req.log.warn({ err }, 'presence clear failed'));
      }
    });
    socket.on('error', (err) => req.log.warn({ err }, 'agent socket error'));
  });
}
