// What the connection client exposes to the UI: connection state, the view of the
// conversation (stored messages + the outbox), and the options it is built with.

import type { ConversationState, ErrorCode, Message, PageInfo, SError } from '../../shared/protocol';
import type { BackoffOptions } from './backoff';
import type { StorageLike } from './storage';

/** The socket's life: `open` means the server has answered `hello` with `welcome`. */
export type SocketState = 'connecting' | 'open' | 'closed';

export interface ConnState {
  socket: SocketState;
  /** null until the first `welcome`. */
  conversation: ConversationState | null;
  /** Queue position (1 = next) while `queued`. */
  position?: number;
  waitSeconds?: number;
  /** The agent's name while `agent`. */
  agent?: string;
}

export type MessageStatus = 'sent' | 'pending' | 'failed';

/** A message as the UI shows it: stored ones are `sent`; outbox ones `pending` or `failed`. */
export interface ViewMessage {
  key: string;
  from: Message['from'];
  text: string;
  at: string;
  seq?: number;
  clientId?: string;
  author?: { name: string };
  quickReplies?: string[];
  status: MessageStatus;
  /** Why the server refused it (an error code, e.g. `too_long`). */
  error?: ErrorCode | string;
}

export interface ChatView {
  state: ConnState;
  messages: ViewMessage[];
  /** Who is typing on the other side, if anyone. */
  typing: 'bot' | 'agent' | null;
  /** Highest stored `seq` the client has. */
  lastSeq: number;
  /** Messages from the other side the visitor has not seen (in any tab). */
  unread: number;
  /** The visitor has rated this conversation. */
  rated: boolean;
}

export interface ClientEvents {
  state: [old: ConnState, next: ConnState];
  /** A new stored message written by someone other than the visitor. */
  message: [message: Message];
  /** An `error` frame from the server. */
  error: [error: SError];
  /** The view changed (any reason): re-render. */
  change: [view: ChatView];
}

/** The parts of a WebSocket the client uses (the browser's, `ws`'s and msw's all fit). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onopen: ((ev: any) => void) | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onmessage: ((ev: any) => void) | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onclose: ((ev: any) => void) | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onerror: ((ev: any) => void) | null;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface ClientOptions {
  /** Full socket URL, e.g. `wss://chat.example.com/v1/visitor?site=demo`. */
  url: string;
  site: string;
  WebSocket: WebSocketCtor;
  /** Where the token, transcript and outbox live (localStorage in the browser). */
  storage?: StorageLike;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  uuid?: () => string;
  /** This tab's id (the outbox key is per tab); a fresh one when absent. */
  tabId?: string;
  page?: () => PageInfo | undefined;
  locale?: string;
  /** A signed identity token from the host's backend (P12). */
  identity?: string;
  backoff?: BackoffOptions;
  /** Typing turns off after this much idle time (ms). */
  typingIdleMs?: number;
  /** Automatic resends for `unavailable` / `rate_limited` before a message is marked failed. */
  maxAutoRetries?: number;
}
