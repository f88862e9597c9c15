// Reads config, picks the store, builds the bundles when missing, listens, and drains on SIGTERM/SIGINT.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app';
import { newPassword } from './auth/crypto';
import { SiteBots } from './chat/bots';
import { defaultConfig, loadConfigFile, type HeedConfig } from './config';
import { DIST_DIR } from './http/assets';
import { openStore } from './store/open';
import { retentionFromEnv, startRetention } from './store/retention';
import { CLOSE } from '../shared/protocol';

function resyncFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 50) throw new Error(`HEED_RESYNC_MS: "${value}" must be a number of milliseconds, at least 50`);
  return ms;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? 'localhost';
  const config: HeedConfig = process.env.HEED_CONFIG ? loadConfigFile(process.env.HEED_CONFIG, port) : defaultConfig(port);

  if (!['widget.js', 'widget-app.js', 'console.js'].every((f) => existsSync(join(DIST_DIR, f)))) {
    console.log('Browser bundles missing; building them first…');
    const { buildAll } = await import('../scripts/build');
    await buildAll();
  }

  const retentionMs = retentionFromEnv(process.env.HEED_RETENTION_DAYS);
  // REDIS_URL or REDIS_CLUSTER switch to Redis; the embedded memory store is the default.
  const { store, bus } = await openStore(process.env, (msg) => console.error(msg));
  // Intents files are watched: a valid edit applies to the next message, an invalid one is logged.
  const bots = await SiteBots.load(config, { watch: true });
  const app = await buildApp({
    store, bus, config, bots,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    resyncMs: resyncFromEnv(process.env.HEED_RESYNC_MS),
  });
  const stopRetention = retentionMs ? startRetention(store, { maxAgeMs: retentionMs, log: app.log }) : undefined;

  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (email && password) {
    await app.heed.auth.ensureAgent(email, password, process.env.ADMIN_NAME ?? email.split('@')[0]);
  } else if (email || password) {
    throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither');
  } else {
    const demoPassword = newPassword();
    await app.heed.auth.ensureAgent('agent@heed.local', demoPassword, 'Demo Agent');
    console.log(`\nDemo agent for the console: email agent@heed.local  password ${demoPassword}\n(shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)\n`);
  }

  await app.listen({ port, host });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(`Heed is running: demo shop http://${shown}:${port}/   agent console http://${shown}:${port}/console`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: closing sockets with 1001 and draining');
    app.heed.hub.closeAll(CLOSE.goingAway, 'server shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    stopRetention?.();
    bots.close();
    await app.close();
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
