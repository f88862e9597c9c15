// POST /v1/agent/login, POST /v1/agent/logout, GET /v1/agent/me.
import type { FastifyInstance } from 'fastify';
import { AgentAuth, ownOrigin } from '../auth/agents';
import { clearedSessionCookie, sessionCookie } from './cookies';

const publicAgent = (a: { id: string; name: string; email: string }) => ({ id: a.id, name: a.name, email: a.email });

export function agentRoutes(app: FastifyInstance, auth: AgentAuth, opts: { sessionTtlMs: number; now: () => number }): void {
  // Failed logins per client address: 10 a minute, then 429 until the minute passes.
  const failures = new Map<string, number[]>();
  const recentFailures = (ip: string) => (failures.get(ip) ?? []).filter((t) => opts.now() - t < 60_000);

  app.post('/v1/agent/login', {
    bodyLimit: 4096,
    schema: {
      body: {
        type: 'object', required: ['email', 'password'], additionalProperties: false,
        properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
      },
    },
  }, async (req, reply) => {
    const origin = req.headers.origin;
    if (origin && origin !== ownOrigin(req)) return reply.code(403).send({ error: 'forbidden', message: 'Cross-site login refused' });
    if (recentFailures(req.ip).length >= 10) return reply.code(429).send({ error: 'rate_limited', message: 'Too many failed logins; wait a minute' });
    const { email, password } = req.body as { email: string; password: string };
    const result = await auth.login(email, password);
    if (!result) {
      failures.set(req.ip, [...recentFailures(req.ip), opts.now()]);
      if (failures.size > 10_000) {
        for (const ip of failures.keys()) if (recentFailures(ip).length === 0) failures.delete(ip);
      }
      return reply.code(401).send({ error: 'unauthorized', message: 'Wrong email or password' });
    }
    failures.delete(req.ip);
    reply.header('set-cookie', sessionCookie(result.token, Math.floor(opts.sessionTtlMs / 1000), req.protocol === 'https'));
    return { token: result.token, agent: publicAgent(result.agent) };
  });

  app.post('/v1/agent/logout', async (req, reply) => {
    const cred = AgentAuth.credentials(req);
    if (cred) await auth.logout(cred.token);
    reply.header('set-cookie', clearedSessionCookie());
    return { ok: true };
  });

  app.get('/v1/agent/me', async (req, reply) => {
    const cred = AgentAuth.credentials(req);
    const agent = cred ? await auth.agentForToken(cred.token) : null;
    if (!agent) return reply.code(401).send({ error: 'unauthorized', message: 'Not logged in' });
    return { agent: publicAgent(agent) };
  });
}
