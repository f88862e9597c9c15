// The agent's own typing indicator, throttled: at most one "on" every few seconds while
// keys are pressed, and one "off" after a pause or when the reply is sent.

type TimerId = ReturnType<typeof setTimeout>;

export interface TypingSenderOptions {
  send: (on: boolean) => void;
  setTimeout?: (fn: () => void, ms: number) => TimerId;
  clearTimeout?: (id: TimerId) => void;
  now?: () => number;
  /** Minimum gap between repeated "on" frames. */
  repeatMs?: number;
  /** Quiet time after the last key before "off". */
  idleMs?: number;
}

export class TypingSender {
  private on = false;
  private lastOn = 0;
  private idle: TimerId | null = null;
  private readonly o: Required<TypingSenderOptions>;

  constructor(options: TypingSenderOptions) {
    this.o = {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id),
      now: Date.now,
      repeatMs: 3000,
      idleMs: 4000,
      ...options,
    };
  }

  /** Call on every input event. */
  keystroke(): void {
    const now = this.o.now();
    if (!this.on || now - this.lastOn >= this.o.repeatMs) {
      this.on = true;
      this.lastOn = now;
      this.o.send(true);
    }
    if (this.idle !== null) this.o.clearTimeout(this.idle);
    this.idle = this.o.setTimeout(() => this.stop(), this.o.idleMs);
  }

  /** Call on send, blur, or switching conversations. */
  stop(): void {
    if (this.idle !== null) this.o.clearTimeout(this.idle);
    this.idle = null;
    if (this.on) {
      this.on = false;
      this.o.send(false);
    }
  }
}
