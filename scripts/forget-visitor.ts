// GDPR erasure: deletes one visitor and all its conversations and messages from the configured
// store (REDIS_URL / REDIS_CLUSTER, as the server uses). The visitor id is shown to agents in the
// conversation's visitor context.
//   REDIS_URL=redis://… npx tsx scripts/forget-visitor.ts <visitorId> [<visitorId>…]
import { openStore } from '../server/store/open';

async function main(): Promise<void> {
  const ids = process.argv.slice(2);
  if (!ids.length) throw new Error('usage: npx tsx scripts/forget-visitor.ts <visitorId> [<visitorId>…]');
  if (!process.env.REDIS_URL && !process.env.REDIS_CLUSTER) {
    throw new Error('Set REDIS_URL or REDIS_CLUSTER: the memory store lives inside the server process and ends with it');
  }
  const { store, bus } = await openStore(process.env, (msg) => console.error(msg));
  try {
    for (const id of ids) console.log(`${id}: deleted the visitor and ${await store.forgetVisitor(id)} conversation(s)`);
  } finally {
    await bus.close();
    await store.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
