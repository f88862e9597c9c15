// One connected socket: ordered outbound work, heartbeat (P3), bad-frame budget (P1), send rate limit.
import type { WebSocket } from 'ws';
import { CLOSE } from '../../shared/protocol';

export interface PeerOptions {
  pingIntervalMs: number;
  badFramesPerMinute: number;
  sendsPerMinute: number;
  now: () => number;
  onDead: () => void;
  /** Called at every heartbeat while the peer is alive (agents refresh their presence here). */
  onHeartbeat?: () => void;
}

export class Peer {
  /** Outbound work runs in order; delivery of a message waits for everything queued before it. */
  private chain: Promise<void> = Promise.resolve();
  private badFrames: number[] = [];
  private tokens: number;
  private lastRefill: number;
  private missedPongs = 0;
  private pingTimer?: ReturnType<typeof setInterval>;
  closed = false;

  constructor(readonly ws: WebSocket, private readonly opts: PeerOptions) {
    this.tokens = Math.min(10, opts.sendsPerMinute);
    this.lastRefill = opts.now();
    ws.on('pong', () => {
      this.missedPongs = 0;
    });
    ws.on('close', () => {
      this.closed = true;
      if (this.pingTimer) clearInterval(this.pingTimer);
    });
    this.pingTimer = setInterval(() => this.heartbeat(), opts.pingIntervalMs);
    this.pingTimer.unref?.();
  }

  private heartbeat(): void {
    if (this.closed) return;
    // P3: a peer that misses two pongs in a row is dropped.
    if (this.missedPongs >= 2) {
      this.ws.terminate();
      this.opts.onDead();
      return;
    }
    this.missedPongs++;
    this.opts.onHeartbeat?.();
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  send(frame: object): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(frame));
  }

  /** Queues work behind everything sent so far; errors are reported, never swallowed. */
  enqueue(task: () => Promise<void> | void, onError: (err: unknown) => void): Promise<void> {
    this.chain = this.chain.then(task).catch(onError);
    return this.chain;
  }

  /** P1: counts a bad frame; returns true when the peer has spent its budget and was closed. */
  badFrame(): boolean {
    const now = this.opts.now();
    this.badFrames = this.badFrames.filter((t) => now - t < 60_000);
    this.badFrames.push(now);
    if (this.badFrames.length > this.opts.badFramesPerMinute) {
      this.close(CLOSE.policy, 'too many bad frames');
      return true;
    }
    return false;
  }

  /** Token bucket for sends: burst of 10, refilled at sendsPerMinute. */
  allowSend(): boolean {
    const now = this.opts.now();
    const perMs = this.opts.sendsPerMinute / 60_000;
    this.tokens = Math.min(Math.min(10, this.opts.sendsPerMinute), this.tokens + (now - this.lastRefill) * perMs);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.ws.close(code, reason);
  }
}
