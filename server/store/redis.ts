// RedisStore: the durable store for many Heed processes (and Redis Cluster). Key layout in
// redis-keys.ts, atomic scripts in redis-scripts.ts, design notes in docs/redis.md.
// Writes that span hash tags (a conversation and a global index) cannot be one script on a
// cluster, so indexes are written first and are supersets: every read re-checks the record itself.

import { randomUUID } from 'node:crypto';
import type { Message } from '../../shared/protocol';
import type { RedisClient } from './redis-connect';
import { fromHash, patchArgs, splitPatch } from './redis-codec';
import { redisKeys, type RedisKeys } from './redis-keys';
import { APPEND, CREATE, PATCH, PUT_AGENT } from './redis-scripts';
import type {
  Agent, AppendResult, Conversation, ConversationPatch, MessageDraft, Session, Store, StoreHealth,
  StoredState, Visitor,
} from './store';

interface Scripts {
  heedAppend(meta: string, seq: string, msgs: string, cids: string, cidKey: string, body: string): Promise<[number, string]>;
  heedPatch(hash: string, ...args: string[]): Promise<string[] | 0 | null>;
  heedCreate(hash: string, ...fields: string[]): Promise<number>;
  heedPutAgent(byId: string, byEmail: string, emailOf: string, id: string, email: string, json: string): Promise<number>;
}

export interface RedisStoreOptions {
  /** Key prefix, `heed:` by default; lets several installations share one Redis. */
  prefix?: string;
  now?: () => number;
}

const ms = (iso: string | undefined, fallback: number) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? fallback : t;
};

export class RedisStore implements Store {
  readonly kind: string;
  private readonly r: RedisClient & Scripts;
  private readonly k: RedisKeys;
  private readonly now: () => number;
  private closed = false;

  constructor(client: RedisClient, opts: RedisStoreOptions = {}) {
    this.kind = client.isCluster ? 'redis-cluster' : 'redis';
    this.k = redisKeys(opts.prefix);
    this.now = opts.now ?? Date.now;
    client.defineCommand('heedAppend', { numberOfKeys: 4, lua: APPEND });
    client.defineCommand('heedPatch', { numberOfKeys: 1, lua: PATCH });
    client.defineCommand('heedCreate', { numberOfKeys: 1, lua: CREATE });
    client.defineCommand('heedPutAgent', { numberOfKeys: 3, lua: PUT_AGENT });
    this.r = client as RedisClient & Scripts;
  }

  // ------------------------------------------------------------------ visitors

  async createVisitor(v: Visitor): Promise<void> {
    await this.r.heedCreate(this.k.visitor(v.id), ...splitPatch(v).set);
    await this.r.set(this.k.visitorToken(v.tokenHash), v.id);
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    return fromHash<Visitor>(await this.r.hgetall(this.k.visitor(id)));
  }

  async getVisitorByTokenHash(tokenHash: string): Promise<Visitor | null> {
    const id = await this.r.get(this.k.visitorToken(tokenHash));
    if (!id) return null;
    const v = await this.getVisitor(id);
    return v && v.tokenHash === tokenHash ? v : null;
  }

  async updateVisitor(id: string, patch: Partial<Omit<Visitor, 'id' | 'siteId' | 'tokenHash'>>): Promise<Visitor> {
    const { id: _i, siteId: _s, tokenHash: _t, ...rest } = patch as Partial<Visitor>;
    const res = await this.r.heedPatch(this.k.visitor(id), ...patchArgs(rest));
    const v = Array.isArray(res) ? fromHash<Visitor>(res) : null;
    if (!v) throw new Error(`no visitor ${id}`);
    return v;
  }

  // ------------------------------------------------------------------ conversations

  async createConversation(c: Conversation): Promise<void> {
    // Indexes first: a crash in between leaves an index entry that reads skip, never a
    // conversation that its visitor's listing (or a GDPR deletion) cannot find.
    await this.r.zadd(this.k.visitorConversations(c.visitorId), ms(c.createdAt, this.now()), c.id);
    if (c.agentId) await this.r.sadd(this.k.agentConversations(c.agentId), c.id);
    if (c.state === 'closed') await this.r.zadd(this.k.closed, 'NX', String(ms(c.closedAt, this.now())), c.id);
    try {
      await this.r.heedCreate(this.k.convMeta(c.id), ...splitPatch(c).set);
    } catch (err) {
      throw new Error(`conversation ${c.id}: ${(err as Error).message}`);
    }
  }

  async getConversation(id: string): Promise<Conversation | null> {
    return fromHash<Conversation>(await this.r.hgetall(this.k.convMeta(id)));
  }

  async listConversationsByVisitor(visitorId: string): Promise<Conversation[]> {
    const ids = await this.r.zrange(this.k.visitorConversations(visitorId), '0', '-1');
    const all = await Promise.all(ids.map((id) => this.getConversation(id)));
    return all
      .filter((c): c is Conversation => c !== null && c.visitorId === visitorId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async listConversationsByAgent(agentId: string): Promise<Conversation[]> {
    const key = this.k.agentConversations(agentId);
    const ids = await this.r.smembers(key);
    const all = await Promise.all(ids.map(async (id) => [id, await this.getConversation(id)] as const));
    // Closed (final) or deleted conversations can leave the index for good. Anything else may be
    // mid-transfer to this agent (index written, state not yet), so it stays.
    const gone = all.filter(([, c]) => c === null || c.state === 'closed').map(([id]) => id);
    if (gone.length) await this.r.srem(key, ...gone);
    return all
      .map(([, c]) => c)
      .filter((c): c is Conversation => c !== null && c.agentId === agentId && c.state === 'agent')
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async updateConversation(id: string, patch: ConversationPatch, fromStates?: StoredState[]): Promise<Conversation | null> {
    if (patch.agentId) await this.r.sadd(this.k.agentConversations(patch.agentId), id);
    if (patch.state === 'closed') await this.r.zadd(this.k.closed, 'NX', String(ms(patch.closedAt, this.now())), id);
    // Into the queue before the state says queued, so a crash in between cannot leave a queued
    // conversation that no agent sees; the caller's enqueue() then finds it there already.
    const queuedNow = patch.state === 'queued'
      && (await this.r.zadd(this.k.queue, 'NX', String(ms(patch.queuedAt, this.now())), id)) === 1;
    // The compare-and-set: of racing calls with the same precondition exactly one passes (P11).
    const res = await this.r.heedPatch(this.k.convMeta(id), ...patchArgs(patch, fromStates));
    if (!Array.isArray(res) && queuedNow) await this.r.zrem(this.k.queue, id);
    return Array.isArray(res) ? fromHash<Conversation>(res) : null;
  }

  // ------------------------------------------------------------------ messages

  async appendMessage(conversationId: string, draft: MessageDraft): Promise<AppendResult> {
    const body: Omit<Message, 'seq'> = { id: randomUUID(), from: draft.from, text: draft.text, at: new Date(this.now()).toISOString() };
    if (draft.clientId !== undefined) body.clientId = draft.clientId;
    if (draft.author) body.author = { ...draft.author };
    if (draft.quickReplies?.length) body.quickReplies = [...draft.quickReplies];
    if (draft.note) body.note = true;
    // Idempotency is per sender kind, as in MemoryStore.
    const cidKey = draft.clientId === undefined ? '' : `${draft.from}:${draft.clientId}`;
    const [dup, json] = await this.r.heedAppend(
      this.k.convMeta(conversationId), this.k.convSeq(conversationId), this.k.convMessages(conversationId),
      this.k.convClientIds(conversationId), cidKey, JSON.stringify(body),
    );
    return { message: JSON.parse(json) as Message, duplicate: dup === 1 };
  }

  async getMessages(conversationId: string, afterSeq = 0): Promise<Message[]> {
    const entries = await this.r.xrange(this.k.convMessages(conversationId), `${Math.max(0, afterSeq) + 1}-0`, '+');
    return entries.map(([, fields]) => JSON.parse(fields[1]) as Message);
  }

  async messageCount(conversationId: string): Promise<number> {
    return Number((await this.r.get(this.k.convSeq(conversationId))) ?? 0);
  }

  // ------------------------------------------------------------------ queue

  async enqueue(conversationId: string, atMs: number): Promise<void> {
    await this.r.zadd(this.k.queue, 'NX', String(atMs), conversationId);
  }

  async dequeue(conversationId: string): Promise<void> {
    await this.r.zrem(this.k.queue, conversationId);
  }

  async queue(): Promise<string[]> {
    return this.r.zrange(this.k.queue, '0', '-1');
  }

  // ------------------------------------------------------------------ agents and sessions

  async putAgent(a: Agent): Promise<void> {
    await this.r.heedPutAgent(this.k.agentsById, this.k.agentsByEmail, this.k.agentsEmailOf, a.id, a.email.trim().toLowerCase(), JSON.stringify(a));
  }

  async getAgent(id: string): Promise<Agent | null> {
    const json = await this.r.hget(this.k.agentsById, id);
    return json ? (JSON.parse(json) as Agent) : null;
  }

  async getAgentByEmail(email: string): Promise<Agent | null> {
    const id = await this.r.hget(this.k.agentsByEmail, email.trim().toLowerCase());
    return id ? this.getAgent(id) : null;
  }

  async listAgents(): Promise<Agent[]> {
    return Object.values(await this.r.hgetall(this.k.agentsById)).map((json) => JSON.parse(json) as Agent);
  }

  async putSession(tokenHash: string, s: Session): Promise<void> {
    const ttl = Math.ceil(s.expiresAt - this.now());
    if (ttl <= 0) return;
    await this.r.set(this.k.session(tokenHash), JSON.stringify(s), 'PX', ttl);
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    const json = await this.r.get(this.k.session(tokenHash));
    if (!json) return null;
    const s = JSON.parse(json) as Session;
    if (s.expiresAt <= this.now()) {
      await this.deleteSession(tokenHash);
      return null;
    }
    return s;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.r.del(this.k.session(tokenHash));
  }

  // ------------------------------------------------------------------ presence

  // Presence is a sorted set of expiry times: an agent whose process dies stops refreshing and
  // drops out on its own once its time passes. (Per-agent TTL keys would need a keyspace scan
  // over every cluster node to list who is online.)
  async touchPresence(agentId: string, ttlMs: number): Promise<void> {
    await this.r.zadd(this.k.presence, this.now() + ttlMs, agentId);
  }

  async clearPresence(agentId: string): Promise<void> {
    await this.r.zrem(this.k.presence, agentId);
  }

  async onlineAgents(): Promise<string[]> {
    const now = this.now();
    await this.r.zremrangebyscore(this.k.presence, '-inf', now);
    return (await this.r.zrangebyscore(this.k.presence, `(${now}`, '+inf')).sort();
  }

  // ------------------------------------------------------------------ retention and GDPR

  async purgeClosed(closedBefore: number): Promise<number> {
    const ids = await this.r.zrangebyscore(this.k.closed, '-inf', `(${closedBefore}`);
    let purged = 0;
    for (const id of ids) {
      const conv = await this.getConversation(id);
      if (conv?.state === 'closed' && ms(conv.closedAt, 0) < closedBefore) {
        await this.deleteConversation(id, conv);
        purged++;
      } else if (conv?.state !== 'closed') {
        // An index entry written before a close that did not happen (or a deleted conversation).
        await this.r.zrem(this.k.closed, id);
      }
    }
    return purged;
  }

  async forgetVisitor(visitorId: string): Promise<number> {
    const visitor = await this.getVisitor(visitorId);
    const ids = await this.r.zrange(this.k.visitorConversations(visitorId), '0', '-1');
    for (const id of ids) await this.deleteConversation(id, await this.getConversation(id));
    await this.r.del(this.k.visitor(visitorId), this.k.visitorConversations(visitorId));
    if (visitor) await this.r.del(this.k.visitorToken(visitor.tokenHash));
    return ids.length;
  }

  /** The conversation's own keys go in one command (one slot); then every index that names it. */
  private async deleteConversation(id: string, conv: Conversation | null): Promise<void> {
    await this.r.del(this.k.convMeta(id), this.k.convSeq(id), this.k.convMessages(id), this.k.convClientIds(id));
    await this.r.zrem(this.k.queue, id);
    await this.r.zrem(this.k.closed, id);
    if (conv) {
      await this.r.zrem(this.k.visitorConversations(conv.visitorId), id);
      if (conv.agentId) await this.r.srem(this.k.agentConversations(conv.agentId), id);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  async health(): Promise<StoreHealth> {
    if (this.closed) return { ok: false, store: this.kind, detail: 'closed' };
    try {
      await this.r.ping();
      return { ok: true, store: this.kind };
    } catch (err) {
      return { ok: false, store: this.kind, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.r.status === 'ready') await this.r.quit();
    else this.r.disconnect();
  }
}
