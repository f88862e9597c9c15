// One connected socket: ordered outbound work, heartbeat (P3), bad-frame budget (P1), send rate limit.
import type { WebSocket } from 'ws';
import { CLOSE } from '../../shared/protocol';
import type { Parsed } from '../../shared/validate';
import { ChatError } from '../chat/errors';
import { errorFrame } from './errors';

export interface PeerOptions {
  pingIntervalMs: number;
  badFramesPerMinute: number;
  sendsPerMinute: number;
  now: () => number;
  onDead: () => void;
  /** Called at every heartbeat while the peer is alive (agents refresh their presence here). */
  onHeartbeat?: () => void;
}

/** A token bucket: `burst` at once, refilled at `perMinute`. */
class Bucket {
  private tokens: number;
  private last: number;

  constructor(private readonly perMinute: number, private readonly burst: number, private readonly now: () => number) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.perMinute) / 60_000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Any frame (typing, read, claim…) beyond this rate gets `rate_limited`. */
const FRAMES_PER_MINUTE = 240;
const FRAME_BURST = 40;

export class Peer {
  /** Outbound work runs in order; delivery of a message waits for everything queued before it. */
  private chain: Promise<void> = Promise.resolve();
  private badFrames: number[] = [];
  private sends: Bucket;
  private frames: Bucket;
  private missedPongs = 0;
  private pingTimer?: ReturnType<typeof setInterval>;
  closed = false;

  constructor(readonly ws: WebSocket, private readonly opts: PeerOptions) {
    this.sends = new Bucket(opts.sendsPerMinute, Math.min(10, opts.sendsPerMinute), opts.now);
    this.frames = new Bucket(FRAMES_PER_MINUTE, FRAME_BURST, opts.now);
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

  /** Sends: a burst of 10, refilled at sendsPerMinute. */
  allowSend(): boolean {
    return this.sends.take();
  }

  /** Every valid frame counts here, so typing or claim floods are limited too. */
  allowFrame(): boolean {
    return this.frames.take();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.ws.close(code, reason);
  }
}

/**
 * Decodes every incoming message (P1): malformed frames get `bad_frame` and count against the
 * peer's budget; valid frames over the frame rate get `rate_limited`; the rest go to `handle`.
 */
export function readFrames<T>(peer: Peer, parse: (raw: unknown) => Parsed<T>, handle: (frame: T) => void): void {
  peer.ws.on('message', (data, isBinary) => {
    const parsed = parse(isBinary ? '' : data.toString());
    if (!parsed.ok) {
      if (!peer.badFrame()) peer.send({ type: 'error', code: 'bad_frame', message: parsed.error });
      return;
    }
    if (!peer.allowFrame()) {
      const { clientId } = parsed.frame as { clientId?: string };
      peer.send(errorFrame(new ChatError('rate_limited'), clientId ? { clientId } : {}));
      return;
    }
    handle(parsed.frame);
  });
}
