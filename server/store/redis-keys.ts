// The Redis key layout, in one place. Every key of one conversation shares the hash tag `{id}`,
// so the conversation's Lua scripts touch a single slot and Heed runs unchanged on Redis Cluster.
// Global keys (queue, presence, agents, retention index) each live under their own tag.

export interface RedisKeys {
  /** Conversation fields, one hash field per property, each value JSON. */
  convMeta(id: string): string;
  /** The conversation's last seq (INCR). */
  convSeq(id: string): string;
  /** The message stream; entry id `<seq>-0`, one field `m` holding the message JSON. */
  convMessages(id: string): string;
  /** Idempotency record: `from:clientId` → seq (P5). */
  convClientIds(id: string): string;
  /** Visitor fields, one hash field per property, each value JSON. */
  visitor(id: string): string;
  /** Sorted set of the visitor's conversation ids, scored by creation time. */
  visitorConversations(id: string): string;
  /** Token hash → visitor id. */
  visitorToken(tokenHash: string): string;
  /** Superset index of conversations an agent may hold; reads re-check each conversation. */
  agentConversations(agentId: string): string;
  agentsById: string;
  agentsByEmail: string;
  /** Agent id → the lower-cased email it holds in agentsByEmail. */
  agentsEmailOf: string;
  session(tokenHash: string): string;
  /** Sorted set: conversation id → queued-at ms. */
  queue: string;
  /** Sorted set: agent id → presence expiry ms. */
  presence: string;
  /** Sorted set: closed conversation id → closed-at ms, for retention. */
  closed: string;
  /** Pub/sub channel for bus nudges. */
  channel: string;
}

export function redisKeys(prefix = 'heed:'): RedisKeys {
  const conv = (id: string) => `${prefix}conv:{${id}}`;
  return {
    convMeta: (id) => `${conv(id)}:meta`,
    convSeq: (id) => `${conv(id)}:seq`,
    convMessages: (id) => `${conv(id)}:msgs`,
    convClientIds: (id) => `${conv(id)}:cids`,
    visitor: (id) => `${prefix}visitor:{${id}}:data`,
    visitorConversations: (id) => `${prefix}visitor:{${id}}:convs`,
    visitorToken: (h) => `${prefix}vtoken:{${h}}`,
    agentConversations: (id) => `${prefix}agent:{${id}}:convs`,
    agentsById: `${prefix}{agents}:byid`,
    agentsByEmail: `${prefix}{agents}:byemail`,
    agentsEmailOf: `${prefix}{agents}:emailof`,
    session: (h) => `${prefix}session:{${h}}`,
    queue: `${prefix}{queue}`,
    presence: `${prefix}{presence}`,
    closed: `${prefix}{closed}`,
    channel: `${prefix}bus`,
  };
}
