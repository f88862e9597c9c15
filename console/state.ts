// The console's local view of the server, as plain data, and the pure functions that
// change it. No sockets or timers here: client.ts drives these from frames.

import type {
  AgentInfo,
  ConversationDetail,
  ErrorCode,
  Message,
  QueueEntry,
  SentimentPoint,
  ServerToAgent,
} from '../shared/protocol';

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'stopped';

/** A reply the agent wrote that the server has not acknowledged yet (P5). */
export interface Outgoing {
  conversationId: string;
  clientId: string;
  text: string;
  note: boolean;
  /** Epoch ms when the agent sent it. */
  createdAt: number;
  /** Set when the server refused it (e.g. `too_long`); such entries are not resent. */
  failed?: { code: ErrorCode | string; message: string };
}

export interface Notice {
  id: number;
  code: ErrorCode | string;
  message: string;
  conversationId?: string;
  /** What the agent was doing when the server refused, when the console knows. */
  action?: 'requeue';
}

export interface ConsoleState {
  status: ConnectionStatus;
  agent?: AgentInfo;
  degraded: boolean;
  queue: QueueEntry[];
  /** Conversations this console has in full: the ones the agent holds plus any it opened. */
  conversations: Record<string, ConversationDetail>;
  /** Unacknowledged replies, in the order they were written. */
  outbox: Outgoing[];
  visitorTyping: Record<string, boolean>;
  notices: Notice[];
  /** Conversations this agent asked to claim and has not heard back about. */
  claiming: string[];
  /** Conversations this agent asked to return to the queue and has not heard back about. */
  requeueing: string[];
}

export function initialState(): ConsoleState {
  return { status: 'idle', degraded: false, queue: [], conversations: {}, outbox: [], visitorTyping: {}, notices: [], claiming: [], requeueing: [] };
}

/** Inserts or replaces a message, keeping the transcript in `seq` order and free of duplicates. */
export function upsertMessage(messages: Message[], message: Message): Message[] {
  const same = messages.findIndex(
    (m) => m.id === message.id || (message.clientId !== undefined && m.clientId === message.clientId),
  );
  const rest = same === -1 ? messages : messages.filter((_, i) => i !== same);
  const at = rest.findIndex((m) => m.seq > message.seq);
  return at === -1 ? [...rest, message] : [...rest.slice(0, at), message, ...rest.slice(at)];
}

function upsertPoint(points: SentimentPoint[], point: SentimentPoint): SentimentPoint[] {
  const rest = points.filter((p) => p.seq !== point.seq);
  return [...rest, point].sort((a, b) => a.seq - b.seq);
}

/** Outbox entries whose clientId is already in their conversation's transcript are done. */
export function pruneOutbox(outbox: Outgoing[], conversations: Record<string, ConversationDetail>): Outgoing[] {
  return outbox.filter((o) => {
    const c = conversations[o.conversationId];
    return !c || !c.messages.some((m) => m.clientId === o.clientId);
  });
}

function withConversation(
  state: ConsoleState,
  id: string,
  change: (c: ConversationDetail) => ConversationDetail,
): ConsoleState {
  const c = state.conversations[id];
  if (!c) return state;
  return { ...state, conversations: { ...state.conversations, [id]: change(c) } };
}

function byId(list: ConversationDetail[], holder?: AgentInfo): Record<string, ConversationDetail> {
  const out: Record<string, ConversationDetail> = {};
  for (const c of list) {
    out[c.id] = {
      ...c,
      agentId: c.agentId ?? (holder && c.state === 'agent' ? holder.id : undefined),
      agentName: c.agentName ?? (holder && c.state === 'agent' ? holder.name : undefined),
      messages: [...c.messages].sort((a, b) => a.seq - b.seq),
      sentiment: c.sentiment ?? [],
    };
  }
  return out;
}

/**
 * Applies one server frame. `nextNoticeId` numbers notices so the UI can dismiss them.
 * `ready` replaces everything the server owns; the outbox survives (it is ours until acked).
 */
export function applyFrame(state: ConsoleState, frame: ServerToAgent, nextNoticeId: () => number): ConsoleState {
  switch (frame.type) {
    case 'ready': {
      // Every conversation in `ready` is held by this agent, whether or not the server says so.
      const conversations = byId(frame.conversations, frame.agent);
      return {
        ...state,
        status: 'open',
        agent: frame.agent,
        degraded: frame.degraded === true,
        queue: frame.queue,
        conversations,
        outbox: pruneOutbox(state.outbox, conversations),
        visitorTyping: {},
        claiming: [],
        requeueing: [],
      };
    }
    case 'queue':
      // `degraded` rides on queue frames while the store is down and when it recovers.
      return { ...state, queue: frame.queue, degraded: frame.degraded ?? state.degraded };
    case 'conversation': {
      const id = frame.conversation.id;
      const claimed = state.claiming.includes(id);
      const c = byId([frame.conversation], claimed ? state.agent : undefined);
      const conversations = { ...state.conversations, ...c };
      return {
        ...state,
        conversations,
        outbox: pruneOutbox(state.outbox, conversations),
        claiming: claimed ? state.claiming.filter((x) => x !== id) : state.claiming,
      };
    }
    case 'message': {
      const next = withConversation(state, frame.conversationId, (c) => ({
        ...c,
        messages: upsertMessage(c.messages, frame.message),
      }));
      const cid = frame.message.clientId;
      const outbox = cid === undefined ? next.outbox : next.outbox.filter((o) => o.clientId !== cid);
      const visitorTyping =
        frame.message.from === 'visitor' && next.visitorTyping[frame.conversationId]
          ? { ...next.visitorTyping, [frame.conversationId]: false }
          : next.visitorTyping;
      return { ...next, outbox, visitorTyping };
    }
    case 'ack': {
      const pending = state.outbox.find((o) => o.clientId === frame.clientId);
      const outbox = state.outbox.filter((o) => o.clientId !== frame.clientId);
      // The `message` frame for our own reply normally follows; if the server does not
      // echo it, the acked entry still belongs in the transcript.
      const next = pending
        ? withConversation(state, frame.conversationId, (c) =>
            c.messages.some((m) => m.id === frame.id || m.clientId === frame.clientId)
              ? c
              : {
                  ...c,
                  messages: upsertMessage(c.messages, {
                    id: frame.id,
                    seq: frame.seq,
                    clientId: frame.clientId,
                    from: 'agent',
                    author: state.agent ? { name: state.agent.name } : undefined,
                    text: pending.text,
                    note: pending.note || undefined,
                    at: new Date(pending.createdAt).toISOString(),
                  }),
                },
          )
        : state;
      return { ...next, outbox };
    }
    case 'state': {
      // Any new state of the conversation answers a pending return to the queue.
      const next = state.requeueing.includes(frame.conversationId)
        ? { ...state, requeueing: state.requeueing.filter((x) => x !== frame.conversationId) }
        : state;
      return withConversation(next, frame.conversationId, (c) => ({
        ...c,
        state: frame.state,
        agentId: frame.agentId ?? (frame.state === 'queued' ? undefined : c.agentId),
        agentName: frame.agentName ?? (frame.state === 'queued' ? undefined : c.agentName),
        reason: frame.reason ?? c.reason,
      }));
    }
    case 'typing':
      return { ...state, visitorTyping: { ...state.visitorTyping, [frame.conversationId]: frame.on } };
    case 'read':
      return withConversation(state, frame.conversationId, (c) => ({
        ...c,
        visitorRead: Math.max(c.visitorRead ?? 0, frame.seq),
      }));
    case 'sentiment':
      return withConversation(state, frame.conversationId, (c) => ({
        ...c,
        sentiment: upsertPoint(c.sentiment ?? [], frame.point),
      }));
    case 'error': {
      // A refused reply names its clientId; an error naming only a conversation we asked to
      // return to the queue is the answer to that request.
      const requeueing =
        frame.clientId === undefined && frame.conversationId !== undefined && state.requeueing.includes(frame.conversationId);
      const notice: Notice = {
        id: nextNoticeId(),
        code: frame.code,
        message: frame.message,
        conversationId: frame.conversationId,
        ...(requeueing ? { action: 'requeue' as const } : {}),
      };
      const outbox = frame.clientId
        ? state.outbox.map((o) =>
            o.clientId === frame.clientId ? { ...o, failed: { code: frame.code, message: frame.message } } : o,
          )
        : state.outbox;
      const claiming = frame.conversationId
        ? state.claiming.filter((x) => x !== frame.conversationId)
        : state.claiming;
      return {
        ...state,
        outbox,
        claiming,
        requeueing: requeueing ? state.requeueing.filter((x) => x !== frame.conversationId) : state.requeueing,
        notices: [...state.notices, notice],
      };
    }
  }
}

/** Whether the signed-in agent holds this conversation right now. */
export function isMine(c: ConversationDetail, agent: AgentInfo | undefined): boolean {
  return c.state === 'agent' && agent !== undefined && c.agentId === agent.id;
}
