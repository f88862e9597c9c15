// The handover model (server/bot/handover.ts) measured honestly: each conversation file is cut
// into five blocks of consecutive conversations (whole sets by writers the other blocks never saw),
// and each block is decided by a model trained on the other four, with the rest of the policy as
// shipped. Beside it, in the same run:
// - the policy without the model (handoverThreshold 1: a request, the site's escalate intents,
//   hostile words, the running score and the not-understood count only);
// - the shipped weights on the same conversations (in-sample: they were trained on them);
// the cross-validated model at other thresholds and under the old defaults of the other rules,
// and per block. Short chats (the rounds, 2-5 visitor messages) and long ones (5-10) apart. Then
// the offer band (offerThreshold): at each value, of the chats that should reach a person and were
// not handed over in time, how many were offered one first (by the band or the fallback answer,
// against the fallback answer alone: the band off), and how many chats that should stay with the
// bot the band offered a person all the same.
// Session 7's hand rules on the same files: BENCHMARKS.md.
//   npx tsx scripts/bench/handover.ts [--language en|es]
import { loadBot } from '../../server/bot/engine';
import { FOLDS, HANDOVER_CASES, crossValidate, foldModels, loadCases, replayWith, type LabelledConversation } from '../../server/bot/handover-train';
import { HANDOVER_MODELS } from '../../server/bot/handover-weights';
import { handoverFeatures, handoverProbability } from '../../server/bot/handover';
import { decideTurn, initialMemory, readTurn } from '../../server/chat/escalation';
import type { BotEngine, Language } from '../../server/bot/types';
import { f3 } from './stats';
import { scoreOffers, scoreOutcomes } from '../intents-cli/escalation';

const args = process.argv.slice(2);
const only = args.includes('--language') ? args[args.indexOf('--language') + 1] as Language : undefined;
const root = new URL('../..', import.meta.url).pathname;

type At = { at: number | null };
const rates = (cs: readonly LabelledConversation[], at: readonly At[], keep: (i: number) => boolean) =>
  scoreOutcomes(cs.flatMap((c, i) => (keep(i) ? [{ c, at: at[i]!.at }] : [])));
const show = (r: ReturnType<typeof rates>) =>
  `precision ${f3(r.precision)}  recall ${f3(r.recall)}  angry by 3rd ${r.angryByThird}/${r.angry}  (${r.outcomes.length})`;

for (const language of Object.keys(HANDOVER_CASES) as Language[]) {
  if (only && only !== language) continue;
  const set = loadCases(root, language);
  const { conversations } = set;
  const engine = await loadBot(set.intents);
  const files = HANDOVER_CASES[language];
  const inFile = (f: number) => (i: number) => set.file[i] === f;
  console.log(`\n${language}: ${conversations.length} conversations (${files.map((f, k) => `${f}: ${set.file.filter((x) => x === k).length}`).join(', ')})`);
  const t0 = performance.now();
  const models = foldModels(engine, set);
  const cv = crossValidate(engine, set, models);
  console.log(`  ${FOLDS} models trained and replayed in ${((performance.now() - t0) / 1000).toFixed(1)} s; handoverThreshold ${engine.settings.handoverThreshold}`);
  const withSettings = (s: Partial<BotEngine['settings']>): BotEngine => ({ ...engine, settings: { ...engine.settings, ...s } });
  const none = conversations.map((c) => replayWith(withSettings({ handoverThreshold: 1 }), c.turns, {}));
  const inSample = conversations.map((c) => replayWith(engine, c.turns, HANDOVER_MODELS));
  for (const [f, file] of files.entries()) {
    const keep = inFile(f);
    console.log(` ${file}`);
    console.log(`  ${'model, cross-validated'.padEnd(44)} ${show(rates(conversations, cv, keep))}`);
    console.log(`  ${'without the model'.padEnd(44)} ${show(rates(conversations, none, keep))}`);
    console.log(`  ${'shipped weights (in-sample)'.padEnd(44)} ${show(rates(conversations, inSample, keep))}`);
  }
  // How the shipped threshold is chosen: the value that maximises the smaller of precision and
  // recall on the most recent 40% of the short chats (blocks 4-5 of the rounds' file: the sets
  // written by helpers under the protocol of the blind rounds), ties to the higher value.
  const recent = (i: number) => set.file[i] === 0 && set.fold[i]! >= 3;
  let best = { t: 0, worst: -1 };
  console.log(` thresholds (cross-validated): short chats | their most recent 40% | long chats`);
  for (const t of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const at = crossValidate(withSettings({ handoverThreshold: t }), set, models);
    const r = rates(conversations, at, recent);
    if (Math.min(r.precision, r.recall) >= best.worst) best = { t, worst: Math.min(r.precision, r.recall) };
    console.log(`  ${String(t).padEnd(5)} ${show(rates(conversations, at, inFile(0)))} | ${show(r)} | ${show(rates(conversations, at, inFile(1)))}`);
  }
  console.log(`  by the rule (max of min(precision, recall) on the recent 40%): ${best.t}; the shipped file has ${engine.settings.handoverThreshold}`);
  for (const [name, s] of [['sentimentThreshold 1 (default before s8)', { sentimentThreshold: 1 }],
    ['fallbacksBeforeHandoff 2 (default before s8)', { fallbacksBeforeHandoff: 2 }], ['fallbacksBeforeHandoff 3 (s8 default)', { fallbacksBeforeHandoff: 3 }],
    ['fallbacksBeforeHandoff 20 (the model alone)', { fallbacksBeforeHandoff: 20 }]] as const) {
    const at = crossValidate(withSettings(s), set, models);
    console.log(`  ${name.padEnd(44)} short ${show(rates(conversations, at, inFile(0)))} | long ${show(rates(conversations, at, inFile(1)))}`);
  }
  const offers = (at: ReturnType<typeof crossValidate>, keep: (i: number) => boolean) => scoreOffers(conversations.flatMap((c, i) => (keep(i) ? [{ c, ...at[i]! }] : [])));
  const showOffers = (o: ReturnType<typeof offers>) =>
    `late ones offered first ${o.lateOffered}/${o.late} (band ${o.lateOfferedByBand}); band offered to ${o.stayOffered}/${o.stay} (${(100 * o.stayOffered / o.stay).toFixed(1)}%) that should stay`;
  console.log(` the offer band (cross-validated; shipped offerThreshold ${engine.settings.offerThreshold}): short chats | long chats`);
  for (const t of [1, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35]) {
    const at = crossValidate(withSettings({ offerThreshold: t }), set, models);
    console.log(`  ${(t === 1 ? '1 (off)' : String(t)).padEnd(7)} ${showOffers(offers(at, inFile(0)))} | ${showOffers(offers(at, inFile(1)))}`);
  }
  // Cost per visitor message: the whole turn with the model, the same turn with no model, and the
  // model's own part (features + probability) alone. Quietest of three rounds over every message.
  const messages = conversations.flatMap((c) => { let m = initialMemory(); return c.turns.map((t) => { const at = m; m = readTurn(engine, m, t).memory; return { m: at, t }; }); });
  const time = (f: () => void) => Math.min(...[0, 1, 2].map(() => { const t = performance.now(); f(); return performance.now() - t; })) * 1000 / messages.length;
  const withModel = time(() => { for (const x of messages) decideTurn(engine, x.m, x.t); });
  const noModel = time(() => { for (const x of messages) decideTurn(engine, x.m, x.t, undefined, {}); });
  const readings = messages.map((x) => readTurn(engine, x.m, x.t));
  const modelOnly = time(() => { for (const r of readings) handoverProbability(language, handoverFeatures(r.features, r.signals, language)); });
  console.log(`  cost per message (${messages.length}): whole turn ${withModel.toFixed(1)} µs with the model, ${noModel.toFixed(1)} µs without; the model's part ${modelOnly.toFixed(1)} µs`);
  for (let k = 0; k < FOLDS; k++) {
    const keep = (i: number) => set.file[i] === 0 && set.fold[i] === k;
    console.log(`  short chats, block ${k + 1}: cross-validated ${show(rates(conversations, cv, keep))} | without ${show(rates(conversations, none, keep))}`);
  }
}
