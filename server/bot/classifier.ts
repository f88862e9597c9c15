// Intent classifier: multinomial logistic regression (softmax) over sparse TF-IDF features
// (stems, stem bigrams, character 3–4-grams), trained by SGD with weight averaging. For English a
// second softmax regression reads the message's static sentence vector (server/bot/vectors.ts), and
// the two are fused as a product of experts: softmax(w·lexical logits + (1 − w)·vector logits).
// Confidence is the top intent's probability times coverage²; below the threshold the message is
// out of scope. Out-of-scope examples (the shipped off-topic list, server/bot/off-topic/, and the
// site's own) are learned as one more class, weighted like an average intent, that never shows in
// the ranking: the probability it takes from the intents is what declines an off-topic message.
// Regex patterns win over the model. Chosen on CLINC150 (scripts/bench/clinc150.ts,
// BENCHMARKS.md): it beat cosine-to-examples/centroids and natural's Bayes on accuracy, out-of-scope
// recall and speed, and the vector half closed the gap to the paper's MLP.
import type { Classification, Intent, Language } from './types';
import { Vocabulary, featureExtractor, type FeatureOptions, type SparseVector } from './features';
import Spellcheck from 'natural/lib/natural/spellcheck/spellcheck.js';
import { tokenize } from './text';

/** What the classifier needs of sentence vectors (SentenceVectors in vectors.ts is the shipped one). */
export interface VectorSource {
  readonly dim: number;
  /** Writes the words' vector into out (length dim); returns 0 when it has nothing for them. */
  embed(words: readonly string[], out: Float32Array): number;
}

export interface ClassifierOptions {
  language: Language;
  /** Below this confidence the result is out of scope (intent null). */
  threshold: number;
  /** Passes over the examples; by default more for small files (see defaultEpochs). */
  epochs?: number;
  /** Initial learning rate (decays as lr / (1 + epoch / 2)). */
  learningRate?: number;
  /** L2 weight decay per step. */
  l2?: number;
  /** Seed of the example order, so training is reproducible. */
  seed?: number;
  /**
   * Confidence = probability × coverage^exponent, where coverage is the share of the message's
   * TF-IDF weight on features seen in training (Vocabulary.vector): unknown words lower it.
   */
  coverageExponent?: number;
  /** Feature set (character n-gram lengths, bigrams). */
  features?: FeatureOptions;
  /** Sublinear term frequency (1 + log tf). */
  sublinearTf?: boolean;
  /** Features seen in fewer examples are dropped (default: 2 for files over 5,000 examples, else 1). */
  minDf?: number;
  /**
   * Examples of what the bot should not answer. They are learned as one more class that is left
   * out of the ranking, so the probability it takes lowers the intents' confidence.
   */
  outOfScope?: readonly string[];
  /**
   * Weight of every out-of-scope example in training. By default the class weighs as much as an
   * average intent: min(1, examples per intent / out-of-scope examples), so a long shipped list
   * does not outweigh a small site's intents. Not tuned: on CLINC150 val, weights from 0.02 to 1
   * each scored within 0.2 points of one another (BENCHMARKS.md).
   */
  outOfScopeWeight?: number;
  /**
   * Static sentence vectors: when given, a second model learns from them and is fused with the
   * lexical one. The engine passes the English table for English files (createBot).
   */
  vectors?: VectorSource;
  /** Share of the lexical model's logits in the fusion; the vector model gets the rest (default 0.5). */
  lexicalWeight?: number;
  /** Passes of the vector model (default: defaultVectorEpochs). */
  vectorEpochs?: number;
  /**
   * The language's words, for fixing typos: a message word of 4+ letters that no example uses and
   * that is not in the dictionary becomes the most frequent example word one edit away ("pakage"
   * → "package"). Without a dictionary, words are left as typed. The engine passes English's.
   */
  dictionary?: { has(word: string): boolean };
}

export interface ClassifyOptions {
  /** Also report each half's own probability per ranked intent, and the coverage factor. */
  explain?: boolean;
}

export interface IntentClassifier {
  readonly intents: readonly string[];
  classify(text: string, options?: ClassifyOptions): Classification;
}

export const DEFAULT_LEARNING_RATE = 4;
export const DEFAULT_L2 = 0;
export const DEFAULT_COVERAGE_EXPONENT = 2;
export const DEFAULT_LEXICAL_WEIGHT = 0.5;
/** Gradients below this are skipped: a near-zero probability changes nothing worth the time. */
const GRADIENT_FLOOR = 1e-3;
const RANKING_SIZE = 5;
const EASY = 0.98;
const REST_EPOCHS = 2;

/** 12 passes for large files (CLINC150: 15,000 examples); more for small ones, up to 100. */
export function defaultEpochs(examples: number): number {
  return Math.min(100, Math.max(12, Math.ceil(60_000 / Math.max(1, examples))));
}

/** Each out-of-scope example's weight so that, together, they weigh as much as an average intent (at most 1 each). */
export function balancedOutOfScopeWeight(intentExamples: number, intents: number, outOfScopeExamples: number): number {
  if (outOfScopeExamples === 0 || intents === 0) return 1;
  return Math.min(1, intentExamples / intents / outOfScopeExamples);
}

/**
 * The vector model's passes: as many as the lexical one's for small files, 8 for large ones (on
 * CLINC150 val, 8 scored as 12 did at two-thirds of the training time).
 */
export function defaultVectorEpochs(examples: number): number {
  return Math.min(100, Math.max(8, Math.ceil(40_000 / Math.max(1, examples))));
}

/** Trains and returns the classifier in one go (tests, benchmarks, the CLI). */
export function trainClassifier(intents: readonly Intent[], options: ClassifierOptions): IntentClassifier {
  const steps = buildClassifier(intents, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Trains while letting the event loop run: the server uses this, so a large intents file
 * (CLINC150-sized: 10–12 s of training) reloads without holding up every chat meanwhile.
 * Same result as trainClassifier, bit for bit.
 */
export async function trainClassifierAsync(intents: readonly Intent[], options: ClassifierOptions): Promise<IntentClassifier> {
  const steps = buildClassifier(intents, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Work between two yields: a few milliseconds at most, whatever the file's size. */
const YIELD_EVERY = 256;

function* buildClassifier(intents: readonly Intent[], options: ClassifierOptions): Generator<void, IntentClassifier, void> {
  const { language, threshold } = options;
  const names = intents.map((i) => i.name);
  const classes = names.length;
  const extract = featureExtractor(language, options.features);
  const patterns = intents.flatMap((intent) =>
    (intent.patterns ?? []).map((source) => ({ intent: intent.name, source, re: new RegExp(source, 'i') })),
  );

  const raw: Array<{ features: Map<string, number>; label: number }> = [];
  // Each example is tokenised once: the lexical features, its sentence vector and the typo
  // fixer's vocabulary all read these.
  const exampleTokens: string[][] = [];
  const learn = (example: string, label: number) => {
    const words = tokenize(example, language);
    exampleTokens.push(words);
    raw.push({ features: extract(words), label });
  };
  for (const [label, intent] of intents.entries()) {
    for (const ex of intent.examples) {
      learn(ex, label);
      if (raw.length % YIELD_EVERY === 0) yield;
    }
  }
  const oos = options.outOfScope ?? [];
  // The out-of-scope class, when there are examples of it, is the last one (index `classes`).
  const modelClasses = oos.length > 0 ? classes + 1 : classes;
  for (const ex of oos) learn(ex, classes);
  // On large files a feature seen once is mostly noise and costs memory (features × intents floats).
  // Coverage counts only what the intents' examples know: a message made of words that only the
  // out-of-scope examples use is not "understood" for it.
  const vocab = new Vocabulary(raw.map((r) => r.features), options.minDf ?? (raw.length > 5000 ? 2 : 1), options.sublinearTf ?? false, raw.length - oos.length);
  const intentExamples = raw.length - oos.length;
  // A long out-of-scope list beside a small file would double its training time (the shipped
  // list has 500+ lines; a shop's file, 400 examples): past a quarter of the intents' examples,
  // each pass takes a fresh random sample of that size, weighted up to keep the class's total.
  const oosPerEpoch = Math.min(oos.length, Math.max(1, Math.floor(intentExamples * OUT_OF_SCOPE_SHARE)));
  const sample = oosPerEpoch < oos.length ? { from: intentExamples, count: oosPerEpoch } : undefined;
  const oosWeight = (options.outOfScopeWeight ?? balancedOutOfScopeWeight(intentExamples, classes, oos.length)) * (oos.length / oosPerEpoch || 1);
  const docs = raw.map((r) => ({ x: vocab.vector(r.features).vector, y: r.label, w: r.label === classes ? oosWeight : 1 }));
  const perEpoch = intentExamples + oosPerEpoch;

  const settings: TrainSettings = {
    epochs: options.epochs ?? defaultEpochs(perEpoch),
    learningRate: options.learningRate ?? DEFAULT_LEARNING_RATE,
    l2: options.l2 ?? DEFAULT_L2,
    seed: options.seed ?? 1,
  };
  const model = new LinearModel(new Float32Array(vocab.size * modelClasses), new Float32Array(modelClasses));
  yield* trainSteps(docs, model, settings, sample);
  const scores = new Float64Array(modelClasses);
  const coverageExponent = options.coverageExponent ?? DEFAULT_COVERAGE_EXPONENT;

  // The vector half: same classes, same training, on the L2-normalised sentence vector.
  const { vectors } = options;
  const lexicalWeight = vectors ? (options.lexicalWeight ?? DEFAULT_LEXICAL_WEIGHT) : 1;
  /** The message's unit-length vector from its tokens, written into `value` (a new array per training example). */
  const denseVector = (tokens: readonly string[], value = new Float32Array(vectors?.dim ?? 0)): Float32Array | null => {
    if (!vectors) return null;
    if (vectors.embed(tokens, value) === 0) return null;
    let norm = 0;
    for (let j = 0; j < value.length; j++) norm += value[j]! * value[j]!;
    if (norm === 0) return null;
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < value.length; j++) value[j] *= scale;
    return value;
  };
  let denseModel: DenseModel | null = null;
  if (vectors) {
    const zero = new Float32Array(vectors.dim);
    denseModel = new DenseModel(new Float32Array(modelClasses * vectors.dim), new Float32Array(modelClasses), vectors.dim);
    const denseDocs: Array<{ x: Float32Array; y: number; w: number }> = [];
    for (const [i, r] of raw.entries()) {
      denseDocs.push({ x: denseVector(exampleTokens[i]!) ?? zero, y: r.label, w: docs[i]!.w });
      if (i % YIELD_EVERY === YIELD_EVERY - 1) yield;
    }
    yield* trainSteps(denseDocs, denseModel, { ...settings, epochs: options.vectorEpochs ?? defaultVectorEpochs(perEpoch) }, sample);
  }
  const { dictionary } = options;
  const fixTypos = dictionary ? typoFixer(exampleTokens.flat(), (w) => dictionary.has(w)) : (words: string[]) => words;
  const denseScores = new Float64Array(modelClasses);
  const denseBuffer = new Float32Array(vectors?.dim ?? 0); // reused by classify: one message at a time

  function classify(text: string, asked: ClassifyOptions = {}): Classification {
    for (const p of patterns) {
      if (p.re.test(text)) {
        return { intent: p.intent, confidence: 1, ranking: [{ intent: p.intent, score: 1 }], pattern: p.source };
      }
    }
    // Tokenised once: the lexical features and the sentence vector read the same tokens.
    const tokens = fixTypos(tokenize(text, language));
    const { vector, coverage: covered } = vocab.vector(extract(tokens));
    if (vector.index.length === 0) return { intent: null, confidence: 0, ranking: [] };
    model.logits(vector, scores);
    const dense = denseModel ? denseVector(tokens, denseBuffer) : null;
    // Each half's own probabilities, only when asked (explain): two more softmaxes per message.
    let halves: { lexical: Float64Array; vectors: Float64Array } | undefined;
    if (denseModel && dense) {
      denseModel.logits(dense, denseScores);
      if (asked.explain) {
        halves = { lexical: Float64Array.from(scores), vectors: Float64Array.from(denseScores) };
        softmaxInPlace(halves.lexical);
        softmaxInPlace(halves.vectors);
      }
      for (let c = 0; c < modelClasses; c++) scores[c] = lexicalWeight * scores[c]! + (1 - lexicalWeight) * denseScores[c]!;
    }
    softmaxInPlace(scores);
    const coverage = coverageExponent === 0 ? 1 : Math.pow(covered, coverageExponent);
    // The out-of-scope class (index `classes`, when there is one) is left out of the ranking: the
    // probability it takes is what lowers the intents' confidence on a message that resembles it.
    const rejected = modelClasses > classes ? scores[classes]! : 0;
    const best = topK(scores, RANKING_SIZE, classes);
    const ranking = best.map((i) => ({
      intent: names[i]!,
      score: round4(scores[i]! * coverage),
      ...(halves ? { lexical: round4(halves.lexical[i]!), vectors: round4(halves.vectors[i]!) } : {}),
    }));
    const top = ranking[0]!;
    const accepted = top.score >= threshold;
    return {
      intent: accepted ? top.intent : null,
      confidence: top.score,
      ranking,
      ...(asked.explain ? { coverage: round4(covered), coverageExponent, ...(modelClasses > classes ? { outOfScope: round4(rejected) } : {}) } : {}),
    };
  }

  return { intents: names, classify };
}

/** Out-of-scope examples visited per pass, at most, as a share of the intents' examples. */
const OUT_OF_SCOPE_SHARE = 0.25;

const TYPO_MIN_LENGTH = 4;
const TYPO_CACHE_SIZE = 10_000;

/**
 * Maps a message's misspelt words to the training examples' words, the intents' and the
 * out-of-scope ones (natural's Norvig spellchecker, edit distance 1, most frequent candidate).
 * Words the examples use, dictionary words, words under 4 letters and anything with a digit are
 * left as they are. Results are cached per word.
 */
function typoFixer(exampleWords: string[], isWord: (word: string) => boolean): (tokens: string[]) => string[] {
  const known = new Set(exampleWords);
  const speller = new Spellcheck(exampleWords);
  const cache = new Map<string, string>();
  const fix = (word: string): string => {
    if (word.length < TYPO_MIN_LENGTH || known.has(word) || !/^\p{L}+$/u.test(word)) return word;
    let fixed = cache.get(word);
    if (fixed === undefined) {
      fixed = isWord(word) ? word : speller.getCorrections(word, 1)[0] ?? word;
      if (cache.size >= TYPO_CACHE_SIZE) cache.clear();
      cache.set(word, fixed);
    }
    return fixed;
  };
  return (tokens) => tokens.map(fix);
}

interface TrainSettings { epochs: number; learningRate: number; l2: number; seed: number }

interface Model<X> {
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  logits(x: X, out: Float64Array): void;
  /** One SGD step: every weight of x's features for the n active classes moves by −lr·grad·value. */
  step(x: X, active: Int32Array, grad: Float64Array, n: number, lr: number, decay: number): void;
}

/** Weights are feature-major (row f holds every class's weight for feature f) for fast sparse dots. */
class LinearModel implements Model<SparseVector> {
  constructor(readonly weights: Float32Array, readonly bias: Float32Array) {}

  logits(x: SparseVector, out: Float64Array): void {
    const { weights, bias } = this;
    const classes = bias.length;
    const { index, value } = x;
    for (let c = 0; c < classes; c++) out[c] = bias[c]!;
    for (let k = 0; k < index.length; k++) {
      const row = index[k]! * classes;
      const v = value[k]!;
      for (let c = 0; c < classes; c++) out[c] += weights[row + c]! * v;
    }
  }

  step(x: SparseVector, active: Int32Array, grad: Float64Array, n: number, lr: number, decay: number): void {
    const { weights } = this;
    const classes = this.bias.length;
    for (let k = 0; k < x.index.length; k++) {
      const row = x.index[k]! * classes;
      const v = x.value[k]!;
      if (decay !== 1) for (let c = 0; c < classes; c++) weights[row + c] *= decay;
      for (let a = 0; a < n; a++) weights[row + active[a]!] -= lr * grad[a]! * v;
    }
  }
}

/** Weights are class-major (row c holds class c's weight for every dimension) for dense dot products. */
class DenseModel implements Model<Float32Array> {
  constructor(readonly weights: Float32Array, readonly bias: Float32Array, readonly dim: number) {}

  logits(x: Float32Array, out: Float64Array): void {
    const { weights, bias, dim } = this;
    const end4 = dim - (dim % 4);
    for (let c = 0; c < bias.length; c++) {
      const row = c * dim;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < end4; j += 4) {
        s0 += weights[row + j]! * x[j]!;
        s1 += weights[row + j + 1]! * x[j + 1]!;
        s2 += weights[row + j + 2]! * x[j + 2]!;
        s3 += weights[row + j + 3]! * x[j + 3]!;
      }
      for (let j = end4; j < dim; j++) s0 += weights[row + j]! * x[j]!;
      out[c] = bias[c]! + s0 + s1 + s2 + s3;
    }
  }

  step(x: Float32Array, active: Int32Array, grad: Float64Array, n: number, lr: number, decay: number): void {
    const { weights, dim } = this;
    if (decay !== 1) for (let j = 0; j < weights.length; j++) weights[j] *= decay;
    for (let a = 0; a < n; a++) {
      const row = active[a]! * dim;
      const g = lr * grad[a]!;
      for (let j = 0; j < dim; j++) weights[row + j] -= g * x[j]!;
    }
  }
}

/** SGD over the examples; yields every YIELD_EVERY examples so the caller can pause. */
/**
 * SGD passes over the docs. With `sample`, the docs from `sample.from` on are a pool: each pass
 * visits all the docs before it and `sample.count` of the pool, drawn afresh.
 */
function* trainSteps<X>(docs: Array<{ x: X; y: number; w: number }>, model: Model<X>, s: TrainSettings, sample?: { from: number; count: number }): Generator<void, void, void> {
  const { weights, bias } = model;
  const classes = bias.length;
  // Averaging the weights of the second half of the epochs smooths SGD's noise (Polyak averaging).
  const averageFrom = Math.floor(s.epochs / 2);
  const sumW = new Float32Array(weights.length);
  const sumB = new Float32Array(classes);
  const p = new Float64Array(classes);
  const active = new Int32Array(classes);
  const grad = new Float64Array(classes);
  const order = sample ? Array.from({ length: sample.from + sample.count }, (_, i) => i) : docs.map((_, i) => i);
  const pool = sample ? Array.from({ length: docs.length - sample.from }, (_, i) => sample.from + i) : [];
  const restUntil = new Int32Array(docs.length);
  const random = seededRandom(s.seed);

  for (let epoch = 0; epoch < s.epochs; epoch++) {
    if (sample) {
      // A partial Fisher–Yates shuffle picks this pass's share of the pool.
      for (let k = 0; k < sample.count; k++) {
        const j = k + Math.floor(random() * (pool.length - k));
        [pool[k], pool[j]] = [pool[j]!, pool[k]!];
        order[sample.from + k] = pool[k]!;
      }
      for (let k = 0; k < sample.from; k++) order[k] = k;
    }
    shuffle(order, random);
    const lr = s.learningRate / (1 + epoch / 2);
    const decay = 1 - lr * s.l2;
    let visited = 0;
    for (const i of order) {
      if (++visited % YIELD_EVERY === 0) yield;
      // Shrinking: an example the model already gets right with p ≥ EASY sits out the next epochs.
      if (restUntil[i]! > epoch) continue;
      const { x, y, w } = docs[i]!;
      model.logits(x, p);
      softmaxInPlace(p);
      if (p[y]! >= EASY) restUntil[i] = epoch + 1 + REST_EPOCHS;
      let n = 0;
      for (let c = 0; c < classes; c++) {
        const g = (p[c]! - (c === y ? 1 : 0)) * w;
        if (g > GRADIENT_FLOOR || g < -GRADIENT_FLOOR) {
          active[n] = c;
          grad[n++] = g;
          bias[c] -= lr * g * 0.1;
        }
      }
      model.step(x, active, grad, n, lr, decay);
    }
    if (epoch >= averageFrom) {
      for (let j = 0; j < weights.length; j++) sumW[j] += weights[j]!;
      for (let c = 0; c < classes; c++) sumB[c] += bias[c]!;
    }
  }
  const runs = s.epochs - averageFrom;
  for (let j = 0; j < weights.length; j++) weights[j] = sumW[j]! / runs;
  for (let c = 0; c < classes; c++) bias[c] = sumB[c]! / runs;
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i]! > max) max = v[i]!;
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] = Math.exp(v[i]! - max);
  for (let i = 0; i < v.length; i++) v[i] /= sum;
}

/** Indices of the k largest of v[0..n), largest first. */
function topK(v: Float64Array, k: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (out.length < k) out.push(i);
    else if (v[i]! > v[out[k - 1]!]!) out[k - 1] = i;
    else continue;
    for (let j = out.length - 1; j > 0 && v[out[j]!]! > v[out[j - 1]!]!; j--) [out[j], out[j - 1]] = [out[j - 1]!, out[j]!];
  }
  return out;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
