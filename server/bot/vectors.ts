// Static sentence vectors for English: the mean of per-piece vectors taken from Google's Universal
// Sentence Encoder lite (a two-layer Transformer, Apache-2.0). Running the encoder costs about 8 ms a
// message here, eight times the classifier's whole budget, so scripts/build-vectors.ts runs it once,
// offline, and keeps for each of its 8,000 sentencepiece pieces the mean of the piece's contextual
// outputs over a corpus (its output alone where the corpus lacks it). At run time a message's vector
// is the mean of its pieces' vectors: a table lookup, no model. It carries what lexical features
// cannot: that "check" and "paycheck" are close, and "jason" is a name. See docs/bot.md.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'vectors');
export const VECTORS_FILE = join(VECTORS_DIR, 'use-lite-en.bin');
export const PIECES_FILE = join(VECTORS_DIR, 'use-lite-en.pieces.json');
const MAGIC = 'HEEDVEC1';
/** Word-start marker of sentencepiece. */
const SPACE = '\u2581';
/** The first ids are control symbols (unknown, <s>, </s>, extras), never matched in text. */
const RESERVED = 6;
const UNKNOWN = 0;
/** A character no piece covers costs this much, so any real piece beats it. */
const UNKNOWN_SCORE = -100;
const WORD_CACHE_LIMIT = 50_000;

interface TrieNode { next: Map<string, TrieNode>; id: number }

/**
 * Sentencepiece unigram segmentation: the split of a word into vocabulary pieces with the highest
 * total log-probability (Viterbi over a trie of the pieces). Words are segmented one at a time
 * ("▁" + word): pieces never cross a word boundary, so each word's segmentation is cached.
 */
export class PieceTokenizer {
  private readonly root: TrieNode = { next: new Map(), id: -1 };
  private readonly scores: Float64Array;
  private readonly cache = new Map<string, Int32Array>();

  constructor(pieces: ReadonlyArray<readonly [string, number]>) {
    this.scores = Float64Array.from(pieces, (p) => p[1]);
    for (let id = RESERVED; id < pieces.length; id++) {
      let node = this.root;
      for (const ch of pieces[id]![0]) {
        let child = node.next.get(ch);
        if (!child) node.next.set(ch, (child = { next: new Map(), id: -1 }));
        node = child;
      }
      node.id = id;
    }
  }

  get size(): number {
    return this.scores.length;
  }

  /** Piece ids of one word (lower-cased by the caller), cached. */
  word(word: string): Int32Array {
    let ids = this.cache.get(word);
    if (ids === undefined) {
      ids = this.segment(SPACE + word.normalize('NFKC'));
      if (this.cache.size < WORD_CACHE_LIMIT && word.length <= 40) this.cache.set(word, ids);
    }
    return ids;
  }

  private segment(text: string): Int32Array {
    const chars = Array.from(text);
    const n = chars.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const pieceAt = new Int32Array(n + 1);
    const startAt = new Int32Array(n + 1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      let node: TrieNode | undefined = this.root;
      let coveredOne = false;
      for (let j = i; j < n; j++) {
        node = node.next.get(chars[j]!);
        if (!node) break;
        if (node.id >= 0) {
          if (j === i) coveredOne = true;
          const score = best[i]! + this.scores[node.id]!;
          if (score > best[j + 1]!) { best[j + 1] = score; pieceAt[j + 1] = node.id; startAt[j + 1] = i; }
        }
      }
      if (!coveredOne) {
        const score = best[i]! + UNKNOWN_SCORE;
        if (score > best[i + 1]!) { best[i + 1] = score; pieceAt[i + 1] = UNKNOWN; startAt[i + 1] = i; }
      }
    }
    const out: number[] = [];
    for (let end = n; end > 0; end = startAt[end]!) {
      const id = pieceAt[end]!;
      // Runs of unknown characters are one unknown piece, as in sentencepiece.
      if (!(id === UNKNOWN && out.length > 0 && out[out.length - 1] === UNKNOWN)) out.push(id);
    }
    return Int32Array.from(out.reverse());
  }
}

/** The piece table: one vector per piece, centred (the corpus mean taken off). */
export class SentenceVectors {
  constructor(
    readonly tokenizer: PieceTokenizer,
    /** pieces × dim, row-major. */
    readonly table: Float32Array,
    readonly dim: number,
  ) {
    if (table.length !== tokenizer.size * dim) throw new Error(`vector table has ${table.length} values, expected ${tokenizer.size} × ${dim}`);
  }

  /**
   * Writes the mean of the words' piece vectors into `out` (length dim) and returns how many pieces
   * it averaged (0: `out` is all zeros).
   */
  embed(words: readonly string[], out: Float32Array): number {
    out.fill(0);
    const { table, dim } = this;
    let count = 0;
    for (const w of words) {
      const ids = this.tokenizer.word(w);
      for (let k = 0; k < ids.length; k++) {
        const row = ids[k]! * dim;
        for (let j = 0; j < dim; j++) out[j] += table[row + j]!;
        count++;
      }
    }
    if (count > 1) for (let j = 0; j < dim; j++) out[j] /= count;
    return count;
  }
}

/**
 * Reads the table written by scripts/build-vectors.ts: "HEEDVEC1", uint32 pieces, uint32 dim, then
 * per piece a float32 scale and dim int8 values (value = int8 × scale), little-endian.
 */
export function decodeVectors(bin: Uint8Array, pieces: ReadonlyArray<readonly [string, number]>): SentenceVectors {
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const magic = new TextDecoder().decode(bin.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`not a Heed vector table (starts "${magic}")`);
  const count = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  if (count !== pieces.length) throw new Error(`vector table has ${count} pieces, the piece list ${pieces.length}`);
  const rowBytes = 4 + dim;
  if (bin.byteLength !== 16 + count * rowBytes) throw new Error(`vector table is ${bin.byteLength} bytes, expected ${16 + count * rowBytes}`);
  const table = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const at = 16 + i * rowBytes;
    const scale = view.getFloat32(at, true);
    for (let j = 0; j < dim; j++) table[i * dim + j] = view.getInt8(at + 4 + j) * scale;
  }
  return new SentenceVectors(new PieceTokenizer(pieces), table, dim);
}

/** Writes the format decodeVectors reads; each row quantised to int8 with its own scale. */
export function encodeVectors(table: Float32Array, count: number, dim: number): Uint8Array {
  const rowBytes = 4 + dim;
  const out = new Uint8Array(16 + count * rowBytes);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, count, true);
  view.setUint32(12, dim, true);
  for (let i = 0; i < count; i++) {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(table[i * dim + j]!));
    const scale = max > 0 ? max / 127 : 1;
    const at = 16 + i * rowBytes;
    view.setFloat32(at, scale, true);
    for (let j = 0; j < dim; j++) view.setInt8(at + 4 + j, Math.round(table[i * dim + j]! / scale));
  }
  return out;
}

let english: SentenceVectors | undefined;

/** The shipped English table, loaded once (16 MB in memory). */
export function englishVectors(): SentenceVectors {
  if (english === undefined) {
    const pieces = JSON.parse(readFileSync(PIECES_FILE, 'utf8')) as Array<[string, number]>;
    english = decodeVectors(readFileSync(VECTORS_FILE), pieces);
  }
  return english;
}
