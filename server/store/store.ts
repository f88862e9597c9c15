// The one interface for everything durable, plus the Bus between processes.
// MemoryStore (memory.ts) is the embedded default; RedisStore (redis.ts) serves many processes.
// Both pass the same contract suite (test/store/contract.ts).

import type {
  Contact, EscalationReason, Message, PageInfo, Sender, SentimentPoint,
} from '../../shared/protocol';
import type { BotMemory } from '../bot/types';

/** Stored conversation states. The wire state `offline` is derived: queued with no agent online. */
export type StoredState = 'bot' | 'queued' | 'agent' | 'closed';

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  state: StoredState;
  createdAt: string;
  reason?: EscalationReason;
  queuedAt?: string;
  agentId?: string;
  closedAt?: string;
  bot: BotMemory;
  sentiment: SentimentPoint[];
  page?: PageInfo;
  contact?: Contact;
  rating?: { score: number; comment?: string };
  /** Highest seq the visitor has read. */
  visitorRead?: number;
}

export interface Visitor {
  id: string;
  siteId: string;
  /** sha256 of the visitor's bearer token, hex. The token itself is never stored. */
  tokenHash: string;
  createdAt: string;
  currentConversationId?: string;
  locale?: string;
  userAgent?: string;
  identity?: { id: string; email?: string; name?: string; verified: boolean };
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  /** scrypt$N$r$p$salt$hash, all base64 parts. */
  passwordHash: string;
}

export interface Session {
  agentId: string;
  expiresAt: number;
}

/** What a caller wants stored; the store assigns id, seq and at. */
export interface MessageDraft {
  from: Sender;
  text: string;
  clientId?: string;
  author?: { name: string };
  quickReplies?: string[];
  note?: boolean;
}

export interface AppendResult {
  message: Message;
  /** True when a message with this clientId was already stored: nothing new was written (P5). */
  duplicate: boolean;
}

export type ConversationPatch = Partial<Omit<Conversation, 'id' | 'siteId' | 'visitorId' | 'createdAt'>>;

export interface StoreHealth { ok: boolean; store: string; detail?: string }

export interface Store {
  readonly kind: string;

  createVisitor(v: Visitor): Promise<void>;
  getVisitor(id: string): Promise<Visitor | null>;
  getVisitorByTokenHash(tokenHash: string): Promise<Visitor | null>;
  updateVisitor(id: string, patch: Partial<Omit<Visitor, 'id' | 'siteId' | 'tokenHash'>>): Promise<Visitor>;

  createConversation(c: Conversation): Promise<void>;
  getConversation(id: string): Promise<Conversation | null>;
  listConversationsByVisitor(visitorId: string): Promise<Conversation[]>;
  /** Conversations assigned to an agent (state `agent`), oldest first. */
  listConversationsByAgent(agentId: string): Promise<Conversation[]>;
  /**
   * Applies `patch` only if the conversation's state is one of `fromStates` (any state when
   * omitted). Atomic: of two racing calls with the same precondition, exactly one succeeds.
   * Returns the updated conversation, or null when the precondition failed or it does not exist.
   */
  updateConversation(id: string, patch: ConversationPatch, fromStates?: StoredState[]): Promise<Conversation | null>;

  /** Stores a message with the next seq (P4), idempotent by clientId (P5). */
  appendMessage(conversationId: string, draft: MessageDraft): Promise<AppendResult>;
  /** Messages with seq > afterSeq, in seq order. */
  getMessages(conversationId: string, afterSeq?: number): Promise<Message[]>;
  messageCount(conversationId: string): Promise<number>;

  /** The queue, oldest first: conversation ids with the time they were queued. */
  enqueue(conversationId: string, atMs: number): Promise<void>;
  dequeue(conversationId: string): Promise<void>;
  queue(): Promise<string[]>;

  putAgent(a: Agent): Promise<void>;
  getAgent(id: string): Promise<Agent | null>;
  getAgentByEmail(email: string): Promise<Agent | null>;
  listAgents(): Promise<Agent[]>;

  putSession(tokenHash: string, s: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;

  /** Marks an agent online until `ttlMs` from now (refreshed by heartbeats). */
  touchPresence(agentId: string, ttlMs: number): Promise<void>;
  clearPresence(agentId: string): Promise<void>;
  onlineAgents(): Promise<string[]>;

  /** Retention: deletes conversations (and their messages) closed before `closedBefore` ms. Returns how many. */
  purgeClosed(closedBefore: number): Promise<number>;
  /** GDPR erasure: deletes the visitor, its token and every conversation and message of it. Returns the conversations deleted. */
  forgetVisitor(visitorId: string): Promise<number>;

  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** Events between processes. Delivery may be lossy for some buses: subscribers catch up from the store. */
export type BusEvent =
  | { kind: 'message'; conversationId: string; message: Message }
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'queue' }
  | { kind: 'presence' }
  | { kind: 'typing'; conversationId: string; from: 'visitor' | 'bot' | 'agent'; on: boolean }
  | { kind: 'sentiment'; conversationId: string; point: SentimentPoint }
  | { kind: 'read'; conversationId: string; seq: number };

export interface Bus {
  publish(event: BusEvent): Promise<void>;
  subscribe(handler: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
  /** True when events can be lost between processes: the hub then re-reads the store periodically. */
  readonly lossy?: boolean;
  /** Called whenever the bus reconnected and may have missed events, so subscribers re-sync. */
  onReconnect?(handler: () => void): () => void;
}
