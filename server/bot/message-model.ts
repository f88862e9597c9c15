// Four things a visitor's message says that neither the lexicon nor the intents see, each learned
// by a small logistic regression from messages the team wrote:
//
// - Sarcasm: "great packaging guys, a single sheet of paper, really top notch", "maybe it'll arrive
//   for christmas. which christmas i couldn't tell you". A lexicon reads the first as praise and the
//   second as nothing; a supervisor reads both as a customer fed up. The turn policy reads a
//   sarcastic message as a complaint (escalation.ts).
// - Repair: the visitor saying the last answer missed, in words no list foresees ("thanks but that
//   page only shows how to cancel", "the tracking you gave is for the one i already have"). The turn
//   policy counts it as not understood (escalation.ts).
// - Resolved: the visitor saying the matter is settled, often with grumbling left in it ("found it,
//   the guy next door took it in 🙄", "ok the reset link came, set a new password. in now"). The
//   turn policy never counts it towards a handoff (escalation.ts).
// - Person (English only): the situation is one only a person from the shop can settle ("you took
//   89.99 twice and both have cleared", "someone ordered laptops on my account"), against ones the
//   right self-service answer settles however loudly they are put ("cant log in AGAIN!!"). The turn
//   policy hands an upset visitor with such a message to a person when the bot has no sure answer.
//
// Features: stemmed words, word pairs, each emoji, scare quotes ('express'), ! and ?, a word in
// capitals and the message's length. (The sentiment lexicon's score as a feature added nothing in
// cross-validation.) Weights (message-weights.ts) come only
// from intents/{sarcasm,repair,resolved}/*.jsonl and intents/person/en.jsonl, via
// `npx tsx server/bot/message-model-train.ts`.
import type { Language } from './types';
import { stem } from './sentiment-model';
import { stripAccents } from './text';

export interface MessageModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
}

/** Per-language models, for the languages that have one. */
export type MessageModels = Partial<Record<Language, MessageModel>>;

const WORDS = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;
// A word or a few in quotes: 'express', “hassle-free returns”. Not an apostrophe inside a word.
const SCARE_QUOTES = /(?:^|[\s(])(?:'[^'\n]{2,30}'|‘[^’\n]{2,30}’|"[^"\n]{2,30}"|“[^”\n]{2,30}”)(?=$|[\s.,!?;:)])/u;

/** The sparse binary features of one message. */
export function messageFeatures(text: string): string[] {
  const out: string[] = [];
  const lower = stripAccents(text.toLowerCase());
  let prev = '<s>';
  let words = 0;
  for (const m of lower.matchAll(WORDS)) {
    const s = stem(m[0].replace(/['’]/g, ''));
    out.push(s, `${prev}_${s}`);
    prev = s;
    words++;
  }
  out.push(`${prev}_</s>`);
  for (const m of text.matchAll(EMOJI)) out.push(`E:${m[0]}`);
  if (SCARE_QUOTES.test(text)) out.push('QUOTES');
  const bangs = (text.match(/!/g) ?? []).length;
  if (bangs) out.push(bangs > 1 ? '!!' : '!');
  if (text.includes('?')) out.push('?');
  if (/\b\p{Lu}{3,}\b/u.test(text) && /\p{Ll}/u.test(text)) out.push('CAPSWORD');
  out.push(words < 6 ? 'SHORT' : words < 20 ? 'MEDIUM' : 'LONG');
  return [...new Set(out)];
}

/** P(the model's class) for a message's features. */
export function messageProbability(model: MessageModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}
