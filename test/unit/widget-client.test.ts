// The widget's connection client against an msw-mocked visitor socket.
//
// msw 2 intercepts WebSockets by patching `globalThis.WebSocket`, and only when that
// global exists (its interceptor's checkEnvironment). Node 20 has none, so we install the
// `ws` package's class as the global first (it is only the passthrough target; every
// connection here is handled by msw), then hand the patched class to the client through
// its `WebSocket` option (convention 6).

import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { WebSocket as NodeWebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message, ServerToVisitor } from '../../shared/protocol';
import { backoffCeiling, backoffDelay } from '../../widget/client/backoff';
import { ChatClient } from '../../widget/client/client';
import { memoryStorage, storageKeys } from '../../widget/client/storage';
import type { ConnState, Timers, WebSocketCtor } from '../../widget/client/types';

const hadGlobal = 'WebSocket' in globalThis;
if (!hadGlobal) Object.defineProperty(globalThis, 'WebSocket', { value: NodeWebSocket, configurable: true, writable: true });

const URL = 'ws://heed.test/v1/visitor?site=demo';
const chat = ws.link('ws://heed.test/v1/visitor');
const server = setupServer();
let MockedWebSocket: WebSocketCtor;

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  MockedWebSocket = (globalThis as unknown as { WebSocket: WebSocketCtor }).WebSocket;
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  if (!hadGlobal) delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

// ------------------------------------------------------------------ helpers

/** Timers the test runs by hand; records every delay asked for. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const delays: number[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      delays.push(ms);
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  return {
    timers,
    delays,
    /** Runs the pending timers whose delay matches (all when no filter). */
    run(filter: (ms: number) => boolean = () => true) {
      for (const [id, t] of [...pending]) {
        if (!filter(t.ms)) continue;
        pending.delete(id);
        t.fn();
      }
    },
    pendingDelays: () => [...pending.values()].map((t) => t.ms),
  };
}

type Conn = { frames: Record<string, unknown>[]; send(f: ServerToVisitor): void; close(): void };

/** Installs a handler; each new connection is pushed to `conns` and answered by `onHello`. */
function mockServer(onHello: (conn: Conn, hello: Record<string, unknown>, index: number) => void = () => {}) {
  const conns: Conn[] = [];
  server.use(
    chat.addEventListener('connection', ({ client }) => {
      const conn: Conn = {
        frames: [],
        send: (f) => client.send(JSON.stringify(f)),
        close: () => client.close(),
      };
      const index = conns.push(conn) - 1;
      client.addEventListener('message', (e) => {
        const f = JSON.parse(String(e.data)) as Record<string, unknown>;
        conn.frames.push(f);
        if (f.type === 'hello') onHello(conn, f, index);
      });
    }),
  );
  return conns;
}

const msg = (seq: number, from: Message['from'] = 'bot', extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  seq,
  from,
  text: `text ${seq}`,
  at: '2024-01-01T00:00:00.000Z',
  ...extra,
});

function makeClient(opts: { storage?: ReturnType<typeof memoryStorage>; random?: () => number; tabId?: string } = {}) {
  const t = manualTimers();
  const storage = opts.storage ?? memoryStorage();
  let n = 0;
  const client = new ChatClient({
    url: URL,
    site: 'demo',
    WebSocket: MockedWebSocket,
    storage,
    timers: t.timers,
    random: opts.random ?? (() => 0.5),
    // Distinct per tab, as real random ids are.
    uuid: () => `00000000-0000-4000-8000-${(opts.tabId ?? '').padStart(4, '0')}${String(++n).padStart(8, '0')}`,
    page: () => ({ url: 'https://shop.example/pricing', title: 'Pricing' }),
    locale: 'en',
    tabId: opts.tabId ?? 'tab1',
  });
  return { client, storage, t };
}

const keys = storageKeys('demo');
const OUTBOX_TAB1 = `${keys.outbox}:tab1`;
const sends = (c: Conn) => c.frames.filter((f) => f.type === 'send');

// ------------------------------------------------------------------ tests

describe('widget client: hello and resume', () => {
  it('[P6] a fresh visitor says hello without a token and stores the one it is given', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok-new', conversationId: 'c1', state: 'bot', messages: [msg(1)] }));
    const { client, storage } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    expect(conns[0].frames[0]).toEqual({
      type: 'hello', v: 1, page: { url: 'https://shop.example/pricing', title: 'Pricing' }, locale: 'en',
    });
    const stored = JSON.parse(storage.getItem(keys.conversation)!);
    expect(stored).toMatchObject({ token: 'tok-new', conversationId: 'c1', lastSeq: 1 });
    client.close();
  });

  it('[P6] hello carries the stored token and lastSeq, so a reload resumes the conversation', async () => {
    const storage = memoryStorage();
    storage.setItem(keys.conversation, JSON.stringify({ token: 'tok-1', conversationId: 'c1', lastSeq: 7, messages: [msg(7)] }));
    const conns = mockServer();
    const { client } = makeClient({ storage });
    client.connect();
    await vi.waitFor(() => expect(conns[0]?.frames.length).toBe(1));
    expect(conns[0].frames[0]).toMatchObject({ type: 'hello', v: 1, token: 'tok-1', lastSeq: 7 });
    client.close();
  });

  it('[P4][P6] resume applies only messages with seq > lastSeq, in order, once', async () => {
    const storage = memoryStorage();
    storage.setItem(keys.conversation, JSON.stringify({ token: 'tok-1', conversationId: 'c1', lastSeq: 2, messages: [msg(1), msg(2, 'visitor')] }));
    // A server that sends the whole history, out of order, must not duplicate anything.
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok-1', conversationId: 'c1', state: 'bot', messages: [msg(4), msg(1), msg(2, 'visitor'), msg(3)] }));
    const { client } = makeClient({ storage });
    const seen: number[] = [];
    client.on('message', (m) => seen.push(m.seq));
    client.connect();
    await vi.waitFor(() => expect(client.getView().lastSeq).toBe(4));
    expect(client.getView().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([3, 4]);

    // A live frame repeating a stored message is ignored; a new one is added.
    conns[0].send({ type: 'message', message: msg(4) });
    conns[0].send({ type: 'message', message: msg(5, 'agent', { author: { name: 'Ana' } }) });
    await vi.waitFor(() => expect(client.getView().lastSeq).toBe(5));
    expect(client.getView().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([3, 4, 5]);
    client.close();
  });

  it('[P6] a welcome for a different conversation starts a fresh transcript', async () => {
    const storage = memoryStorage();
    storage.setItem(keys.conversation, JSON.stringify({ token: 'tok-1', conversationId: 'old', lastSeq: 9, messages: [msg(9)] }));
    mockServer((c) => c.send({ type: 'welcome', token: 'tok-1', conversationId: 'new', state: 'bot', messages: [msg(1)] }));
    const { client } = makeClient({ storage });
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    expect(client.getView().messages.map((m) => m.key)).toEqual(['m1']);
    expect(client.getView().lastSeq).toBe(1);
    client.close();
  });

  it('ignores frames that fail validation (P1) and keeps going', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 't', conversationId: 'c1', state: 'bot', messages: [] }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { client } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    conns[0].send({ type: 'message', message: { id: 'x', seq: 'one' } } as unknown as ServerToVisitor);
    conns[0].send({ type: 'message', message: msg(1) });
    await vi.waitFor(() => expect(client.getView().lastSeq).toBe(1));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('bad frame'), expect.any(String));
    warn.mockRestore();
    client.close();
  });
});

describe('widget client: outbox (P5)', () => {
  it('[P5] resends unacked messages after a reconnect and shows an ack received twice once', async () => {
    const conns = mockServer((c, _hello, i) =>
      c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: i === 0 ? [msg(1)] : [] }),
    );
    const { client, storage, t } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));

    const id = client.send('Where is my order?')!;
    await vi.waitFor(() => expect(sends(conns[0])).toHaveLength(1));
    expect(sends(conns[0])[0]).toEqual({ type: 'send', clientId: id, text: 'Where is my order?' });
    expect(client.getView().messages.at(-1)).toMatchObject({ status: 'pending', clientId: id });
    expect(JSON.parse(storage.getItem(OUTBOX_TAB1)!)).toHaveLength(1);

    // The connection drops before the ack: the message stays pending and is resent.
    conns[0].close();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('closed'));
    t.run();
    await vi.waitFor(() => expect(sends(conns[1] ?? { frames: [] } as unknown as Conn)).toHaveLength(1));
    expect(sends(conns[1])[0]).toMatchObject({ clientId: id, text: 'Where is my order?' });

    // The server stored the first copy; both sends get the same ack, plus the echo.
    conns[1].send({ type: 'ack', clientId: id, seq: 2, id: 'm2' });
    conns[1].send({ type: 'ack', clientId: id, seq: 2, id: 'm2' });
    conns[1].send({ type: 'message', message: msg(2, 'visitor', { clientId: id, text: 'Where is my order?' }) });
    conns[1].send({ type: 'message', message: msg(3) });
    await vi.waitFor(() => expect(client.getView().lastSeq).toBe(3));
    const visitor = client.getView().messages.filter((m) => m.from === 'visitor');
    expect(visitor).toHaveLength(1);
    expect(visitor[0]).toMatchObject({ status: 'sent', seq: 2, clientId: id });
    expect(storage.getItem(OUTBOX_TAB1)).toBeNull();
    client.close();
  });

  it('[P5] a message written before a reload is sent by the next page', async () => {
    const storage = memoryStorage();
    const first = makeClient({ storage });
    first.client.send('offline draft'); // never connected
    first.client.close();
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] }));
    const second = makeClient({ storage });
    expect(second.client.getView().messages).toMatchObject([{ text: 'offline draft', status: 'pending' }]);
    second.client.connect();
    await vi.waitFor(() => expect(sends(conns[0] ?? ({ frames: [] } as unknown as Conn))).toHaveLength(1));
    expect(sends(conns[0])[0]).toMatchObject({ text: 'offline draft' });
    second.client.close();
  });

  it('an error with a clientId marks the message failed with the reason; Retry sends it again', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] }));
    const { client } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    const id = client.send('x'.repeat(10))!;
    conns[0].send({ type: 'error', code: 'too_long', message: 'Message text is too long', clientId: id });
    await vi.waitFor(() => expect(client.getView().messages[0]).toMatchObject({ status: 'failed', error: 'too_long' }));
    client.retry(id);
    expect(client.getView().messages[0]).toMatchObject({ status: 'pending' });
    await vi.waitFor(() => expect(sends(conns[0])).toHaveLength(2));
    client.close();
  });

  it('unavailable / rate_limited are retried automatically with backoff', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] }));
    const { client, t } = makeClient({ random: () => 0.5 });
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    const id = client.send('hello')!;
    conns[0].send({ type: 'error', code: 'unavailable', message: 'retry', clientId: id });
    await vi.waitFor(() => expect(t.pendingDelays()).toContain(500)); // 0.5 × 500 × 2^1
    expect(client.getView().messages[0]).toMatchObject({ status: 'pending' });
    t.run((ms) => ms === 500);
    await vi.waitFor(() => expect(sends(conns[0])).toHaveLength(2));
    conns[0].send({ type: 'error', code: 'rate_limited', message: 'slow down', clientId: id });
    await vi.waitFor(() => expect(t.pendingDelays()).toContain(1000));
    client.close();
  });
});

describe('widget client: reconnect backoff (P3)', () => {
  it('[P3] the ceiling doubles from 500 ms and caps at 30 s; the delay is full jitter below it', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map((a) => backoffCeiling(a))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(50, () => 0.999999)).toBeLessThan(30000);
  });

  it('[P3] reconnect delays grow with jitter, cap at 30 s, and reset after a welcome', async () => {
    let accept = false;
    const conns = mockServer((c) => {
      if (accept) c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] });
      else c.close();
    });
    const rolls = [0.9, 0.1, 0.5, 0.99, 0.3, 0.7, 0.8, 0.2, 0.6];
    let r = 0;
    const { client, t } = makeClient({ random: () => rolls[r++ % rolls.length] });
    client.connect();
    for (let i = 0; i < rolls.length; i++) {
      await vi.waitFor(() => expect(t.pendingDelays()).toHaveLength(1));
      if (i === rolls.length - 1) accept = true; // the 10th attempt gets in
      t.run();
    }
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    const expected = rolls.map((x, i) => Math.floor(x * Math.min(30000, 500 * 2 ** i)));
    expect(t.delays).toEqual(expected);
    expect(expected.slice(-3).every((d, i) => d === Math.floor(rolls[6 + i] * 30000))).toBe(true); // capped

    conns.at(-1)!.close();
    await vi.waitFor(() => expect(t.pendingDelays()).toHaveLength(1));
    expect(t.pendingDelays()[0]).toBe(Math.floor(rolls[0] * 500)); // attempt 0 again
    client.close();
  });
});

describe('widget client: conversation state', () => {
  it('emits old → new for queue position, agent name and offline', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] }));
    const { client } = makeClient();
    const changes: Array<[ConnState, ConnState]> = [];
    client.on('state', (o, n) => changes.push([o, n]));
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.conversation).toBe('bot'));

    client.handoff();
    await vi.waitFor(() => expect(conns[0].frames.some((f) => f.type === 'handoff')).toBe(true));
    conns[0].send({ type: 'state', state: 'queued', position: 2, waitSeconds: 180 });
    await vi.waitFor(() => expect(client.getView().state).toMatchObject({ conversation: 'queued', position: 2, waitSeconds: 180 }));
    conns[0].send({ type: 'state', state: 'queued', position: 1, waitSeconds: 60 });
    conns[0].send({ type: 'state', state: 'agent', agent: { name: 'Ana' } });
    await vi.waitFor(() => expect(client.getView().state).toMatchObject({ conversation: 'agent', agent: 'Ana' }));
    expect(client.getView().state.position).toBeUndefined();
    conns[0].send({ type: 'state', state: 'offline' });
    await vi.waitFor(() => expect(client.getView().state.conversation).toBe('offline'));

    const convo = changes.filter(([o, n]) => o.conversation !== n.conversation || o.position !== n.position);
    expect(convo.map(([o, n]) => `${o.conversation}#${o.position ?? ''}→${n.conversation}#${n.position ?? ''}`)).toEqual([
      'null#→bot#', 'bot#→queued#2', 'queued#2→queued#1', 'queued#1→agent#', 'agent#→offline#',
    ]);
    expect(changes[0][0].socket).toBe('closed');
    expect(changes[0][1].socket).toBe('connecting');

    // The offline form: a send with contact details.
    client.send('Please call me back', { email: 'v@example.com', name: 'Vi' });
    await vi.waitFor(() => expect(sends(conns[0])).toHaveLength(1));
    expect(sends(conns[0])[0]).toMatchObject({ text: 'Please call me back', contact: { email: 'v@example.com', name: 'Vi' } });
    client.close();
  });

  it('[P6] writing after the conversation closed reconnects with the same token and sends into the new one', async () => {
    const conns = mockServer((c, hello, i) =>
      c.send({ type: 'welcome', token: 'tok', conversationId: i === 0 ? 'c1' : 'c2', state: 'bot', messages: i === 0 ? [msg(1)] : [msg(1, 'bot', { id: 'n1' })] }),
    );
    const { client, t } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    conns[0].send({ type: 'state', state: 'closed' });
    await vi.waitFor(() => expect(client.getView().state.conversation).toBe('closed'));
    client.send('One more question');
    expect(sends(conns[0])).toHaveLength(0); // not into the closed conversation
    t.run();
    await vi.waitFor(() => expect(sends(conns[1] ?? ({ frames: [] } as unknown as Conn))).toHaveLength(1));
    expect(conns[1].frames[0]).toMatchObject({ type: 'hello', token: 'tok' });
    expect(client.getView().state.conversation).toBe('bot');
    expect(client.getView().messages.map((m) => m.key)).toEqual(['n1', expect.any(String)]);
    client.close();
  });

  it('sends typing on (throttled) and off after 3 s idle; shows the other side typing', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'agent', messages: [] }));
    const { client, t } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    client.noteTyping();
    client.noteTyping();
    client.noteTyping();
    t.run((ms) => ms === 3000);
    await vi.waitFor(() => expect(conns[0].frames.filter((f) => f.type === 'typing')).toEqual([
      { type: 'typing', on: true }, { type: 'typing', on: false },
    ]));

    conns[0].send({ type: 'typing', from: 'agent', on: true });
    await vi.waitFor(() => expect(client.getView().typing).toBe('agent'));
    conns[0].send({ type: 'message', message: msg(1, 'agent') });
    await vi.waitFor(() => expect(client.getView().typing).toBeNull());
    // An agent who closes the chat while "typing" stops typing.
    conns[0].send({ type: 'typing', from: 'agent', on: true });
    await vi.waitFor(() => expect(client.getView().typing).toBe('agent'));
    conns[0].send({ type: 'state', state: 'closed' });
    await vi.waitFor(() => expect(client.getView().typing).toBeNull());
    client.close();
  });
});

describe('widget client: tabs, read state, settings and shutdown', () => {
  const welcome = (c: Conn) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] });

  it('[P5] two tabs keep their own outboxes; a later page adopts both and sends each once', async () => {
    const storage = memoryStorage();
    // Two tabs, both offline, each writes a message (the old shared key lost one of them).
    const a = makeClient({ storage, tabId: 'A' });
    const b = makeClient({ storage, tabId: 'B' });
    a.client.send('from tab A');
    b.client.send('from tab B');
    a.client.send('A again');
    expect(JSON.parse(storage.getItem(`${keys.outbox}:A`)!).map((e: { text: string }) => e.text)).toEqual(['from tab A', 'A again']);
    expect(JSON.parse(storage.getItem(`${keys.outbox}:B`)!).map((e: { text: string }) => e.text)).toEqual(['from tab B']);
    a.client.close();
    b.client.close();

    // Both tabs are closed; the next page (tab C) shows and sends all three, once each.
    const conns = mockServer(welcome);
    const c = makeClient({ storage, tabId: 'C' });
    expect(c.client.getView().messages.map((m) => `${m.text}:${m.status}`).sort()).toEqual([
      'A again:pending', 'from tab A:pending', 'from tab B:pending',
    ]);
    expect(storage.getItem(`${keys.outbox}:A`)).toBeNull();
    expect(storage.getItem(`${keys.outbox}:B`)).toBeNull();
    c.client.connect();
    await vi.waitFor(() => expect(sends(conns[0] ?? ({ frames: [] } as unknown as Conn))).toHaveLength(3));
    expect(sends(conns[0]).map((f) => f.text).sort()).toEqual(['A again', 'from tab A', 'from tab B']);
    c.client.close();
  });

  it('[P5] a tab that starts while another holds unsent messages adopts them; both send the same clientId', () => {
    const storage = memoryStorage();
    const a = makeClient({ storage, tabId: 'A' });
    const id = a.client.send('typed in A')!;
    const b = makeClient({ storage, tabId: 'B' });
    expect(b.client.getView().messages).toMatchObject([{ clientId: id, status: 'pending' }]);
    // A keeps it too (it rewrites its own key on its next change), so nothing is lost if either tab closes.
    a.client.send('second');
    expect(JSON.parse(storage.getItem(`${keys.outbox}:A`)!).map((e: { clientId: string }) => e.clientId)).toContain(id);
    expect(JSON.parse(storage.getItem(`${keys.outbox}:B`)!).map((e: { clientId: string }) => e.clientId)).toEqual([id]);
    a.client.close();
    b.client.close();
  });

  it('an adopted message already in the transcript is not shown or sent again', () => {
    const storage = memoryStorage();
    storage.setItem(keys.conversation, JSON.stringify({ token: 't', conversationId: 'c1', lastSeq: 1, messages: [msg(1, 'visitor', { clientId: 'done' })] }));
    storage.setItem(`${keys.outbox}:old`, JSON.stringify([
      { clientId: 'done', text: 'stored already', createdAt: 1, status: 'pending', attempts: 0 },
      { clientId: 'todo', text: 'not yet', createdAt: 2, status: 'failed', error: 'too_long', attempts: 1 },
    ]));
    const { client } = makeClient({ storage });
    expect(client.getView().messages.map((m) => [m.key, m.status])).toEqual([['m1', 'sent'], ['todo', 'failed']]);
  });

  it('counts unread messages from the other side; reading in one tab clears the count in the other', async () => {
    const storage = memoryStorage();
    const conns = mockServer(welcome);
    const a = makeClient({ storage, tabId: 'A' });
    a.client.connect();
    await vi.waitFor(() => expect(a.client.getView().state.socket).toBe('open'));
    conns[0].send({ type: 'message', message: msg(1, 'visitor') });
    conns[0].send({ type: 'message', message: msg(2, 'agent') });
    conns[0].send({ type: 'message', message: msg(3, 'agent') });
    await vi.waitFor(() => expect(a.client.getView().unread).toBe(2));

    const b = makeClient({ storage, tabId: 'B' }); // a second tab, same stored transcript
    expect(b.client.getView().unread).toBe(2);
    a.client.markRead();
    expect(a.client.getView().unread).toBe(0);
    await vi.waitFor(() => expect(conns[0].frames.filter((f) => f.type === 'read')).toEqual([{ type: 'read', seq: 3 }]));
    b.client.syncRead(); // what the storage event does in the browser
    expect(b.client.getView().unread).toBe(0);
    a.client.close();
  });

  it('setLocale and identify say hello again with the new locale and identity', async () => {
    const conns = mockServer(welcome);
    const { client } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    client.setLocale('ar');
    await vi.waitFor(() => expect(conns[1]?.frames[0]).toMatchObject({ type: 'hello', token: 'tok', locale: 'ar' }));
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    client.setIdentity('signed.jwt.value');
    await vi.waitFor(() => expect(conns[2]?.frames[0]).toMatchObject({ type: 'hello', token: 'tok', locale: 'ar', identity: 'signed.jwt.value' }));
    client.setLocale('ar'); // unchanged: no reconnect
    expect(conns).toHaveLength(3);
    client.close();
  });

  it('shutdown forgets the visitor: storage cleared, the next hello has no token', async () => {
    const conns = mockServer((c, hello, i) => c.send({ type: 'welcome', token: `tok${i}`, conversationId: `c${i}`, state: 'bot', messages: [msg(1)] }));
    const { client, storage } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().messages).toHaveLength(1));
    client.close();
    client.send('unsent');
    client.shutdown();
    expect([...storage.data.keys()].filter((k) => k.startsWith('heed:demo:'))).toEqual([]);
    expect(client.getView()).toMatchObject({ messages: [], unread: 0, state: { conversation: null, socket: 'closed' } });
    expect(client.hasSession()).toBe(false);
    client.connect();
    await vi.waitFor(() => expect(conns[1]?.frames[0]).toBeDefined());
    expect(conns[1].frames[0]).not.toHaveProperty('token');
    client.close();
  });

  it('rates the closed conversation once a person was in it', async () => {
    const conns = mockServer(welcome);
    const { client } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    conns[0].send({ type: 'state', state: 'closed' });
    await vi.waitFor(() => expect(client.getView().state.conversation).toBe('closed'));
    expect(client.getView().rated).toBe(false);
    client.rate(4, '  quick and kind  ');
    expect(client.getView().rated).toBe(true);
    await vi.waitFor(() => expect(conns[0].frames.filter((f) => f.type === 'rate')).toEqual([{ type: 'rate', score: 4, comment: 'quick and kind' }]));
    client.close();
  });
});

describe('widget client: the browser goes offline and online', () => {
  it('[P5] offline drops the socket (messages wait as pending); online reconnects at once and resends them', async () => {
    const conns = mockServer((c) => c.send({ type: 'welcome', token: 'tok', conversationId: 'c1', state: 'bot', messages: [] }));
    const { client, t } = makeClient();
    client.connect();
    await vi.waitFor(() => expect(client.getView().state.socket).toBe('open'));
    client.network(false);
    expect(client.getView().state.socket).toBe('closed');
    const id = client.send('written offline')!;
    expect(client.getView().messages).toMatchObject([{ clientId: id, status: 'pending' }]);
    expect(sends(conns[0])).toHaveLength(0);
    client.network(true); // no need to wait for the backoff timer
    await vi.waitFor(() => expect(sends(conns[1] ?? ({ frames: [] } as unknown as Conn))).toEqual([{ type: 'send', clientId: id, text: 'written offline' }]));
    expect(t.pendingDelays()).toEqual([]); // the backoff timer was cancelled
    client.close();
  });
});
