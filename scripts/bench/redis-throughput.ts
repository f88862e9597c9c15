// Visitor → agent message throughput and latency with the two on different Heed processes over
// Redis, beside the same path on one process with the memory store, in the same run.
//   npx tsx scripts/bench/redis-throughput.ts [--visitors 36] [--messages 30] [--rounds 2] [--fsync always|everysec]
// It starts its own redis-server (AOF on) and three Heed processes: A and B on Redis, M on memory.
// Each visitor is escalated and claimed, then writes in a closed loop (next line after its ack);
// latency is from the visitor's send to the agent socket receiving that message. The two paths
// alternate for --rounds rounds (fresh sockets each), and the ratio compares each path's best round,
// so a burst of load from something else on the machine skews it less.
import { parseArgs } from 'node:util';
import { ADMIN, startHeed, writeHeedConfig, type HeedProcess } from '../../test/helpers/heed-process';
import { startRedis, type RedisProcess } from '../../test/helpers/redis';
import type { WsClient } from '../../test/helpers/ws-client';

const { values } = parseArgs({
  options: {
    visitors: { type: 'string', default: '36' },
    messages: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    fsync: { type: 'string', default: 'always' },
    rounds: { type: 'string', default: '2' },
  },
});
const VISITORS = Number(values.visitors);
const MESSAGES = Number(values.messages);
const WARMUP = Number(values.warmup);
// Every frame is rate limited per socket (a burst of 40), so one socket sends at most ~38 lines quickly.
if (VISITORS > 38 || MESSAGES + WARMUP > 37) throw new Error('keep --visitors ≤ 38 and --messages + --warmup ≤ 37 (per-socket frame limit)');

interface Result { label: string; messages: number; seconds: number; p50: number; p99: number; max: number }

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function commandCalls(redis: RedisProcess): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const line of (await redis.cli('info', 'commandstats')).split('\n')) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

/** Escalates and claims one conversation per visitor; returns them ready to chat. */
async function setUp(visitorOn: HeedProcess, agentOn: HeedProcess): Promise<{ agent: WsClient; visitors: WsClient[] }> {
  const agent = await agentOn.agent(await agentOn.login());
  await agent.waitType('ready');
  const visitors: WsClient[] = [];
  for (let i = 0; i < VISITORS; i++) {
    const v = await visitorOn.visitor();
    const w = await v.hello();
    v.send({ type: 'handoff' });
    await v.waitFor((f) => f.type === 'state' && f.state === 'queued', { ms: 10_000 });
    const from = agent.mark();
    agent.send({ type: 'claim', conversationId: w.conversationId });
    await agent.waitFor((f) => f.type === 'conversation' && f.conversation.id === w.conversationId, { from, ms: 10_000 });
    visitors.push(v);
  }
  return { agent, visitors };
}

/** Every visitor writes `count` lines in a closed loop; returns latencies (ms) send → agent. */
async function chat(agent: WsClient, visitors: WsClient[], count: number, tag: string): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const arrived = new Map<string, () => void>();
  agent.socket.on('message', (d) => {
    const f = JSON.parse(d.toString());
    if (f.type !== 'message' || f.message.from !== 'visitor') return;
    const t0 = sentAt.get(f.message.clientId);
    if (t0 === undefined) return;
    sentAt.delete(f.message.clientId);
    latencies.push(performance.now() - t0);
    arrived.get(f.message.clientId)?.();
  });
  await Promise.all(visitors.map(async (v, vi) => {
    for (let i = 0; i < count; i++) {
      const clientId = `${tag}-${vi}-${i}`;
      const seen = new Promise<void>((resolve) => arrived.set(clientId, resolve));
      sentAt.set(clientId, performance.now());
      const reply = await v.say(`order ${i} from visitor ${vi}: where is it?`, clientId);
      if (reply.type !== 'ack') throw new Error(`${clientId}: ${reply.code}`);
      await seen;
    }
  }));
  return latencies.sort((x, y) => x - y);
}

async function measure(label: string, visitorOn: HeedProcess, agentOn: HeedProcess, redis?: RedisProcess): Promise<Result & { commands?: Map<string, number> }> {
  const { agent, visitors } = await setUp(visitorOn, agentOn);
  await chat(agent, visitors, WARMUP, `${label}-warm`);
  const before = redis ? await commandCalls(redis) : undefined;
  const t0 = performance.now();
  const lat = await chat(agent, visitors, MESSAGES, label);
  const seconds = (performance.now() - t0) / 1000;
  let commands: Map<string, number> | undefined;
  if (redis && before) {
    const after = await commandCalls(redis);
    commands = new Map([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as [string, number]).filter(([k, v]) => v > 0 && k !== 'info'));
  }
  for (const c of [agent, ...visitors]) c.terminate();
  return { label, messages: lat.length, seconds, p50: pct(lat, 0.5), p99: pct(lat, 0.99), max: lat[lat.length - 1], commands };
}

async function main(): Promise<void> {
  const redis = await startRedis({ args: ['--appendfsync', values.fsync!] });
  const config = writeHeedConfig();
  const procs: HeedProcess[] = [];
  try {
    const env = { REDIS_URL: redis.url };
    const [a, b, m] = await Promise.all([startHeed(env, config), startHeed(env, config), startHeed({}, config)]);
    procs.push(a, b, m);
    const rows: Array<Awaited<ReturnType<typeof measure>>> = [];
    for (let round = 0; round < Number(values.rounds); round++) {
      rows.push(await measure('memory, one process', m, m));
      rows.push(await measure('redis, visitor on A, agent on B', a, b, redis));
    }
    console.log(`\n${VISITORS} visitors × ${MESSAGES} lines (closed loop, after ${WARMUP} warm-up lines each); redis appendfsync ${values.fsync}; admin ${ADMIN.email}`);
    console.log('| path | messages | msg/s | p50 ms | p99 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.label} | ${r.messages} | ${(r.messages / r.seconds).toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`);
    }
    const best = (label: string) => rows.filter((r) => r.label === label).sort((x, y) => x.seconds - y.seconds)[0];
    const memory = best('memory, one process');
    const red = best('redis, visitor on A, agent on B');
    const ratio = (memory.messages / memory.seconds) / (red.messages / red.seconds);
    console.log(`\nbest rounds: throughput memory / redis ${ratio.toFixed(2)}×; p50 redis / memory ${(red.p50 / memory.p50).toFixed(2)}×; p99 redis / memory ${(red.p99 / memory.p99).toFixed(2)}×`);
    const total = [...red.commands!.values()].reduce((x, y) => x + y, 0);
    console.log(`redis commands per message: ${(total / red.messages).toFixed(2)} executed (${total} for ${red.messages} messages; both processes; Lua-internal calls and background re-sync included)`);
    const per = [...red.commands!].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${(v / red.messages).toFixed(2)}`);
    console.log(`  by command, per message: ${per.join(', ')}`);
  } finally {
    await Promise.all(procs.map((p) => p.kill()));
    await redis.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
