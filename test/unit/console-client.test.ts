// The console's socket client against a fake agent server (a real `ws` server on a random port).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type {
  AgentFrame,
  AgentInfo,
  ConversationDetail,
  Message,
  QueueEntry,
  ServerToAgent,
} from '../../shared/protocol';
import { AgentClient, type ClientEvent, type SocketFactory } from '../../console/client';
import { backoffDelay } from '../../console/backoff';
import type { ConsoleState } from '../../console/state';

const AGENT: AgentInfo = { id: 'a1', name: 'Ana', email: 'ana@example.com' };

function entry(id: string, extra: Partial<QueueEntry> = {}): QueueEntry {
  return {
    conversationId: id,
    siteId: 'demo',
    position: 1,
    reason: 'sentiment',
    queuedAt: new Date().toISOString(),
    sentiment: -0.6,
    ...extra,
  };
}

function msg(seq: number, from: Message['from'], text: string, extra: Partial<Message> = {}): Message {
  return { id: `m${seq}`, seq, from, text, at: new Date().toISOString(), ...extra };
}

function conversation(id: string, messages: Message[] = []): ConversationDetail {
  return {
    id,
    siteId: 'demo',
    state: 'agent',
    reason: 'requested',
    agentId: AGENT.id,
    agentName: AGENT.name,
    createdAt: new Date().toISOString(),
    messages,
    sentiment: [],
    visitor: { visitorId: 'v1', siteId: 'demo', earlier: [] },
  };
}

/** A scripted agent server: records what it receives, lets the test push frames. */
class FakeServer {
  readonly wss: WebSocketServer;
  readonly received: AgentFrame[] = [];
  connections = 0;
  current: WebSocket | null = null;
  private waiters: Array<() => void> = [];
  onConnect: (ws: WebSocket, n: number) => void = () => {};
  onFrame: (f: AgentFrame, ws: WebSocket) => void = () => {};

  constructor() {
    this.wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.wss.on('connection', (ws) => {
      this.connections += 1;
      this.current = ws;
      ws.on('message', (raw) => {
        const f = JSON.parse(String(raw)) as AgentFrame;
        this.received.push(f);
        this.onFrame(f, ws);
        this.poke();
      });
      this.onConnect(ws, this.connections);
      this.poke();
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/v1/agent`;
  }

  push(f: ServerToAgent, ws: WebSocket | null = this.current): void {
    ws?.send(JSON.stringify(f));
  }

  private poke(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Resolves when `cond` holds, checked after every server event. */
  until(cond: () => boolean, ms = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting on the fake server')), ms);
      const check = () => {
        if (cond()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    return new Promise((r) => this.wss.close(() => r()));
  }
}

function stateWhen(client: AgentClient, cond: (s: ConsoleState) => boolean, ms = 3000): Promise<ConsoleState> {
  return new Promise((resolve, reject) => {
    if (cond(client.getState())) return resolve(client.getState());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; state: ${JSON.stringify(client.getState())}`));
    }, ms);
    const off = client.subscribe((s) => {
      if (cond(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

let server: FakeServer;
let client: AgentClient;

function makeClient(extra: Partial<ConstructorParameters<typeof AgentClient>[0]> = {}): AgentClient {
  let n = 0;
  return new AgentClient({
    url: server.url,
    WebSocket: WebSocket as unknown as SocketFactory,
    newId: () => `client-${++n}`,
    backoff: { baseMs: 10, capMs: 50 },
    ...extra,
  });
}

beforeEach(async () => {
  server = new FakeServer();
  await new Promise<void>((r) => server.wss.once('listening', () => r()));
});

afterEach(async () => {
  client?.disconnect();
  await server.close();
});

describe('console client', () => {
  it('replaces its whole state with each ready, including after a reconnect', async () => {
    server.onConnect = (ws, n) => {
      if (n === 1) {
        server.push({ type: 'ready', agent: AGENT, queue: [entry('q1')], conversations: [conversation('c1')] }, ws);
      } else {
        server.push({ type: 'ready', agent: AGENT, queue: [entry('q2')], conversations: [conversation('c2')] }, ws);
      }
    };
    client = makeClient();
    client.connect();
    let s = await stateWhen(client, (x) => x.status === 'open');
    expect(s.agent).toEqual(AGENT);
    expect(s.queue.map((q) => q.conversationId)).toEqual(['q1']);
    expect(Object.keys(s.conversations)).toEqual(['c1']);

    server.current?.terminate();
    s = await stateWhen(client, (x) => x.status === 'open' && x.queue[0]?.conversationId === 'q2');
    expect(server.connections).toBe(2);
    expect(s.queue.map((q) => q.conversationId)).toEqual(['q2']);
    expect(Object.keys(s.conversations)).toEqual(['c2']);
  });

  it('applies queue updates and reports only the entries that are new', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [entry('q1')], conversations: [] }, ws);
    client = makeClient();
    const events: ClientEvent[] = [];
    client.onEvent((e) => events.push(e));
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');

    server.push({ type: 'queue', queue: [entry('q1'), entry('q2', { position: 2, visitorName: 'Bo' })] });
    const s = await stateWhen(client, (x) => x.queue.length === 2);
    expect(s.queue[1]).toMatchObject({ conversationId: 'q2', visitorName: 'Bo' });
    const added = events.filter((e) => e.kind === 'queue-added');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ kind: 'queue-added', entries: [{ conversationId: 'q2' }] });

    server.push({ type: 'queue', queue: [] });
    await stateWhen(client, (x) => x.queue.length === 0);
  });

  it('keeps a reply pending until its ack, then shows it once in the transcript', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [conversation('c1', [msg(1, 'visitor', 'hi')])] }, ws);
    client = makeClient();
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');

    const clientId = client.send('c1', 'Hello, I can help.');
    expect(client.getState().outbox).toMatchObject([{ clientId, text: 'Hello, I can help.', note: false }]);
    await server.until(() => server.received.some((f) => f.type === 'send'));
    expect(server.received.find((f) => f.type === 'send')).toEqual({
      type: 'send', conversationId: 'c1', clientId, text: 'Hello, I can help.',
    });
    // The fake server acks without echoing the message: the ack alone moves it into the transcript.
    server.push({ type: 'ack', conversationId: 'c1', clientId, seq: 2, id: 'm2' });
    const s = await stateWhen(client, (x) => x.outbox.length === 0);
    expect(s.conversations.c1.messages.map((m) => [m.seq, m.from, m.text])).toEqual([
      [1, 'visitor', 'hi'],
      [2, 'agent', 'Hello, I can help.'],
    ]);
    // The echo arriving afterwards does not duplicate it.
    server.push({ type: 'message', conversationId: 'c1', message: msg(2, 'agent', 'Hello, I can help.', { clientId }) });
    server.push({ type: 'message', conversationId: 'c1', message: msg(3, 'visitor', 'thanks') });
    const s2 = await stateWhen(client, (x) => x.conversations.c1.messages.length === 3);
    expect(s2.conversations.c1.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('sends internal notes with note:true', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [conversation('c1')] }, ws);
    client = makeClient();
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    const clientId = client.send('c1', 'VIP customer', true);
    await server.until(() => server.received.some((f) => f.type === 'send'));
    expect(server.received[0]).toEqual({ type: 'send', conversationId: 'c1', clientId, text: 'VIP customer', note: true });
  });

  /** Server stores the first send, then the socket dies before the ack; returns what happened. */
  async function storedButNotAcked(readyIncludesStored: boolean) {
    const stored = new Map<string, Message>(); // clientId → stored message, like the real server (P5)
    let seq = 1;
    server.onConnect = (ws) => {
      const history = readyIncludesStored ? [...stored.values()] : [];
      const c = conversation('c1', [msg(1, 'visitor', 'hi'), ...history]);
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [c] }, ws);
    };
    server.onFrame = (f, ws) => {
      if (f.type !== 'send') return;
      let m = stored.get(f.clientId);
      const first = !m;
      if (!m) {
        seq += 1;
        m = msg(seq, 'agent', f.text, { clientId: f.clientId, id: `m${seq}` });
        stored.set(f.clientId, m);
      }
      if (server.connections === 1) {
        ws.terminate(); // stored, but the connection dies before the ack goes out
        return;
      }
      if (first) server.push({ type: 'message', conversationId: 'c1', message: m }, ws);
      server.push({ type: 'ack', conversationId: 'c1', clientId: f.clientId, seq: m.seq, id: m.id }, ws);
    };

    client = makeClient();
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    const clientId = client.send('c1', 'one');
    await stateWhen(client, (x) => x.status === 'reconnecting');
    expect(client.getState().outbox.map((o) => o.clientId)).toEqual([clientId]);
    const s = await stateWhen(client, (x) => x.status === 'open' && x.outbox.length === 0);
    const sends = server.received.filter((f) => f.type === 'send');
    return { clientId, s, sends, stored };
  }

  it('resends an unacked reply after a reconnect with the same clientId; the server dedupes it', async () => {
    const { clientId, s, sends, stored } = await storedButNotAcked(false);
    expect(sends).toHaveLength(2);
    expect(sends.every((f) => f.type === 'send' && f.clientId === clientId)).toBe(true);
    expect(stored.size).toBe(1);
    expect(s.conversations.c1.messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
    expect(s.conversations.c1.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('does not resend a reply that the new ready already shows as stored', async () => {
    const { clientId, s, sends } = await storedButNotAcked(true);
    expect(sends).toHaveLength(1);
    expect(s.conversations.c1.messages.filter((m) => m.clientId === clientId)).toHaveLength(1);
  });

  it('resends a reply the server never stored, once, after reconnecting', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [conversation('c1')] }, ws);
    client = makeClient();
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');

    server.current?.terminate();
    await stateWhen(client, (x) => x.status === 'reconnecting');
    const id = client.send('c1', 'written while offline');
    expect(client.getState().outbox).toHaveLength(1);
    server.onFrame = (f, ws) => {
      if (f.type === 'send') {
        server.push({ type: 'ack', conversationId: 'c1', clientId: f.clientId, seq: 1, id: 'm1' }, ws);
        server.push({ type: 'ack', conversationId: 'c1', clientId: f.clientId, seq: 1, id: 'm1' }, ws); // duplicate ack
      }
    };
    const s = await stateWhen(client, (x) => x.status === 'open' && x.outbox.length === 0);
    expect(server.received.filter((f) => f.type === 'send')).toEqual([
      { type: 'send', conversationId: 'c1', clientId: id, text: 'written while offline' },
    ]);
    expect(s.conversations.c1.messages).toHaveLength(1);
  });

  it('surfaces already_claimed as a notice and an event', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [entry('q1')], conversations: [] }, ws);
    server.onFrame = (f, ws) => {
      if (f.type === 'claim') {
        server.push(
          { type: 'error', code: 'already_claimed', message: 'Another agent already claimed this conversation', conversationId: f.conversationId },
          ws,
        );
      }
    };
    client = makeClient();
    const events: ClientEvent[] = [];
    client.onEvent((e) => events.push(e));
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    client.claim('q1');
    expect(client.getState().claiming).toEqual(['q1']);
    const s = await stateWhen(client, (x) => x.notices.length === 1);
    expect(s.notices[0]).toMatchObject({ code: 'already_claimed', conversationId: 'q1' });
    expect(s.claiming).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'error', code: 'already_claimed' }));
    client.dismissNotice(s.notices[0].id);
    expect(client.getState().notices).toEqual([]);
  });

  it('returns a held chat to the queue with transfer and no agentId, pending until the new state', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [conversation('c1')] }, ws);
    server.onFrame = (f, ws) => {
      if (f.type === 'transfer') {
        server.push({ type: 'queue', queue: [entry('c1')] }, ws);
        server.push({ type: 'state', conversationId: 'c1', state: 'queued', reason: 'requested' }, ws);
      }
    };
    client = makeClient();
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    expect(client.requeue('c1')).toBe(true);
    expect(client.getState().requeueing).toEqual(['c1']);
    const s = await stateWhen(client, (x) => x.conversations.c1.state === 'queued');
    expect(server.received.filter((f) => f.type === 'transfer')).toEqual([{ type: 'transfer', conversationId: 'c1' }]);
    expect(s.requeueing).toEqual([]);
    expect(s.conversations.c1.agentId).toBeUndefined();
    expect(s.queue.map((q) => q.conversationId)).toEqual(['c1']);
    expect(s.notices).toEqual([]);
  });

  it('shows a refused return to the queue as a notice tied to that action, and sends nothing while offline', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [conversation('c1')] }, ws);
    server.onFrame = (f, ws) => {
      if (f.type === 'transfer') {
        server.push({ type: 'error', code: 'forbidden', message: 'Claim the conversation first', conversationId: f.conversationId }, ws);
      }
    };
    client = makeClient();
    expect(client.requeue('c1')).toBe(false); // not connected: nothing sent, nothing pending
    expect(client.getState().requeueing).toEqual([]);
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    client.requeue('c1');
    const s = await stateWhen(client, (x) => x.notices.length === 1);
    expect(s.notices[0]).toMatchObject({ code: 'forbidden', conversationId: 'c1', action: 'requeue' });
    expect(s.requeueing).toEqual([]);
    expect(s.conversations.c1.state).toBe('agent');
    expect(server.received.filter((f) => f.type === 'transfer')).toHaveLength(1);
  });

  it('marks a refused reply as failed and does not resend it', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [conversation('c1')] }, ws);
    server.onFrame = (f, ws) => {
      if (f.type === 'send') {
        server.push({ type: 'error', code: 'too_long', message: 'Message text is too long', clientId: f.clientId, conversationId: 'c1' }, ws);
      }
    };
    client = makeClient();
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    const id = client.send('c1', 'x'.repeat(5000));
    const s = await stateWhen(client, (x) => x.outbox[0]?.failed !== undefined);
    expect(s.outbox[0]).toMatchObject({ clientId: id, failed: { code: 'too_long' } });
    client.discard(id);
    expect(client.getState().outbox).toEqual([]);
  });

  it('tracks claimed conversations, visitor messages, typing and sentiment', async () => {
    server.onConnect = (ws) =>
      server.push({ type: 'ready', agent: AGENT, queue: [entry('q1')], conversations: [] }, ws);
    server.onFrame = (f, ws) => {
      if (f.type === 'claim') {
        const c = { ...conversation(f.conversationId, [msg(1, 'visitor', 'broken!'), msg(2, 'bot', 'Sorry')]) };
        delete c.agentId; // the client fills in the holder for its own claims
        server.push({ type: 'queue', queue: [] }, ws);
        server.push({ type: 'conversation', conversation: c }, ws);
      }
    };
    client = makeClient({ typingTimeoutMs: 30 });
    const events: ClientEvent[] = [];
    client.onEvent((e) => events.push(e));
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    client.claim('q1');
    let s = await stateWhen(client, (x) => x.conversations.q1 !== undefined);
    expect(s.conversations.q1.agentId).toBe(AGENT.id);

    server.push({ type: 'typing', conversationId: 'q1', from: 'visitor', on: true });
    await stateWhen(client, (x) => x.visitorTyping.q1 === true);
    // No "off" frame: it clears itself.
    await stateWhen(client, (x) => x.visitorTyping.q1 === false);

    server.push({ type: 'message', conversationId: 'q1', message: msg(3, 'visitor', 'still broken') });
    server.push({ type: 'sentiment', conversationId: 'q1', point: { seq: 3, score: -0.8, running: -0.7 } });
    server.push({ type: 'state', conversationId: 'q1', state: 'closed' });
    s = await stateWhen(client, (x) => x.conversations.q1.state === 'closed');
    expect(s.conversations.q1.messages.map((m) => m.text)).toEqual(['broken!', 'Sorry', 'still broken']);
    expect(s.conversations.q1.sentiment).toEqual([{ seq: 3, score: -0.8, running: -0.7 }]);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'visitor-message', conversationId: 'q1' }));
  });

  it('ignores malformed frames and stays connected', async () => {
    server.onConnect = (ws) => {
      ws.send('not json');
      ws.send(JSON.stringify({ type: 'queue', queue: 'nope' }));
      server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [] }, ws);
    };
    client = makeClient();
    const events: ClientEvent[] = [];
    client.onEvent((e) => events.push(e));
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    expect(events.filter((e) => e.kind === 'bad-frame')).toHaveLength(2);
  });

  it('stops reconnecting when the session is gone', async () => {
    server.onConnect = (ws) => server.push({ type: 'ready', agent: AGENT, queue: [], conversations: [] }, ws);
    let asked = 0;
    client = makeClient({ beforeReconnect: async () => (++asked, false) });
    client.connect();
    await stateWhen(client, (x) => x.status === 'open');
    server.current?.terminate();
    await stateWhen(client, (x) => x.status === 'unauthorized');
    expect(asked).toBe(1);
    expect(server.connections).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter and caps at 30 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
    for (let i = 0; i < 50; i++) expect(backoffDelay(i, Math.random)).toBeLessThanOrEqual(30_000);
  });
});
