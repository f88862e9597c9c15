// The supervised part of the sentiment scorer: a three-class logistic regression over stemmed
// words, word pairs and a few shape features, with negation marked to the end of the clause.
// Its weights (sentiment-weights.ts) are learned only from sentences the team wrote
// (intents/sentiment/*.jsonl) by server/bot/sentiment-train.ts, never from third-party data.

/** Classes in weight order. */
export const CLASSES = ['negative', 'neutral', 'positive'] as const;

export interface ModelToken { kind: 'word' | 'punct' | 'symbol'; key?: string; text?: string; score?: number; caps?: boolean }

export interface SentimentModel {
  /** feature → [negative, neutral, positive] weights. */
  weights: ReadonlyMap<string, readonly number[]>;
  bias: readonly number[];
}

// English and Spanish together (keys have their accents folded away): no English sentence the
// model learns from holds a Spanish one, and the other way round.
const NEGATORS = new Set(('not no never nobody nothing none cannot without ' +
  "dont doesnt didnt wont cant isnt arent wasnt werent hasnt havent hadnt couldnt shouldnt wouldnt aint " +
  'nunca jamas ni nadie nada sin tampoco').split(' '));
const BREAKS = new Set(['but', 'however', 'although', 'though', 'pero', 'sino', 'aunque']);

/** A light stemmer: enough to join "delays/delayed/delaying" and "hours/hour". */
export function stem(key: string): string {
  let w = key.includes("'") || key.includes('’') ? key.replace(/['’]/g, '') : key;
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (/^\d+(?:[.:]\d+)?$/.test(w)) return '<num>';
    if (/^\d+\w+$/.test(w)) w = w.replace(/^\d+/, '<num>');
  }
  const n = w.length;
  if (n > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (n > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (n > 3 && w.charCodeAt(n - 1) === 115 && w.charCodeAt(n - 2) !== 115) return w.slice(0, -1);
  return w;
}

/**
 * The sparse binary features of one message, from the scorer's tokens. "!" is not one: it tells
 * strength, not direction, and the lexicon already applies it as an intensifier. Learned as a
 * feature from chat lines ("that was quick!!") it made "this is terrible!!" read milder than
 * "this is terrible".
 */
export function modelFeatures(tokens: readonly ModelToken[]): string[] {
  const out: string[] = [];
  let negated = false;
  let prev = '<s>';
  let questions = 0, caps = 0, words = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      negated = false;
      if (t.text!.includes('?')) questions++;
      prev = '<p>';
      continue;
    }
    if (t.kind === 'symbol') {
      out.push(t.score! > 0 ? 'emo+' : t.score! < 0 ? 'emo-' : 'emo0');
      continue;
    }
    const key = t.key!;
    const raw = key.includes("'") || key.includes('’') ? key.replace(/['’]/g, '') : key;
    words++;
    if (t.caps) caps++;
    if (BREAKS.has(raw)) { negated = false; prev = raw; out.push(raw); continue; }
    const s = stem(raw);
    if (NEGATORS.has(raw)) {
      negated = true;
      out.push('NEG', `${prev}_${s}`);
      prev = s;
      continue;
    }
    out.push(negated ? `!${s}` : s, `${prev}_${s}`);
    prev = s;
  }
  if (words > 0) out.push(`${prev}_</s>`);
  if (questions) out.push('?');
  if (caps >= 3 && caps * 2 >= words) out.push('CAPS');
  return out;
}

/**
 * A message's tokens as columns, filled by sentiment.ts's scanner without an object per token:
 * kind (WORD, PUNCT, SYMBOL), flags (below), score (symbols) and, for words, what the model knows
 * about the word (from `modelWord`, which the scanner caches per word).
 */
export interface TokenColumns {
  length: number;
  kind: Uint8Array;
  flags: Uint8Array;
  score: Float64Array;
  model: Array<ModelWord | undefined>;
}
export const WORD = 0, PUNCT = 1, SYMBOL = 2;
/** Word flags: written in capitals; the key has an apostrophe; two letters in a row (/\p{L}{2,}/u). */
export const F_CAPS = 1, F_APOSTROPHE = 2, F_LETTERS = 4;
/** Punctuation flag: the run has a "?" (a "!" is the lexicon's business, read from the text). */
export const F_QUESTION = 16;

type Weights = readonly number[];
/**
 * One string of the model's features (a stem, a raw word, "<s>", "<p>" or "</s>"): its weights as
 * a feature, as "!" + it (negated), and of the pair "it_next" keyed by next's entry. Each string has
 * one entry, so a pair is found by object identity instead of by building "prev_stem".
 */
interface Entry {
  w: Weights | undefined;
  negated: Weights | undefined;
  next: Map<Entry, Weights> | undefined;
}
/** The entry of every string the model has no feature for. */
const NONE: Entry = { w: undefined, negated: undefined, next: undefined };

/** What the model does with a word: its raw form (no apostrophes) and that form's stem. */
export interface ModelWord {
  /** A clause break ("but"): the raw word is the feature. */
  isBreak: boolean;
  isNegator: boolean;
  raw: Entry;
  stem: Entry;
}

/**
 * The model's weights indexed by string. A pair feature "prev_stem" has exactly one "_" (tokens
 * are letters, digits and apostrophes), so `entry(prev).next.get(entry(stem))` finds exactly the
 * weights that `model.weights.get(\`${prev}_${stem}\`)` finds.
 */
interface ModelIndex {
  entries: Map<string, Entry>;
  start: Entry;
  punct: Entry;
  end: Entry;
  lex: Weights | undefined;
  absLex: Weights | undefined;
  neg: Weights | undefined;
  emoPositive: Weights | undefined;
  emoNegative: Weights | undefined;
  emoNeutral: Weights | undefined;
  question: Weights | undefined;
  caps: Weights | undefined;
}

const INDEXES = new WeakMap<SentimentModel, ModelIndex>();

function modelIndex(model: SentimentModel): ModelIndex {
  let index = INDEXES.get(model);
  if (index) return index;
  const entries = new Map<string, Entry>();
  const entry = (s: string): Entry => {
    let e = entries.get(s);
    if (!e) entries.set(s, e = { w: undefined, negated: undefined, next: undefined });
    return e;
  };
  for (const [f, w] of model.weights) {
    const u = f.indexOf('_');
    if (u >= 0) (entry(f.slice(0, u)).next ??= new Map()).set(entry(f.slice(u + 1)), w);
    else if (f.startsWith('!')) entry(f.slice(1)).negated = w;
    else entry(f).w = w;
  }
  const get = (f: string) => model.weights.get(f);
  index = {
    entries, start: entries.get('<s>') ?? NONE, punct: entries.get('<p>') ?? NONE, end: entries.get('</s>') ?? NONE,
    lex: get('LEX'), absLex: get('|LEX|'), neg: get('NEG'), emoPositive: get('emo+'), emoNegative: get('emo-'),
    emoNeutral: get('emo0'), question: get('?'), caps: get('CAPS'),
  };
  INDEXES.set(model, index);
  return index;
}

/** The strings the model has features for: words worth resolving (`modelWord`) once and keeping. */
export function modelStrings(model: SentimentModel): Iterable<string> {
  return modelIndex(model).entries.keys();
}

/** What the model does with a token's key (as modelFeatures does: apostrophes dropped, then stemmed). */
export function modelWord(model: SentimentModel, key: string): ModelWord {
  const { entries } = modelIndex(model);
  const raw = key.includes("'") || key.includes('’') ? key.replace(/['’]/g, '') : key;
  return { isBreak: BREAKS.has(raw), isNegator: NEGATORS.has(raw), raw: entries.get(raw) ?? NONE, stem: entries.get(stem(raw)) ?? NONE };
}

/**
 * Same as `predict(model, modelFeatures(tokens), lexicon, out)`, bit for bit (the weights are added
 * in the same order), but straight from the token columns: no feature strings, no feature array.
 */
export function predictTokens(model: SentimentModel, t: TokenColumns, lexicon: number, out: number[] = [0, 0, 0]): number[] {
  const ix = modelIndex(model);
  let a = model.bias[0]!, b = model.bias[1]!, c = model.bias[2]!;
  let w = ix.lex;
  if (w) { a += w[0]! * lexicon; b += w[1]! * lexicon; c += w[2]! * lexicon; }
  w = ix.absLex;
  if (w) { const x = Math.abs(lexicon); a += w[0]! * x; b += w[1]! * x; c += w[2]! * x; }
  let negated = false;
  let prev = ix.start;
  let questions = 0, caps = 0, words = 0;
  for (let i = 0; i < t.length; i++) {
    const kind = t.kind[i]!;
    if (kind === PUNCT) {
      negated = false;
      if (t.flags[i]! & F_QUESTION) questions++;
      prev = ix.punct;
      continue;
    }
    if (kind === SYMBOL) {
      const score = t.score[i]!;
      w = score > 0 ? ix.emoPositive : score < 0 ? ix.emoNegative : ix.emoNeutral;
      if (w) { a += w[0]!; b += w[1]!; c += w[2]!; }
      continue;
    }
    const word = t.model[i]!;
    words++;
    if (t.flags[i]! & F_CAPS) caps++;
    if (word.isBreak) {
      negated = false;
      w = word.raw.w;
      if (w) { a += w[0]!; b += w[1]!; c += w[2]!; }
      prev = word.raw;
      continue;
    }
    const s = word.stem;
    if (word.isNegator) {
      negated = true;
      w = ix.neg;
    } else w = negated ? s.negated : s.w;
    if (w) { a += w[0]!; b += w[1]!; c += w[2]!; }
    w = prev.next?.get(s);
    if (w) { a += w[0]!; b += w[1]!; c += w[2]!; }
    prev = s;
  }
  if (words > 0 && (w = prev.next?.get(ix.end))) { a += w[0]!; b += w[1]!; c += w[2]!; }
  if (questions && (w = ix.question)) { a += w[0]!; b += w[1]!; c += w[2]!; }
  if (caps >= 3 && caps * 2 >= words && (w = ix.caps)) { a += w[0]!; b += w[1]!; c += w[2]!; }
  const m = Math.max(a, b, c);
  const ea = Math.exp(a - m), eb = Math.exp(b - m), ec = Math.exp(c - m);
  const z = ea + eb + ec;
  out[0] = ea / z; out[1] = eb / z; out[2] = ec / z;
  return out;
}

/** Class probabilities [negative, neutral, positive] for the features, plus the lexicon score as a numeric feature. */
export function predict(model: SentimentModel, features: readonly string[], lexicon: number, out = [0, 0, 0]): number[] {
  let a = model.bias[0]!, b = model.bias[1]!, c = model.bias[2]!;
  const lw = model.weights.get('LEX');
  if (lw) { a += lw[0]! * lexicon; b += lw[1]! * lexicon; c += lw[2]! * lexicon; }
  const la = model.weights.get('|LEX|');
  if (la) { const x = Math.abs(lexicon); a += la[0]! * x; b += la[1]! * x; c += la[2]! * x; }
  for (const f of features) {
    const w = model.weights.get(f);
    if (w) { a += w[0]!; b += w[1]!; c += w[2]!; }
  }
  const m = Math.max(a, b, c);
  const ea = Math.exp(a - m), eb = Math.exp(b - m), ec = Math.exp(c - m);
  const z = ea + eb + ec;
  out[0] = ea / z; out[1] = eb / z; out[2] = ec / z;
  return out;
}
