// The visitor's connection to the server: hello/resume (P6), outbox with resend (P5),
// dedupe by seq/id (P4), reconnect with full-jitter backoff (P3), conversation state,
// typing. Framework-free; every environment dependency comes in through the options
// (convention 6), so the tests run it in Node against a mocked socket.

import type { Contact, Message, SError, ServerToVisitor, VisitorFrame } from '../../shared/protocol';
import { parseServerToVisitor } from '../../shared/validate';
import { backoffDelay } from './backoff';
import { Emitter } from './emitter';
import { Outbox, type OutboxEntry } from './outbox';
import { readJson, storageKeys, writeJson } from './storage';
import { Transcript } from './transcript';
import { uuid as defaultUuid } from './uuid';
import type { ChatView, ClientEvents, ClientOptions, ConnState, Timers, ViewMessage, WebSocketLike } from './types';

/** Error codes after which a message is resent automatically (with backoff). */
const RETRYABLE = ['unavailable', 'rate_limited'];
/** A remote typing indicator whose `off` got lost disappears after this long. */
const REMOTE_TYPING_MS = 15_000;
/** While the visitor keeps typing, `typing {on:true}` is repeated at most this often. */
const TYPING_REPEAT_MS = 5_000;
const OPEN = 1;

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export class ChatClient {
  private readonly events = new Emitter<ClientEvents>();
  private readonly transcript: Transcript;
  private readonly outbox: Outbox;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly uuid: () => string;

  private ws: WebSocketLike | null = null;
  private state: ConnState = { socket: 'closed', conversation: null };
  private view: ChatView;
  /** `welcome` received on the current socket: frames other than hello may be sent. */
  private welcomed = false;
  /** close() was called: stay closed. */
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private retryTimers = new Map<string, unknown>();
  private wantHandoff = false;
  private remoteTyping: 'bot' | 'agent' | null = null;
  private remoteTypingTimer: unknown = null;
  private typingOn = false;
  private typingSentAt = 0;
  private typingIdleTimer: unknown = null;
  private readSent = 0;
  /** Highest seq the visitor has seen in this conversation (shared by tabs through storage). */
  private readSeq = 0;
  /** The conversation the visitor has rated (CSAT), and a rating waiting for the socket. */
  private rated?: string;
  private pendingRate?: { score: number; comment?: string };
  private readonly keys: ReturnType<typeof storageKeys>;

  constructor(private readonly opts: ClientOptions) {
    const keys = (this.keys = storageKeys(opts.site));
    this.transcript = new Transcript(opts.storage, keys.conversation);
    this.timers = opts.timers ?? defaultTimers;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.uuid = opts.uuid ?? defaultUuid;
    const stored = (id: string) => this.transcript.messages.some((m) => m.clientId === id);
    this.outbox = new Outbox(opts.storage, keys.outbox, opts.tabId ?? this.uuid(), stored);
    this.syncRead(false);
    this.view = this.buildView();
  }

  // ------------------------------------------------------------------ public API

  on<K extends keyof ClientEvents>(event: K, fn: (...args: ClientEvents[K]) => void): () => void {
    return this.events.on(event, fn);
  }

  getView(): ChatView {
    return this.view;
  }

  /** A visitor token is stored: this visitor has talked to us before (resume on load). */
  hasSession(): boolean {
    return !!this.transcript.token;
  }

  /** Opens the socket (and keeps reopening it until close()). */
  connect(): void {
    this.stopped = false;
    if (this.ws) return;
    this.clearTimer('reconnectTimer');
    this.setState({ socket: 'connecting' });
    let ws: WebSocketLike;
    try {
      ws = new this.opts.WebSocket(this.opts.url);
    } catch (err) {
      console.error('[heed] socket', err);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.ws === ws && this.sendHello();
    ws.onmessage = (ev: { data: unknown }) => this.ws === ws && this.handleFrame(ev.data);
    ws.onclose = () => this.ws === ws && this.handleClose();
    ws.onerror = () => {
      // A close event always follows; the reconnect is scheduled there.
      if (this.ws === ws) console.warn('[heed] socket error');
    };
  }

  /** Closes the socket for good (the outbox stays stored for next time). */
  close(): void {
    this.stopped = true;
    this.clearTimer('reconnectTimer');
    for (const t of this.retryTimers.values()) this.timers.clearTimeout(t);
    this.retryTimers.clear();
    this.stopTyping();
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    if (ws) ws.close(1000);
    this.setState({ socket: 'closed' });
  }

  /** Queues a visitor message (optionally with offline-form contact) and returns its clientId. */
  send(text: string, contact?: Contact): string | undefined {
    if (!text.trim() && !contact) return undefined;
    const entry: OutboxEntry = {
      clientId: this.uuid(),
      text,
      ...(contact ? { contact } : {}),
      createdAt: this.now(),
      status: 'pending',
      attempts: 0,
    };
    this.outbox.add(entry);
    this.stopTyping();
    if (this.state.conversation === 'closed') this.restart();
    else this.transmit(entry);
    this.changed();
    return entry.clientId;
  }

  /** Sends a failed message again (the visitor pressed Retry). */
  retry(clientId: string): void {
    const entry = this.outbox.update(clientId, { status: 'pending', error: undefined, attempts: 0 });
    if (!entry) return;
    this.clearRetryTimer(clientId);
    this.transmit(entry);
    this.changed();
  }

  /** "Talk to a person" (P9 `requested`). */
  handoff(): void {
    if (this.welcomed) this.frame({ type: 'handoff' });
    else this.wantHandoff = true;
  }

  /** Call on every keystroke: sends `typing on` (throttled) and `off` after the idle time. */
  noteTyping(): void {
    if (!this.welcomed) return;
    const now = this.now();
    if (!this.typingOn || now - this.typingSentAt >= TYPING_REPEAT_MS) {
      this.typingOn = true;
      this.typingSentAt = now;
      this.frame({ type: 'typing', on: true });
    }
    this.clearTimer('typingIdleTimer');
    this.typingIdleTimer = this.timers.setTimeout(() => this.stopTyping(), this.opts.typingIdleMs ?? 3000);
  }

  stopTyping(): void {
    this.clearTimer('typingIdleTimer');
    if (!this.typingOn) return;
    this.typingOn = false;
    if (this.welcomed) this.frame({ type: 'typing', on: false });
  }

  /** The visitor has seen everything up to `seq`: stored for every tab, sent to the server. */
  markRead(seq = this.transcript.lastSeq): void {
    if (seq > this.readSeq) {
      this.readSeq = seq;
      writeJson(this.opts.storage, this.keys.read, { c: this.transcript.conversationId, seq });
      this.changed();
    }
    if (!this.welcomed || seq <= this.readSent) return;
    this.readSent = seq;
    this.frame({ type: 'read', seq });
  }

  /** Re-reads the shared read state (another tab read the messages: call on its `storage` event). */
  syncRead(notify = true): void {
    const r = readJson<{ c?: string; seq?: number }>(this.opts.storage, this.keys.read);
    const seq = r && r.c === this.transcript.conversationId && Number.isInteger(r.seq) ? (r.seq as number) : 0;
    if (seq === this.readSeq) return;
    this.readSeq = Math.max(seq, this.readSeq);
    if (notify) this.changed();
  }

  /** CSAT after a person closed the chat: score 1–5 and an optional comment. */
  rate(score: number, comment?: string): void {
    const r = { score, ...(comment && comment.trim() ? { comment: comment.trim() } : {}) };
    this.rated = this.transcript.conversationId;
    if (this.welcomed) this.frame({ type: 'rate', ...r });
    else this.pendingRate = r;
    this.changed();
  }

  /** Heed('setLocale'): the server learns it from the next hello, so reconnect now. */
  setLocale(locale: string): void {
    if (locale === this.opts.locale) return;
    this.opts.locale = locale;
    this.reconnectNow();
  }

  /** Heed('identify', {token}): a signed identity (P12), sent in a fresh hello. */
  setIdentity(token: string | undefined): void {
    if (token === this.opts.identity) return;
    this.opts.identity = token;
    this.reconnectNow();
  }

  /** Heed('shutdown'): log the visitor out and forget everything stored. Stays closed. */
  shutdown(): void {
    this.close();
    this.transcript.clear();
    this.outbox.clear();
    writeJson(this.opts.storage, this.keys.read, undefined);
    this.opts.identity = undefined;
    this.readSeq = this.readSent = 0;
    this.rated = this.pendingRate = undefined;
    this.wantHandoff = false;
    this.setRemoteTyping(null);
    this.setState({ conversation: null, position: undefined, waitSeconds: undefined, agent: undefined });
    this.changed();
  }

  /**
   * The browser went offline or online. Offline: drop the socket now (a dead connection can
   * look open for a long time), so new messages wait in the outbox as pending. Online:
   * reconnect at once instead of waiting out the backoff, and resend (P5).
   */
  network(online: boolean): void {
    if (this.stopped) return;
    if (online) {
      if (!this.welcomed) this.reconnectNow();
      return;
    }
    const ws = this.ws;
    if (!ws) return;
    ws.close(1000);
    this.handleClose();
  }

  /** Drops the current socket (if any) and says hello again at once. */
  private reconnectNow(): void {
    if (this.stopped) return;
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    if (ws) ws.close(1000);
    this.attempt = 0;
    this.connect();
  }

  // ------------------------------------------------------------------ state (convention 4)

  /** The one place the connection state changes; emits old → new. */
  private setState(patch: Partial<ConnState>): void {
    const old = this.state;
    const next: ConnState = { ...old, ...patch };
    const keys = new Set([...Object.keys(old), ...Object.keys(next)]) as Set<keyof ConnState>;
    if ([...keys].every((k) => old[k] === next[k])) return;
    this.state = next;
    this.events.emit('state', old, next);
    this.changed();
  }

  private changed(): void {
    this.view = this.buildView();
    this.events.emit('change', this.view);
  }

  private buildView(): ChatView {
    const stored: ViewMessage[] = this.transcript.messages.map((m) => ({
      key: m.id,
      from: m.from,
      text: m.text,
      at: m.at,
      seq: m.seq,
      clientId: m.clientId,
      author: m.author,
      quickReplies: m.quickReplies,
      status: 'sent',
    }));
    const pending: ViewMessage[] = this.outbox.list().map((e) => ({
      key: e.clientId,
      from: 'visitor',
      text: e.text,
      at: new Date(e.createdAt).toISOString(),
      clientId: e.clientId,
      status: e.status,
      error: e.error,
    }));
    const t = this.transcript;
    return {
      state: this.state,
      messages: [...stored, ...pending],
      typing: this.remoteTyping,
      lastSeq: t.lastSeq,
      unread: t.messages.filter((m) => m.from !== 'visitor' && m.seq > this.readSeq).length,
      rated: !!t.conversationId && this.rated === t.conversationId,
    };
  }

  // ------------------------------------------------------------------ socket

  private frame(f: VisitorFrame): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return;
    try {
      ws.send(JSON.stringify(f));
    } catch (err) {
      console.warn('[heed] send', err);
    }
  }

  private sendHello(): void {
    const t = this.transcript;
    let page = this.opts.page?.();
    if (page && page.title === undefined) page = { url: page.url };
    this.frame({
      type: 'hello',
      v: 1,
      ...(t.token ? { token: t.token, lastSeq: t.lastSeq } : {}),
      ...(page ? { page } : {}),
      ...(this.opts.locale ? { locale: this.opts.locale } : {}),
      ...(this.opts.identity ? { identity: this.opts.identity } : {}),
    });
  }

  private transmit(entry: OutboxEntry): void {
    if (!this.welcomed || entry.status !== 'pending') return;
    this.frame({ type: 'send', clientId: entry.clientId, text: entry.text, ...(entry.contact ? { contact: entry.contact } : {}) });
  }

  private handleClose(): void {
    this.ws = null;
    this.welcomed = false;
    this.typingOn = false;
    this.clearTimer('typingIdleTimer');
    this.setRemoteTyping(null);
    this.setState({ socket: 'closed' });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.random, this.opts.backoff);
    this.clearTimer('reconnectTimer');
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  /** Starts a new conversation after the old one closed: hello with the same token (P6). */
  private restart(): void {
    this.attempt = 0;
    const ws = this.ws;
    if (ws) {
      ws.close(1000);
      this.handleClose();
    }
  }

  private handleFrame(data: unknown): void {
    const parsed = parseServerToVisitor(typeof data === 'string' ? data : String(data));
    if (!parsed.ok) {
      console.warn('[heed] ignored a bad frame from the server:', parsed.error);
      return;
    }
    const f: ServerToVisitor = parsed.frame;
    switch (f.type) {
      case 'welcome': return this.onWelcome(f.token, f.conversationId, f.state, f.messages);
      case 'message': return this.onMessage(f.message);
      case 'ack': return this.onAck(f.clientId, f.seq, f.id);
      case 'state':
        // An agent's "typing" whose "off" never came ends when the agent leaves (close, transfer).
        if (f.state !== 'agent' && this.remoteTyping === 'agent') this.setRemoteTyping(null);
        return this.setState({
          conversation: f.state,
          position: f.position,
          waitSeconds: f.waitSeconds,
          agent: f.agent?.name ?? (f.state === 'agent' ? this.state.agent : undefined),
        });
      case 'typing': return this.setRemoteTyping(f.on ? f.from : null);
      case 'error': return this.onError(f);
    }
  }

  private onWelcome(token: string, conversationId: string, state: ConnState['conversation'], messages: Message[]): void {
    const t = this.transcript;
    const same = t.conversationId === conversationId;
    if (!same) {
      t.reset(conversationId);
      this.readSeq = 0;
    }
    t.token = token;
    const floor = t.lastSeq;
    const fresh = messages
      .filter((m) => m.seq > floor)
      .sort((a, b) => a.seq - b.seq)
      .filter((m) => this.applyStored(m));
    t.save();
    this.welcomed = true;
    this.attempt = 0;
    this.readSent = 0;
    const keep = same && state === this.state.conversation;
    this.setState({
      socket: 'open',
      conversation: state,
      position: keep ? this.state.position : undefined,
      waitSeconds: keep ? this.state.waitSeconds : undefined,
      agent: keep ? this.state.agent : undefined,
    });
    for (const m of fresh) if (m.from !== 'visitor') this.events.emit('message', m);
    // P5: everything not acked yet goes again; the server dedupes by clientId.
    for (const e of this.outbox.list()) {
      this.clearRetryTimer(e.clientId);
      this.transmit(e);
    }
    if (this.wantHandoff) {
      this.wantHandoff = false;
      this.handoff();
    }
    const rate = this.pendingRate;
    this.pendingRate = undefined;
    if (rate && same && state === 'closed') this.frame({ type: 'rate', ...rate });
    this.changed();
  }

  /** Stores a message; a visitor message carrying an outbox clientId also settles that entry. */
  private applyStored(m: Message): boolean {
    if (m.clientId && this.outbox.remove(m.clientId)) this.clearRetryTimer(m.clientId);
    return this.transcript.apply(m);
  }

  private onMessage(m: Message): void {
    if (!this.applyStored(m)) return;
    this.transcript.save();
    if (m.from === this.remoteTyping) this.setRemoteTyping(null);
    this.changed();
    if (m.from !== 'visitor') this.events.emit('message', m);
  }

  private onAck(clientId: string, seq: number, id: string): void {
    const entry = this.outbox.get(clientId);
    // A second ack for the same clientId (resend after reconnect) has nothing left to settle.
    if (!entry) return;
    this.applyStored({ id, seq, clientId, from: 'visitor', text: entry.text, at: new Date(this.now()).toISOString() });
    this.transcript.save();
    this.changed();
  }

  private onError(f: SError): void {
    const entry = f.clientId ? this.outbox.get(f.clientId) : undefined;
    if (entry) {
      const attempts = entry.attempts + 1;
      const max = this.opts.maxAutoRetries ?? 5;
      if (RETRYABLE.includes(f.code) && attempts <= max) {
        this.outbox.update(entry.clientId, { attempts });
        this.clearRetryTimer(entry.clientId);
        const delay = backoffDelay(attempts, this.random, this.opts.backoff);
        this.retryTimers.set(entry.clientId, this.timers.setTimeout(() => {
          this.retryTimers.delete(entry.clientId);
          const current = this.outbox.get(entry.clientId);
          if (current) this.transmit(current);
        }, delay));
      } else {
        this.outbox.update(entry.clientId, { status: 'failed', error: f.code, attempts });
        this.changed();
      }
    } else {
      console.warn(`[heed] server error ${f.code}: ${f.message}`);
    }
    this.events.emit('error', f);
  }

  private setRemoteTyping(who: 'bot' | 'agent' | null): void {
    this.clearTimer('remoteTypingTimer');
    if (who) this.remoteTypingTimer = this.timers.setTimeout(() => this.setRemoteTyping(null), REMOTE_TYPING_MS);
    if (who === this.remoteTyping) return;
    this.remoteTyping = who;
    this.changed();
  }

  private clearTimer(name: 'reconnectTimer' | 'typingIdleTimer' | 'remoteTypingTimer'): void {
    if (this[name] !== null) this.timers.clearTimeout(this[name]);
    this[name] = null;
  }

  private clearRetryTimer(clientId: string): void {
    const t = this.retryTimers.get(clientId);
    if (t !== undefined) this.timers.clearTimeout(t);
    this.retryTimers.delete(clientId);
  }
}
