// Retention: deletes conversations closed longer ago than the configured maximum age, hourly.
// Every process may run it; deleting is idempotent.
import type { Store } from './store';

export interface RetentionOptions {
  maxAgeMs: number;
  everyMs?: number;
  now?: () => number;
  log: { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
}

export function startRetention(store: Store, opts: RetentionOptions): () => void {
  const now = opts.now ?? Date.now;
  const sweep = () => store.purgeClosed(now() - opts.maxAgeMs)
    .then((n) => { if (n) opts.log.info({ purged: n }, 'retention: deleted closed conversations'); })
    .catch((err: unknown) => opts.log.error({ err }, 'retention sweep failed'));
  void sweep();
  const timer = setInterval(() => void sweep(), opts.everyMs ?? 60 * 60 * 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** `HEED_RETENTION_DAYS` as milliseconds; undefined (keep forever) when unset. */
export function retentionFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0) throw new Error(`HEED_RETENTION_DAYS: "${value}" is not a positive number of days`);
  return days * 24 * 60 * 60 * 1000;
}
