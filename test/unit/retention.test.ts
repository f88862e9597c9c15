// Retention settings and the sweep that applies them.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory';
import { retentionFromEnv, startRetention } from '../../server/store/retention';

it('HEED_RETENTION_DAYS is read as days; unset keeps forever; nonsense is refused', () => {
  expect(retentionFromEnv(undefined)).toBeUndefined();
  expect(retentionFromEnv('')).toBeUndefined();
  expect(retentionFromEnv('30')).toBe(30 * 24 * 3600 * 1000);
  expect(retentionFromEnv('0.5')).toBe(12 * 3600 * 1000);
  expect(() => retentionFromEnv('-1')).toThrow(/HEED_RETENTION_DAYS/);
  expect(() => retentionFromEnv('soon')).toThrow(/HEED_RETENTION_DAYS/);
});

it('the sweep deletes conversations closed longer ago than the maximum age, and only those', async () => {
  const now = Date.parse('2026-06-01T00:00:00.000Z');
  const store = new MemoryStore({ now: () => now });
  const base = { siteId: 'demo', visitorId: randomUUID(), createdAt: '2026-01-01T00:00:00.000Z', bot: { running: 0, fallbacks: 0 }, sentiment: [] };
  const old = { ...base, id: randomUUID(), state: 'closed' as const, closedAt: '2026-04-01T00:00:00.000Z' };
  const recent = { ...base, id: randomUUID(), state: 'closed' as const, closedAt: '2026-05-25T00:00:00.000Z' };
  const open = { ...base, id: randomUUID(), state: 'agent' as const };
  for (const c of [old, recent, open]) await store.createConversation(c);
  const logged: unknown[] = [];
  const log = { info: (o: unknown) => logged.push(o), error: (o: unknown) => { throw new Error(`sweep failed: ${JSON.stringify(o)}`); } };
  const stop = startRetention(store, { maxAgeMs: 30 * 24 * 3600 * 1000, now: () => now, log });
  await expect.poll(() => store.getConversation(old.id)).toBeNull();
  stop();
  expect(await store.getConversation(recent.id)).not.toBeNull();
  expect(await store.getConversation(open.id)).not.toBeNull();
  expect(logged).toEqual([{ purged: 1 }]);
});
