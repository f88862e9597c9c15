// Lua scripts. Each touches the keys of one hash tag only (one Cluster slot) and runs atomically,
// so concurrent writers in different processes cannot interleave inside them.

/**
 * Append (P4, P5). KEYS: meta, seq, msgs, cids. ARGV: idempotency key ('' for none), message JSON
 * without `seq`. The seq, the idempotency record and the stream entry are written together.
 * Returns {duplicate (0|1), message JSON}.
 */
export const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('ERR no conversation') end
if ARGV[1] ~= '' then
  local seen = redis.call('HGET', KEYS[4], ARGV[1])
  if seen then
    local e = redis.call('XRANGE', KEYS[3], seen .. '-0', seen .. '-0')
    if e[1] == nil then return redis.error_reply('ERR idempotency record without message') end
    return {1, e[1][2][2]}
  end
end
local seq = redis.call('INCR', KEYS[2])
local m = '{"seq":' .. seq .. ',' .. string.sub(ARGV[2], 2)
redis.call('XADD', KEYS[3], seq .. '-0', 'm', m)
if ARGV[1] ~= '' then redis.call('HSET', KEYS[4], ARGV[1], seq) end
return {0, m}
`;

/**
 * Conditional patch of a hash of JSON fields (the compare-and-set behind P11 claims).
 * KEYS: hash. ARGV: n, n allowed JSON values of field \`state\` (n = 0: any), m, m field/value
 * pairs to set, k, k fields to delete. Returns the whole hash after the write, nil when the hash
 * does not exist, 0 when the state precondition failed.
 */
export const PATCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local i = 1
local n = tonumber(ARGV[i]); i = i + 1
if n > 0 then
  local cur = redis.call('HGET', KEYS[1], 'state')
  local ok = false
  for j = i, i + n - 1 do if ARGV[j] == cur then ok = true end end
  if not ok then return 0 end
end
i = i + n
local m = tonumber(ARGV[i]); i = i + 1
for j = 1, m do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]); i = i + 2
end
local k = tonumber(ARGV[i]); i = i + 1
for j = 1, k do
  redis.call('HDEL', KEYS[1], ARGV[i]); i = i + 1
end
return redis.call('HGETALL', KEYS[1])
`;

/** Create a hash of JSON fields; fails when it exists. KEYS: hash. ARGV: field/value pairs. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('ERR exists') end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/**
 * Put an agent, unique by lower-cased email. KEYS: byId, byEmail, emailOf. ARGV: id, lower email,
 * JSON. A changed email frees the old one.
 */
export const PUT_AGENT = `
local owner = redis.call('HGET', KEYS[2], ARGV[2])
if owner and owner ~= ARGV[1] then return redis.error_reply('ERR email taken') end
local oldEmail = redis.call('HGET', KEYS[3], ARGV[1])
if oldEmail and oldEmail ~= ARGV[2] then redis.call('HDEL', KEYS[2], oldEmail) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
`;
