// server/main.ts as a user runs it: env config, the one-time demo agent, and graceful shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WsClient } from '../helpers/ws-client';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): Promise<{ out: () => string; exit: Promise<number | null> }> {
  let out = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Heed is running')) resolve({ out: () => out, exit });
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    void exit.then((code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

it('prints a one-time demo agent, serves the demo, and on SIGTERM closes sockets with 1001 and exits 0', async () => {
  const port = await freePort();
  const srv = await start({ PORT: String(port), HOST: '127.0.0.1' });
  expect(srv.out()).toMatch(/email agent@heed\.local\s+password \S{12,}/);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(await page.text()).toContain('<script src="/widget.js" data-site="demo" async></script>');
  const password = /password (\S+)/.exec(srv.out())![1];
  const login = await fetch(`http://127.0.0.1:${port}/v1/agent/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@heed.local', password }),
  });
  expect(login.status).toBe(200);
  const v = await WsClient.connect(`ws://127.0.0.1:${port}/v1/visitor?site=demo`, { origin: `http://127.0.0.1:${port}` });
  await v.hello();
  child!.kill('SIGTERM');
  expect(await v.closed).toBe(1001);
  expect(await srv.exit).toBe(0);
}, 60_000);

it('uses ADMIN_EMAIL/ADMIN_PASSWORD and the sites of HEED_CONFIG', async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'heed-main-'));
  const file = join(dir, 'heed.json');
  writeFileSync(file, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'], intents: join(process.cwd(), 'intents/default.json') }] }));
  const srv = await start({ PORT: String(port), HOST: '127.0.0.1', HEED_CONFIG: file, ADMIN_EMAIL: 'boss@shop.example', ADMIN_PASSWORD: 'a long admin password' });
  expect(srv.out()).not.toContain('Demo agent');
  const login = await fetch(`http://127.0.0.1:${port}/v1/agent/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@shop.example', password: 'a long admin password' }),
  });
  expect(login.status).toBe(200);
  const v = await WsClient.connect(`ws://127.0.0.1:${port}/v1/visitor?site=shop`, { origin: 'https://shop.example' });
  expect((await v.hello()).conversationId).toBeTruthy();
  v.close();
  await expect(WsClient.connect(`ws://127.0.0.1:${port}/v1/visitor?site=demo`, { origin: `http://127.0.0.1:${port}` })).rejects.toMatchObject({ status: 403 });
}, 60_000);

it('refuses to start on a bad config file, naming the file and the problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heed-main-'));
  const file = join(dir, 'heed.json');
  writeFileSync(file, JSON.stringify({ sites: [{ id: 'shop', origins: 'https://shop.example' }] }));
  await expect(start({ PORT: String(await freePort()), HEED_CONFIG: file })).rejects.toThrow(/heed\.json: \$\.sites\[0\]\.origins/);
}, 60_000);
