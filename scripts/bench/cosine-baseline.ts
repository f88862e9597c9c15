// The bot's first classifier, kept only as a benchmark baseline: TF-IDF vectors (stems, bigrams,
// character trigrams) compared by cosine with every example and each intent's centroid.
import type { Classification, Intent, Language } from '../../server/bot/types';
import { FUNCTION_WORDS, charGrams, stemmerFor, tokenize } from '../../server/bot/text';

export interface CosineOptions {
  language: Language;
  /** Below this confidence the result is out of scope (intent null). */
  threshold: number;
  /** Feature weights; defaults measured on intents/default.cases.jsonl. */
  weights?: Partial<FeatureWeights>;
  /** How an intent's score mixes its nearest example (1) and its centroid (0). */
  nearestShare?: number;
}

export interface FeatureWeights { word: number; bigram: number; char: number; functionWord: number }

export const DEFAULT_WEIGHTS: FeatureWeights = { word: 1, bigram: 0, char: 0.6, functionWord: 0.3 };
export const DEFAULT_NEAREST_SHARE = 0.4;

export interface IntentClassifier {
  readonly intents: readonly string[];
  classify(text: string): Classification;
}

type Vector = Map<string, number>;

interface Posting { doc: number; weight: number }

class SparseIndex {
  private readonly postings = new Map<string, Posting[]>();
  constructor(readonly size: number) {}
  add(doc: number, vector: Vector): void {
    for (const [feature, weight] of vector) {
      let list = this.postings.get(feature);
      if (!list) this.postings.set(feature, (list = []));
      list.push({ doc, weight });
    }
  }
  /** Dot products of the query with every stored vector. */
  dots(query: Vector): Float64Array {
    const out = new Float64Array(this.size);
    for (const [feature, weight] of query) {
      const list = this.postings.get(feature);
      if (!list) continue;
      for (const p of list) out[p.doc] += weight * p.weight;
    }
    return out;
  }
}

function rawFeatures(text: string, language: Language, stem: (t: string) => string, w: FeatureWeights): Map<string, number> {
  const tokens = tokenize(text, language);
  const counts = new Map<string, number>();
  const bump = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
  const stems = tokens.map(stem);
  const functionWords = FUNCTION_WORDS[language];
  tokens.forEach((t, i) => bump(`w:${stems[i]}`, functionWords.has(t) ? w.functionWord : w.word));
  for (let i = 0; i + 1 < stems.length; i++) bump(`b:${stems[i]}_${stems[i + 1]}`, w.bigram);
  if (w.char > 0) {
    for (const t of tokens) {
      if (functionWords.has(t)) continue;
      const grams = charGrams(t);
      // Spread a word's character weight over its grams so long words do not dominate.
      const each = w.char / Math.sqrt(grams.length);
      for (const g of grams) bump(`c:${g}`, each);
    }
  }
  return counts;
}

function normalize(v: Vector): Vector {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm === 0) return v;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

export function trainCosineClassifier(intents: readonly Intent[], options: CosineOptions): IntentClassifier {
  const { language, threshold } = options;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const nearestShare = options.nearestShare ?? DEFAULT_NEAREST_SHARE;
  const stem = stemmerFor(language);
  const names = intents.map((i) => i.name);

  const patterns = intents.flatMap((intent) =>
    (intent.patterns ?? []).map((source) => ({ intent: intent.name, source, re: new RegExp(source, 'i') })),
  );

  const docs: Array<{ intent: number; raw: Map<string, number> }> = [];
  intents.forEach((intent, i) => {
    for (const ex of intent.examples) docs.push({ intent: i, raw: rawFeatures(ex, language, stem, weights) });
  });

  const df = new Map<string, number>();
  for (const d of docs) for (const f of d.raw.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const n = docs.length;
  const idfOf = (f: string) => Math.log((n + 1) / ((df.get(f) ?? 0) + 1)) + 1;

  const weigh = (raw: Map<string, number>): Vector => {
    const v: Vector = new Map();
    for (const [f, tf] of raw) v.set(f, tf * idfOf(f));
    return normalize(v);
  };

  const exampleIndex = new SparseIndex(docs.length);
  const centroids: Vector[] = names.map(() => new Map());
  docs.forEach((d, i) => {
    const v = weigh(d.raw);
    exampleIndex.add(i, v);
    const c = centroids[d.intent]!;
    for (const [f, x] of v) c.set(f, (c.get(f) ?? 0) + x);
  });
  const centroidIndex = new SparseIndex(names.length);
  centroids.forEach((c, i) => centroidIndex.add(i, normalize(c)));
  const docIntent = Int32Array.from(docs.map((d) => d.intent));

  function classify(text: string): Classification {
    for (const p of patterns) {
      if (p.re.test(text)) {
        return { intent: p.intent, confidence: 1, ranking: [{ intent: p.intent, score: 1 }], pattern: p.source };
      }
    }
    const query = weigh(rawFeatures(text, language, stem, weights));
    if (query.size === 0) return { intent: null, confidence: 0, ranking: [] };
    const exampleDots = exampleIndex.dots(query);
    const nearest = new Float64Array(names.length);
    for (let i = 0; i < exampleDots.length; i++) {
      const k = docIntent[i]!;
      if (exampleDots[i]! > nearest[k]!) nearest[k] = exampleDots[i]!;
    }
    const centroidDots = centroidIndex.dots(query);
    const ranking = names
      .map((intent, i) => ({ intent, score: clamp01(nearestShare * nearest[i]! + (1 - nearestShare) * centroidDots[i]!) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    const top = ranking[0];
    const confidence = top ? top.score : 0;
    return { intent: top && confidence >= threshold ? top.intent : null, confidence, ranking };
  }

  return { intents: names, classify };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
