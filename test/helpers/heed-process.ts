// Real Heed processes (`node --import tsx server/main.ts`) for multi-process tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_INTENTS } from '../../server/config';
import { freePort } from './redis';
import { WsClient } from './ws-client';

export const SITE = 'shop';
export const ORIGIN = 'https://shop.example';
export const ADMIN = { email: 'ana@shop.example', password: 'correct horse battery', name: 'Ana' };

/** A sites file allowing the tests' Origin, with send limits high enough for scripted visitors. */
export function writeHeedConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heed-cfg-'));
  const file = join(dir, 'heed.json');
  writeFileSync(file, JSON.stringify({
    sites: [{ id: SITE, origins: [ORIGIN], intents: DEFAULT_INTENTS }],
    limits: { sendsPerMinute: 6000 },
  }));
  return file;
}

export interface HeedProcess {
  port: number;
  http: string;
  child: ChildProcess;
  exit: Promise<number | null>;
  out(): string;
  visitor(): Promise<WsClient>;
  login(email?: string, password?: string): Promise<string>;
  agent(token: string): Promise<WsClient>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts server/main.ts with `env` (REDIS_URL…) and waits until it listens (bounded). */
export async function startHeed(env: Record<string, string>, configFile: string, timeoutMs = 40_000): Promise<HeedProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', HEED_CONFIG: configFile,
      ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ADMIN_NAME: ADMIN.name, ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Heed did not start in ${timeoutMs} ms: ${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Heed is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Heed exited ${code}: ${out}`));
    });
  });
  const http = `http://127.0.0.1:${port}`;
  return {
    port, http, child, exit,
    out: () => out,
    visitor: () => WsClient.connect(`ws://127.0.0.1:${port}/v1/visitor?site=${SITE}`, { origin: ORIGIN }),
    login: async (email = ADMIN.email, password = ADMIN.password) => {
      const res = await fetch(`${http}/v1/agent/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login ${email}: HTTP ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    agent: (token) => WsClient.connect(`ws://127.0.0.1:${port}/v1/agent`, { authorization: `Bearer ${token}` }),
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exit;
    },
  };
}
