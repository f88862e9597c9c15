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

const NEGATORS = new Set(('not no never nobody nothing none cannot without ' +
  "dont doesnt didnt wont cant isnt arent wasnt werent hasnt havent hadnt couldnt shouldnt wouldnt aint").split(' '));
const BREAKS = new Set(['but', 'however', 'although', 'though']);

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

/** The sparse binary features of one message, from the scorer's tokens. */
export function modelFeatures(tokens: readonly ModelToken[]): string[] {
  const out: string[] = [];
  let negated = false;
  let prev = '<s>';
  let bangs = 0, questions = 0, caps = 0, words = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      negated = false;
      if (t.text!.includes('!')) bangs++;
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
  if (bangs) out.push(bangs > 1 ? '!!' : '!');
  if (questions) out.push('?');
  if (caps >= 3 && caps * 2 >= words) out.push('CAPS');
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
