// Trains the sentiment models (sentiment-model.ts) on the sentences the team wrote. English:
// intents/sentiment/handwritten.jsonl and intents/sentiment/generated.jsonl (from
// intents/sentiment/generate.ts), into server/bot/sentiment-weights.ts. Spanish:
// intents/sentiment/es-a.jsonl and es-b.jsonl, into server/bot/sentiment-weights-es.ts. One line in
// ten (by a hash of the text) is held out for the tests and never trained on.
//   npx tsx intents/sentiment/generate.ts && npx tsx server/bot/sentiment-train.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildLexicon } from './sentiment-lexicon';
import { CLASSES, modelFeatures, type SentimentModel } from './sentiment-model';
import { lexiconScore, tokenizeForSentiment } from './sentiment';
import type { Language } from './types';

export interface Labelled { text: string; label: (typeof CLASSES)[number] }

export const DATA_FILES = ['intents/sentiment/handwritten.jsonl', 'intents/sentiment/generated.jsonl', 'intents/sentiment/en-chat-a.jsonl', 'intents/sentiment/en-chat-b.jsonl', 'intents/sentiment/en-chat-c.jsonl'];
export const ES_DATA_FILES = ['intents/sentiment/es-a.jsonl', 'intents/sentiment/es-b.jsonl'];

/** True for the tenth of the team's sentences kept out of training (FNV-1a of the text). */
export function isHeldOut(text: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 10 === 0;
}

export function loadLabelled(root: string, files = DATA_FILES): Labelled[] {
  return files.flatMap((f) => readFileSync(`${root}/${f}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled));
}

/** A Fisher–Yates shuffle in place driven by a small LCG, so training is the same on every run. */
export function seededShuffle(seed: number): (order: number[]) => void {
  return (order) => {
    for (let i = order.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  };
}

export interface TrainOptions { epochs?: number; l2?: number; rate?: number; minCount?: number }

/** Multinomial logistic regression by SGD; features seen fewer than minCount times are dropped. */
export function train(rows: readonly Labelled[], opts: TrainOptions = {}, language: Language = 'en'): SentimentModel {
  const { epochs = 30, l2 = 1e-4, rate = 0.1, minCount = 2 } = opts;
  const lexicon = buildLexicon(language);
  const data = rows.map((r) => {
    const tokens = tokenizeForSentiment(r.text);
    return { f: [...new Set(modelFeatures(tokens))], lex: lexiconScore(tokens, r.text, lexicon), y: CLASSES.indexOf(r.label) };
  });
  const counts = new Map<string, number>();
  for (const d of data) for (const f of d.f) counts.set(f, (counts.get(f) ?? 0) + 1);
  const w = new Map<string, number[]>();
  for (const [f, c] of counts) if (c >= minCount) w.set(f, [0, 0, 0]);
  w.set('LEX', [0, 0, 0]);
  w.set('|LEX|', [0, 0, 0]);
  const bias = [0, 0, 0];
  const shuffle = seededShuffle(7);
  const order = data.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    shuffle(order);
    const lr = rate / (1 + e * 0.2);
    for (const idx of order) {
      const d = data[idx]!;
      const ws = d.f.map((f) => w.get(f)).filter((x): x is number[] => !!x);
      const lw = w.get('LEX')!, la = w.get('|LEX|')!;
      const z = [0, 1, 2].map((k) => bias[k]! + lw[k]! * d.lex + la[k]! * Math.abs(d.lex) + ws.reduce((s, v) => s + v[k]!, 0));
      const m = Math.max(...z);
      const ex = z.map((v) => Math.exp(v - m));
      const sum = ex[0]! + ex[1]! + ex[2]!;
      for (let k = 0; k < 3; k++) {
        const g = ex[k]! / sum - (d.y === k ? 1 : 0);
        bias[k]! -= lr * g;
        for (const v of ws) v[k] = v[k]! - lr * (g + l2 * v[k]!);
        lw[k] = lw[k]! - lr * g * d.lex;
        la[k] = la[k]! - lr * g * Math.abs(d.lex);
      }
    }
  }
  return { weights: w, bias };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  for (const [language, files, out, name, note] of [
    ['en', DATA_FILES, './sentiment-weights.ts', 'SENTIMENT_MODEL', ''],
    ['es', ES_DATA_FILES, './sentiment-weights-es.ts', 'SENTIMENT_MODEL_ES', ' (Spanish)'],
  ] as const) {
    const all = loadLabelled(root, [...files]);
    const rows = all.filter((r) => !isHeldOut(r.text));
    const t0 = performance.now();
    const model = train(rows, {}, language);
    const entries = [...model.weights].filter(([, v]) => v.some((x) => Math.abs(x) >= 0.005)).sort(([a], [b]) => (a < b ? -1 : 1));
    const body = entries.map(([f, v]) => `  [${JSON.stringify(f)}, [${v.map(round).join(', ')}]],`).join('\n');
    writeFileSync(fileURLToPath(new URL(out, import.meta.url)),
      `// Generated by \`npx tsx server/bot/sentiment-train.ts\` from intents/sentiment/${files.map((f) => f.split('/').pop()).join(' and ')}\n` +
      `// (sentences the team wrote; ${rows.length} trained on, ${all.length - rows.length} held out). Do not edit by hand.\n` +
      `import type { SentimentModel } from './sentiment-model';\n\n` +
      `export const ${name}: SentimentModel = {\n  bias: [${model.bias.map(round).join(', ')}],\n  weights: new Map<string, readonly number[]>([\n${body}\n  ]),\n};\n`);
    console.log(`${language}${note}: trained on ${rows.length} sentences (${all.length - rows.length} held out) in ${(performance.now() - t0).toFixed(0)} ms; ${entries.length} features`);
  }
}
