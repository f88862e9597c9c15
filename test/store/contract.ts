// The store contract: every Store implementation must pass this suite unchanged.
// Run it with runStoreContract('memory', () => new MemoryStore(...)).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Conversation, Store } from '../../server/store/store';

export interface ContractEnv {
  store: Store;
  /** Moves the store's clock forward, for TTL tests. */
  advance(ms: number): void;
}

function conv(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: randomUUID(),
    siteId: 'demo',
    visitorId: randomUUID(),
    state: 'bot',
    createdAt: new Date().toISOString(),
    bot: { running: 0, fallbacks: 0 },
    sentiment: [],
    ...overrides,
  };
}

export function runStoreContract(name: string, make: () => Promise<ContractEnv> | ContractEnv): void {
  describe(`Store contract: ${name}`, () => {
    let env: ContractEnv;
    let store: Store;
    beforeEach(async () => {
      env = await make();
      store = env.store;
    });
    afterEach(async () => {
      await store.close();
    });

    it('[P4] seq starts at 1 and rises by exactly 1 for every stored message, whoever wrote it', async () => {
      const c = conv();
      await store.createConversation(c);
      const a = await store.appendMessage(c.id, { from: 'visitor', text: 'hi', clientId: 'c1' });
      const b = await store.appendMessage(c.id, { from: 'bot', text: 'hello' });
      const d = await store.appendMessage(c.id, { from: 'agent', text: 'hey', author: { name: 'Ana' } });
      expect([a.message.seq, b.message.seq, d.message.seq]).toEqual([1, 2, 3]);
      expect(d.message.author).toEqual({ name: 'Ana' });
      expect(new Set([a.message.id, b.message.id, d.message.id]).size).toBe(3);
      const all = await store.getMessages(c.id);
      expect(all.map((m) => m.text)).toEqual(['hi', 'hello', 'hey']);
      expect((await store.getMessages(c.id, 1)).map((m) => m.seq)).toEqual([2, 3]);
      expect(await store.messageCount(c.id)).toBe(3);
    });

    it('[P4] concurrent appends get distinct, gap-free seqs', async () => {
      const c = conv();
      await store.createConversation(c);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.appendMessage(c.id, { from: 'visitor', text: `m${i}`, clientId: `c${i}` })),
      );
      expect(results.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const stored = await store.getMessages(c.id);
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('[P5] a clientId already stored is not stored again and returns the original', async () => {
      const c = conv();
      await store.createConversation(c);
      const first = await store.appendMessage(c.id, { from: 'visitor', text: 'once', clientId: 'dup' });
      const again = await store.appendMessage(c.id, { from: 'visitor', text: 'once', clientId: 'dup' });
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      expect(again.message).toEqual(first.message);
      const racing = await Promise.all([1, 2, 3].map(() => store.appendMessage(c.id, { from: 'visitor', text: 'race', clientId: 'r' })));
      expect(racing.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.messageCount(c.id)).toBe(2);
    });

    it('[P5] a visitor clientId never dedupes against an agent message with the same clientId', async () => {
      const c = conv();
      await store.createConversation(c);
      await store.appendMessage(c.id, { from: 'agent', text: 'agent', clientId: 'x' });
      const v = await store.appendMessage(c.id, { from: 'visitor', text: 'visitor', clientId: 'x' });
      expect(v.duplicate).toBe(false);
      expect(v.message.text).toBe('visitor');
    });

    it('[P5] clientIds are scoped to their conversation', async () => {
      const c1 = conv();
      const c2 = conv();
      await store.createConversation(c1);
      await store.createConversation(c2);
      await store.appendMessage(c1.id, { from: 'visitor', text: 'a', clientId: 'same' });
      const r = await store.appendMessage(c2.id, { from: 'visitor', text: 'b', clientId: 'same' });
      expect(r.duplicate).toBe(false);
      expect(r.message.seq).toBe(1);
    });

    it('keeps notes and quick replies on messages', async () => {
      const c = conv();
      await store.createConversation(c);
      await store.appendMessage(c.id, { from: 'bot', text: 'pick', quickReplies: ['a', 'b'] });
      await store.appendMessage(c.id, { from: 'agent', text: 'internal', note: true });
      const [m1, m2] = await store.getMessages(c.id);
      expect(m1.quickReplies).toEqual(['a', 'b']);
      expect(m2.note).toBe(true);
      expect(m1.note).toBeUndefined();
      expect(Number.isNaN(Date.parse(m1.at))).toBe(false);
    });

    it('appending to an unknown conversation fails loudly', async () => {
      await expect(store.appendMessage('nope', { from: 'visitor', text: 'x' })).rejects.toThrow();
    });

    it('stores and updates conversations; returned values are copies', async () => {
      const c = conv({ page: { url: 'https://shop.example/a', title: 'A' } });
      await store.createConversation(c);
      const got = await store.getConversation(c.id);
      expect(got).toEqual(c);
      got!.state = 'closed';
      expect((await store.getConversation(c.id))!.state).toBe('bot');
      const up = await store.updateConversation(c.id, { state: 'queued', reason: 'sentiment', bot: { running: -2, fallbacks: 0 } });
      expect(up).toMatchObject({ state: 'queued', reason: 'sentiment', bot: { running: -2, fallbacks: 0 } });
      const cleared = await store.updateConversation(c.id, { reason: undefined });
      expect(cleared!.reason).toBeUndefined();
      expect(await store.getConversation('missing')).toBeNull();
      expect(await store.updateConversation('missing', { state: 'closed' })).toBeNull();
    });

    it('[P11] a conditional update succeeds only from the expected states, exactly once under a race', async () => {
      for (let round = 0; round < 20; round++) {
        const c = conv({ state: 'queued' });
        await store.createConversation(c);
        const results = await Promise.all(
          ['agent-a', 'agent-b', 'agent-c'].map((agentId) => store.updateConversation(c.id, { state: 'agent', agentId }, ['queued'])),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect((await store.getConversation(c.id))!.agentId).toBe(winners[0]!.agentId);
      }
      const closed = conv({ state: 'closed' });
      await store.createConversation(closed);
      expect(await store.updateConversation(closed.id, { state: 'agent' }, ['queued'])).toBeNull();
    });

    it('lists a visitor\'s conversations newest first', async () => {
      const visitorId = randomUUID();
      const old = conv({ visitorId, createdAt: '2026-01-01T00:00:00.000Z' });
      const recent = conv({ visitorId, createdAt: '2026-02-01T00:00:00.000Z' });
      await store.createConversation(old);
      await store.createConversation(recent);
      await store.createConversation(conv());
      expect((await store.listConversationsByVisitor(visitorId)).map((c) => c.id)).toEqual([recent.id, old.id]);
    });

    it('lists the conversations an agent holds', async () => {
      const held = conv({ state: 'agent', agentId: 'a1', createdAt: '2026-01-01T00:00:00.000Z' });
      const later = conv({ state: 'agent', agentId: 'a1', createdAt: '2026-01-02T00:00:00.000Z' });
      const closed = conv({ state: 'closed', agentId: 'a1' });
      const other = conv({ state: 'agent', agentId: 'a2' });
      for (const c of [later, held, closed, other]) await store.createConversation(c);
      expect((await store.listConversationsByAgent('a1')).map((c) => c.id)).toEqual([held.id, later.id]);
      await store.updateConversation(held.id, { state: 'closed' });
      expect((await store.listConversationsByAgent('a1')).map((c) => c.id)).toEqual([later.id]);
    });

    it('visitors are found by id and by token hash, and updates keep identity fields', async () => {
      const id = randomUUID();
      await store.createVisitor({ id, siteId: 'demo', tokenHash: 'h1', createdAt: new Date().toISOString() });
      expect((await store.getVisitorByTokenHash('h1'))!.id).toBe(id);
      expect(await store.getVisitorByTokenHash('h2')).toBeNull();
      const up = await store.updateVisitor(id, { currentConversationId: 'c9', locale: 'es' });
      expect(up).toMatchObject({ id, siteId: 'demo', tokenHash: 'h1', currentConversationId: 'c9', locale: 'es' });
      expect((await store.getVisitor(id))!.locale).toBe('es');
      expect(await store.getVisitor('nobody')).toBeNull();
    });

    it('[P10] the queue is ordered by time queued and entries are unique', async () => {
      await store.enqueue('c2', 2000);
      await store.enqueue('c1', 1000);
      await store.enqueue('c3', 3000);
      await store.enqueue('c1', 5000);
      expect(await store.queue()).toEqual(['c1', 'c2', 'c3']);
      await store.dequeue('c2');
      await store.dequeue('not-there');
      expect(await store.queue()).toEqual(['c1', 'c3']);
    });

    it('agents are unique by email, found case-insensitively', async () => {
      await store.putAgent({ id: 'a1', email: 'Ana@Shop.example', name: 'Ana', passwordHash: 'x' });
      expect((await store.getAgentByEmail('ana@shop.example'))!.id).toBe('a1');
      expect(await store.getAgentByEmail('bob@shop.example')).toBeNull();
      await expect(store.putAgent({ id: 'a2', email: 'Ana@Shop.example', name: 'Other', passwordHash: 'y' })).rejects.toThrow();
      await store.putAgent({ id: 'a1', email: 'Ana@Shop.example', name: 'Ana M.', passwordHash: 'x' });
      expect((await store.getAgent('a1'))!.name).toBe('Ana M.');
      expect((await store.listAgents()).map((a) => a.id)).toEqual(['a1']);
    });

    it('sessions expire and can be deleted', async () => {
      const now = Date.now();
      await store.putSession('s1', { agentId: 'a1', expiresAt: now + 60_000 });
      await store.putSession('s2', { agentId: 'a1', expiresAt: now + 60_000 });
      expect(await store.getSession('s1')).toEqual({ agentId: 'a1', expiresAt: now + 60_000 });
      await store.deleteSession('s1');
      expect(await store.getSession('s1')).toBeNull();
      env.advance(61_000);
      expect(await store.getSession('s2')).toBeNull();
    });

    it('[P3] presence lapses after its TTL unless refreshed', async () => {
      await store.touchPresence('a1', 1000);
      await store.touchPresence('a2', 5000);
      expect(await store.onlineAgents()).toEqual(['a1', 'a2']);
      env.advance(1500);
      expect(await store.onlineAgents()).toEqual(['a2']);
      await store.touchPresence('a2', 5000);
      await store.clearPresence('a2');
      expect(await store.onlineAgents()).toEqual([]);
    });

    it('retention: purgeClosed deletes conversations closed before the cutoff, with their messages, and nothing else', async () => {
      const visitorId = randomUUID();
      const old = conv({ visitorId, state: 'closed', closedAt: '2026-01-01T00:00:00.000Z', createdAt: '2025-12-31T00:00:00.000Z' });
      const recent = conv({ visitorId, state: 'bot', createdAt: '2026-01-02T00:00:00.000Z' });
      const open = conv({ state: 'agent', agentId: 'a1' });
      for (const c of [old, recent, open]) {
        await store.createConversation(c);
        await store.appendMessage(c.id, { from: 'visitor', text: 'hello', clientId: 'k' });
      }
      await store.updateConversation(recent.id, { state: 'closed', closedAt: '2026-03-01T00:00:00.000Z' }, ['bot']);
      expect(await store.purgeClosed(Date.parse('2026-02-01T00:00:00.000Z'))).toBe(1);
      expect(await store.getConversation(old.id)).toBeNull();
      expect(await store.getMessages(old.id)).toEqual([]);
      expect(await store.messageCount(old.id)).toBe(0);
      expect((await store.listConversationsByVisitor(visitorId)).map((c) => c.id)).toEqual([recent.id]);
      expect(await store.messageCount(recent.id)).toBe(1);
      expect(await store.messageCount(open.id)).toBe(1);
      expect(await store.purgeClosed(Date.parse('2026-04-01T00:00:00.000Z'))).toBe(1);
      expect(await store.getConversation(recent.id)).toBeNull();
      expect((await store.listConversationsByAgent('a1')).map((c) => c.id)).toEqual([open.id]);
    });

    it('GDPR: forgetVisitor deletes the visitor, its token, and every conversation and message of it', async () => {
      const id = randomUUID();
      await store.createVisitor({ id, siteId: 'demo', tokenHash: 'forget-me', createdAt: new Date().toISOString() });
      const first = conv({ visitorId: id, state: 'closed', closedAt: new Date().toISOString() });
      const second = conv({ visitorId: id, state: 'queued' });
      const someoneElse = conv();
      for (const c of [first, second, someoneElse]) {
        await store.createConversation(c);
        await store.appendMessage(c.id, { from: 'visitor', text: 'my address is 1 Main St', clientId: 'p' });
      }
      await store.enqueue(second.id, 1000);
      expect(await store.forgetVisitor(id)).toBe(2);
      expect(await store.getVisitor(id)).toBeNull();
      expect(await store.getVisitorByTokenHash('forget-me')).toBeNull();
      for (const c of [first, second]) {
        expect(await store.getConversation(c.id)).toBeNull();
        expect(await store.getMessages(c.id)).toEqual([]);
      }
      expect(await store.listConversationsByVisitor(id)).toEqual([]);
      expect(await store.queue()).toEqual([]);
      expect(await store.messageCount(someoneElse.id)).toBe(1);
      // A conversation id can be reused after erasure without stale idempotency records.
      await store.createConversation({ ...second, state: 'bot' });
      expect((await store.appendMessage(second.id, { from: 'visitor', text: 'again', clientId: 'p' })).duplicate).toBe(false);
    });

    it('reports health', async () => {
      const h = await store.health();
      expect(h.ok).toBe(true);
      expect(h.store).toBe(store.kind);
    });
  });
}
