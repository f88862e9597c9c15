// The stored messages of the conversation, in `seq` order, without duplicates (P4/P5),
// persisted with the visitor token so a reload resumes the same conversation (P6).

import type { Message } from '../../shared/protocol';
import { readJson, writeJson, type StorageLike } from './storage';

/** Only the most recent messages are kept in storage; older ones are still on the server. */
const KEEP = 100;

interface Stored {
  token?: string;
  conversationId?: string;
  lastSeq: number;
  messages: Message[];
}

export class Transcript {
  token?: string;
  conversationId?: string;
  lastSeq = 0;
  messages: Message[] = [];

  constructor(private storage: StorageLike | undefined, private key: string) {
    const s = readJson<Stored>(storage, key);
    if (s && typeof s === 'object') {
      this.token = typeof s.token === 'string' ? s.token : undefined;
      this.conversationId = typeof s.conversationId === 'string' ? s.conversationId : undefined;
      this.lastSeq = Number.isInteger(s.lastSeq) ? s.lastSeq : 0;
      this.messages = Array.isArray(s.messages) ? s.messages : [];
    }
  }

  /** A different conversation than the stored one (new visitor, or the old one closed): start over. */
  reset(conversationId: string): void {
    this.conversationId = conversationId;
    this.messages = [];
    this.lastSeq = 0;
  }

  has(m: Pick<Message, 'id' | 'seq'>): boolean {
    return this.messages.some((x) => x.seq === m.seq || x.id === m.id);
  }

  /** Adds the message unless it is already there (same seq or id). Returns whether it was added. */
  apply(m: Message): boolean {
    if (m.note || this.has(m)) return false;
    const i = this.messages.findIndex((x) => x.seq > m.seq);
    if (i < 0) this.messages.push(m);
    else this.messages.splice(i, 0, m);
    if (m.seq > this.lastSeq) this.lastSeq = m.seq;
    return true;
  }

  /** Forgets the visitor (Heed('shutdown')). */
  clear(): void {
    this.token = undefined;
    this.conversationId = undefined;
    this.messages = [];
    this.lastSeq = 0;
    writeJson(this.storage, this.key, undefined);
  }

  save(): void {
    const stored: Stored = {
      token: this.token,
      conversationId: this.conversationId,
      lastSeq: this.lastSeq,
      messages: this.messages.slice(-KEEP),
    };
    writeJson(this.storage, this.key, stored);
  }
}
