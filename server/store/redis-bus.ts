// RedisBus: events go to this process's subscribers at once (in publish order, nothing lost) and
// to other processes over Redis pub/sub. Pub/sub drops messages (a subscriber that is disconnected
// misses them), so remote delivery is only a nudge: the hub catches up from the store on a seq gap,
// re-reads periodically (lossy = true), and re-syncs everything after the subscriber reconnects.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RedisClient } from './redis-connect';
import type { Bus, BusEvent } from './store';

export interface RedisBusOptions {
  channel: string;
  /** Reports publish failures and malformed nudges; they never fail the caller. */
  onError: (err: Error) => void;
}

interface Envelope { o: string; e: BusEvent }

export class RedisBus implements Bus {
  readonly lossy = true;
  private readonly origin = randomUUID();
  private readonly local = new EventEmitter();
  private readonly reconnects = new EventEmitter();
  private everReady = false;

  private constructor(private readonly pub: RedisClient, private readonly sub: RedisClient, private readonly opts: RedisBusOptions) {
    this.local.setMaxListeners(0);
    this.reconnects.setMaxListeners(0);
  }

  /** `pub` is a command connection (shared with the store is fine); `sub` becomes a subscriber. */
  static async start(pub: RedisClient, sub: RedisClient, opts: RedisBusOptions): Promise<RedisBus> {
    const bus = new RedisBus(pub, sub, opts);
    sub.on('message', (channel: string, raw: string) => {
      if (channel === opts.channel) bus.onRemote(raw);
    });
    sub.on('ready', () => {
      // ioredis resubscribes by itself; anything published meanwhile is gone, so re-sync.
      if (bus.everReady) bus.reconnects.emit('reconnect');
      bus.everReady = true;
    });
    await sub.subscribe(opts.channel);
    bus.everReady = true;
    return bus;
  }

  private onRemote(raw: string): void {
    let env: Envelope;
    try {
      env = JSON.parse(raw) as Envelope;
    } catch (err) {
      this.opts.onError(new Error(`bus: malformed nudge: ${(err as Error).message}`));
      return;
    }
    if (env.o !== this.origin) this.local.emit('event', env.e);
  }

  async publish(event: BusEvent): Promise<void> {
    this.local.emit('event', event);
    // The write this event announces is already stored; a lost nudge is caught up by the other
    // processes' re-reads, so a failed publish is reported, not thrown at the caller.
    await this.pub.publish(this.opts.channel, JSON.stringify({ o: this.origin, e: event } satisfies Envelope))
      .catch((err: Error) => this.opts.onError(new Error(`bus: publish failed: ${err.message}`)));
  }

  subscribe(handler: (event: BusEvent) => void): () => void {
    this.local.on('event', handler);
    return () => this.local.off('event', handler);
  }

  onReconnect(handler: () => void): () => void {
    this.reconnects.on('reconnect', handler);
    return () => this.reconnects.off('reconnect', handler);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    this.reconnects.removeAllListeners();
    if (this.sub.status === 'ready') await this.sub.quit();
    else this.sub.disconnect();
  }
}
