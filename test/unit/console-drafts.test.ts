// The console's draft store: per agent and conversation, survives a new store over the same
// storage (a reload), and keeps working in memory when storage is missing or throws.
import { describe, expect, it } from 'vitest';
import { createDraftStore, draftKey, type StorageLike } from '../../console/drafts';

class MapStorage implements StorageLike {
  readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

class BrokenStorage implements StorageLike {
  get length(): number {
    throw new Error('denied');
  }
  key(): string | null {
    throw new Error('denied');
  }
  getItem(): string | null {
    throw new Error('denied');
  }
  setItem(): void {
    throw new Error('QuotaExceededError');
  }
  removeItem(): void {
    throw new Error('denied');
  }
}

describe('console drafts', () => {
  it('keeps one draft per conversation and brings it back in a new store (a reload)', () => {
    const storage = new MapStorage();
    const a = createDraftStore(storage, 'agent-1');
    a.set('c1', 'Hello, let me check');
    a.set('c2', 'Other chat');
    expect(a.get('c1')).toBe('Hello, let me check');

    const reloaded = createDraftStore(storage, 'agent-1');
    expect(reloaded.get('c1')).toBe('Hello, let me check');
    expect(reloaded.get('c2')).toBe('Other chat');
    expect(reloaded.get('c3')).toBe('');
  });

  it('stores the text as it is, markup and all, for a textarea to show', () => {
    const storage = new MapStorage();
    const a = createDraftStore(storage, 'agent-1');
    a.set('c1', '<img src=x onerror=alert(1)>\n  two lines ');
    expect(createDraftStore(storage, 'agent-1').get('c1')).toBe('<img src=x onerror=alert(1)>\n  two lines ');
  });

  it('removes a draft that is sent (set to empty) or cleared, also for the next page', () => {
    const storage = new MapStorage();
    const a = createDraftStore(storage, 'agent-1');
    a.set('c1', 'about to send');
    a.set('c1', '');
    expect(a.get('c1')).toBe('');
    a.set('c2', 'chat gets closed');
    a.clear('c2');
    a.set('c3', '   ');
    expect(storage.map.size).toBe(0);
    expect(createDraftStore(storage, 'agent-1').get('c2')).toBe('');
  });

  it("keeps each agent's drafts apart and clears only the signed-out agent's", () => {
    const storage = new MapStorage();
    const ana = createDraftStore(storage, 'ana');
    const bo = createDraftStore(storage, 'bo');
    ana.set('c1', 'from Ana');
    bo.set('c1', 'from Bo');
    storage.setItem('unrelated', 'x');
    expect(createDraftStore(storage, 'bo').get('c1')).toBe('from Bo');

    ana.clearAll();
    expect(ana.get('c1')).toBe('');
    expect(createDraftStore(storage, 'ana').get('c1')).toBe('');
    expect(createDraftStore(storage, 'bo').get('c1')).toBe('from Bo');
    expect(storage.getItem('unrelated')).toBe('x');
  });

  it('does not let one id reach into another agent or conversation through dots', () => {
    expect(draftKey('a.b', 'c')).not.toBe(draftKey('a', 'b.c'));
    expect(draftKey('a/b', 'c')).not.toBe(draftKey('a', 'b/c'));
    // Agent "a" signing out leaves agent "ab" alone.
    const storage = new MapStorage();
    createDraftStore(storage, 'ab').set('c', 'kept');
    createDraftStore(storage, 'a').clearAll();
    expect(createDraftStore(storage, 'ab').get('c')).toBe('kept');
  });

  it('still holds drafts for the page when storage is missing or refuses', () => {
    for (const storage of [null, new BrokenStorage()]) {
      const d = createDraftStore(storage, 'agent-1');
      d.set('c1', 'kept in memory');
      expect(d.get('c1')).toBe('kept in memory');
      d.clearAll();
      expect(d.get('c1')).toBe('');
      d.set('c1', 'again');
      d.clear('c1');
      expect(d.get('c1')).toBe('');
    }
  });
});
