// The console's HTTP calls: sign in, sign out, and "who am I" at start-up.
import type { AgentInfo } from '../shared/protocol';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type LoginResult =
  | { ok: true; agent: AgentInfo }
  | { ok: false; reason: 'unauthorized' | 'rate_limited' | 'unreachable' | 'server'; message?: string };

function isAgent(v: unknown): v is AgentInfo {
  const a = v as Partial<AgentInfo> | null;
  return !!a && typeof a.id === 'string' && typeof a.name === 'string' && typeof a.email === 'string';
}

export interface AgentApi {
  login(email: string, password: string): Promise<LoginResult>;
  logout(): Promise<void>;
  /** The signed-in agent, `null` when the session cookie is missing or expired. Throws when unreachable. */
  me(): Promise<AgentInfo | null>;
}

export function createAgentApi(fetchFn: FetchLike, base = ''): AgentApi {
  const json = { 'content-type': 'application/json' };
  return {
    async login(email, password) {
      let res: Response;
      try {
        res = await fetchFn(`${base}/v1/agent/login`, {
          method: 'POST',
          headers: json,
          credentials: 'same-origin',
          body: JSON.stringify({ email, password }),
        });
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      const body = (await res.json().catch(() => null)) as { agent?: unknown; message?: string } | null;
      if (res.status === 401 || res.status === 400) return { ok: false, reason: 'unauthorized', message: body?.message };
      if (res.status === 429) return { ok: false, reason: 'rate_limited', message: body?.message };
      if (!res.ok || !isAgent(body?.agent)) return { ok: false, reason: 'server', message: body?.message };
      return { ok: true, agent: body.agent };
    },
    async logout() {
      await fetchFn(`${base}/v1/agent/logout`, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    },
    async me() {
      const res = await fetchFn(`${base}/v1/agent/me`, { credentials: 'same-origin' });
      if (res.status === 401 || res.status === 403) return null;
      if (!res.ok) throw new Error(`GET /v1/agent/me: ${res.status}`);
      const body = (await res.json().catch(() => null)) as { agent?: unknown } | null;
      return isAgent(body?.agent) ? body.agent : null;
    },
  };
}
