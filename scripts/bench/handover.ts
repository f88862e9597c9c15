// The handover model (server/bot/handover.ts) measured honestly: each of five blocks of consecutive
// labelled conversations (whole sets by writers the other blocks never saw) is decided by a model
// trained on the other four, with the rest of the policy as shipped. Beside it, in the same run:
// - the policy without the model (handoverThreshold 1: a request, the site's escalate intents,
//   hostile words, the running score and the not-understood count only);
// - the shipped weights on the same conversations (in-sample: they were trained on them);
// and the cross-validated model at other thresholds. Also per block, and on the "b" sets (writers
// who knew the shop bot's answers). For session 7's hand rules, see BENCHMARKS.md (same files).
//   npx tsx scripts/bench/handover.ts [--language en|es]
import { loadBot } from '../../server/bot/engine';
import { HANDOVER_CASES, crossValidate, foldModels, foldOf, loadCases, replayWith, type LabelledConversation } from '../../server/bot/handover-train';
import type { BotEngine } from '../../server/bot/types';
import { HANDOVER_MODELS } from '../../server/bot/handover-weights';
import type { Language } from '../../server/bot/types';
import { f3 } from './stats';

const args = process.argv.slice(2);
const only = args.includes('--language') ? args[args.indexOf('--language') + 1] as Language : undefined;
const root = new URL('../..', import.meta.url).pathname;

type At = { at: number | null };
function score(cs: readonly LabelledConversation[], at: readonly At[], keep: (i: number) => boolean = () => true): string {
  let esc = 0, tp = 0, should = 0, inTime = 0, angry = 0, angryOk = 0, n = 0;
  cs.forEach((c, i) => {
    if (!keep(i)) return;
    n++;
    const a = at[i]!.at;
    if (a !== null) { esc++; if (c.escalate) tp++; }
    if (c.escalate) { should++; if (a !== null && a <= c.by!) inTime++; }
    if (c.kind === 'angry' && c.escalate) { angry++; if (a !== null && a <= 3) angryOk++; }
  });
  return `precision ${f3(esc ? tp / esc : 1)}  recall ${f3(should ? inTime / should : 1)}  angry by 3rd ${angryOk}/${angry}  (${n})`;
}

for (const language of Object.keys(HANDOVER_CASES) as Language[]) {
  if (only && only !== language) continue;
  const { intents, conversations } = loadCases(root, language);
  const engine = await loadBot(intents);
  console.log(`\n${language}: ${conversations.length} conversations (${HANDOVER_CASES[language]})`);
  const t0 = performance.now();
  const models = foldModels(engine, conversations);
  const cv = crossValidate(engine, conversations, 5, models);
  console.log(`  five models trained and replayed in ${((performance.now() - t0) / 1000).toFixed(1)} s; handoverThreshold ${engine.settings.handoverThreshold}`);
  const withSettings = (s: Partial<BotEngine['settings']>): BotEngine => ({ ...engine, settings: { ...engine.settings, ...s } });
  const off = withSettings({ handoverThreshold: 1 });
  const none = conversations.map((c) => replayWith(off, c.turns, {}));
  const inSample = conversations.map((c) => replayWith(engine, c.turns, HANDOVER_MODELS));
  console.log(`  ${'model, cross-validated'.padEnd(40)} ${score(conversations, cv)}`);
  console.log(`  ${'without the model'.padEnd(40)} ${score(conversations, none)}`);
  console.log(`  ${'shipped weights (in-sample)'.padEnd(40)} ${score(conversations, inSample)}`);
  for (const t of [0.4, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    console.log(`  ${`cross-validated at ${t}`.padEnd(40)} ${score(conversations, crossValidate(withSettings({ handoverThreshold: t }), conversations, 5, models))}`);
  }
  for (const [name, s] of [['sentimentThreshold 1 (the old default)', { sentimentThreshold: 1 }],
    ['fallbacksBeforeHandoff 2 (the old default)', { fallbacksBeforeHandoff: 2 }]] as const) {
    console.log(`  ${`cross-validated, ${name}`.padEnd(40)} ${score(conversations, crossValidate(withSettings(s), conversations, 5, models))}`);
  }
  for (let k = 0; k < 5; k++) {
    const keep = (i: number) => foldOf(i, conversations.length, 5) === k;
    console.log(`  block ${k + 1}: ${'cross-validated'.padEnd(24)} ${score(conversations, cv, keep)}  | without ${score(conversations, none, keep)}`);
  }
}
