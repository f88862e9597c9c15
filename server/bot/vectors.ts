// Static sentence vectors for English: the mean of per-piece vectors taken from Google's Universal
// Sentence Encoder lite (a two-layer Transformer, Apache-2.0). Running the encoder costs about 8 ms a
// message here, eight times the classifier's whole budget, so scripts/build-vectors.ts runs it once,
// offline, and keeps for each of its 8,000 sentencepiece pieces the mean of the piece's contextual
// outputs over a corpus (its output alone where the corpus lacks it), and for each pair of pieces
// seen together often enough, the mean of the second one's outputs after the first ("my check" is
// not "check in"). At run time a message's vector is the mean of those rows: a table lookup, no
// model. It carries what lexical features cannot: that "salary" and "paycheck" are close. See
// docs/bot.md.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'vectors');
export const VECTORS_FILE = join(VECTORS_DIR, 'use-lite-en.bin');
export const PIECES_FILE = join(VECTORS_DIR, 'use-lite-en.pieces.json');
const MAGIC = 'HEEDVEC2';
/** The `prev` of a message's first piece in the pair table. */
export const START = 0xffff;
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

/** The piece table: one vector per piece and per frequent pair, centred (the corpus mean taken off). */
export class SentenceVectors {
  private readonly pairRow = new Map<number, number>();
  private ids = new Int32Array(64);

  constructor(
    readonly tokenizer: PieceTokenizer,
    /** pieces × dim, row-major. */
    readonly table: Float32Array,
    readonly dim: number,
    /** Piece pairs as (prev << 16) | piece, prev START at a message's start; rows in `pairTable`. */
    pairs: Uint32Array = new Uint32Array(0),
    readonly pairTable: Float32Array = new Float32Array(0),
  ) {
    if (table.length !== tokenizer.size * dim) throw new Error(`vector table has ${table.length} values, expected ${tokenizer.size} × ${dim}`);
    if (pairTable.length !== pairs.length * dim) throw new Error(`pair table has ${pairTable.length} values, expected ${pairs.length} × ${dim}`);
    pairs.forEach((key, row) => this.pairRow.set(key, row));
  }

  /**
   * Writes the mean of the message's piece vectors into `out` (length dim) and returns how many
   * pieces it averaged (0: `out` is all zeros). A piece right after one it was often seen after in
   * the corpus takes that pair's row instead of its own.
   */
  embed(words: readonly string[], out: Float32Array): number {
    let n = 0;
    for (const w of words) {
      const piece = this.tokenizer.word(w);
      if (n + piece.length > this.ids.length) {
        const grown = new Int32Array(Math.max(this.ids.length * 2, n + piece.length));
        grown.set(this.ids.subarray(0, n));
        this.ids = grown;
      }
      this.ids.set(piece, n);
      n += piece.length;
    }
    out.fill(0);
    const { table, pairTable, dim, ids } = this;
    for (let k = 0; k < n; k++) {
      const pair = this.pairRow.get((((k > 0 ? ids[k - 1]! : START) << 16) | ids[k]!) >>> 0);
      const source = pair === undefined ? table : pairTable;
      const row = (pair === undefined ? ids[k]! : pair) * dim;
      for (let j = 0; j < dim; j++) out[j] += source[row + j]!;
    }
    if (n > 1) for (let j = 0; j < dim; j++) out[j] /= n;
    return n;
  }
}

/**
 * Reads the table written by scripts/build-vectors.ts, little-endian: "HEEDVEC2", uint32 pieces,
 * uint32 dim, uint32 pairs; then per piece a float32 scale and dim int8 values (value = int8 ×
 * scale); then per pair uint16 prev, uint16 piece and a row in the same form.
 */
export function decodeVectors(bin: Uint8Array, pieces: ReadonlyArray<readonly [string, number]>): SentenceVectors {
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const magic = new TextDecoder().decode(bin.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`not a Heed vector table (starts "${magic}", expected "${MAGIC}")`);
  if (bin.byteLength < 20) throw new Error(`vector table is ${bin.byteLength} bytes, too short for its header`);
  const count = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  const pairCount = view.getUint32(16, true);
  if (count !== pieces.length) throw new Error(`vector table has ${count} pieces, the piece list ${pieces.length}`);
  const rowBytes = 4 + dim;
  const expected = 20 + count * rowBytes + pairCount * (4 + rowBytes);
  if (bin.byteLength !== expected) throw new Error(`vector table is ${bin.byteLength} bytes, expected ${expected}`);
  const readRow = (at: number, into: Float32Array, row: number) => {
    const scale = view.getFloat32(at, true);
    for (let j = 0; j < dim; j++) into[row * dim + j] = view.getInt8(at + 4 + j) * scale;
  };
  const table = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) readRow(20 + i * rowBytes, table, i);
  const pairs = new Uint32Array(pairCount);
  const pairTable = new Float32Array(pairCount * dim);
  const pairsAt = 20 + count * rowBytes;
  for (let i = 0; i < pairCount; i++) {
    const at = pairsAt + i * (4 + rowBytes);
    const prev = view.getUint16(at, true);
    const piece = view.getUint16(at + 2, true);
    if ((prev !== START && prev >= count) || piece >= count) throw new Error(`vector table pair ${i} names piece ${prev >= count && prev !== START ? prev : piece}, beyond the ${count} pieces`);
    pairs[i] = ((prev << 16) | piece) >>> 0;
    readRow(at + 4, pairTable, i);
  }
  return new SentenceVectors(new PieceTokenizer(pieces), table, dim, pairs, pairTable);
}

/** Writes the format decodeVectors reads; each row quantised to int8 with its own scale. */
export function encodeVectors(
  table: Float32Array, count: number, dim: number,
  pairs: ReadonlyArray<{ prev: number; piece: number; row: Float32Array }> = [],
): Uint8Array {
  const rowBytes = 4 + dim;
  const out = new Uint8Array(20 + count * rowBytes + pairs.length * (4 + rowBytes));
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, count, true);
  view.setUint32(12, dim, true);
  view.setUint32(16, pairs.length, true);
  const writeRow = (at: number, row: Float32Array) => {
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(row[j]!));
    const scale = max > 0 ? max / 127 : 1;
    view.setFloat32(at, scale, true);
    for (let j = 0; j < dim; j++) view.setInt8(at + 4 + j, Math.round(row[j]! / scale));
  };
  for (let i = 0; i < count; i++) writeRow(20 + i * rowBytes, table.subarray(i * dim, (i + 1) * dim));
  const pairsAt = 20 + count * rowBytes;
  pairs.forEach(({ prev, piece, row }, i) => {
    const at = pairsAt + i * (4 + rowBytes);
    view.setUint16(at, prev, true);
    view.setUint16(at + 2, piece, true);
    writeRow(at + 4, row);
  });
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
