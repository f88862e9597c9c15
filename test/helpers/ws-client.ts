// A test WebSocket client that records every frame and waits for the one a test expects.
import WebSocket from 'ws';

export type Frame = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class WsClient {
  readonly frames: Frame[] = [];
  closeCode?: number;
  private waiters: Array<() => void> = [];
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      });
    });
  }

  static connect(url: string, headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers, ...options });
      const client = new WsClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Index to pass as `from` so a wait ignores frames already received. */
  mark(): number {
    return this.frames.length;
  }

  /** Resolves with the first frame (at index ≥ from) that matches; rejects after `ms`. */
  async waitFor(match: (f: Frame) => boolean, opts: { from?: number; ms?: number; what?: string } = {}): Promise<Frame> {
    const from = opts.from ?? 0;
    const deadline = Date.now() + (opts.ms ?? 5000);
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== undefined) {
        throw new Error(`timed out waiting for ${opts.what ?? 'a frame'}; got ${JSON.stringify(this.frames.slice(from)).slice(0, 1500)}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  waitType(type: string, opts: { from?: number; ms?: number } = {}): Promise<Frame> {
    return this.waitFor((f) => f.type === type, { ...opts, what: `"${type}"` });
  }

  /** Frames of one type received so far (from an index). */
  all(type: string, from = 0): Frame[] {
    return this.frames.slice(from).filter((f) => f.type === type);
  }

  /** Sends hello and waits for welcome. */
  async hello(extra: Record<string, unknown> = {}): Promise<Frame> {
    const from = this.mark();
    this.send({ type: 'hello', v: 1, ...extra });
    return this.waitType('welcome', { from });
  }

  /** Sends a message and waits for its ack. */
  async say(text: string, clientId: string = crypto.randomUUID()): Promise<Frame> {
    const from = this.mark();
    this.send({ type: 'send', clientId, text });
    return this.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId, { from, what: `ack of "${text}"` });
  }

  close(): void {
    this.socket.close();
  }

  terminate(): void {
    this.socket.terminate();
  }
}
