// The bot engine: an intents file turned into a classifier, a sentiment scorer and responses.
import type { BotEngine, IntentsFile, Intent, Language } from './types';
import { trainClassifier, trainClassifierAsync, type ClassifierOptions, type IntentClassifier } from './classifier';
import { loadIntentsFile, resolveSettings } from './intents';
import { createSentimentScorer } from './sentiment';
import { englishVectors } from './vectors';
import { offTopicExamples } from './off-topic';
import { englishWords, spanishWords } from './dictionary';

/** Said when the intents file has no `fallback`, in the file's language. */
export const DEFAULT_FALLBACK: Readonly<Record<Language, { responses: readonly string[]; quickReplies: readonly string[] }>> = {
  en: {
    responses: [
      "Sorry, I didn't understand that. Could you say it another way? Or I can bring in a person.",
      "I'm not sure I got that. Try rephrasing, or ask for a person and someone from the team will help.",
    ],
    quickReplies: ['Talk to a person'],
  },
  es: {
    responses: [
      'Perdona, no te he entendido. ¿Puedes decirlo de otra forma? O te paso con una persona.',
      'No estoy seguro de haberte entendido. Prueba a decirlo de otra manera, o pide una persona y alguien del equipo te ayudará.',
    ],
    quickReplies: ['Hablar con una persona'],
  },
};

/**
 * Added to an answer when the visitor is getting frustrated but the handover model is not yet
 * sure a person should take over (`offerThreshold`, chat/escalation.ts): one sentence and a
 * button. The button is the built-in fallback's, so pressing it asks for a person in any file.
 */
export const PERSON_OFFER: Readonly<Record<Language, { text: string; button: string }>> = {
  en: { text: "If that doesn't sort it out, I can bring in a person.", button: DEFAULT_FALLBACK.en.quickReplies[0]! },
  es: { text: 'Si con esto no se resuelve, te paso con una persona.', button: DEFAULT_FALLBACK.es.quickReplies[0]! },
};

/** Said when a visitor declines the person the bot offered and asks nothing the bot knows (chat/escalation.ts). */
export const DECLINED_REPLY: Readonly<Record<Language, string>> = {
  en: "No problem, I won't bring anyone in. What else can I help you with?",
  es: 'De acuerdo, no aviso a nadie. ¿En qué más te puedo ayudar?',
};

/** Index into a list from `pick` in 0..1 (values outside are clamped). */
export function pickIndex(length: number, pick: number): number {
  const p = Number.isFinite(pick) ? Math.min(Math.max(pick, 0), 1) : 0;
  return Math.min(Math.floor(p * length), length - 1);
}

/** How the server trains a file's classifier (also used by scripts/bench/clinc150.ts, so it measures the same). */
export function classifierOptions(file: IntentsFile): ClassifierOptions {
  const outOfScope = [
    ...(file.outOfScope?.builtIn === false ? [] : offTopicExamples(file.language)),
    ...(file.outOfScope?.examples ?? []),
  ];
  return {
    language: file.language,
    threshold: resolveSettings(file.settings).confidenceThreshold,
    // The sentence vectors come from an English encoder; other languages are classified lexically.
    vectors: file.language === 'en' ? englishVectors() : undefined,
    // Typos are fixed against a dictionary that tells them from real words.
    dictionary: file.language === 'en' ? englishWords() : spanishWords(),
    ...(outOfScope.length > 0 ? { outOfScope } : {}),
  };
}

/** Builds an engine from an already validated intents file, training in one go. */
export function createBot(file: IntentsFile, path: string): BotEngine {
  return assemble(file, path, trainClassifier(file.intents, classifierOptions(file)));
}

/**
 * The same engine, trained in slices so the event loop keeps serving chats meanwhile. Given the
 * engine it replaces, it keeps that engine's classifier when nothing the classifier learns from
 * changed (an edit to responses, quick replies or the sentiment and handoff settings), so such an
 * edit applies in milliseconds instead of a second of training.
 */
export async function createBotAsync(file: IntentsFile, path: string, previous?: BotEngine): Promise<BotEngine> {
  const key = classifierKey(file);
  const kept = previous ? trained.get(previous) : undefined;
  const classifier = kept && kept.key === key ? kept.classifier : await trainClassifierAsync(file.intents, classifierOptions(file));
  return assemble(file, path, classifier, key);
}

/** Each engine's classifier and what it was trained from (see classifierKey). */
const trained = new WeakMap<BotEngine, { key: string; classifier: IntentClassifier }>();

/**
 * Everything in a file the classifier learns from or reads: the language, the confidence
 * threshold, the out-of-scope list and each intent's name, examples and patterns.
 */
export function classifierKey(file: IntentsFile): string {
  return JSON.stringify([file.language, resolveSettings(file.settings).confidenceThreshold, file.outOfScope ?? null,
    file.intents.map((i) => [i.name, i.examples, i.patterns ?? []])]);
}

/** Whether two engines share one trained classifier (a reload that changed no example, pattern or threshold). */
export function sharesClassifier(a: BotEngine, b: BotEngine): boolean {
  const x = trained.get(a);
  return x !== undefined && x.classifier === trained.get(b)?.classifier;
}

function assemble(file: IntentsFile, path: string, classifier: IntentClassifier, key = classifierKey(file)): BotEngine {
  const settings = resolveSettings(file.settings);
  const sentiment = createSentimentScorer(file.language);
  const byName = new Map<string, Intent>(file.intents.map((i) => [i.name, i]));
  const fallback = file.fallback ?? DEFAULT_FALLBACK[file.language];

  const engine: BotEngine = {
    file: path,
    language: file.language,
    settings,
    classify: (text, options) => classifier.classify(text, options),
    sentiment,
    intent: (name) => byName.get(name),
    quickReplies: [...new Set([...file.intents.flatMap((i) => i.quickReplies ?? []), ...(file.fallback?.quickReplies ?? [])])],
    respond(name, pick = 0) {
      const source = name === null ? fallback : byName.get(name);
      if (!source) throw new Error(`unknown intent "${name}" in ${path}`);
      const text = source.responses[pickIndex(source.responses.length, pick)]!;
      return source.quickReplies && source.quickReplies.length > 0 ? { text, quickReplies: [...source.quickReplies] } : { text };
    },
  };
  trained.set(engine, { key, classifier });
  return engine;
}

/** Loads, validates (throws IntentsError listing every problem) and builds an engine (keeping `previous`'s classifier when it can: createBotAsync). */
export async function loadBot(path: string, previous?: BotEngine): Promise<BotEngine> {
  return createBotAsync(await loadIntentsFile(path), path, previous);
}
