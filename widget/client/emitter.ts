// A tiny typed event emitter. A throwing listener is reported and never breaks the others.

export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<E extends { [K in keyof E]: unknown[] }> {
  private listeners: { [K in keyof E]?: Array<Listener<E[K]>> } = {};

  on<K extends keyof E>(event: K, fn: Listener<E[K]>): () => void {
    (this.listeners[event] ??= []).push(fn);
    return () => {
      this.listeners[event] = (this.listeners[event] ?? []).filter((f) => f !== fn);
    };
  }

  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const fn of this.listeners[event] ?? []) {
      try {
        fn(...args);
      } catch (err) {
        console.error('[heed] listener failed', String(event), err);
      }
    }
  }
}
