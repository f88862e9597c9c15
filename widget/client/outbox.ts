// Messages the visitor wrote that the server has not acked yet (P5). Persisted, so a
// reload or a crash never loses one; resent after every reconnect until acked.

import type { Contact } from '../../shared/protocol';
import { readJson, writeJson, type StorageLike } from './storage';

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

export class Outbox {
  private entries: OutboxEntry[];

  constructor(private storage: StorageLike | undefined, private key: string) {
    const stored = readJson<OutboxEntry[]>(storage, key);
    this.entries = Array.isArray(stored) ? stored.filter((e) => e && typeof e.clientId === 'string') : [];
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

  private save(): void {
    writeJson(this.storage, this.key, this.entries.length ? this.entries : undefined);
  }
}
