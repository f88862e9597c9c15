// The handover model: should a person take over at this message? A logistic regression over the
// visitor's words (the message models' features, message-model.ts) and what the bot read in them
// and in the conversation so far: the message's sentiment and the running score, the
// not-understood count, how sure the answer is, the sarcasm, repair, resolved and person models'
// readings, the hostile cue and the message's place in the chat. It learns from the labelled
// conversations the team measures the policy on (intents/escalation*.cases.json: whether a person
// should take over and by which message), via `npx tsx server/bot/handover-train.ts`, which writes
// handover-weights.ts.
//
// Why learned: hand rules over the same readings ("upset and emphatic", "sure it missed") each
// trade about a point of precision for a point of recall (BENCHMARKS.md); the model weighs every
// reading against the words at once ("cant log in AGAIN, 3rd time this week ugh" is grumbling the
// reset answer settles; "you've taken the money twice, 212 each. that's a week's wages" is not),
// and in cross-validation by blocks of conversations it is ahead of the hand rules on precision and
// recall in both languages (`npx tsx scripts/bench/handover.ts`).
import type { Language } from './types';
import { messageProbability, type MessageModel, type MessageModels } from './message-model';
import { HANDOVER_MODELS } from './handover-weights';

/** What the bot read at one visitor message, before deciding. */
export interface TurnSignals {
  /** 1-based visitor message number. */
  turn: number;
  /** The message's sentiment as the policy reads it (sarcasm lowers it; a settled message reads no worse than neutral). */
  sentiment: number;
  /** The running score after this message. */
  running: number;
  /** The not-understood count before and after this message. */
  fallbacksBefore: number;
  fallbacks: number;
  /** The intent answered (null when none) and its confidence. */
  intent: string | null;
  confidence: number;
  /** P(sarcastic), P(only a person can settle it), P(says the last answer missed), P(says it is settled); 0 where a model does not apply. */
  sarcasm: number;
  person: number;
  repair: number;
  resolved: number;
  hostile: boolean;
}

/** The smallest bin whose upper bound holds x, or the number of bounds. */
function bin(x: number, bounds: readonly number[]): number {
  const i = bounds.findIndex((b) => x <= b);
  return i === -1 ? bounds.length : i;
}

/** The handover model's features: the message's words (message-model.ts) and the bot's readings, binned. */
export function handoverFeatures(words: readonly string[], s: TurnSignals, language: Language): string[] {
  const out = words.map((w) => `w:${w}`);
  out.push(
    s.turn === 1 ? 'T1' : s.turn === 2 ? 'T2' : 'T3',
    `S:${bin(s.sentiment, [-0.8, -0.6, -0.4, -0.2, 0, 0.3])}`,
    `RUN:${bin(s.running, [-0.9, -0.7, -0.5, -0.3, -0.1, 0.2])}`,
    `FB:${Math.min(s.fallbacks, 3)}`,
    `PREVFB:${Math.min(s.fallbacksBefore, 3)}`,
    `I:${s.intent === null ? 'none' : s.confidence >= 0.8 ? 'hi' : s.confidence >= 0.5 ? 'mid' : 'lo'}`,
    `SARC:${bin(s.sarcasm, [0.3, 0.6, 0.8, 0.9])}`,
    `PERS:${language === 'en' ? bin(s.person, [0.3, 0.6, 0.9]) : 'x'}`,
    `REP:${s.turn > 1 ? bin(s.repair, [0.3, 0.6, 0.9]) : 'x'}`,
    `RES:${s.turn > 1 ? bin(s.resolved, [0.3, 0.6, 0.9]) : 'x'}`,
    `HOST:${s.hostile ? 1 : 0}`,
  );
  return out;
}

/** P(a person should take over now), or null for a language without a model. */
export function handoverProbability(language: Language, features: readonly string[], models: MessageModels = HANDOVER_MODELS): number | null {
  const model: MessageModel | undefined = models[language];
  return model ? messageProbability(model, features) : null;
}

/** The n features that weigh most (either way) in the handover model's reading of a message, for `explain`. */
export function handoverContributions(language: Language, features: readonly string[], n: number, models: MessageModels = HANDOVER_MODELS): [string, number][] {
  const model = models[language];
  if (!model) return [];
  return features.map((f): [string, number] => [f, model.weights.get(f) ?? 0]).filter(([, w]) => w !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, n);
}
