// The per-process registry of connected sockets. It turns Bus events into frames.
// Every socket keeps a cursor per conversation: a message at or below it is a duplicate and is
// skipped; a message past cursor+1 means events were missed, so the gap is read from the store.
// That makes delivery exactly-once and in seq order (P4) even on a bus that drops or reorders.

import type { Message } from '../../shared/protocol';
import type { ChatService } from '../chat/service';
import type { Agent, Bus, BusEvent, Conversation, Store } from '../store/store';
import type { Peer } from './peer';

export interface VisitorConn {
  kind: 'visitor';
  peer: Peer;
  visitorId: string;
  conversationId: string;
  cursor: number;
  lastState?: string;
  /** True while the visitor waits (queued or offline): only then can queue changes alter its state. */
  waiting?: boolean;
}

export interface AgentConn {
  kind: 'agent';
  peer: Peer;
  agent: Agent;
  /** Conversation id → highest seq delivered. */
  watching: Map<string, number>;
}

export interface HubLog {
  error(obj: unknown, msg?: string): void;
}

export class Hub {
  /** Visitor sockets by conversation id: the message path looks up only the sockets it serves. */
  private readonly visitors = new Map<string, Set<VisitorConn>>();
  readonly agents = new Set<AgentConn>();
  private unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    bus: Bus,
    private readonly chat: ChatService,
    private readonly log: HubLog,
  ) {
    this.unsubscribe = bus.subscribe((e) => this.onEvent(e));
  }

  private report = (err: unknown) => this.log.error({ err }, 'delivery failed');

  private visitorsOf(conversationId: string): Iterable<VisitorConn> {
    return this.visitors.get(conversationId) ?? [];
  }

  addVisitor(v: VisitorConn): void {
    let set = this.visitors.get(v.conversationId);
    if (!set) this.visitors.set(v.conversationId, (set = new Set()));
    set.add(v);
  }

  removeVisitor(v: VisitorConn): void {
    const set = this.visitors.get(v.conversationId);
    set?.delete(v);
    if (set && set.size === 0) this.visitors.delete(v.conversationId);
  }

  /** Moves a visitor socket to a new conversation (P6 rollover after a close). */
  rebindVisitor(v: VisitorConn, conversationId: string): void {
    this.removeVisitor(v);
    v.conversationId = conversationId;
    v.cursor = 0;
    v.lastState = undefined;
    this.addVisitor(v);
  }

  private watchers(conversationId: string): AgentConn[] {
    return [...this.agents].filter((a) => a.watching.has(conversationId));
  }

  private onEvent(e: BusEvent): void {
    switch (e.kind) {
      case 'message':
        for (const v of this.visitorsOf(e.conversationId)) v.peer.enqueue(() => this.deliverToVisitor(v, e.message), this.report);
        for (const a of this.watchers(e.conversationId)) a.peer.enqueue(() => this.deliverToAgent(a, e.conversationId, e.message), this.report);
        break;
      case 'typing':
        if (e.from === 'visitor') {
          for (const a of this.watchers(e.conversationId)) {
            a.peer.enqueue(() => a.peer.send({ type: 'typing', conversationId: e.conversationId, from: 'visitor', on: e.on }), this.report);
          }
        } else {
          for (const v of this.visitorsOf(e.conversationId)) v.peer.enqueue(() => v.peer.send({ type: 'typing', from: e.from, on: e.on }), this.report);
        }
        break;
      case 'sentiment':
        for (const a of this.watchers(e.conversationId)) {
          a.peer.enqueue(() => a.peer.send({ type: 'sentiment', conversationId: e.conversationId, point: e.point }), this.report);
        }
        break;
      case 'read':
        for (const a of this.watchers(e.conversationId)) {
          a.peer.enqueue(() => a.peer.send({ type: 'read', conversationId: e.conversationId, seq: e.seq }), this.report);
        }
        break;
      case 'conversation':
        void this.onConversation(e.conversationId).catch(this.report);
        break;
      case 'queue':
      case 'presence':
        void this.onQueue().catch(this.report);
        break;
    }
  }

  private async deliverToVisitor(v: VisitorConn, message: Message): Promise<void> {
    if (message.seq <= v.cursor) return;
    const batch = message.seq === v.cursor + 1 ? [message] : await this.store.getMessages(v.conversationId, v.cursor);
    this.sendToVisitor(v, batch);
  }

  /** Reads whatever the visitor's socket has not had yet (a lost nudge, a bus reconnect). */
  async catchUpVisitor(v: VisitorConn): Promise<void> {
    const conversationId = v.conversationId;
    const batch = await this.store.getMessages(conversationId, v.cursor);
    if (v.conversationId === conversationId) this.sendToVisitor(v, batch);
  }

  private sendToVisitor(v: VisitorConn, batch: Message[]): void {
    for (const m of batch) {
      if (m.seq <= v.cursor) continue;
      v.cursor = m.seq;
      if (!m.note) v.peer.send({ type: 'message', message: m }); // P11: notes never reach visitors
    }
  }

  private async deliverToAgent(a: AgentConn, conversationId: string, message: Message): Promise<void> {
    const cursor = a.watching.get(conversationId);
    if (cursor === undefined || message.seq <= cursor) return;
    const batch = message.seq === cursor + 1 ? [message] : await this.store.getMessages(conversationId, cursor);
    this.sendToAgent(a, conversationId, batch);
  }

  /** Reads whatever this agent socket has not had yet of a conversation it watches. */
  async catchUpAgent(a: AgentConn, conversationId: string): Promise<void> {
    const cursor = a.watching.get(conversationId);
    if (cursor === undefined) return;
    this.sendToAgent(a, conversationId, await this.store.getMessages(conversationId, cursor));
  }

  private sendToAgent(a: AgentConn, conversationId: string, batch: Message[]): void {
    for (const m of batch) {
      if (m.seq <= (a.watching.get(conversationId) ?? 0)) continue;
      a.watching.set(conversationId, m.seq);
      a.peer.send({ type: 'message', conversationId, message: m });
    }
  }

  /** Sends a visitor its state frame when it changed (P10). */
  async pushVisitorState(v: VisitorConn, conv?: Conversation | null): Promise<void> {
    const c = conv ?? (await this.store.getConversation(v.conversationId));
    if (!c || c.id !== v.conversationId) return;
    const frame = await this.chat.visitorState(c);
    const json = JSON.stringify(frame);
    if (json === v.lastState) return;
    v.lastState = json;
    v.waiting = frame.state === 'queued' || frame.state === 'offline';
    v.peer.send(frame);
  }

  /** Sends every socket of this process the conversation's current state (and claims/transfers). */
  async onConversation(conversationId: string): Promise<void> {
    const conv = await this.store.getConversation(conversationId);
    if (!conv) return;
    for (const v of this.visitorsOf(conversationId)) v.peer.enqueue(() => this.pushVisitorState(v, conv), this.report);
    const state = await this.chat.wireState(conv);
    const agentName = conv.agentId ? (await this.store.getAgent(conv.agentId))?.name : undefined;
    for (const a of this.agents) {
      if (a.watching.has(conversationId)) {
        a.peer.enqueue(() => a.peer.send({
          type: 'state', conversationId, state, agentId: conv.agentId, agentName, reason: conv.reason, rating: conv.rating, contact: conv.contact,
        }), this.report);
      } else if (conv.state === 'agent' && conv.agentId === a.agent.id) {
        // Claimed by or transferred to this agent: send the whole conversation, then stream it.
        a.peer.enqueue(() => this.watch(a, conversationId), this.report);
      }
    }
  }

  /** Starts streaming a conversation to an agent socket, beginning with its full detail (P11). */
  async watch(a: AgentConn, conversationId: string): Promise<void> {
    const detail = await this.chat.detail(conversationId);
    const last = detail.messages.length ? detail.messages[detail.messages.length - 1].seq : 0;
    a.watching.set(conversationId, Math.max(last, a.watching.get(conversationId) ?? 0));
    a.peer.send({ type: 'conversation', conversation: detail });
  }

  /** Sends agents the queue and waiting visitors their position. */
  async onQueue(): Promise<void> {
    if (this.agents.size) {
      const queue = await this.chat.queueSnapshot();
      for (const a of this.agents) a.peer.enqueue(() => a.peer.send({ type: 'queue', queue }), this.report);
    }
    for (const set of this.visitors.values()) {
      for (const v of set) if (v.waiting) v.peer.enqueue(() => this.pushVisitorState(v), this.report);
    }
  }

  /** Every visitor socket of this process. */
  *visitorConns(): Iterable<VisitorConn> {
    for (const set of this.visitors.values()) yield* set;
  }

  /** Agents online in this process, by id, for presence bookkeeping. */
  socketsOfAgent(agentId: string): number {
    let n = 0;
    for (const a of this.agents) if (a.agent.id === agentId) n++;
    return n;
  }

  /** Graceful shutdown: close every socket with 1001 (going away). */
  closeAll(code: number, reason: string): void {
    for (const set of this.visitors.values()) for (const v of set) v.peer.close(code, reason);
    for (const a of this.agents) a.peer.close(code, reason);
  }

  stop(): void {
    this.unsubscribe();
  }
}
