// Heed wire protocol v1: the frame types both sides speak, defined once.
// The rules (P1–P12) are in docs/protocol.md. Runtime validation is in validate.ts.

export const PROTOCOL_VERSION = 1 as const;

/** Limits from P1/P2. Servers may be configured lower or higher; these are the defaults. */
export const DEFAULT_LIMITS = {
  maxFrameBytes: 16 * 1024,
  maxTextChars: 4000,
  badFramesPerMinute: 20,
} as const;

export type ConversationState = 'bot' | 'queued' | 'agent' | 'closed' | 'offline';
export type Sender = 'visitor' | 'bot' | 'agent' | 'system';
export type EscalationReason = 'sentiment' | 'requested' | 'fallback' | 'intent';

export interface Message {
  id: string;
  seq: number;
  clientId?: string;
  from: Sender;
  author?: { name: string };
  text: string;
  /** ISO 8601 time the server stored the message. */
  at: string;
  quickReplies?: string[];
  /** Agent-only internal note. Never sent to a visitor. */
  note?: boolean;
}

export interface PageInfo { url: string; title?: string }
export interface Contact { email: string; name?: string }

// ---------------------------------------------------------------- visitor → server
export interface VHello {
  type: 'hello';
  v: 1;
  token?: string;
  lastSeq?: number;
  page?: PageInfo;
  locale?: string;
  identity?: string;
}
export interface VSend {
  type: 'send';
  clientId: string;
  text: string;
  /** Extra field (allowed by v1): the offline form's contact details, kept on the conversation. */
  contact?: Contact;
}
export interface VTyping { type: 'typing'; on: boolean }
export interface VRead { type: 'read'; seq: number }
export interface VHandoff { type: 'handoff' }
export interface VRate { type: 'rate'; score: number; comment?: string }
export type VisitorFrame = VHello | VSend | VTyping | VRead | VHandoff | VRate;

// ---------------------------------------------------------------- server → visitor
export interface SWelcome {
  type: 'welcome';
  token: string;
  conversationId: string;
  state: ConversationState;
  messages: Message[];
}
export interface SMessage { type: 'message'; message: Message }
export interface SAck { type: 'ack'; clientId: string; seq: number; id: string }
export interface SState {
  type: 'state';
  state: ConversationState;
  position?: number;
  waitSeconds?: number;
  agent?: { name: string };
}
export interface STyping { type: 'typing'; from: 'bot' | 'agent'; on: boolean }
export interface SError { type: 'error'; code: ErrorCode; message: string; clientId?: string }
export type ServerToVisitor = SWelcome | SMessage | SAck | SState | STyping | SError;

// ---------------------------------------------------------------- agent side
export interface SentimentPoint {
  seq: number;
  /** This message's score, -1 (angry) … +1 (happy). */
  score: number;
  /** The conversation's running score after this message. */
  running: number;
  intent?: string | null;
  confidence?: number;
  /** The words that made this message hostile (an insult, a threat, …), as the bot read them. */
  hostile?: string;
  /** True when the bot read this message as sarcastic (its score is then a complaint's). */
  sarcastic?: boolean;
  /**
   * True when the bot read this message as saying its last answer missed (a set phrase, or its repair
   * model). Only on the bot's turns: messages sent after the handover get no such reading.
   */
  repair?: boolean;
  /**
   * True when the bot handed over on this message because it read it as something only a person
   * from the shop can settle (its person model, English), the visitor being upset.
   */
  person?: boolean;
}

export interface VisitorContext {
  visitorId: string;
  siteId: string;
  page?: PageInfo;
  locale?: string;
  identity?: { id: string; email?: string; name?: string; verified: boolean };
  contact?: Contact;
  userAgent?: string;
  /** Earlier conversations of the same visitor, newest first. */
  earlier: Array<{ id: string; createdAt: string; closedAt?: string; messageCount: number }>;
}

/** A queued (or offline) conversation as the live queue shows it. */
export interface QueueEntry {
  conversationId: string;
  siteId: string;
  position: number;
  reason: EscalationReason;
  queuedAt: string;
  lastMessage?: string;
  sentiment: number;
  visitorName?: string;
}

/** Everything an agent needs so the visitor never repeats themselves (P11). */
export interface ConversationDetail {
  id: string;
  siteId: string;
  state: ConversationState;
  reason?: EscalationReason;
  agentId?: string;
  agentName?: string;
  createdAt: string;
  messages: Message[];
  sentiment: SentimentPoint[];
  visitor: VisitorContext;
  rating?: { score: number; comment?: string };
  /** Highest seq the visitor has read. */
  visitorRead?: number;
}

export interface AgentInfo { id: string; name: string; email: string }

// agent → server
export interface AClaim { type: 'claim'; conversationId: string }
export interface ASend { type: 'send'; conversationId: string; clientId: string; text: string; note?: boolean }
export interface ATyping { type: 'typing'; conversationId: string; on: boolean }
export interface ATransfer { type: 'transfer'; conversationId: string; agentId?: string }
export interface AClose { type: 'close'; conversationId: string }
export interface AOpen { type: 'open'; conversationId: string }
export type AgentFrame = AClaim | ASend | ATyping | ATransfer | AClose | AOpen;

// server → agent
export interface SAReady {
  type: 'ready';
  agent: AgentInfo;
  queue: QueueEntry[];
  /** The conversations this agent holds now, in full. */
  conversations: ConversationDetail[];
  degraded?: boolean;
}
export interface SAQueue {
  type: 'queue';
  queue: QueueEntry[];
  /** Set when the store's health changes: true while Heed cannot reach it (queue is the last known), false when it is back. */
  degraded?: boolean;
}
export interface SAConversation { type: 'conversation'; conversation: ConversationDetail }
export interface SAMessage { type: 'message'; conversationId: string; message: Message }
export interface SAAck { type: 'ack'; conversationId: string; clientId: string; seq: number; id: string }
export interface SAState {
  type: 'state';
  conversationId: string;
  state: ConversationState;
  agentId?: string;
  agentName?: string;
  reason?: EscalationReason;
  rating?: { score: number; comment?: string };
  contact?: Contact;
}
export interface SATyping { type: 'typing'; conversationId: string; from: 'visitor'; on: boolean }
/** The visitor has seen the conversation up to `seq` (read receipts for the agent). */
export interface SARead { type: 'read'; conversationId: string; seq: number }
export interface SASentiment { type: 'sentiment'; conversationId: string; point: SentimentPoint }
export interface SAError { type: 'error'; code: ErrorCode; message: string; clientId?: string; conversationId?: string }
export type ServerToAgent =
  | SAReady | SAQueue | SAConversation | SAMessage | SAAck | SAState | SATyping | SASentiment | SARead | SAError;

// ---------------------------------------------------------------- error codes (one registry)
export const ERRORS = {
  bad_frame: { close: null, http: 400, message: 'Malformed frame' },
  too_long: { close: null, http: 413, message: 'Message text is too long' },
  rate_limited: { close: null, http: 429, message: 'Too many messages; slow down' },
  unavailable: { close: null, http: 503, message: 'Service temporarily unavailable; retry' },
  already_claimed: { close: null, http: 409, message: 'Another agent already claimed this conversation' },
  not_found: { close: null, http: 404, message: 'No such conversation' },
  forbidden: { close: null, http: 403, message: 'Not allowed' },
  bad_state: { close: null, http: 409, message: 'Not allowed in the conversation\'s current state' },
  bad_identity: { close: null, http: 401, message: 'Identity is not signed correctly' },
  not_ready: { close: null, http: 400, message: 'Send hello first' },
  unauthorized: { close: 1008, http: 401, message: 'Not authenticated' },
  internal: { close: null, http: 500, message: 'Internal error' },
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** WebSocket close codes used by Heed. */
export const CLOSE = {
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
} as const;
