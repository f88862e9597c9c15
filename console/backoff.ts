// Reconnect delays (P3): exponential, jittered, capped at 30 s.

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

/**
 * Delay before reconnect attempt number `attempt` (0 = first retry).
 * "Equal jitter": half the exponential step is fixed, half random, so a crowd of
 * consoles dropped by one server restart does not come back in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 500;
  const cap = opts.capMs ?? 30_000;
  const step = Math.min(cap, base * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + random() * (step / 2));
}
