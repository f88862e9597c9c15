// The visitor socket, /v1/visitor?site=ID (PROTOCOL.md P1–P10, P12).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Message, VisitorFrame } from '../../shared/protocol';
import { parseVisitorFrame } from '../../shared/validate';
import type { ChatService } from '../chat/service';
import type { HeedConfig } from '../config';
import type { Store } from '../store/store';
import { errorFrame, isDomainError } from './errors';
import type { Hub, VisitorConn } from './hub';
import { Peer, readFrames } from './peer';

export interface TransportContext {
  chat: ChatService;
  hub: Hub;
  store: Store;
  config: HeedConfig;
  now: () => number;
}

const visible = (m: Message) => !m.note;

export function visitorSocket(app: FastifyInstance, ctx: TransportContext): void {
  const { chat, hub, store, config } = ctx;

  // The Origin must be one of the site's allowed origins, checked before the upgrade.
  const checkOrigin = async (req: FastifyRequest, reply: FastifyReply) => {
    const siteId = (req.query as Record<string, string | undefined>).site ?? '';
    const site = chat.site(siteId);
    const origin = req.headers.origin;
    if (!site || !origin || !site.origins.includes(origin)) {
      req.log.warn({ siteId, origin }, 'visitor socket refused: origin not allowed for site');
      await reply.code(403).send({ error: 'forbidden', message: 'Origin not allowed for this site' });
    }
  };

  app.get('/v1/visitor', { websocket: true, preValidation: checkOrigin }, (socket: WebSocket, req) => {
    const siteId = (req.query as Record<string, string>).site;
    const userAgent = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : undefined;
    let conn: VisitorConn | undefined;
    let token = '';
    const peer = new Peer(socket, {
      ...config.limits, pingIntervalMs: config.pingIntervalMs, now: ctx.now,
      onDead: () => req.log.info('visitor socket missed two pongs; dropped'),
    });
    const fail = (clientId?: string) => (err: unknown) => {
      if (!isDomainError(err)) req.log.error({ err }, 'visitor frame failed');
      peer.send(errorFrame(err, clientId ? { clientId } : {}));
    };

    const sendWelcome = async (c: VisitorConn, after: number) => {
      const messages = await store.getMessages(c.conversationId, after);
      c.cursor = Math.max(after, messages.length ? messages[messages.length - 1].seq : 0);
      const conv = await store.getConversation(c.conversationId);
      peer.send({
        type: 'welcome', token, conversationId: c.conversationId,
        state: conv ? await chat.wireState(conv) : 'bot', messages: messages.filter(visible),
      });
      c.lastState = undefined;
      await hub.pushVisitorState(c, conv);
    };

    /** The conversation closed: the visitor's next message starts a new one (P6). */
    const rollover = async (c: VisitorConn) => {
      const visitor = await store.getVisitor(c.visitorId);
      if (!visitor) throw new Error('visitor vanished');
      const next = await chat.startConversation(visitor);
      hub.rebindVisitor(c, next.id);
      await sendWelcome(c, 0);
    };

    const handle = (frame: VisitorFrame) => {
      if (frame.type === 'hello') {
        if (conn) return peer.send({ type: 'error', code: 'bad_frame', message: 'hello was already received' });
        peer.enqueue(async () => {
          const session = await chat.hello(siteId, frame, { userAgent });
          if (session.identityRefused) peer.send({ type: 'error', code: 'bad_identity', message: 'Identity is not signed correctly; continuing without it' });
          token = session.token;
          // Register first, then read: events from now on queue behind this task, and the read
          // covers everything stored before, so the welcome has no gap and nothing comes twice.
          conn = { kind: 'visitor', peer, visitorId: session.visitor.id, conversationId: session.conversation.id, cursor: session.after };
          hub.addVisitor(conn);
          await sendWelcome(conn, session.after);
        }, (err) => {
          fail()(err);
          if (isDomainError(err) && (err.code === 'bad_identity' || err.code === 'forbidden')) peer.close(1008, err.code);
        });
        return;
      }
      const c = conn;
      if (!c) return peer.send({ type: 'error', code: 'not_ready', message: 'Send hello first' });
      switch (frame.type) {
        case 'send':
          if (!peer.allowSend()) return peer.send({ type: 'error', code: 'rate_limited', message: 'Too many messages; slow down', clientId: frame.clientId });
          peer.enqueue(async () => {
            let ack = await chat.visitorSend(c.conversationId, frame);
            if (ack === 'closed') {
              await rollover(c);
              ack = await chat.visitorSend(c.conversationId, frame);
            }
            if (ack !== 'closed') peer.send({ type: 'ack', ...ack });
          }, fail(frame.clientId));
          break;
        case 'typing':
          peer.enqueue(() => chat.typing(c.conversationId, 'visitor', frame.on), fail());
          break;
        case 'read':
          peer.enqueue(() => chat.visitorRead(c.conversationId, frame.seq), fail());
          break;
        case 'handoff':
          peer.enqueue(() => chat.handoff(c.conversationId), fail());
          break;
        case 'rate':
          peer.enqueue(() => chat.rate(c.conversationId, frame.score, frame.comment), fail());
          break;
      }
    };

    readFrames(peer, parseVisitorFrame, handle);
    socket.on('close', () => {
      if (conn) hub.removeVisitor(conn);
    });
    socket.on('error', (err) => req.log.warn({ err }, 'visitor socket error'));
  });
}
