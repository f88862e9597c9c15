// Unsent replies, one per conversation, kept in the tab's sessionStorage so a reload (or a
// sign-in after the session expired) does not lose what the agent was typing. Drafts are
// plain text: the composer shows them as a textarea value, never as markup.

/** The part of the Web Storage API the store needs (sessionStorage fits; tests pass a Map). */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface DraftStore {
  get(conversationId: string): string;
  /** An empty (or whitespace-only) draft is the same as none and is removed. */
  set(conversationId: string, text: string): void;
  clear(conversationId: string): void;
  /** Forgets every draft of this agent (on sign-out). */
  clearAll(): void;
}

const PREFIX = 'heed.console.draft:';

/** The storage key of one draft; scoped by agent so a colleague signing in on the same tab sees none of it. */
export function draftKey(agentId: string, conversationId: string): string {
  // encodeURIComponent escapes '/', so the separator cannot occur inside either id.
  return `${PREFIX}${encodeURIComponent(agentId)}/${encodeURIComponent(conversationId)}`;
}

/**
 * A draft store over `storage`, backed by memory as well: when storage is missing, full or
 * refuses (private mode, disabled cookies), drafts still last as long as the page does.
 */
export function createDraftStore(storage: StorageLike | null | undefined, agentId: string): DraftStore {
  const memory = new Map<string, string>();
  const scope = draftKey(agentId, '');

  const attempt = <T>(fn: (s: StorageLike) => T, fallback: T): T => {
    if (!storage) return fallback;
    try {
      return fn(storage);
    } catch {
      return fallback;
    }
  };

  return {
    get(id) {
      const mem = memory.get(id);
      if (mem !== undefined) return mem;
      return attempt((s) => s.getItem(draftKey(agentId, id)), null) ?? '';
    },
    set(id, text) {
      if (text.trim() === '') {
        this.clear(id);
        return;
      }
      memory.set(id, text);
      attempt((s) => s.setItem(draftKey(agentId, id), text), undefined);
    },
    clear(id) {
      // Kept as an empty entry in memory so a storage that failed to remove cannot bring it back.
      memory.set(id, '');
      attempt((s) => s.removeItem(draftKey(agentId, id)), undefined);
    },
    clearAll() {
      for (const id of memory.keys()) memory.set(id, '');
      attempt((s) => {
        const keys: string[] = [];
        for (let i = 0; i < s.length; i++) {
          const k = s.key(i);
          if (k !== null && k.startsWith(scope)) keys.push(k);
        }
        for (const k of keys) s.removeItem(k);
      }, undefined);
    },
  };
}

/** The tab's sessionStorage, or null where touching it throws (some privacy settings do). */
export function sessionStorageOrNull(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
