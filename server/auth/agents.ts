// Agent accounts and sessions: login with scrypt passwords, bearer/cookie tokens stored hashed.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Agent, Store } from '../store/store';
import { DUMMY_PASSWORD_HASH, hashPassword, newToken, sha256, verifyPassword } from './crypto';
import { readCookie, SESSION_COOKIE } from '../http/cookies';

export class AgentAuth {
  constructor(private readonly store: Store, private readonly sessionTtlMs: number, private readonly now: () => number) {}

  /** Creates the agent, or resets its password when the email exists. */
  async ensureAgent(email: string, password: string, name: string): Promise<Agent> {
    const passwordHash = await hashPassword(password);
    for (let attempt = 0; ; attempt++) {
      const existing = await this.store.getAgentByEmail(email);
      const agent: Agent = { id: existing?.id ?? randomUUID(), email: email.trim(), name: existing?.name ?? name, passwordHash };
      try {
        await this.store.putAgent(agent);
        return agent;
      } catch (err) {
        // Several processes starting at once on one store: another one created this email
        // between our read and write. Take its id and write again; anything else is a failure.
        if (attempt > 0 || existing || !(await this.store.getAgentByEmail(email))) throw err;
      }
    }
  }

  /** Returns a new session token, or null on a wrong email or password (same cost for both). */
  async login(email: string, password: string): Promise<{ token: string; agent: Agent } | null> {
    const agent = await this.store.getAgentByEmail(email);
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!agent || !ok) return null;
    const token = newToken();
    await this.store.putSession(sha256(token), { agentId: agent.id, expiresAt: this.now() + this.sessionTtlMs });
    return { token, agent };
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(sha256(token));
  }

  async agentForToken(token: string): Promise<Agent | null> {
    const session = await this.store.getSession(sha256(token));
    return session ? this.store.getAgent(session.agentId) : null;
  }

  /** Finds the request's credentials: a Bearer header, or the console's cookie. */
  static credentials(req: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), via: 'bearer' };
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    return cookie ? { token: cookie, via: 'cookie' } : null;
  }
}

/** The console's own origin as the browser sees it, for the cross-site WebSocket check. */
export function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? ''}`;
}
