// Storage the client can be handed (localStorage in the browser, a Map in tests).
// Browsers may block storage (privacy modes, quota): failures are reported, never thrown.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Enumeration (localStorage has it): lets a tab adopt the outboxes other tabs left behind. */
  readonly length?: number;
  key?(index: number): string | null;
}

/** Keys are per site, so two Heed sites embedded on one origin never share a visitor. */
export const storageKeys = (site: string) => ({
  conversation: `heed:${site}:conversation`,
  /** Each tab keeps its own outbox under `outbox:<tabId>` (two tabs never overwrite each other). */
  outbox: `heed:${site}:outbox`,
  /** `{c: conversationId, seq}`: what the visitor has seen, shared by all tabs. */
  read: `heed:${site}:read`,
  /** `{n, live}` for the loader: the unread count, and whether a person is (or will be) in the chat. */
  badge: `heed:${site}:badge`,
});

export function readJson<T>(storage: StorageLike | undefined, key: string): T | undefined {
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch (err) {
    console.warn('[heed] storage', key, err);
    return undefined;
  }
}

export function writeJson(storage: StorageLike | undefined, key: string, value: unknown): void {
  if (!storage) return;
  try {
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch (err) {
    console.warn('[heed] storage', key, err);
  }
}

/** Every stored key that starts with `prefix`. */
export function keysWithPrefix(storage: StorageLike | undefined, prefix: string): string[] {
  const out: string[] = [];
  if (!storage || !storage.key) return out;
  try {
    for (let i = 0; i < (storage.length ?? 0); i++) {
      const k = storage.key(i);
      if (k && k.startsWith(prefix)) out.push(k);
    }
  } catch (err) {
    console.warn('[heed] storage', err);
  }
  return out;
}

/** In-memory storage, for tests and for browsers that block localStorage. */
export function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
  };
}
