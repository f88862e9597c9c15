// The bot's contract with the chat domain. The implementation lives beside this file.
import type { EscalationReason } from '../../shared/protocol';

export type Language = 'en' | 'es';

export interface IntentSettings {
  /** Below this classifier confidence (0..1) the bot says it did not understand. */
  confidenceThreshold: number;
  /** The conversation escalates when its running sentiment falls to -sentimentThreshold or below. */
  sentimentThreshold: number;
  /** How many not-understood messages in a row before a handoff (P9 `fallback`, default 4). */
  fallbacksBeforeHandoff: number;
  /** The handover model's P(a person should take over now) at which the bot hands over (bot/handover.ts). */
  handoverThreshold: number;
  /**
   * From this P(a person should take over now) up to handoverThreshold, an answer to a message that
   * reads negative or says the last answer missed also offers a person (chat/escalation.ts).
   */
  offerThreshold: number;
  /** Weight kept from the previous running score at each visitor message (0..1). */
  sentimentDecay: number;
}

export interface Intent {
  name: string;
  examples: string[];
  responses: string[];
  quickReplies?: string[];
  /** Regular expressions (case-insensitive) that win over the classifier. */
  patterns?: string[];
  /** When this intent matches, the conversation escalates (P9 `intent`). */
  escalate?: boolean;
}

export interface IntentsFile {
  $schema?: string;
  language: Language;
  settings?: Partial<IntentSettings>;
  /** Message the bot sends when it did not understand. */
  fallback?: { responses: string[]; quickReplies?: string[] };
  /**
   * What the bot should not answer. `builtIn` (default true) adds the shipped off-topic examples
   * (server/bot/off-topic/<language>.txt); `examples` are the site's own. Both are learned as
   * one "none of these intents" class.
   */
  outOfScope?: { builtIn?: boolean; examples?: string[] };
  intents: Intent[];
}

export interface Classification {
  /** Best intent, or null when below the confidence threshold (out of scope). */
  intent: string | null;
  confidence: number;
  /**
   * Top intents, best first, with scores in 0..1. With `explain`, also each half's own
   * probability for the intent: the lexical model's and the sentence-vector model's.
   */
  ranking: Array<{ intent: string; score: number; lexical?: number; vectors?: number }>;
  /** The pattern that decided the intent, when one did. */
  pattern?: string;
  /**
   * With `explain`: the share (0..1) of the message's TF-IDF weight on features the examples
   * know; the fused probability was multiplied by coverage^coverageExponent.
   */
  coverage?: number;
  coverageExponent?: number;
  /**
   * With `explain`, when the bot has out-of-scope examples: the probability of their class (the
   * share it took from the intents' probabilities, so from their confidence).
   */
  outOfScope?: number;
}

export interface SentimentResult {
  /** -1 (very negative) … +1 (very positive); 0 is neutral. */
  score: number;
}

export interface BotEngine {
  readonly file: string;
  readonly language: Language;
  readonly settings: IntentSettings;
  classify(text: string, options?: { explain?: boolean }): Classification;
  sentiment(text: string): SentimentResult;
  intent(name: string): Intent | undefined;
  /**
   * Every quick reply the file offers (its intents' and its fallback's), each once, in file order.
   * The built-in fallback's "Talk to a person" is not among them: the turn policy answers it.
   */
  readonly quickReplies: readonly string[];
  /** A response for the intent (or the fallback when name is null), chosen by `pick` (0..1). */
  respond(name: string | null, pick?: number): { text: string; quickReplies?: string[] };
}

/** Per-conversation memory the chat domain stores and hands back each turn. */
export interface BotMemory {
  running: number;
  fallbacks: number;
  /** Content-word stems of the visitor's last few messages (absent in conversations stored before it existed). */
  said?: string[][];
  /** How many visitor messages the bot has read (absent in conversations stored before it existed). */
  turns?: number;
  /** How many messages opened the chat with greetings only, before the first about the visitor's matter. */
  greetings?: number;
  /** The visitor message (its `turns` count) whose answer last offered a person, by the offer band or the fallback. */
  offeredAt?: number;
  /** Set once the visitor has declined a person: the bot stops offering one unasked. */
  declinedPerson?: boolean;
}

export interface TurnDecision {
  intent: string | null;
  confidence: number;
  sentiment: number;
  memory: BotMemory;
  /** What the bot says, unless the turn escalates silently. */
  reply?: { text: string; quickReplies?: string[] };
  escalate?: EscalationReason;
  /** The hostile cue in the message (an insult, swearing, a threat, shouting), when there is one. */
  hostile?: string;
  /** The visitor's words saying the last answer missed ("that's not what I asked"), when there are any. */
  repair?: string;
  /** P(sarcastic) by the sarcasm model, when the message reads as sarcastic (`sentiment` is then lowered). */
  sarcastic?: number;
  /** True when the handover model handed this message over and the person model is sure only a person can settle it. */
  person?: boolean;
  /** P(a person should take over now) by the handover model (bot/handover.ts), for a language with one. */
  handover?: number;
  /** The visitor's words declining a person ("no need for a person"), when there are any: no handover by the model, no request. */
  declined?: string;
  /** True when the answer also offers a person (offerThreshold ≤ handover < handoverThreshold). */
  offered?: boolean;
}

/** One problem in an intents file: file, JSON path (like `$.intents[3].examples`) and reason. */
export interface IntentsProblem { file: string; path: string; reason: string }
