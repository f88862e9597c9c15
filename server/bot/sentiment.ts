// Sentiment of one visitor message, -1 … +1. Lexicon-based like natural's analyser, but with
// negation scoped to the clause, contractions as negators, intensifiers and diminishers, caps,
// ! and ?! emphasis, emoji and emoticons, support-chat phrases, polite words and sarcasm.
import type { Language, SentimentResult } from './types';
import { SYMBOLS, buildLexicon, type Lexicon } from './sentiment-lexicon';
import { stripAccents } from './text';

/** A negated word keeps this share of its score, with the opposite sign ("not good" ≈ -0.6 × good). */
export const NEGATION_FACTOR = -0.6;
/** Multiplier for a sentiment word written in capitals. */
export const CAPS_FACTOR = 1.5;
/** Normalisation constant: score = sum / sqrt(sum² + ALPHA) (as in VADER). */
export const ALPHA = 15;
/** How many neutral words an intensifier may skip before it lapses ("so very much"). */
const MODIFIER_REACH = 2;

type Token =
  | { kind: 'word'; text: string; key: string; caps: boolean }
  | { kind: 'punct'; text: string }
  | { kind: 'symbol'; score: number };

interface Item { score: number; at: number; polite: boolean; sarcasmProne: boolean; afterBut: boolean; beforeBut: boolean }

const ASCII_EMOTICONS = [...SYMBOLS.keys()].filter((k) => /^[\x20-\x7e]+$/.test(k)).sort((a, b) => b.length - a.length);
const TOKEN_RE = new RegExp(
  `(?<=^|\\s)(${ASCII_EMOTICONS.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=$|\\s|[.,!?])` +
    `|(\\p{Extended_Pictographic}\\uFE0F?)` +
    `|([\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*)` +
    `|([.,;:!?…]+)`,
  'gu',
);

export function tokenizeForSentiment(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const [, emoticon, emoji, word, punct] = m;
    if (emoticon) tokens.push({ kind: 'symbol', score: SYMBOLS.get(emoticon) ?? 0 });
    else if (emoji) tokens.push({ kind: 'symbol', score: SYMBOLS.get(emoji) ?? SYMBOLS.get(emoji.replace('\uFE0F', '')) ?? 0 });
    else if (word) {
      const key = stripAccents(word.toLowerCase().replace(/’/g, "'"));
      const letters = word.replace(/[^\p{L}]/gu, '');
      tokens.push({ kind: 'word', text: word, key, caps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() });
    } else if (punct) tokens.push({ kind: 'punct', text: punct });
  }
  return tokens;
}

/** Longest phrase from `map` starting at token i (up to 4 words), as [value, length]. */
function matchPhrase(tokens: Token[], i: number, map: ReadonlyMap<string, number>): [number, number] | undefined {
  for (let len = 4; len >= 2; len--) {
    const words: string[] = [];
    for (let j = i; j < i + len && j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind !== 'word') break;
      words.push(t.key);
    }
    if (words.length !== len) continue;
    const value = map.get(words.join(' '));
    if (value !== undefined) return [value, len];
  }
  return undefined;
}

function isNegator(key: string, lexicon: Lexicon): boolean {
  return lexicon.negators.has(key) || key.endsWith("n't");
}

export function scoreSentiment(text: string, lexicon: Lexicon): SentimentResult {
  const tokens = tokenizeForSentiment(text);
  const items: Item[] = [];
  let negated = false;
  let modifier = 1;
  let modifierAge = 0;
  let seenBut = false;
  const push = (score: number, at: number, polite = false, sarcasmProne = false) =>
    items.push({ score, at, polite, sarcasmProne, afterBut: seenBut, beforeBut: false });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      negated = false;
      modifier = 1;
      continue;
    }
    if (t.kind === 'symbol') {
      push(t.score, i);
      continue;
    }
    if (modifier !== 1 && ++modifierAge > MODIFIER_REACH + 1) modifier = 1;
    if (lexicon.clauseBreaks.has(t.key)) {
      negated = false;
      modifier = 1;
      if (t.key === 'but' || t.key === 'pero') {
        for (const it of items) it.beforeBut = true;
        seenBut = true;
      }
      continue;
    }
    const mod = matchPhrase(tokens, i, lexicon.modifiers);
    if (mod) {
      modifier *= mod[0];
      modifierAge = 0;
      i += mod[1] - 1;
      continue;
    }
    const phrase = matchPhrase(tokens, i, lexicon.phrases);
    if (phrase) {
      const polite = phrase[0] > 0 && lexicon.politeness.has(t.key) || t.key === 'many' || t.key === 'muchas';
      push(phrase[0] * modifier, i, polite);
      modifier = 1;
      i += phrase[1] - 1;
      continue;
    }
    if (isNegator(t.key, lexicon)) {
      negated = true;
      continue;
    }
    const m = lexicon.modifiers.get(t.key);
    if (m !== undefined) {
      modifier *= m;
      modifierAge = 0;
      continue;
    }
    if (negated && lexicon.negatedComplaints.has(t.key)) {
      push(-1.5, i);
      modifier = 1;
      continue;
    }
    const base = lexicon.words.get(t.key);
    if (!base) continue;
    let score = base * modifier;
    if (t.caps) score *= CAPS_FACTOR;
    if (negated) score *= NEGATION_FACTOR;
    push(score, i, lexicon.politeness.has(t.key), !negated && score > 0 && lexicon.sarcasmProne.has(t.key));
    modifier = 1;
  }

  // Sarcasm: "great, another delay" — a stock positive word followed by a complaint.
  const firstProne = items.find((it) => it.sarcasmProne);
  if (firstProne) {
    const later = tokens.slice(firstProne.at + 1);
    const cue = later.some((t) => t.kind === 'word' && lexicon.sarcasmCues.has(t.key));
    const complaint = items.some((it) => it.at > firstProne.at && it.score < 0);
    if (cue || complaint) firstProne.score = -0.5 * firstProne.score;
  }
  // In a complaint, "thanks" is politeness, not praise.
  if (items.some((it) => it.score < 0)) for (const it of items) if (it.polite && it.score > 0) it.score = 0;

  let sum = 0;
  for (const it of items) sum += it.score * (it.beforeBut ? 0.5 : it.afterBut ? 1.5 : 1);
  if (sum !== 0) sum += Math.sign(sum) * emphasis(text);
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  return { score: Math.round(score * 1000) / 1000 };
}

/** Extra magnitude for ! and ?! and repeated ?, as VADER adds for exclamation marks. */
function emphasis(text: string): number {
  const bangs = Math.min((text.match(/!/g) ?? []).length, 4);
  const questions = (text.match(/\?/g) ?? []).length;
  let extra = 0.3 * bangs;
  if (questions > 1) extra += 0.2 * Math.min(questions, 3);
  if (/\?!|!\?/.test(text)) extra += 0.3;
  return extra;
}

/** A scorer for one language, with its lexicon built once. */
export function createSentimentScorer(language: Language): (text: string) => SentimentResult {
  const lexicon = buildLexicon(language);
  return (text) => scoreSentiment(text, lexicon);
}
