// Measures a classifier on labelled cases: in-scope accuracy, out-of-scope recall, per-intent
// precision and recall, the most confused pairs and time per message. Used by
// `npm run intents -- test` and by the tests that hold the shipped cases to a floor.
import { readFile } from 'node:fs/promises';
import type { Classification } from './types';

/** One case line: `{"text": "...", "intent": "name" | null}`; null means out of scope. */
export interface LabelledCase { text: string; intent: string | null }

export interface IntentScore { intent: string; precision: number; recall: number; support: number }

export interface Evaluation {
  cases: number;
  inScope: number;
  inScopeAccuracy: number;
  outOfScope: number;
  outOfScopeRecall: number;
  /** Per intent, plus `(out of scope)` for null; precision is NaN when never predicted. */
  perIntent: IntentScore[];
  /** Expected → got pairs, most frequent first. */
  confusions: Array<{ expected: string | null; got: string | null; count: number }>;
  errors: Array<{ text: string; expected: string | null; got: string | null; confidence: number }>;
  p50Ms: number;
  p99Ms: number;
}

/** Reads a JSONL case file; every bad line is reported with its number, not just the first. */
export async function loadCases(path: string): Promise<LabelledCase[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const cases: LabelledCase[] = [];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const c = JSON.parse(line) as Partial<LabelledCase>;
      if (typeof c.text !== 'string' || !(c.intent === null || typeof c.intent === 'string')) {
        problems.push(`${path}:${i + 1}: needs {"text": string, "intent": string | null}`);
      } else cases.push({ text: c.text, intent: c.intent });
    } catch (err) {
      problems.push(`${path}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return cases;
}

const OOS = '(out of scope)';

export function evaluate(classifier: { classify(text: string): Classification }, cases: readonly LabelledCase[]): Evaluation {
  let inScope = 0, inRight = 0, outScope = 0, outRight = 0;
  const errors: Evaluation['errors'] = [];
  const times: number[] = [];
  const tp = new Map<string, number>(), predicted = new Map<string, number>(), support = new Map<string, number>();
  const confused = new Map<string, { expected: string | null; got: string | null; count: number }>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const c of cases) classifier.classify(c.text); // warm-up, so the timings are steady-state
  for (const c of cases) {
    const start = performance.now();
    const r = classifier.classify(c.text);
    times.push(performance.now() - start);
    const ok = r.intent === c.intent;
    const exp = c.intent ?? OOS, got = r.intent ?? OOS;
    inc(support, exp);
    inc(predicted, got);
    if (ok) inc(tp, exp);
    if (c.intent === null) { outScope++; if (ok) outRight++; } else { inScope++; if (ok) inRight++; }
    if (!ok) {
      errors.push({ text: c.text, expected: c.intent, got: r.intent, confidence: r.confidence });
      const key = `${exp}→${got}`;
      const entry = confused.get(key) ?? { expected: c.intent, got: r.intent, count: 0 };
      entry.count++;
      confused.set(key, entry);
    }
  }
  times.sort((a, b) => a - b);
  const labels = [...new Set([...support.keys(), ...predicted.keys()])].sort();
  return {
    cases: cases.length,
    inScope, inScopeAccuracy: inScope ? inRight / inScope : 0,
    outOfScope: outScope, outOfScopeRecall: outScope ? outRight / outScope : 0,
    perIntent: labels.map((intent) => ({
      intent,
      precision: predicted.get(intent) ? (tp.get(intent) ?? 0) / predicted.get(intent)! : NaN,
      recall: support.get(intent) ? (tp.get(intent) ?? 0) / support.get(intent)! : NaN,
      support: support.get(intent) ?? 0,
    })),
    confusions: [...confused.values()].sort((a, b) => b.count - a.count),
    errors,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** What a visitor who taps each of the bot's quick replies gets: the intent it lands on, or null (the fallback). */
export function quickReplyOutcomes(bot: { quickReplies: readonly string[]; classify(text: string): Classification }):
  Array<{ text: string; intent: string | null; confidence: number }> {
  return bot.quickReplies.map((text) => {
    const r = bot.classify(text);
    return { text, intent: r.intent, confidence: Math.round(r.confidence * 1000) / 1000 };
  });
}
