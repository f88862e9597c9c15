// Real redis-server processes for tests: one server, or a three-master cluster, each on free
// ports in a temp dir. Always stop them in afterAll.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
export const REDIS_CLI = process.env.REDIS_CLI ?? '/usr/bin/redis-cli';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port; with `bus`, port + 10000 (the cluster bus port) is free too. */
export async function freePort(bus = false): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = bus ? 20000 + Math.floor(Math.random() * 25000) : await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    if ((await portFree(port)) && (!bus || (await portFree(port + 10000)))) return port;
  }
  throw new Error('no free port');
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout;
}

export interface RedisProcess {
  port: number;
  url: string;
  dir: string;
  /** Runs redis-cli against this server. */
  cli(...args: string[]): Promise<string>;
  /** Stops the server (SIGTERM, so it shuts down cleanly) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it with SIGKILL (a crash: only what was fsynced survives) and waits for it to exit. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data dir (the AOF is replayed). */
  start(): Promise<void>;
  /** Stops it for good and removes its dir. */
  destroy(): Promise<void>;
}

export interface RedisStartOptions {
  /** Extra redis-server arguments, e.g. ['--cluster-enabled', 'yes']. */
  args?: string[];
  port?: number;
}

/** One redis-server with AOF on and `appendfsync always` (nothing acknowledged is lost). */
export async function startRedis(opts: RedisStartOptions = {}): Promise<RedisProcess> {
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'heed-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    let log = '';
    child = spawn(REDIS_SERVER, [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes',
      '--appendfsync', 'always', '--protected-mode', 'no', ...(opts.args ?? []),
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    const c = child;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    let dead = false;
    void exited.then(() => { dead = true; });
    await waitUntil(`redis-server on ${port}`, async () => {
      if (dead) throw new Error(`redis-server exited: ${log}`);
      return (await cli(port, 'ping')).trim() === 'PONG';
    });
  };
  const halt = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  const stop = () => halt('SIGTERM');
  await start();
  return {
    port, dir, url: `redis://127.0.0.1:${port}`,
    cli: (...args) => cli(port, ...args),
    stop,
    crash: () => halt('SIGKILL'),
    start,
    destroy: async () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisCluster {
  nodes: RedisProcess[];
  /** `host:port,…`, the REDIS_CLUSTER value. */
  seeds: string;
  destroy(): Promise<void>;
}

/** Three masters, no replicas, slots spread by `redis-cli --cluster create`. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const nodes: RedisProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      nodes.push(await startRedis({ port: await freePort(true), args: ['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'] }));
    }
    await run(REDIS_CLI, ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const n of nodes) {
      await waitUntil('cluster_state:ok', async () => (await n.cli('cluster', 'info')).includes('cluster_state:ok'));
    }
  } catch (err) {
    await Promise.all(nodes.map((n) => n.destroy()));
    throw err;
  }
  return {
    nodes,
    seeds: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    destroy: async () => {
      await Promise.all(nodes.map((n) => n.destroy()));
    },
  };
}
