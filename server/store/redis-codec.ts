// Objects stored as Redis hashes: one field per property, each value JSON, so a patch writes and
// deletes single fields and two writers of different fields never overwrite each other.

/** Field/value pairs to set, and field names to delete (properties explicitly `undefined`). */
export function splitPatch(patch: object): { set: string[]; del: string[] } {
  const set: string[] = [];
  const del: string[] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) del.push(k);
    else set.push(k, JSON.stringify(v));
  }
  return { set, del };
}

/** HGETALL as ioredis returns it (an object) or as a Lua script returns it (a flat array). */
export function fromHash<T>(raw: Record<string, string> | string[] | null | undefined): T | null {
  if (!raw) return null;
  const out: Record<string, unknown> = {};
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i += 2) out[raw[i]] = JSON.parse(raw[i + 1]);
  } else {
    for (const [k, v] of Object.entries(raw)) out[k] = JSON.parse(v);
  }
  return Object.keys(out).length ? (out as T) : null;
}

/** Arguments for the PATCH script: allowed states, fields to set, fields to delete. */
export function patchArgs(patch: object, states: string[] = []): string[] {
  const { set, del } = splitPatch(patch);
  return [
    String(states.length), ...states.map((s) => JSON.stringify(s)),
    String(set.length / 2), ...set,
    String(del.length), ...del,
  ];
}
