// Measures a classifier on a labelled JSONL file: `npx tsx server/bot/evaluate.ts [intents.json] [cases.jsonl]`.
import { readFile } from 'node:fs/promises';
import { trainClassifier, type ClassifierOptions, type IntentClassifier } from './classifier';
import { loadIntentsFile, resolveSettings } from './intents';

export interface LabelledCase { text: string; intent: string | null }

export interface Evaluation {
  inScope: number;
  inScopeAccuracy: number;
  outOfScope: number;
  outOfScopeRecall: number;
  errors: Array<{ text: string; expected: string | null; got: string | null; confidence: number }>;
}

export async function loadCases(path: string): Promise<LabelledCase[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledCase);
}

export function evaluate(classifier: IntentClassifier, cases: readonly LabelledCase[]): Evaluation {
  let inScope = 0, inRight = 0, outScope = 0, outRight = 0;
  const errors: Evaluation['errors'] = [];
  for (const c of cases) {
    const r = classifier.classify(c.text);
    const ok = r.intent === c.intent;
    if (c.intent === null) { outScope++; if (ok) outRight++; } else { inScope++; if (ok) inRight++; }
    if (!ok) errors.push({ text: c.text, expected: c.intent, got: r.intent, confidence: r.confidence });
  }
  return {
    inScope, inScopeAccuracy: inScope ? inRight / inScope : 0,
    outOfScope: outScope, outOfScopeRecall: outScope ? outRight / outScope : 0,
    errors,
  };
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'intents/default.json';
  const casesPath = process.argv[3] ?? file.replace(/\.json$/, '.cases.jsonl');
  const intents = await loadIntentsFile(file);
  const settings = resolveSettings(intents.settings);
  const cases = await loadCases(casesPath);
  const options: ClassifierOptions = { language: intents.language, threshold: settings.confidenceThreshold };
  if (process.env.SWEEP) {
    // Grid over feature weights, mixing share and threshold: how the defaults were chosen.
    for (const functionWord of [0.1, 0.3]) for (const char of [0, 0.35, 0.6]) for (const bigram of [0, 0.3]) {
      for (const nearestShare of [0.4, 0.6, 0.8, 1]) {
        const rows = [0.2, 0.25, 0.3, 0.35, 0.4].map((threshold) => {
          const e = evaluate(trainClassifier(intents.intents, { ...options, threshold, weights: { char, bigram, functionWord }, nearestShare }), cases);
          return `t=${threshold} in=${e.inScopeAccuracy.toFixed(3)} oos=${e.outOfScopeRecall.toFixed(3)}`;
        });
        console.log(`fw=${functionWord} char=${char} bigram=${bigram} near=${nearestShare} | ${rows.join(' | ')}`);
      }
    }
    return;
  }
  const classifier = trainClassifier(intents.intents, options);
  const e = evaluate(classifier, cases);
  const started = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) for (const c of cases) classifier.classify(c.text);
  const perClassify = (performance.now() - started) / (rounds * cases.length);
  for (const err of e.errors) console.log(`  ${JSON.stringify(err.text)}: expected ${err.expected}, got ${err.got} (${err.confidence.toFixed(2)})`);
  console.log(`in-scope accuracy ${e.inScopeAccuracy.toFixed(3)} (${e.inScope} cases), out-of-scope recall ${e.outOfScopeRecall.toFixed(3)} (${e.outOfScope} cases), ${(perClassify * 1000).toFixed(1)} µs per classify`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
