// Trains the message models (message-model.ts) on the messages the team wrote:
// intents/sarcasm/<language>.jsonl ({"text", "sarcastic"}), intents/repair/<language>.jsonl
// ({"text", "repair"}), intents/resolved/<language>.jsonl ({"text", "resolved"}) and
// intents/person/en.jsonl ({"text", "person"}). One line in ten (by a hash of the text, as for
// sentiment) is held out for the tests and never trained on. Writes server/bot/message-weights.ts.
//   npx tsx server/bot/message-model-train.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Language } from './types';
import { isHeldOut, seededShuffle } from './sentiment-train';
import { messageFeatures, type MessageModel } from './message-model';

/** Each model: its data folder under intents/ and the boolean field that labels a line. */
export const MESSAGE_KINDS = { sarcasm: 'sarcastic', repair: 'repair', resolved: 'resolved', person: 'person' } as const;
export type MessageKind = keyof typeof MESSAGE_KINDS;
/**
 * The languages each model is trained for. The person model is English only: 489 Spanish lines
 * handed over as many calm visitors as they caught upset ones (BENCHMARKS.md).
 */
export const MESSAGE_KIND_LANGUAGES: Record<MessageKind, Language[]> = { sarcasm: ['en', 'es'], repair: ['en', 'es'], resolved: ['en', 'es'], person: ['en'] };

export interface MessageLine { text: string; yes: boolean }

export const messageFile = (kind: MessageKind, language: Language) => `intents/${kind}/${language}.jsonl`;

export function loadMessageLines(root: string, kind: MessageKind, language: Language): MessageLine[] {
  const file = messageFile(kind, language);
  const field = MESSAGE_KINDS[kind];
  return readFileSync(`${root}/${file}`, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const row = JSON.parse(l) as Record<string, unknown>;
    if (typeof row.text !== 'string' || typeof row[field] !== 'boolean') throw new Error(`${file}:${i + 1}: needs "text" and a true/false "${field}"`);
    return { text: row.text, yes: row[field] as boolean };
  });
}

export interface MessageTrainOptions { epochs?: number; l2?: number; rate?: number; minCount?: number }


/** Binary logistic regression by SGD; features seen fewer than minCount times are dropped. */
export function trainMessageModel(rows: readonly MessageLine[], opts: MessageTrainOptions = {}): MessageModel {
  return trainFeatureModel(rows.map((r) => ({ f: messageFeatures(r.text), y: r.yes ? 1 : 0 })), opts);
}

/** The same regression over rows whose features are already computed (the handover model's, handover-train.ts). */
export function trainFeatureModel(data: readonly { f: readonly string[]; y: number }[], opts: MessageTrainOptions = {}): MessageModel {
  const { epochs = 25, l2 = 1e-4, rate = 0.1, minCount = 2 } = opts;
  const counts = new Map<string, number>();
  for (const d of data) for (const f of d.f) counts.set(f, (counts.get(f) ?? 0) + 1);
  const w = new Map<string, number>();
  for (const [f, c] of counts) if (c >= minCount) w.set(f, 0);
  let bias = 0;
  const shuffle = seededShuffle(11);
  const order = data.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    shuffle(order);
    const lr = rate / (1 + e * 0.2);
    for (const idx of order) {
      const d = data[idx]!;
      const fs = d.f.filter((f) => w.has(f));
      let z = bias;
      for (const f of fs) z += w.get(f)!;
      const g = 1 / (1 + Math.exp(-z)) - d.y;
      bias -= lr * g;
      for (const f of fs) { const v = w.get(f)!; w.set(f, v - lr * (g + l2 * v)); }
    }
  }
  return { bias, weights: w };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** One language's model as TypeScript source for a generated weights file (weights under 0.005 dropped). */
export function modelSource(language: Language, m: MessageModel): { source: string; features: number } {
  const entries = [...m.weights].filter(([, v]) => Math.abs(v) >= 0.005).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    source: `  ${language}: {\n    bias: ${round(m.bias)},\n    weights: new Map<string, number>([\n` +
      entries.map(([f, v]) => `      [${JSON.stringify(f)}, ${round(v)}],`).join('\n') + `\n    ]),\n  },`,
    features: entries.length,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const blocks: string[] = [];
  const notes: string[] = [];
  for (const kind of Object.keys(MESSAGE_KINDS) as MessageKind[]) {
    const parts: string[] = [];
    for (const language of MESSAGE_KIND_LANGUAGES[kind]) {
      const all = loadMessageLines(root, kind, language);
      const rows = all.filter((r) => !isHeldOut(r.text));
      const t0 = performance.now();
      const m = trainMessageModel(rows);
      const { source, features } = modelSource(language, m);
      parts.push(source);
      notes.push(`${kind} ${language}: ${rows.length} trained on, ${all.length - rows.length} held out`);
      console.log(`${kind} ${language}: trained on ${rows.length} messages (${all.length - rows.length} held out) in ${(performance.now() - t0).toFixed(0)} ms; ${features} features`);
    }
    blocks.push(`export const ${kind.toUpperCase()}_MODELS: MessageModels = {\n${parts.join('\n')}\n};\n`);
  }
  writeFileSync(fileURLToPath(new URL('./message-weights.ts', import.meta.url)),
    `// Generated by \`npx tsx server/bot/message-model-train.ts\` from intents/{sarcasm,repair,resolved,person}/*.jsonl\n` +
    `// (messages the team wrote; ${notes.join('; ')}). Do not edit by hand.\n` +
    `import type { MessageModels } from './message-model';\n\n${blocks.join('\n')}`);
}
