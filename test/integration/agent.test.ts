// Agent authentication, P11 (claims, transcript, notes) and P12 (signed identity).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIdentity } from '../../server/auth/crypto';
import { startServer, type TestServer } from '../helpers/server';
import { WsClient } from '../helpers/ws-client';

let s: TestServer;
afterEach(async () => s?.close());

async function escalatedVisitor(srv: TestServer) {
  const v = await srv.visitor();
  const welcome = await v.hello({ page: { url: 'https://shop.example/checkout', title: 'Checkout' } });
  await v.say('where is my order?');
  await v.waitFor((f) => f.type === 'message' && f.message.from === 'bot');
  v.send({ type: 'handoff' });
  await v.waitFor((f) => f.type === 'state' && f.state !== 'bot');
  return { v, conversationId: welcome.conversationId as string, token: welcome.token as string };
}

describe('agent login and the socket upgrade', () => {
  beforeEach(async () => {
    s = await startServer();
    await s.app.heed.auth.ensureAgent('ana@shop.example', 'correct horse battery', 'Ana');
  });

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.http}/v1/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('logs in with the right password: a token and an httpOnly SameSite cookie', async () => {
    const res = await login({ email: 'ana@shop.example', password: 'correct horse battery' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.agent).toMatchObject({ name: 'Ana', email: 'ana@shop.example' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/heed_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await fetch(`${s.http}/v1/agent/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect((await me.json()).agent.name).toBe('Ana');
  });

  it('refuses a wrong password or unknown email with 401, and malformed bodies with 400', async () => {
    expect((await login({ email: 'ana@shop.example', password: 'nope' })).status).toBe(401);
    expect((await login({ email: 'bob@shop.example', password: 'correct horse battery' })).status).toBe(401);
    expect((await login({ email: 'ana@shop.example' })).status).toBe(400);
  });

  it('limits failed logins', async () => {
    for (let i = 0; i < 10; i++) await login({ email: 'ana@shop.example', password: `wrong ${i}` });
    expect((await login({ email: 'ana@shop.example', password: 'correct horse battery' })).status).toBe(429);
  });

  it('refuses the agent upgrade with 401 without credentials or with a bad token', async () => {
    await expect(WsClient.connect(`${s.ws}/v1/agent`)).rejects.toMatchObject({ status: 401 });
    await expect(WsClient.connect(`${s.ws}/v1/agent`, { authorization: 'Bearer forged' })).rejects.toMatchObject({ status: 401 });
  });

  it('accepts the console cookie only from the console\'s own Origin', async () => {
    const res = await login({ email: 'ana@shop.example', password: 'correct horse battery' });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    await expect(WsClient.connect(`${s.ws}/v1/agent`, { cookie, origin: 'https://evil.example' })).rejects.toMatchObject({ status: 401 });
    const ok = await WsClient.connect(`${s.ws}/v1/agent`, { cookie, origin: s.http });
    expect((await ok.waitType('ready')).agent.name).toBe('Ana');
    ok.close();
  });

  it('logout ends the session', async () => {
    const { token } = await (await login({ email: 'ana@shop.example', password: 'correct horse battery' })).json();
    await fetch(`${s.http}/v1/agent/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await expect(WsClient.connect(`${s.ws}/v1/agent`, { authorization: `Bearer ${token}` })).rejects.toMatchObject({ status: 401 });
  });
});

describe('P11 claims and the agent\'s view', () => {
  beforeEach(async () => {
    s = await startServer();
  });

  it('[P11] of two agents claiming the same chat at the same moment, exactly one wins', async () => {
    const a = await (await s.agent('Ana')).connect();
    const b = await (await s.agent('Ben')).connect();
    await a.waitType('ready');
    await b.waitType('ready');
    for (let round = 0; round < 10; round++) {
      const { conversationId } = await escalatedVisitor(s);
      const fa = a.mark();
      const fb = b.mark();
      a.send({ type: 'claim', conversationId });
      b.send({ type: 'claim', conversationId });
      const outcome = (c: WsClient, from: number) => c.waitFor(
        (f) => (f.type === 'conversation' && f.conversation.id === conversationId) || (f.type === 'error' && f.conversationId === conversationId),
        { from },
      );
      const [ra, rb] = await Promise.all([outcome(a, fa), outcome(b, fb)]);
      const kinds = [ra.type, rb.type].sort();
      expect(kinds).toEqual(['conversation', 'error']);
      expect([ra, rb].find((f) => f.type === 'error')!.code).toBe('already_claimed');
    }
  });

  it('[P11] on claim the agent gets the whole transcript, the reason, the sentiment trail and the visitor context', async () => {
    const { conversationId } = await escalatedVisitor(s);
    const ac = await (await s.agent('Ana')).connect();
    const ready = await ac.waitType('ready');
    expect(ready.queue.map((e: { conversationId: string }) => e.conversationId)).toContain(conversationId);
    ac.send({ type: 'claim', conversationId });
    const { conversation } = await ac.waitType('conversation');
    const froms = conversation.messages.map((m: { from: string }) => m.from);
    expect(froms.slice(0, 2)).toEqual(['visitor', 'bot']);
    expect(conversation.messages[0].text).toBe('where is my order?');
    expect(conversation.reason).toBe('requested');
    expect(conversation.sentiment[0]).toMatchObject({ seq: 1, intent: 'order_status' });
    expect(conversation.visitor.page).toEqual({ url: 'https://shop.example/checkout', title: 'Checkout' });
    expect(conversation.state).toBe('agent');
    expect(conversation.agentName).toBe('Ana');
  });

  it('[P11] claiming a chat that does not exist or is not queued gets a clear error', async () => {
    const ac = await (await s.agent('Ana')).connect();
    await ac.waitType('ready');
    ac.send({ type: 'claim', conversationId: 'nope' });
    expect((await ac.waitType('error')).code).toBe('not_found');
    const v = await s.visitor();
    const w = await v.hello();
    const from = ac.mark();
    ac.send({ type: 'claim', conversationId: w.conversationId });
    expect((await ac.waitType('error', { from })).code).toBe('bad_state');
  });

  it('[P11] only the agent holding a chat can reply; notes never reach the visitor', async () => {
    const { v, conversationId } = await escalatedVisitor(s);
    const ana = await (await s.agent('Ana')).connect();
    const ben = await (await s.agent('Ben')).connect();
    await ana.waitType('ready');
    await ben.waitType('ready');
    ben.send({ type: 'send', conversationId, clientId: 'b1', text: 'sneaky' });
    expect((await ben.waitFor((f) => f.type === 'error' && f.clientId === 'b1')).code).toBe('forbidden');
    ana.send({ type: 'claim', conversationId });
    await ana.waitType('conversation');
    ana.send({ type: 'send', conversationId, clientId: 'n1', text: 'visitor seems upset, check order', note: true });
    ana.send({ type: 'send', conversationId, clientId: 'r1', text: 'Hi, I am Ana. Let me check your order.' });
    const reply = await v.waitFor((f) => f.type === 'message' && f.message.from === 'agent');
    expect(reply.message).toMatchObject({ text: 'Hi, I am Ana. Let me check your order.', author: { name: 'Ana' } });
    expect(JSON.stringify(v.frames)).not.toContain('visitor seems upset');
    const noteEcho = await ana.waitFor((f) => f.type === 'message' && f.message.note === true);
    expect(noteEcho.message.text).toBe('visitor seems upset, check order');
    const ack = await ana.waitFor((f) => f.type === 'ack' && f.clientId === 'r1');
    expect(ack.conversationId).toBe(conversationId);
  });

  it('[P11] typing is relayed both ways between the visitor and the agent who holds the chat', async () => {
    const { v, conversationId } = await escalatedVisitor(s);
    const ana = await (await s.agent('Ana')).connect();
    await ana.waitType('ready');
    ana.send({ type: 'claim', conversationId });
    await ana.waitType('conversation');
    v.send({ type: 'typing', on: true });
    expect(await ana.waitType('typing')).toMatchObject({ conversationId, from: 'visitor', on: true });
    ana.send({ type: 'typing', conversationId, on: true });
    expect(await v.waitType('typing')).toMatchObject({ from: 'agent', on: true });
  });

  it('[P11] the visitor\'s new messages and sentiment stream to the agent; closing ends the chat for the visitor', async () => {
    const { v, conversationId } = await escalatedVisitor(s);
    const ana = await (await s.agent('Ana')).connect();
    await ana.waitType('ready');
    ana.send({ type: 'claim', conversationId });
    await ana.waitType('conversation');
    await v.say('thanks for picking this up');
    await ana.waitFor((f) => f.type === 'message' && f.message.text === 'thanks for picking this up');
    await ana.waitFor((f) => f.type === 'sentiment' && f.conversationId === conversationId);
    ana.send({ type: 'close', conversationId });
    await v.waitFor((f) => f.type === 'state' && f.state === 'closed');
    v.send({ type: 'rate', score: 5, comment: 'quick and kind' });
    await ana.waitFor((f) => f.type === 'state' && f.rating?.score === 5);
    expect((await s.store.getConversation(conversationId))!.rating).toEqual({ score: 5, comment: 'quick and kind' });
  });

  it('[P11] a transfer back to the queue frees the chat for another agent', async () => {
    const { conversationId } = await escalatedVisitor(s);
    const ana = await (await s.agent('Ana')).connect();
    const ben = await (await s.agent('Ben')).connect();
    await ana.waitType('ready');
    await ben.waitType('ready');
    ana.send({ type: 'claim', conversationId });
    await ana.waitType('conversation');
    ana.send({ type: 'transfer', conversationId });
    await ben.waitFor((f) => f.type === 'queue' && f.queue.some((e: { conversationId: string }) => e.conversationId === conversationId));
    ben.send({ type: 'claim', conversationId });
    expect((await ben.waitType('conversation')).conversation.agentName).toBe('Ben');
  });

  it('[P11] an agent reconnecting gets its chats back in ready', async () => {
    const { conversationId } = await escalatedVisitor(s);
    const a = await s.agent('Ana');
    const first = await a.connect();
    await first.waitType('ready');
    first.send({ type: 'claim', conversationId });
    await first.waitType('conversation');
    first.close();
    const again = await a.connect();
    const ready = await again.waitType('ready');
    expect(ready.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
  });

  it('[P11] the agent sees earlier conversations of the same visitor', async () => {
    const { v, conversationId, token } = await escalatedVisitor(s);
    const ana = await (await s.agent('Ana')).connect();
    await ana.waitType('ready');
    ana.send({ type: 'claim', conversationId });
    await ana.waitType('conversation');
    ana.send({ type: 'close', conversationId });
    await v.waitFor((f) => f.type === 'state' && f.state === 'closed');
    v.close();
    const v2 = await s.visitor();
    const w2 = await v2.hello({ token });
    v2.send({ type: 'handoff' });
    await v2.waitFor((f) => f.type === 'state' && f.state === 'queued');
    const from = ana.mark();
    ana.send({ type: 'claim', conversationId: w2.conversationId });
    const detail = (await ana.waitType('conversation', { from })).conversation;
    expect(detail.visitor.earlier.map((e: { id: string }) => e.id)).toEqual([conversationId]);
  });
});

describe('P12 signed identity', () => {
  const secret = 'site-secret-of-at-least-16-chars';
  beforeEach(async () => {
    s = await startServer({ config: (c) => { c.sites[0].identitySecret = secret; } });
  });

  it('[P12] a correctly signed identity reaches the agent as verified', async () => {
    const identity = signIdentity({ id: 'u-42', email: 'mia@example.com', name: 'Mia', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
    const v = await s.visitor();
    const w = await v.hello({ identity });
    v.send({ type: 'handoff' });
    const ana = await (await s.agent('Ana')).connect();
    const queue = await ana.waitFor((f) => (f.type === 'queue' || f.type === 'ready') && f.queue.length > 0);
    expect(queue.queue[0].visitorName).toBe('Mia');
    ana.send({ type: 'claim', conversationId: w.conversationId });
    const { conversation } = await ana.waitType('conversation');
    expect(conversation.visitor.identity).toEqual({ id: 'u-42', email: 'mia@example.com', name: 'Mia', verified: true });
  });

  it('[P12] a badly signed or expired identity is refused with bad_identity', async () => {
    const v = await s.visitor();
    const forged = signIdentity({ id: 'u-42', exp: Math.floor(Date.now() / 1000) + 600 }, 'another-secret-16-chars!!');
    await v.hello({ identity: forged });
    expect(v.all('error')[0]?.code).toBe('bad_identity');
    const v2 = await s.visitor();
    await v2.hello({ identity: signIdentity({ id: 'u-42', exp: Math.floor(Date.now() / 1000) - 1 }, secret) });
    expect(v2.all('error')[0]?.code).toBe('bad_identity');
  });
});

describe('read receipts', () => {
  beforeEach(async () => {
    s = await startServer();
  });

  it('the agent learns how far the visitor has read, live and on claim', async () => {
    const { v, conversationId } = await escalatedVisitor(s);
    const ana = await (await s.agent('Ana')).connect();
    await ana.waitType('ready');
    ana.send({ type: 'claim', conversationId });
    await ana.waitType('conversation');
    ana.send({ type: 'send', conversationId, clientId: 'hello-1', text: 'Hello!' });
    const msg = await v.waitFor((f) => f.type === 'message' && f.message.from === 'agent');
    v.send({ type: 'read', seq: msg.message.seq });
    expect(await ana.waitType('read')).toEqual({ type: 'read', conversationId, seq: msg.message.seq });
    // An older read position is not announced again.
    const from = ana.mark();
    v.send({ type: 'read', seq: 1 });
    ana.send({ type: 'open', conversationId });
    const detail = await ana.waitType('conversation', { from });
    expect(detail.conversation.visitorRead).toBe(msg.message.seq);
    expect(ana.all('read', from)).toEqual([]);
  });
});
