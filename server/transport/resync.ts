// Keeps sockets right when the bus loses events (Redis pub/sub drops nudges while a subscriber is
// disconnected, and a process may miss one under load). Every tick it reads each watched
// conversation's last seq (one small read per conversation) and catches up, from the store, every
// socket still missing what was stored by the previous tick; the hub's cursors make that
// exactly-once. Every few ticks, and after the bus reconnects
// or the store comes back, it also refreshes states, the queue and the agents' held chats.
// It watches store health too: agents are told when Heed is degraded and when it recovers.
import type { QueueEntry } from '../../shared/protocol';
import type { ChatService } from '../chat/service';
import type { Bus, Store } from '../store/store';
import type { Hub } from './hub';

export interface ResyncLog {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

export interface ResyncOptions {
  intervalMs: number;
  /** Every this many ticks, a slow pass also refreshes visitor states, the queue and held chats. */
  slowEvery?: number;
}

type Pass = 'fast' | 'slow' | 'full';

export class Resync {
  private timer?: ReturnType<typeof setInterval>;
  private offReconnect?: () => void;
  private running = false;
  private pendingFull = false;
  private ticks = 0;
  private degraded = false;
  private lastQueue: QueueEntry[] = [];
  /** Each watched conversation's last seq at the previous pass. */
  private seen = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly hub: Hub,
    private readonly chat: ChatService,
    private readonly log: ResyncLog,
    private readonly opts: ResyncOptions,
  ) {}

  private report = (err: unknown) => this.log.error({ err }, 'resync failed');

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref?.();
    this.offReconnect = this.bus.onReconnect?.(() => {
      this.log.warn({}, 'bus reconnected; re-syncing every socket from the store');
      void this.tick('full');
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.offReconnect?.();
  }

  /** One pass; a full pass asked for while another runs happens right after it. */
  async tick(requested?: Pass): Promise<void> {
    if (this.running) {
      if (requested === 'full') this.pendingFull = true;
      return;
    }
    this.running = true;
    try {
      let pass: Pass = requested ?? (++this.ticks % (this.opts.slowEvery ?? 5) === 0 ? 'slow' : 'fast');
      const health = await this.store.health();
      if (!health.ok) {
        if (!this.degraded) await this.announce(true, health.detail);
        return;
      }
      if (this.degraded) {
        await this.announce(false);
        pass = 'full';
      }
      await this.pass(pass);
    } catch (err) {
      this.report(err);
    } finally {
      this.running = false;
    }
    if (this.pendingFull) {
      this.pendingFull = false;
      await this.tick('full');
    }
  }

  private async pass(pass: Pass): Promise<void> {
    const hub = this.hub;
    const ids = new Set<string>();
    for (const v of hub.visitorConns()) ids.add(v.conversationId);
    for (const a of hub.agents) for (const id of a.watching.keys()) ids.add(id);
    const now = new Map(await Promise.all([...ids].map(async (id) => [id, await this.store.messageCount(id)] as const)));
    // A socket is behind when it still lacks what was stored one tick ago: a message stored a
    // moment ago is usually still on its way through the bus, and needs no extra read. A full
    // pass (reconnect, recovery) catches up on everything at once.
    const last = pass === 'full' ? now : this.seen;
    this.seen = now;
    const moved = new Set<string>();
    const work: Promise<void>[] = [];
    for (const v of hub.visitorConns()) {
      if ((last.get(v.conversationId) ?? 0) > v.cursor) {
        moved.add(v.conversationId);
        work.push(v.peer.enqueue(() => hub.catchUpVisitor(v), this.report));
      }
    }
    for (const a of hub.agents) {
      for (const [id, cursor] of a.watching) {
        if ((last.get(id) ?? 0) > cursor) {
          moved.add(id);
          work.push(a.peer.enqueue(() => hub.catchUpAgent(a, id), this.report));
        }
      }
    }
    // State changes come with a system message, so a conversation that moved may have changed state.
    for (const id of pass === 'full' ? ids : moved) await hub.onConversation(id);
    if (pass !== 'fast') {
      for (const v of hub.visitorConns()) work.push(v.peer.enqueue(() => hub.pushVisitorState(v), this.report));
      await this.refreshQueue();
      for (const a of hub.agents) {
        for (const id of await this.chat.heldBy(a.agent.id)) {
          if (!a.watching.has(id)) work.push(a.peer.enqueue(() => hub.watch(a, id), this.report));
        }
      }
    }
    await Promise.all(work);
  }

  private async refreshQueue(degraded?: boolean): Promise<void> {
    if (!this.hub.agents.size) return;
    const queue = await this.chat.queueSnapshot();
    this.lastQueue = queue;
    for (const a of this.hub.agents) {
      a.peer.enqueue(() => a.peer.send({ type: 'queue', queue, ...(degraded === undefined ? {} : { degraded }) }), this.report);
    }
  }

  /** Tells agents that Heed is degraded (the store is unreachable), or that it is back. */
  private async announce(degraded: boolean, detail?: string): Promise<void> {
    this.degraded = degraded;
    if (degraded) {
      this.log.error({ detail }, 'store unreachable: Heed is degraded; sends are answered `unavailable`');
      for (const a of this.hub.agents) {
        a.peer.enqueue(() => {
          a.peer.send({ type: 'error', code: 'unavailable', message: 'Heed cannot reach its store; messages are not saved until it is back.' });
          a.peer.send({ type: 'queue', queue: this.lastQueue, degraded: true });
        }, this.report);
      }
      return;
    }
    this.log.warn({}, 'store reachable again: re-syncing every socket');
    await this.refreshQueue(false);
  }
}
