// Messages the visitor wrote that the server has not acked yet (P5). Persisted, so a
// reload or a crash never loses one; resent after every reconnect until acked.
//
// Two tabs of one site must never overwrite each other's pending messages, so each tab
// writes only its own key (`<prefix>:<tabId>`). On start a tab adopts whatever other tabs
// left under the prefix (a closed tab's unsent messages) and takes those keys over. If the
// other tab is still alive, both may send the same message: that is safe, because the
// server stores a clientId once and answers every copy with the same ack (P5).

import type { Contact } from '../../shared/protocol';
import { keysWithPrefix, readJson, writeJson, type StorageLike } from './storage';

export interface OutboxEntry {
  clientId: string;
  text: string;
  contact?: Contact;
  /** ms since epoch, when the visitor sent it. */
  createdAt: number;
  status: 'pending' | 'failed';
  error?: string;
  /** Automatic resends after `unavailable` / `rate_limited`. */
  attempts: number;
}

const valid = (e: OutboxEntry | null | undefined): e is OutboxEntry => !!e && typeof e.clientId === 'string' && typeof e.text === 'string';

export class Outbox {
  private entries: OutboxEntry[] = [];
  private readonly key: string;

  /** `stored(clientId)`: already in the transcript, so adopting it would show it twice. */
  constructor(private storage: StorageLike | undefined, private prefix: string, tabId: string, stored: (clientId: string) => boolean = () => false) {
    this.key = `${prefix}:${tabId}`;
    this.load(stored);
  }

  /** Reads this tab's entries plus every other tab's (adopting them); see the file comment. */
  load(stored: (clientId: string) => boolean = () => false): void {
    const seen = new Set<string>();
    const merged: OutboxEntry[] = [];
    const keys = [this.key, ...keysWithPrefix(this.storage, this.prefix).filter((k) => k !== this.key)];
    for (const k of keys) {
      const list = readJson<OutboxEntry[]>(this.storage, k);
      for (const e of Array.isArray(list) ? list : []) {
        if (valid(e) && !seen.has(e.clientId) && !stored(e.clientId)) {
          seen.add(e.clientId);
          merged.push(e);
        }
      }
    }
    // Keep what this tab already holds in memory (a reload of storage must never drop one).
    for (const e of this.entries) if (!seen.has(e.clientId) && !stored(e.clientId)) merged.push(e);
    this.entries = merged.sort((a, b) => a.createdAt - b.createdAt);
    this.save();
    for (const k of keys) if (k !== this.key) writeJson(this.storage, k, undefined);
  }

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.clientId === clientId);
  }

  add(entry: OutboxEntry): void {
    this.entries = [...this.entries, entry];
    this.save();
  }

  update(clientId: string, patch: Partial<OutboxEntry>): OutboxEntry | undefined {
    let found: OutboxEntry | undefined;
    this.entries = this.entries.map((e) => (e.clientId === clientId ? (found = { ...e, ...patch }) : e));
    if (found) this.save();
    return found;
  }

  remove(clientId: string): OutboxEntry | undefined {
    const entry = this.get(clientId);
    if (!entry) return undefined;
    this.entries = this.entries.filter((e) => e !== entry);
    this.save();
    return entry;
  }

  /** Forgets everything (Heed('shutdown')). */
  clear(): void {
    this.entries = [];
    this.save();
  }

  private save(): void {
    writeJson(this.storage, this.key, this.entries.length ? this.entries : undefined);
  }
}
