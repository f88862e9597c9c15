// Trains the handover model (handover.ts) on the labelled conversations: every visitor message of
// intents/escalation[.es].cases.json and intents/escalation[.es].long.cases.json, read by
// the bot of the file's own intents (readTurn in chat/escalation.ts). A message is a "yes" when the
// conversation should reach a person and it is the turn by which it should (`by`); a "no" in a
// conversation that should not; the other messages of one that should are left out: before `by` a
// person would be early, not wrong, and after it the chat goes on as the writer imagined it, with
// no moment in it that a label marks (until session 8 they were "yes" too, which taught the model
// that a late "ok" or "I have another question" means trouble; cross-validated, leaving them out
// raised long-chat precision from 0.67 to 0.75, BENCHMARKS.md). Beside the conversations it learns
// "don't" from sincere praise and thanks: the sarcasm data's sincere lines that the bot reads as
// positive (sincereRows). In the conversations, gushing words at a chat's start are mostly sarcasm,
// so without them "you guys are really great, thanks so much" went to a person. Writes
// server/bot/handover-weights.ts.
//   npx tsx server/bot/handover-train.ts
//
// The same conversations measure the policy, so figures on them with the shipped weights are
// in-sample. `crossValidate` gives the honest ones: each file cut into five blocks of consecutive
// conversations (the files grew set by set, so a block holds whole sets by writers the rest never
// saw), each block decided by a model trained on the others (`npx tsx scripts/bench/handover.ts`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BotEngine, BotMemory, Language } from './types';
import type { MessageModel, MessageModels } from './message-model';
import { handoverFeatures } from './handover';
import { loadMessageLines, modelSource, trainFeatureModel } from './message-model-train';
import { isHeldOut } from './sentiment-train';
import { decideTurn, initialMemory, readTurn } from '../chat/escalation';
import { HANDOVER_MODELS } from './handover-weights';

/** A labelled conversation, as in intents/escalation*.cases.json. */
export interface LabelledConversation { name?: string; kind?: string; turns: string[]; escalate: boolean; by?: number }

/**
 * The conversation files the model learns from, per language: the rounds of short chats (2 to 5
 * visitor messages) and the longer ones (5 to 10). Every file of a language names the same intents.
 */
export const HANDOVER_CASES: Record<Language, string[]> = {
  en: ['intents/escalation.cases.json', 'intents/escalation.long.cases.json'],
  es: ['intents/escalation.es.cases.json', 'intents/escalation.es.long.cases.json'],
};

/** Passes over the data; fewer underfit, more overfit the writers' phrasings (5-fold, development files). */
export const HANDOVER_EPOCHS = 15;
/** Cross-validation blocks. */
export const FOLDS = 5;

export interface HandoverRow { f: string[]; y: number }

/** A language's labelled conversations, with the file each came from and its cross-validation block. */
export interface CaseSet {
  /** Absolute path of the intents file the conversations name. */
  intents: string;
  conversations: LabelledConversation[];
  /** Per conversation: the index in HANDOVER_CASES[language] of its file. */
  file: number[];
  /**
   * Per conversation: its block, 0..FOLDS-1. Each file is cut into FOLDS runs of consecutive
   * conversations (the files grew set by set, so a run holds whole sets, or most of one).
   */
  fold: number[];
}

/** The block (0..folds-1) of conversation i of n consecutive ones. */
export const foldOf = (i: number, n: number, folds: number) => Math.floor((i * folds) / n);

/** Loads every conversation file of a language. */
export function loadCases(root: string, language: Language): CaseSet {
  const set: CaseSet = { intents: '', conversations: [], file: [], fold: [] };
  HANDOVER_CASES[language].forEach((name, f) => {
    const path = resolve(root, name);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { intents: string; conversations: LabelledConversation[] };
    const intents = resolve(dirname(path), json.intents);
    if (set.intents && set.intents !== intents) throw new Error(`${name}: names ${json.intents}, but ${HANDOVER_CASES[language][0]} names another intents file`);
    set.intents = intents;
    json.conversations.forEach((c, i) => {
      set.conversations.push(c);
      set.file.push(f);
      set.fold.push(foldOf(i, json.conversations.length, FOLDS));
    });
  });
  return set;
}

/** Each message of a conversation with its features and label (null: a message other than `by` of one that should escalate, left out). */
export function conversationRows(engine: BotEngine, c: LabelledConversation): { f: string[]; y: number | null }[] {
  let memory: BotMemory = initialMemory();
  return c.turns.map((text, k) => {
    const r = readTurn(engine, memory, text);
    memory = r.memory;
    return { f: handoverFeatures(r.features, r.signals, engine.language), y: c.escalate ? (k + 1 === c.by ? 1 : null) : 0 };
  });
}

/** A sincere line counts as praise when the bot reads it at least this positive. */
export const SINCERE_AT = 0.3;
/** What the visitor said before a sincere line placed as the chat's second or third message. */
const OPENERS: Record<Language, string[]> = {
  en: ['hi', 'where is my order HD-48213'],
  es: ['hola', 'donde esta mi pedido HD-48213'],
};
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * "Don't hand over" rows from the sarcasm data's sincere lines (intents/sarcasm/<language>.jsonl,
 * its held-out tenth left out) that the bot reads as positive (above SINCERE_AT; the problem
 * statements among them read lower and are left out), placed in turn as a chat's first, second and
 * third message after OPENERS, so the model sees praise at each place in a chat.
 */
export function sincereRows(engine: BotEngine, root = ROOT): HandoverRow[] {
  const lines = loadMessageLines(root, 'sarcasm', engine.language).filter((l) => !l.yes && !isHeldOut(l.text));
  const openers = OPENERS[engine.language];
  const rows: HandoverRow[] = [];
  lines.forEach(({ text }, i) => {
    let memory: BotMemory = initialMemory();
    for (const opener of openers.slice(0, i % (openers.length + 1))) memory = readTurn(engine, memory, opener).memory;
    const r = readTurn(engine, memory, text);
    if (r.sentiment > SINCERE_AT) rows.push({ f: handoverFeatures(r.features, r.signals, engine.language), y: 0 });
  });
  return rows;
}

export function trainHandover(engine: BotEngine, conversations: readonly LabelledConversation[], sincere: readonly HandoverRow[] = sincereRows(engine)): MessageModel {
  const rows: HandoverRow[] = [...sincere];
  for (const c of conversations) for (const r of conversationRows(engine, c)) if (r.y !== null) rows.push({ f: r.f, y: r.y });
  return trainFeatureModel(rows, { epochs: HANDOVER_EPOCHS });
}

/** Where a replayed conversation went: the turn it was handed over at, and the answers before it that offered a person. */
export interface Replay {
  /** The visitor turn (1-based) at which the policy hands over, or null if it never does. */
  at: number | null;
  reason?: string;
  /** Turns whose answer offered a person by the offer band (offerThreshold). */
  offered: number[];
  /** Turns answered with the fallback, which offers a person too. */
  fallback: number[];
}

/** Replays a conversation through the policy (with these handover models). */
export function replayWith(engine: BotEngine, turns: readonly string[], models: MessageModels = HANDOVER_MODELS): Replay {
  let memory: BotMemory = initialMemory();
  const offered: number[] = [];
  const fallback: number[] = [];
  for (let i = 0; i < turns.length; i++) {
    const d = decideTurn(engine, memory, turns[i]!, undefined, models);
    if (d.escalate) return { at: i + 1, reason: d.escalate, offered, fallback };
    // decideTurn records every answer that offers a person (memory.offeredAt): the band's, or else the fallback's.
    if (d.offered) offered.push(i + 1);
    else if (d.memory.offeredAt === d.memory.turns) fallback.push(i + 1);
    memory = d.memory;
  }
  return { at: null, offered, fallback };
}

/** For each block, the handover models trained on the other blocks. */
export function foldModels(engine: BotEngine, set: CaseSet): MessageModels[] {
  const sincere = sincereRows(engine);
  return Array.from({ length: FOLDS }, (_, k) =>
    ({ [engine.language]: trainHandover(engine, set.conversations.filter((_, i) => set.fold[i] !== k), sincere) }));
}

/**
 * Where the policy hands over in each conversation when the conversation's block is decided by a
 * model trained on the other blocks (pass `models` from foldModels to replay with other settings
 * without training again).
 */
export function crossValidate(engine: BotEngine, set: CaseSet, models: MessageModels[] = foldModels(engine, set)): Replay[] {
  return set.conversations.map((c, i) => replayWith(engine, c.turns, models[set.fold[i]!]!));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { loadBot } = await import('./engine');
  const parts: string[] = [];
  const notes: string[] = [];
  for (const language of Object.keys(HANDOVER_CASES) as Language[]) {
    const { intents, conversations } = loadCases(root, language);
    const engine = await loadBot(intents);
    const t0 = performance.now();
    const m = trainHandover(engine, conversations);
    const { source, features } = modelSource(language, m);
    parts.push(source);
    notes.push(`${language}: ${conversations.length} conversations of ${HANDOVER_CASES[language].join(' and ')}, and the sincere lines of intents/sarcasm/${language}.jsonl`);
    console.log(`handover ${language}: ${conversations.length} conversations, trained in ${(performance.now() - t0).toFixed(0)} ms; ${features} features`);
  }
  writeFileSync(fileURLToPath(new URL('./handover-weights.ts', import.meta.url)),
    `// Generated by \`npx tsx server/bot/handover-train.ts\` from the labelled conversations\n` +
    `// (${notes.join('; ')}), each read by the bot of the file's intents. Do not edit by hand.\n` +
    `import type { MessageModels } from './message-model';\n\nexport const HANDOVER_MODELS: MessageModels = {\n${parts.join('\n')}\n};\n`);
}
