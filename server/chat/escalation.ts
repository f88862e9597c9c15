// One bot turn, decided purely from the engine, the conversation's bot memory and the text (P9).
import type { BotEngine, BotMemory, TurnDecision } from '../bot/types';
import type { EscalationReason } from '../../shared/protocol';
import { DECLINED_REPLY, DEFAULT_FALLBACK, PERSON_OFFER } from '../bot/engine';
import { PERSON_AT, RESOLVED_AT, SARCASTIC_AT, SAID_MESSAGES, contentStems, declinesPerson, hostility, opensChat, repair, repairProbability, repairReading, personProbability, repeats, resolvedProbability, sarcasm, settled } from '../bot/cues';
import { handoverFeatures, handoverProbability, type TurnSignals } from '../bot/handover';
import { LABEL_THRESHOLDS } from '../bot/sentiment';
import { messageFeatures, type MessageModels } from '../bot/message-model';
import { HANDOVER_MODELS } from '../bot/handover-weights';

/** The intent that means "let me talk to a person"; it escalates with reason `requested`. */
export const HUMAN_INTENT = 'human';
/**
 * The running score never rises above this, so a polite start ("hi, thanks!") cannot bank enough
 * goodwill to hide anger that follows.
 */
export const RUNNING_CEILING = 0.5;

/**
 * A sarcastic message (P(sarcastic) ≥ SARCASTIC_AT in bot/cues.ts) scores at most -SARCASM_SCORE,
 * however much praise its words hold: "Love how 'express delivery' means 11 days. Truly blazing
 * fast" is a complaint. Chosen on the development conversations (BENCHMARKS.md).
 */
export const SARCASM_SCORE = 0.8;
/** When the handover model hands over, a message this negative (≤ -UPSET_AT) gives the reason `sentiment` even if it also says the answer missed. */
export const UPSET_AT = 0.8;

/** A message's sentiment as the turn policy reads it: the scorer's, or lower when the message is sarcastic. */
export function readSentiment(engine: BotEngine, text: string, features?: readonly string[], sarcasmP?: number): { score: number; sarcastic?: number } {
  const score = engine.sentiment(text).score;
  const p = sarcasmP ?? sarcasm(text, engine.language, features);
  return p >= SARCASTIC_AT ? { score: Math.min(score, -SARCASM_SCORE), sarcastic: p } : { score };
}

export function initialMemory(): BotMemory {
  return { running: 0, fallbacks: 0, said: [] };
}

/** The repair cue reported when the visitor repeats an earlier message. */
export const REPEATED = '(says again what an earlier message said)';

/** The conversation's running sentiment after one more visitor message. */
export function nextRunning(running: number, score: number, settings: BotEngine['settings']): number {
  return round(Math.min(running * settings.sentimentDecay + score, RUNNING_CEILING));
}

/** Stable 0..1 value from the text, so the same message gets the same response without randomness. */
export function textPick(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/**
 * A handoff costs a person's time, so an intent that hands off (the human intent, or one marked
 * `escalate`) must match at least this surely. Below it the bot says it did not understand and
 * offers a person instead: "perfect" must not read as "a person, please".
 */
export const HANDOFF_MIN_CONFIDENCE = 0.45;

/**
 * A message the bot did not understand whose sentiment is at least this (the "positive" label's
 * lower bound, LABEL_THRESHOLDS in bot/sentiment.ts), or that is not negative and says thanks or
 * that the matter is settled, does not count as the visitor being stuck.
 */
export const CONTENT_AT_OR_ABOVE = LABEL_THRESHOLDS.positiveAtOrAbove;

/**
 * Classifies the message, updates running sentiment and the not-understood count, and decides
 * whether to answer or escalate. Reasons, most specific first:
 * - `requested`: the human intent;
 * - `sentiment`: running ≤ -sentimentThreshold (a sarcastic message scores as a complaint);
 * - `intent`: another intent marked escalate;
 * - `sentiment` again for a hostile message (an insult, swearing, a threat, an accusation of
 *   fraud, shouting);
 * - `fallback`: fallbacksBeforeHandoff not-understood in a row. A message saying the last answer
 *   missed counts as not understood (the repair phrases also replace the answer with an apology;
 *   the repair model and saying the same thing again only count); a pleased message, one the
 *   resolved model is sure settles the matter, and one of the bot's own quick replies never count;
 * - the handover model (bot/handover.ts) at handoverThreshold or above (1 turns it off):
 *   `sentiment` when the message reads negative, `fallback` when the visitor is calm but stuck or
 *   says the last answer missed without being plainly upset. It weighs the words with every
 *   reading above, so it hands over the sarcastic, the plainly angry and the politely stuck that
 *   no single rule catches, and leaves grumbling the answer settles to the bot.
 * When it escalates there is no reply, except the escalating intent's own response for `intent`;
 * the chat domain posts it before saying a person is coming.
 */
export function decideTurn(engine: BotEngine, memory: BotMemory, text: string, pick?: number, models: MessageModels = HANDOVER_MODELS): TurnDecision {
  const { settings } = engine;
  const r = readTurn(engine, memory, text);
  const { c, intent, sentiment, running, fallbacks, hostile, sarcastic, repaired, missed, repeated } = r;
  const handover = handoverProbability(engine.language, handoverFeatures(r.features, r.signals, engine.language), models);

  let escalate: EscalationReason | undefined;
  let person = false;
  if (c.intent === HUMAN_INTENT) escalate = 'requested';
  else if (running <= -settings.sentimentThreshold) escalate = 'sentiment';
  else if (intent?.escalate) escalate = 'intent'; // the site's own intent for this moment, with its answer
  else if (hostile) escalate = 'sentiment';
  else if (fallbacks >= settings.fallbacksBeforeHandoff) escalate = 'fallback';
  // A visitor who has just said they do not want a person is not handed to one by the model.
  else if (handover !== null && !r.declined && settings.handoverThreshold < 1 && handover >= settings.handoverThreshold) {
    // The handover model says a person should take over. A negative message is `sentiment`, and a
    // calm one the bot could not help, `fallback`; so is a visitor saying the last answer missed
    // (or the same thing again) unless plainly upset: a polite correction ("Sorry, I don't mean my
    // account address") reads -0.66, "this is ridiculous, still waiting!!" -0.91.
    const saidItMissed = repaired !== null || missed !== null || repeated;
    escalate = sentiment <= -UPSET_AT || (!saidItMissed && sentiment < 0) ? 'sentiment' : 'fallback';
    person = r.signals.person >= PERSON_AT;
  }

  const base = {
    intent: c.intent, confidence: c.confidence, sentiment, memory: r.memory,
    ...(hostile ? { hostile: hostile.cue } : {}),
    ...(sarcastic !== undefined ? { sarcastic: Math.round(sarcastic * 100) / 100 } : {}),
    ...(repaired ? { repair: repaired.cue } : missed ? { repair: missed.cue } : repeated ? { repair: REPEATED } : {}),
    ...(person ? { person } : {}),
    ...(r.declined ? { declined: r.declined.cue } : {}),
    ...(handover !== null ? { handover: Math.round(handover * 1000) / 1000 } : {}),
  };
  // An escalate:true intent keeps its own answer (the site wrote it for this moment); the
  // other reasons hand over silently and the chat domain says a person is coming.
  if (escalate === 'intent') return { ...base, escalate, reply: engine.respond(c.intent, pick ?? textPick(text)) };
  if (escalate) return { ...base, escalate };
  // Declining the person the fallback offered gets a plain "no problem", not the fallback again.
  if (r.declined && c.intent === null) return { ...base, reply: { text: DECLINED_REPLY[engine.language] } };
  const reply = engine.respond(c.intent, pick ?? textPick(text));
  // The fallback answer offers a person by itself (the built-in one does; a site's own should).
  if (c.intent === null) return { ...base, memory: { ...r.memory, offeredAt: r.memory.turns }, reply };
  if (offersPerson(settings, r, handover)) {
    const offer = PERSON_OFFER[engine.language];
    return {
      ...base, offered: true, memory: { ...r.memory, offeredAt: r.memory.turns },
      reply: { text: `${reply.text} ${offer.text}`, quickReplies: [...(reply.quickReplies ?? []).filter((q) => q !== offer.button), offer.button] },
    };
  }
  return { ...base, reply };
}

/** Messages between two offers of a person by the offer band (an offer, then at least two messages without). */
export const OFFER_EVERY = 3;

/**
 * Whether an answered message also offers a person: the handover model reads it at offerThreshold
 * or above (and, since the turn did not escalate, below handoverThreshold), the visitor is
 * unhappy with it (the message reads negative or says the last answer missed), has not declined a
 * person in this chat, and was not offered one in the last OFFER_EVERY - 1 answers. Thanks and
 * a settled matter never read negative, so a pleased visitor is not offered anyone.
 */
function offersPerson(settings: BotEngine['settings'], r: TurnReading, handover: number | null): boolean {
  if (handover === null || settings.offerThreshold >= 1 || handover < settings.offerThreshold) return false;
  if (r.declined || r.memory.declinedPerson) return false;
  const unhappy = r.sentiment < 0 || r.repaired !== null || r.missed !== null || r.repeated;
  const last = r.memory.offeredAt;
  return unhappy && (last === undefined || r.memory.turns! - last >= OFFER_EVERY);
}

/** Everything the policy reads in one visitor message, before it decides. */
export interface TurnReading {
  /** The classification the bot answers with (no intent when the visitor said the last answer missed in set phrases). */
  c: ReturnType<BotEngine['classify']>;
  intent: ReturnType<BotEngine['intent']> | undefined;
  sentiment: number;
  running: number;
  fallbacks: number;
  hostile: ReturnType<typeof hostility>;
  sarcastic?: number;
  repaired: ReturnType<typeof repair>;
  missed: ReturnType<typeof repairReading>;
  repeated: boolean;
  /** The visitor's words declining a person, when there are any (cues.ts declinesPerson). */
  declined: ReturnType<typeof declinesPerson>;
  memory: BotMemory;
  /** The message models' features of the text, and the readings the handover model weighs. */
  features: string[];
  signals: TurnSignals;
}

/**
 * Reads one visitor message: the intent, the sentiment and running score, the not-understood
 * count, and the cues (hostile words, sarcasm, the visitor saying the last answer missed or that
 * the matter is settled, saying the same thing again). Pure; the handover model learns from it
 * (bot/handover-train.ts).
 */
export function readTurn(engine: BotEngine, memory: BotMemory, text: string): TurnReading {
  const { settings } = engine;
  const classified = builtInPersonButton(engine, text) ?? engine.classify(text);
  const hands = classified.intent === HUMAN_INTENT || (classified.intent !== null && engine.intent(classified.intent)?.escalate);
  // "That's not what I asked" counts as not understood even when an intent matched: the visitor
  // says the last answer missed, and the words of the complaint match intents by accident ("not
  // what I asked" reads like a wrong item), so the bot apologises and offers a person instead.
  // Saying the same thing again counts towards the handoff too (the answer did not help), but is
  // still answered: it may be a fair question asked twice. An intent that hands over (a person,
  // or the site's own escalate:true) is never overruled by either.
  const stems = contentStems(text, engine.language);
  // One of the bot's own quick replies ("It has already shipped", "No, eso es todo") is a button the
  // visitor pressed: an answer to the bot, never a correction, sarcasm or the same thing said again.
  const button = pressedButton(engine, text);
  const said = button ? null : repair(text, engine.language);
  // Declining a person ("no need for a person, I found it"; "no thanks" right after the fallback
  // answer offered one) is an answer to the bot, not a request: the person words must not read as
  // one, and it is not a message the bot failed to follow. A decline that names the person wins
  // over the repair phrases ("no, I don't need a person"); a bare one does not ("no thanks, that
  // doesn't help" says the answer missed).
  const turn = (memory.turns ?? memory.said?.length ?? 0) + 1;
  // A chat opened with greetings only ("hola buenas", "hi, quick question") starts on the first
  // message about the visitor's matter: that one is its first turn, not a reply to the bot's
  // greeting, and the greetings are neither misses nor things the visitor might say again.
  const greeted = memory.greetings ?? 0;
  const opening = greeted === turn - 1 && opensChat(text, engine.language);
  const topicTurn = opening ? 1 : turn - greeted;
  const offered = memory.fallbacks > 0 || (memory.offeredAt !== undefined && memory.offeredAt === turn - 1);
  const offer = button ? null : declinesPerson(text, engine.language, offered);
  const declined = offer && (offer.named || !said) ? offer : null;
  const requested = hands && !(declined && classified.intent === HUMAN_INTENT);
  const repaired = requested || button || declined?.named ? null : said;
  // The repair model (once the bot has answered something) counts like saying the same thing
  // again, and the message is still answered: on the development conversations it also fires on
  // 8% of calm visitors' follow-ups ("i have a uni email does that work"), which deserve their
  // answer; letting it clear the intent too bought almost no recall (BENCHMARKS.md).
  const features = messageFeatures(text); // read by every message model
  const later = topicTurn > 1;
  const answered = !requested && !repaired && !button && !declined && later && (memory.said?.length ?? 0) > 0;
  // The resolved model: after an answer, the visitor says the matter is settled ("ok found the
  // rebooking link in the dispatch email, picked saturday", "found it in spam. of course it was in
  // spam. thanks"). Such a message is not a correction, not sarcasm and not a complaint, whatever
  // its words: it never counts towards a handoff and reads no worse than neutral. When the repair
  // model is surer that the answer missed, the repair reading stands.
  const settledP = later ? resolvedProbability(text, engine.language, features) : 0;
  const repairP = later ? repairProbability(text, engine.language, features) : 0;
  const modelMissed = answered ? repairReading(repairP) : null; // answered implies a later message, so repairP is read
  const resolved = answered && settledP >= RESOLVED_AT && settledP > (modelMissed?.probability ?? 0);
  const missed = resolved ? null : modelMissed;
  const repeated = !requested && !repaired && !missed && !resolved && !button && !declined && repeats(stems, memory.said ?? []);
  const c = repaired || (hands && (!requested || classified.confidence < HANDOFF_MIN_CONFIDENCE)) ? { ...classified, intent: null } : classified;
  // Neither a settled message nor a button is read for sarcasm; a settled one reads no worse than neutral.
  const sarcasmP = sarcasm(text, engine.language, features);
  const read = resolved || button || declined ? { score: engine.sentiment(text).score } : readSentiment(engine, text, features, sarcasmP);
  const { sarcastic } = read;
  const sentiment = resolved || declined ? Math.max(0, read.score) : read.score;
  const running = nextRunning(memory.running, sentiment, settings);
  const hostile = hostility(text, engine.language, sentiment);
  // A pleased or settled visitor is not stuck. One the bot did not follow ("found it, all sorted
  // now ta", "oh it's only for orders over £40? ok that's why") neither counts towards a handoff
  // nor resets the count; one it did follow resets it even if the message repeats earlier words
  // ("Found it under Subscriptions and paused it until September. Thank you"). Thanks inside a
  // correction ("thank you, but that only explains how to cancel it") is politeness, not content.
  // (Only asked where it changes the count: a matched message that neither repeats nor corrects
  // resets it anyway, so most messages skip the settled-words scan.)
  const pleased = resolved || declined !== null || ((c.intent === null || repeated) && !repaired && !missed &&
    (sentiment >= CONTENT_AT_OR_ABOVE || (sentiment >= 0 && settled(text, engine.language))));
  const fallbacks = opening ? memory.fallbacks : pleased ? (c.intent === null ? memory.fallbacks : 0) : c.intent === null || missed || repeated ? memory.fallbacks + 1 : 0;
  const next: BotMemory = {
    running, fallbacks, said: opening ? memory.said ?? [] : [...(memory.said ?? []), stems].slice(-SAID_MESSAGES), turns: turn,
    ...(opening || greeted > 0 ? { greetings: opening ? greeted + 1 : greeted } : {}),
    ...(memory.offeredAt !== undefined ? { offeredAt: memory.offeredAt } : {}),
    ...(memory.declinedPerson || declined ? { declinedPerson: true } : {}),
  };
  const intent = c.intent === null ? undefined : engine.intent(c.intent);
  const signals: TurnSignals = {
    turn: topicTurn, sentiment, running, fallbacksBefore: memory.fallbacks, fallbacks, intent: c.intent, confidence: c.confidence,
    sarcasm: button ? 0 : sarcasmP, person: personProbability(text, engine.language, features), repair: repairP, resolved: settledP, hostile: hostile !== null,
  };
  return { c, intent, sentiment, running, fallbacks, hostile, ...(sarcastic !== undefined ? { sarcastic } : {}), repaired, missed, repeated, declined, memory: next, features, signals };
}

/** Whether the message is one of the file's quick replies, as the button sends it (case and end punctuation aside). */
function pressedButton(engine: BotEngine, text: string): boolean {
  const norm = (t: string) => t.trim().toLowerCase().replace(/[\s.!?¡¿]+$/u, '');
  const said = norm(text);
  return said.length > 0 && engine.quickReplies.some((q) => norm(q) === said);
}

/**
 * The built-in "Talk to a person" button (the built-in fallback's, and the offer band's in every
 * file) asks for a person. In a file with no `human` intent, or one whose examples do not cover
 * the button's words, tapping it would otherwise be one more message the bot does not understand.
 */
function builtInPersonButton(engine: BotEngine, text: string): ReturnType<BotEngine['classify']> | null {
  const said = text.trim().toLowerCase();
  if (!DEFAULT_FALLBACK[engine.language].quickReplies.some((q) => q.toLowerCase() === said)) return null;
  return { intent: HUMAN_INTENT, confidence: 1, ranking: [{ intent: HUMAN_INTENT, score: 1 }] };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
