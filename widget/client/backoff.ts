// Reconnect and retry delays: exponential backoff with "full jitter" (P3, convention 6).
// delay = random() × min(cap, base × 2^attempt), so clients that dropped together spread out.

export interface BackoffOptions {
  /** First step's ceiling in ms. */
  baseMs?: number;
  /** The ceiling never grows past this (P3: 30 s). */
  capMs?: number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 30_000 } as const;

/** The upper bound of the delay for the given attempt (0-based). */
export function backoffCeiling(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const cap = opts.capMs ?? DEFAULT_BACKOFF.capMs;
  // Clamp the exponent so 2^attempt never overflows into Infinity/NaN.
  return Math.min(cap, base * 2 ** Math.min(attempt, 30));
}

/** A full-jitter delay in ms: uniformly random in [0, ceiling). */
export function backoffDelay(attempt: number, random: () => number, opts: BackoffOptions = {}): number {
  return Math.floor(random() * backoffCeiling(attempt, opts));
}
