// The agent socket, framework-free: connects, reconnects with backoff (P3), keeps the
// console's state from server frames, and resends unacked replies after a reconnect (P5).
// Everything environmental (WebSocket, timers, randomness, ids) is injected for tests.

import type { AgentFrame, ASend, Message, QueueEntry, ServerToAgent } from '../shared/protocol';
import { parseServerToAgent } from '../shared/validate';
import { backoffDelay } from './backoff';
import { applyFrame, initialState, type ConsoleState, type Outgoing } from './state';

/** The part of the WebSocket API the client uses (browser WebSocket and `ws` both fit). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type SocketFactory = new (url: string) => SocketLike;

type TimerId = ReturnType<typeof setTimeout>;

export interface AgentClientOptions {
  url: string;
  WebSocket: SocketFactory;
  setTimeout?: (fn: () => void, ms: number) => TimerId;
  clearTimeout?: (id: TimerId) => void;
  random?: () => number;
  newId?: () => string;
  now?: () => number;
  /** Backoff tuning; tests use small numbers. */
  backoff?: { baseMs?: number; capMs?: number };
  /** Asked before each reconnect; answer false to stop (e.g. the session expired). */
  beforeReconnect?: () => Promise<boolean>;
  /** A visitor typing indicator with no "off" clears itself after this long. */
  typingTimeoutMs?: number;
}

/** Discrete happenings the UI may want to announce (the state alone does not say what is new). */
export type ClientEvent =
  | { kind: 'queue-added'; entries: QueueEntry[] }
  | { kind: 'visitor-message'; conversationId: string; message: Message }
  | { kind: 'error'; code: string; message: string; conversationId?: string }
  | { kind: 'bad-frame'; error: string };

const OPEN = 1;
/** WebSocket close code the server uses for "not authenticated" (ERRORS.unauthorized). */
const POLICY = 1008;

export class AgentClient {
  private state: ConsoleState = initialState();
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: TimerId | null = null;
  private typingTimers = new Map<string, TimerId>();
  private stateListeners = new Set<(s: ConsoleState) => void>();
  private eventListeners = new Set<(e: ClientEvent) => void>();
  /** Conversations opened without claiming; reopened after a reconnect. */
  private watching = new Set<string>();
  private noticeSeq = 0;
  private readonly o: Required<Omit<AgentClientOptions, 'beforeReconnect' | 'backoff'>> &
    Pick<AgentClientOptions, 'beforeReconnect' | 'backoff'>;

  constructor(options: AgentClientOptions) {
    this.o = {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id),
      random: Math.random,
      newId: () => crypto.randomUUID(),
      now: Date.now,
      typingTimeoutMs: 15_000,
      ...options,
    };
  }

  getState(): ConsoleState {
    return this.state;
  }

  subscribe(listener: (s: ConsoleState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEvent(listener: (e: ClientEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  connect(): void {
    if (this.socket || this.state.status === 'open') return;
    this.setState({ ...this.state, status: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    const ws = new this.o.WebSocket(this.o.url);
    this.socket = ws;
    ws.onmessage = (ev) => {
      if (this.socket === ws) this.receive(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.socket === ws) this.dropped(ev.code);
    };
    ws.onerror = () => {
      /* a close event always follows */
    };
  }

  /** Stops for good (sign-out): no reconnect. */
  disconnect(): void {
    this.clearRetry();
    for (const t of this.typingTimers.values()) this.o.clearTimeout(t);
    this.typingTimers.clear();
    const ws = this.socket;
    this.socket = null;
    ws?.close(1000, 'bye');
    this.setState({ ...this.state, status: 'stopped' });
  }

  claim(conversationId: string): void {
    this.setState({ ...this.state, claiming: [...this.state.claiming.filter((x) => x !== conversationId), conversationId] });
    this.frame({ type: 'claim', conversationId });
  }

  open(conversationId: string): void {
    this.watching.add(conversationId);
    this.frame({ type: 'open', conversationId });
  }

  close(conversationId: string): void {
    this.frame({ type: 'close', conversationId });
  }

  /**
   * Hands a held conversation back to the queue: `transfer` without `agentId`. Returns false
   * when not connected (nothing was sent). Pending until the server sends the new state or an error.
   */
  requeue(conversationId: string): boolean {
    if (!this.frame({ type: 'transfer', conversationId })) return false;
    this.setState({ ...this.state, requeueing: [...this.state.requeueing.filter((x) => x !== conversationId), conversationId] });
    return true;
  }

  typing(conversationId: string, on: boolean): void {
    this.frame({ type: 'typing', conversationId, on });
  }

  /** Queues a reply (or internal note); it stays pending until acked and survives reconnects. */
  send(conversationId: string, text: string, note = false): string {
    const entry: Outgoing = { conversationId, clientId: this.o.newId(), text, note, createdAt: this.o.now() };
    this.setState({ ...this.state, outbox: [...this.state.outbox, entry] });
    if (this.state.status === 'open') this.transmit(entry);
    return entry.clientId;
  }

  /** Forgets a reply the server refused. */
  discard(clientId: string): void {
    this.setState({ ...this.state, outbox: this.state.outbox.filter((o) => o.clientId !== clientId) });
  }

  /** Tries a refused reply again (after the agent shortened it, say). */
  retry(clientId: string, text?: string): void {
    const outbox = this.state.outbox.map((o) =>
      o.clientId === clientId ? { ...o, text: text ?? o.text, failed: undefined } : o,
    );
    this.setState({ ...this.state, outbox });
    const entry = outbox.find((o) => o.clientId === clientId);
    if (entry && this.state.status === 'open') this.transmit(entry);
  }

  dismissNotice(id: number): void {
    this.setState({ ...this.state, notices: this.state.notices.filter((n) => n.id !== id) });
  }

  // ------------------------------------------------------------------ internals

  private transmit(o: Outgoing): void {
    const f: ASend = { type: 'send', conversationId: o.conversationId, clientId: o.clientId, text: o.text };
    if (o.note) f.note = true;
    this.frame(f);
  }

  private frame(f: AgentFrame): boolean {
    const ws = this.socket;
    if (!ws || ws.readyState !== OPEN || this.state.status !== 'open') return false;
    ws.send(JSON.stringify(f));
    return true;
  }

  private receive(data: unknown): void {
    const parsed = parseServerToAgent(typeof data === 'string' ? data : String(data));
    if (!parsed.ok) {
      this.emit({ kind: 'bad-frame', error: parsed.error });
      return;
    }
    const f = parsed.frame;
    const before = this.state;
    this.setState(applyFrame(before, f, () => ++this.noticeSeq));
    this.after(f, before);
  }

  /** Side effects of a frame, after the state has moved on. */
  private after(f: ServerToAgent, before: ConsoleState): void {
    switch (f.type) {
      case 'ready': {
        this.attempt = 0;
        for (const t of this.typingTimers.values()) this.o.clearTimeout(t);
        this.typingTimers.clear();
        for (const id of this.watching) if (!this.state.conversations[id]) this.frame({ type: 'open', conversationId: id });
        for (const o of this.state.outbox) if (!o.failed) this.transmit(o);
        break;
      }
      case 'queue': {
        const known = new Set(before.queue.map((q) => q.conversationId));
        const added = f.queue.filter((q) => !known.has(q.conversationId));
        if (added.length > 0) this.emit({ kind: 'queue-added', entries: added });
        break;
      }
      case 'message': {
        const had = before.conversations[f.conversationId]?.messages.some((m) => m.id === f.message.id);
        if (f.message.from === 'visitor' && !had && this.state.conversations[f.conversationId]) {
          this.emit({ kind: 'visitor-message', conversationId: f.conversationId, message: f.message });
        }
        break;
      }
      case 'typing': {
        const old = this.typingTimers.get(f.conversationId);
        if (old !== undefined) this.o.clearTimeout(old);
        this.typingTimers.delete(f.conversationId);
        if (f.on) {
          const id = f.conversationId;
          this.typingTimers.set(
            id,
            this.o.setTimeout(() => {
              this.typingTimers.delete(id);
              this.setState({ ...this.state, visitorTyping: { ...this.state.visitorTyping, [id]: false } });
            }, this.o.typingTimeoutMs),
          );
        }
        break;
      }
      case 'conversation':
        if (f.conversation.state === 'closed') this.watching.delete(f.conversation.id);
        break;
      case 'error':
        this.emit({ kind: 'error', code: f.code, message: f.message, conversationId: f.conversationId });
        break;
      default:
        break;
    }
  }

  private dropped(code: number): void {
    this.socket = null;
    if (code === POLICY) {
      this.setState({ ...this.state, status: 'unauthorized' });
      return;
    }
    this.setState({ ...this.state, status: 'reconnecting' });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.clearRetry();
    const delay = backoffDelay(this.attempt, this.o.random, this.o.backoff);
    this.attempt += 1;
    this.retryTimer = this.o.setTimeout(() => {
      this.retryTimer = null;
      void this.reconnectNow();
    }, delay);
  }

  private async reconnectNow(): Promise<void> {
    if (this.o.beforeReconnect) {
      let go = true;
      try {
        go = await this.o.beforeReconnect();
      } catch {
        go = true; // the check itself failed (network down): keep trying
      }
      if (this.state.status === 'stopped') return;
      if (!go) {
        this.setState({ ...this.state, status: 'unauthorized' });
        return;
      }
    }
    if (this.state.status === 'stopped') return;
    this.connect();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.o.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(next: ConsoleState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.stateListeners) l(next);
  }

  private emit(e: ClientEvent): void {
    for (const l of this.eventListeners) l(e);
  }
}
