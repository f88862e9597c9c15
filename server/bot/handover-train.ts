// Trains the handover model (handover.ts) on the labelled conversations: every visitor message of
// intents/escalation.cases.json (English) and intents/escalation.es.cases.json (Spanish), read by
// the bot of the file's own intents (readTurn in chat/escalation.ts). A message is a "yes" when the
// conversation should reach a person and the message is at or after the turn by which it should;
// a "no" in a conversation that should not; the messages before `by` in one that should are left
// out (a person there would be early, not wrong). Writes server/bot/handover-weights.ts.
//   npx tsx server/bot/handover-train.ts
//
// The same conversations measure the policy, so figures on them with the shipped weights are
// in-sample. `crossValidate` gives the honest ones: five blocks of consecutive conversations (the
// files grew set by set, so a block holds whole sets by writers the rest never saw), each decided
// by a model trained on the other four (`npx tsx scripts/bench/handover.ts`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BotEngine, BotMemory, Language } from './types';
import type { MessageModel, MessageModels } from './message-model';
import { handoverFeatures } from './handover';
import { modelSource, trainFeatureModel } from './message-model-train';
import { decideTurn, initialMemory, readTurn } from '../chat/escalation';

/** A labelled conversation, as in intents/escalation*.cases.json. */
export interface LabelledConversation { name?: string; kind?: string; turns: string[]; escalate: boolean; by?: number }

/** The conversation files the model learns from, per language. */
export const HANDOVER_CASES: Record<Language, string> = { en: 'intents/escalation.cases.json', es: 'intents/escalation.es.cases.json' };

/** Passes over the data; fewer underfit, more overfit the writers' phrasings (5-fold, development files). */
export const HANDOVER_EPOCHS = 15;

export interface HandoverRow { f: string[]; y: number }

/** The cases file's conversations and the absolute path of the intents file it names. */
export function loadCases(root: string, language: Language): { intents: string; conversations: LabelledConversation[] } {
  const file = resolve(root, HANDOVER_CASES[language]);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { intents: string; conversations: LabelledConversation[] };
  return { intents: resolve(dirname(file), json.intents), conversations: json.conversations };
}

/** Each message of a conversation with its features and label (null: before `by`, left out). */
export function conversationRows(engine: BotEngine, c: LabelledConversation): { f: string[]; y: number | null }[] {
  let memory: BotMemory = initialMemory();
  return c.turns.map((text, k) => {
    const r = readTurn(engine, memory, text);
    memory = r.memory;
    return { f: handoverFeatures(r.features, r.signals, engine.language), y: c.escalate ? (k + 1 >= c.by! ? 1 : null) : 0 };
  });
}

export function trainHandover(engine: BotEngine, conversations: readonly LabelledConversation[]): MessageModel {
  const rows: HandoverRow[] = [];
  for (const c of conversations) for (const r of conversationRows(engine, c)) if (r.y !== null) rows.push({ f: r.f, y: r.y });
  return trainFeatureModel(rows, { epochs: HANDOVER_EPOCHS });
}

/** The turn (1-based) at which the policy hands over with these handover models, or null. */
export function replayWith(engine: BotEngine, turns: readonly string[], models: MessageModels): { at: number | null; reason?: string } {
  let memory: BotMemory = initialMemory();
  for (let i = 0; i < turns.length; i++) {
    const d = decideTurn(engine, memory, turns[i]!, undefined, models);
    if (d.escalate) return { at: i + 1, reason: d.escalate };
    memory = d.memory;
  }
  return { at: null };
}

/** The block (0..folds-1) of conversation i of n: consecutive conversations share one. */
export const foldOf = (i: number, n: number, folds: number) => Math.floor((i * folds) / n);

/** For each block, the handover models trained on the other blocks. */
export function foldModels(engine: BotEngine, conversations: readonly LabelledConversation[], folds = 5): MessageModels[] {
  return Array.from({ length: folds }, (_, k) =>
    ({ [engine.language]: trainHandover(engine, conversations.filter((_, i) => foldOf(i, conversations.length, folds) !== k)) }));
}

/**
 * Where the policy hands over in each conversation when the conversation's block of `folds`
 * consecutive blocks is decided by a model trained on the others (pass `models` from foldModels to
 * replay with other settings without training again).
 */
export function crossValidate(engine: BotEngine, conversations: readonly LabelledConversation[], folds = 5,
  models: MessageModels[] = foldModels(engine, conversations, folds)): { at: number | null; reason?: string }[] {
  return conversations.map((c, i) => replayWith(engine, c.turns, models[foldOf(i, conversations.length, folds)]!));
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
    notes.push(`${language}: ${conversations.length} conversations of ${HANDOVER_CASES[language]}`);
    console.log(`handover ${language}: ${conversations.length} conversations, trained in ${(performance.now() - t0).toFixed(0)} ms; ${features} features`);
  }
  writeFileSync(fileURLToPath(new URL('./handover-weights.ts', import.meta.url)),
    `// Generated by \`npx tsx server/bot/handover-train.ts\` from the labelled conversations\n` +
    `// (${notes.join('; ')}), each read by the bot of the file's intents. Do not edit by hand.\n` +
    `import type { MessageModels } from './message-model';\n\nexport const HANDOVER_MODELS: MessageModels = {\n${parts.join('\n')}\n};\n`);
}
