// MemoryStore: the embedded default store. One process, nothing to install.
// Every method copies what it returns, so callers can never mutate stored state by accident.

import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Message } from '../../shared/protocol';
import type {
  Agent, AppendResult, Bus, BusEvent, Conversation, ConversationPatch, MessageDraft, Session,
  Store, StoreHealth, StoredState, Visitor,
} from './store';

const copy = <T>(v: T): T => structuredClone(v);

export interface MemoryStoreOptions {
  now?: () => number;
}

export class MemoryStore implements Store {
  readonly kind = 'memory';
  private readonly now: () => number;
  private visitors = new Map<string, Visitor>();
  private visitorsByToken = new Map<string, string>();
  private conversations = new Map<string, Conversation>();
  private messages = new Map<string, Message[]>();
  private clientIds = new Map<string, Map<string, number>>(); // conv → `from:clientId` → seq
  private queued = new Map<string, number>(); // conv → queuedAt ms (insertion order kept by sort)
  private agents = new Map<string, Agent>();
  private sessions = new Map<string, Session>();
  private presence = new Map<string, number>(); // agentId → expires at ms
  private closed = false;

  constructor(opts: MemoryStoreOptions = {}) {
    this.now = opts.now ?? Date.now;
  }

  async createVisitor(v: Visitor): Promise<void> {
    this.visitors.set(v.id, copy(v));
    this.visitorsByToken.set(v.tokenHash, v.id);
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    const v = this.visitors.get(id);
    return v ? copy(v) : null;
  }

  async getVisitorByTokenHash(tokenHash: string): Promise<Visitor | null> {
    const id = this.visitorsByToken.get(tokenHash);
    return id ? this.getVisitor(id) : null;
  }

  async updateVisitor(id: string, patch: Partial<Visitor>): Promise<Visitor> {
    const v = this.visitors.get(id);
    if (!v) throw new Error(`no visitor ${id}`);
    const next = { ...v, ...copy(patch), id: v.id, siteId: v.siteId, tokenHash: v.tokenHash };
    this.visitors.set(id, next);
    return copy(next);
  }

  async createConversation(c: Conversation): Promise<void> {
    if (this.conversations.has(c.id)) throw new Error(`conversation ${c.id} exists`);
    this.conversations.set(c.id, copy(c));
    this.messages.set(c.id, []);
    this.clientIds.set(c.id, new Map());
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const c = this.conversations.get(id);
    return c ? copy(c) : null;
  }

  async listConversationsByVisitor(visitorId: string): Promise<Conversation[]> {
    return [...this.conversations.values()]
      .filter((c) => c.visitorId === visitorId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map(copy);
  }

  async listConversationsByAgent(agentId: string): Promise<Conversation[]> {
    return [...this.conversations.values()]
      .filter((c) => c.agentId === agentId && c.state === 'agent')
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .map(copy);
  }

  async updateConversation(
    id: string, patch: ConversationPatch, fromStates?: StoredState[],
  ): Promise<Conversation | null> {
    // Check and write happen in one synchronous step, so two racing calls cannot both pass.
    const c = this.conversations.get(id);
    if (!c) return null;
    if (fromStates && !fromStates.includes(c.state)) return null;
    const next: Conversation = { ...c, ...copy(patch) };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
    this.conversations.set(id, next);
    return copy(next);
  }

  async appendMessage(conversationId: string, draft: MessageDraft): Promise<AppendResult> {
    const list = this.messages.get(conversationId);
    const ids = this.clientIds.get(conversationId);
    if (!list || !ids) throw new Error(`no conversation ${conversationId}`);
    // Idempotency is per sender kind, so a visitor can never collide with an agent's clientId.
    const key = draft.clientId === undefined ? undefined : `${draft.from}:${draft.clientId}`;
    if (key !== undefined) {
      const seen = ids.get(key);
      if (seen !== undefined) return { message: copy(list[seen - 1]), duplicate: true };
    }
    const message: Message = {
      id: randomUUID(),
      seq: list.length + 1,
      from: draft.from,
      text: draft.text,
      at: new Date(this.now()).toISOString(),
    };
    if (draft.clientId !== undefined) message.clientId = draft.clientId;
    if (draft.author) message.author = { ...draft.author };
    if (draft.quickReplies?.length) message.quickReplies = [...draft.quickReplies];
    if (draft.note) message.note = true;
    list.push(message);
    if (key !== undefined) ids.set(key, message.seq);
    return { message: copy(message), duplicate: false };
  }

  async getMessages(conversationId: string, afterSeq = 0): Promise<Message[]> {
    const list = this.messages.get(conversationId) ?? [];
    return list.slice(Math.max(0, afterSeq)).map(copy);
  }

  async messageCount(conversationId: string): Promise<number> {
    return this.messages.get(conversationId)?.length ?? 0;
  }

  async enqueue(conversationId: string, atMs: number): Promise<void> {
    if (!this.queued.has(conversationId)) this.queued.set(conversationId, atMs);
  }

  async dequeue(conversationId: string): Promise<void> {
    this.queued.delete(conversationId);
  }

  async queue(): Promise<string[]> {
    return [...this.queued.entries()]
      .map(([id, at], i) => ({ id, at, i }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((e) => e.id);
  }

  async putAgent(a: Agent): Promise<void> {
    for (const other of this.agents.values()) {
      if (other.id !== a.id && other.email === a.email) throw new Error(`email ${a.email} taken`);
    }
    this.agents.set(a.id, copy(a));
  }

  async getAgent(id: string): Promise<Agent | null> {
    const a = this.agents.get(id);
    return a ? copy(a) : null;
  }

  async getAgentByEmail(email: string): Promise<Agent | null> {
    const wanted = email.trim().toLowerCase();
    for (const a of this.agents.values()) if (a.email.toLowerCase() === wanted) return copy(a);
    return null;
  }

  async listAgents(): Promise<Agent[]> {
    return [...this.agents.values()].map(copy);
  }

  async putSession(tokenHash: string, s: Session): Promise<void> {
    this.sessions.set(tokenHash, { ...s });
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    const s = this.sessions.get(tokenHash);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(tokenHash);
      return null;
    }
    return { ...s };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.sessions.delete(tokenHash);
  }

  async touchPresence(agentId: string, ttlMs: number): Promise<void> {
    this.presence.set(agentId, this.now() + ttlMs);
  }

  async clearPresence(agentId: string): Promise<void> {
    this.presence.delete(agentId);
  }

  async onlineAgents(): Promise<string[]> {
    const now = this.now();
    const out: string[] = [];
    for (const [id, until] of this.presence) {
      if (until > now) out.push(id);
      else this.presence.delete(id);
    }
    return out.sort();
  }

  async purgeClosed(closedBefore: number): Promise<number> {
    let purged = 0;
    for (const c of [...this.conversations.values()]) {
      if (c.state === 'closed' && Date.parse(c.closedAt ?? '') < closedBefore) {
        this.dropConversation(c.id);
        purged++;
      }
    }
    return purged;
  }

  async forgetVisitor(visitorId: string): Promise<number> {
    const v = this.visitors.get(visitorId);
    if (v) this.visitorsByToken.delete(v.tokenHash);
    this.visitors.delete(visitorId);
    const mine = [...this.conversations.values()].filter((c) => c.visitorId === visitorId);
    for (const c of mine) this.dropConversation(c.id);
    return mine.length;
  }

  private dropConversation(id: string): void {
    this.conversations.delete(id);
    this.messages.delete(id);
    this.clientIds.delete(id);
    this.queued.delete(id);
  }

  async health(): Promise<StoreHealth> {
    return this.closed ? { ok: false, store: this.kind, detail: 'closed' } : { ok: true, store: this.kind };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** In-process bus: synchronous fan-out in publish order. */
export class MemoryBus implements Bus {
  private emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(event: BusEvent): Promise<void> {
    this.emitter.emit('event', event);
  }

  subscribe(handler: (event: BusEvent) => void): () => void {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
