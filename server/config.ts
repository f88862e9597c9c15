// Configuration: the sites file named by HEED_CONFIG plus environment variables.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DEFAULT_LIMITS } from '../shared/protocol';

export interface SiteConfig {
  id: string;
  /** Origins allowed to open visitor sockets, like `https://shop.example`. */
  origins: string[];
  /** Path of the site's intents JSON (absolute, or relative to the config file). */
  intents: string;
  /** HS256 secret for signed visitor identity (P12). Never sent to browsers. */
  identitySecret?: string;
  /** When true, a visitor without valid signed identity is refused (P12). */
  requireIdentity?: boolean;
}

export interface Limits {
  maxFrameBytes: number;
  maxTextChars: number;
  badFramesPerMinute: number;
  /** Visitor/agent sends allowed per minute per socket (token bucket, burst of 10). */
  sendsPerMinute: number;
}

export interface HeedConfig {
  sites: SiteConfig[];
  limits: Limits;
  /** P3 heartbeat interval. */
  pingIntervalMs: number;
  /** Used for the queue's wait estimate (P10). */
  avgHandleSeconds: number;
  sessionTtlMs: number;
}

export const DEFAULT_INTENTS = resolve(dirname(new URL(import.meta.url).pathname), '../intents/default.json');

export function defaultConfig(port: number): HeedConfig {
  return {
    sites: [{
      id: 'demo',
      origins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
      intents: DEFAULT_INTENTS,
    }],
    limits: { ...DEFAULT_LIMITS, sendsPerMinute: 30 },
    pingIntervalMs: 25_000,
    avgHandleSeconds: 180,
    sessionTtlMs: 12 * 60 * 60 * 1000,
  };
}

export class ConfigError extends Error {}

/** Reads and checks a config file; relative intents paths resolve against the file's folder. */
export function loadConfigFile(file: string, port: number): HeedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read config: ${(err as Error).message}`);
  }
  return parseConfig(raw, file, port);
}

export function parseConfig(raw: unknown, file: string, port: number): HeedConfig {
  const base = defaultConfig(port);
  const problems: string[] = [];
  const o = (raw ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${file}: $: must be an object`);
  if (!Array.isArray(o.sites) || o.sites.length === 0) problems.push('$.sites: must be a non-empty array');
  const sites: SiteConfig[] = [];
  const seen = new Set<string>();
  (Array.isArray(o.sites) ? o.sites : []).forEach((s: Record<string, unknown>, i: number) => {
    const at = `$.sites[${i}]`;
    if (typeof s !== 'object' || s === null) return problems.push(`${at}: must be an object`);
    if (typeof s.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(s.id)) problems.push(`${at}.id: must be 1-64 letters, digits, _ or -`);
    else if (seen.has(s.id)) problems.push(`${at}.id: duplicate site id "${s.id}"`);
    else seen.add(s.id);
    if (!Array.isArray(s.origins) || s.origins.some((x) => typeof x !== 'string' || !/^https?:\/\/[^/]+$/.test(x))) {
      problems.push(`${at}.origins: must be an array of origins like "https://shop.example" (no path)`);
    }
    if (s.intents !== undefined && typeof s.intents !== 'string') problems.push(`${at}.intents: must be a path`);
    if (s.identitySecret !== undefined && (typeof s.identitySecret !== 'string' || s.identitySecret.length < 16)) {
      problems.push(`${at}.identitySecret: must be a string of 16+ characters`);
    }
    const intents = typeof s.intents === 'string'
      ? (isAbsolute(s.intents) ? s.intents : resolve(dirname(resolve(file)), s.intents))
      : DEFAULT_INTENTS;
    sites.push({
      id: String(s.id),
      origins: (s.origins as string[]) ?? [],
      intents,
      identitySecret: s.identitySecret as string | undefined,
      requireIdentity: s.requireIdentity === true,
    });
  });
  const limits = { ...base.limits };
  if (o.limits !== undefined) {
    const l = o.limits as Record<string, unknown>;
    for (const key of Object.keys(limits) as Array<keyof Limits>) {
      if (l[key] === undefined) continue;
      if (typeof l[key] !== 'number' || !Number.isInteger(l[key]) || (l[key] as number) <= 0) problems.push(`$.limits.${key}: must be a positive integer`);
      else limits[key] = l[key] as number;
    }
  }
  for (const key of ['pingIntervalMs', 'avgHandleSeconds', 'sessionTtlMs'] as const) {
    if (o[key] !== undefined && (typeof o[key] !== 'number' || (o[key] as number) <= 0)) problems.push(`$.${key}: must be a positive number`);
  }
  if (problems.length) throw new ConfigError(problems.map((p) => `${file}: ${p}`).join('\n'));
  return {
    sites,
    limits,
    pingIntervalMs: (o.pingIntervalMs as number) ?? base.pingIntervalMs,
    avgHandleSeconds: (o.avgHandleSeconds as number) ?? base.avgHandleSeconds,
    sessionTtlMs: (o.sessionTtlMs as number) ?? base.sessionTtlMs,
  };
}
