// Sparse TF-IDF features for the intent classifier: word stems, stem bigrams and character
// n-grams of each word (3 and 4 by default; so typos and compounds still share features with the examples).
import type { Language } from './types';
import { FUNCTION_WORDS, stemmerFor, tokenize } from './text';

/** Character n-gram lengths taken inside each word, with `<` and `>` marking its ends. */
export const DEFAULT_CHAR_NS: readonly number[] = [3, 4];

export interface FeatureOptions {
  /** Character n-gram lengths inside each content word. */
  charNs?: readonly number[];
  /** Stem bigrams (adjacent words). */
  bigrams?: boolean;
  /** Stem pairs one word apart ("reset my password" → reset_password). */
  skipBigrams?: boolean;
  /** Stem trigrams. */
  trigrams?: boolean;
}

export interface SparseVector { index: Int32Array; value: Float32Array }

/**
 * Turns text into raw feature counts. Stems are cached: stemming is the costly step. A caller that
 * already has the text's tokens (from `tokenize`) passes them instead of the text.
 */
export function featureExtractor(language: Language, options: FeatureOptions = {}): (text: string | readonly string[]) => Map<string, number> {
  const charNs = options.charNs ?? DEFAULT_CHAR_NS;
  const bigrams = options.bigrams ?? true;
  const functionWords = FUNCTION_WORDS[language];
  const stemmer = stemmerFor(language);
  const cache = new Map<string, string>();
  const stem = (t: string) => {
    let s = cache.get(t);
    if (s === undefined) {
      s = stemmer(t);
      if (cache.size < 200_000) cache.set(t, s);
    }
    return s;
  };
  return (text) => {
    const tokens = typeof text === 'string' ? tokenize(text, language) : text;
    const counts = new Map<string, number>();
    const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    const stems = tokens.map(stem);
    // Function words get their own prefix: learned like any word, but one the bot never saw says
    // nothing about whether the message is in scope (see Vocabulary.vector).
    tokens.forEach((t, i) => bump(`${functionWords.has(t) ? 'f' : 'w'}:${stems[i]}`));
    if (options.skipBigrams) for (let i = 0; i + 2 < stems.length; i++) bump(`k:${stems[i]}_${stems[i + 2]}`);
    if (options.trigrams) for (let i = 0; i + 2 < stems.length; i++) bump(`t:${stems[i]}_${stems[i + 1]}_${stems[i + 2]}`);
    if (bigrams) for (let i = 0; i + 1 < stems.length; i++) bump(`b:${stems[i]}_${stems[i + 1]}`);
    for (const t of tokens) {
      if (functionWords.has(t)) continue;
      const w = `<${t}>`;
      for (const n of charNs) for (let i = 0; i + n <= w.length; i++) bump(`c:${w.slice(i, i + n)}`);
    }
    return counts;
  };
}

/** Feature ids and inverse document frequencies learned from the training examples. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly idf: number[] = [];
  /** Per feature id: whether it counts toward coverage (seen in one of the first `coveredBy` docs). */
  private readonly covers: Uint8Array;
  /** Weight of a feature never seen in training (the rarest possible). */
  readonly unseenIdf: number;

  /** Term frequency as 1 + log(tf) (sublinear) instead of the raw count. */
  private readonly sublinear: boolean;

  /**
   * `coveredBy`: only features seen in the first that many docs count as known for coverage (the
   * classifier puts the intents' examples first and out-of-scope examples after them, so words
   * only the out-of-scope examples use still lower a message's coverage).
   */
  constructor(docs: ReadonlyArray<Map<string, number>>, minDf: number, sublinear = false, coveredBy = docs.length) {
    this.sublinear = sublinear;
    const df = new Map<string, number>();
    const covering = new Set<string>();
    docs.forEach((d, i) => {
      for (const f of d.keys()) {
        df.set(f, (df.get(f) ?? 0) + 1);
        if (i < coveredBy) covering.add(f);
      }
    });
    const n = docs.length;
    const covers: number[] = [];
    for (const [f, count] of df) {
      if (count < minDf) continue;
      this.ids.set(f, this.idf.length);
      this.idf.push(Math.log((n + 1) / (count + 1)) + 1);
      covers.push(covering.has(f) ? 1 : 0);
    }
    this.covers = Uint8Array.from(covers);
    this.unseenIdf = Math.log(n + 1) + 1;
  }

  get size(): number {
    return this.idf.length;
  }

  /**
   * L2-normalised TF-IDF vector over the features seen in training, and the message's coverage:
   * the share (0..1) of its TF-IDF norm on features seen in training. Unknown content words and
   * their character grams are weighed as the rarest known features (unknown function words and
   * bigrams are left out), so a message made mostly of words the bot never saw covers little.
   */
  vector(raw: Map<string, number>): { vector: SparseVector; coverage: number } {
    const index: number[] = [];
    const value: number[] = [];
    let norm = 0;
    let knownNorm = 0;
    for (const [f, tf] of raw) {
      const id = this.ids.get(f);
      if (id === undefined && !(f.startsWith('w:') || f.startsWith('c:'))) continue;
      const w = (this.sublinear ? 1 + Math.log(tf) : tf) * (id === undefined ? this.unseenIdf : this.idf[id]!);
      norm += w * w;
      if (id === undefined) continue;
      if (this.covers[id]) knownNorm += w * w;
      index.push(id);
      value.push(w);
    }
    // Normalised by the whole norm, unknown features included: the less the bot knows of a
    // message, the shorter its vector, the flatter its probabilities.
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return {
      vector: { index: Int32Array.from(index), value: Float32Array.from(value, (x) => x * scale) },
      coverage: norm > 0 ? Math.sqrt(knownNorm / norm) : 0,
    };
  }
}
