// Storage the client can be handed (localStorage in the browser, a Map in tests).
// Browsers may block storage (privacy modes, quota): failures are reported, never thrown.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Keys are per site, so two Heed sites embedded on one origin never share a visitor. */
export const storageKeys = (site: string) => ({
  conversation: `heed:${site}:conversation`,
  outbox: `heed:${site}:outbox`,
});

export function readJson<T>(storage: StorageLike | undefined, key: string): T | undefined {
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch (err) {
    console.warn('[heed] could not read stored state', key, err);
    return undefined;
  }
}

export function writeJson(storage: StorageLike | undefined, key: string, value: unknown): void {
  if (!storage) return;
  try {
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch (err) {
    console.warn('[heed] could not store state', key, err);
  }
}

/** In-memory storage, for tests and for browsers that block localStorage. */
export function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
