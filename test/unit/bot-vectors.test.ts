import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { PIECES_FILE, START, decodeVectors, encodeVectors, englishVectors } from '../../server/bot/vectors';
import { trainClassifier } from '../../server/bot/classifier';
import { createBot } from '../../server/bot/engine';
import { tokenize } from '../../server/bot/text';
import type { Intent } from '../../server/bot/types';

const pieces = JSON.parse(readFileSync(PIECES_FILE, 'utf8')) as Array<[string, number]>;

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i]! * b[i]!; aa += a[i]! * a[i]!; bb += b[i]! * b[i]!; }
  return ab / Math.sqrt(aa * bb);
}

function vectorOf(text: string): Float32Array {
  const v = englishVectors();
  const out = new Float32Array(v.dim);
  expect(v.embed(tokenize(text, 'en'), out)).toBeGreaterThan(0);
  return out;
}

describe('sentence vectors (server/bot/vectors.ts)', () => {
  it('segments words exactly as the Universal Sentence Encoder\'s own tokenizer does', () => {
    // The reference is the tokenizer that shipped with the encoder the table was built from.
    const reference = new EmbeddingsModel({ vocabulary: pieces, model: null } as never).tokenizer;
    const file = JSON.parse(readFileSync('intents/default.json', 'utf8')) as { intents: Intent[] };
    const cases = readFileSync('intents/default.cases.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
    const words = new Set<string>(['héllo', 'naïve', 'straße', 'mañana', '東京', '😀', 'ab😀😀cd', '1234567', 'x'.repeat(45), 'päckchen']);
    for (const text of [...file.intents.flatMap((i) => i.examples), ...cases]) for (const w of tokenize(text, 'en')) words.add(w);
    expect(words.size).toBeGreaterThan(500);
    const { tokenizer } = englishVectors();
    for (const w of words) expect(Array.from(tokenizer.word(w)), w).toEqual(reference.encode(w));
  });

  it('places words that mean the same near each other', () => {
    // Lexically these pairs share nothing; only the encoder's knowledge puts them together.
    const pairs: Array<[string, string, string]> = [
      ['salary', 'paycheck', 'weather'],
      ['refund', 'reimbursement', 'parcel'],
      ['parcel', 'package', 'salary'],
      ['i want my money back', 'please refund me', 'where is my parcel'],
    ];
    for (const [word, near, far] of pairs) {
      const v = vectorOf(word);
      expect(cosine(v, vectorOf(near)), `${word} ~ ${near} vs ${far}`).toBeGreaterThan(cosine(v, vectorOf(far)) + 0.1);
    }
  });

  it('stores the table as int8 rows with a scale, within half a step of the original', () => {
    const dim = 8;
    const table = Float32Array.from({ length: 3 * dim }, (_, i) => Math.sin(i * 1.7) * (i % 5));
    const decoded = decodeVectors(encodeVectors(table, 3, dim), [['<unk>', 0], ['▁a', -1], ['▁b', -2]]);
    for (let r = 0; r < 3; r++) {
      const row = table.subarray(r * dim, (r + 1) * dim);
      const step = Math.max(...Array.from(row, Math.abs)) / 127;
      for (let j = 0; j < dim; j++) expect(Math.abs(decoded.table[r * dim + j]! - row[j]!)).toBeLessThanOrEqual(step / 2 + 1e-7);
    }
  });

  it('rejects a file that is not a vector table, or does not match the piece list, with the reason', () => {
    const good = encodeVectors(new Float32Array(2 * 4), 2, 4);
    const twoPieces: Array<[string, number]> = [['<unk>', 0], ['▁a', -1]];
    expect(() => decodeVectors(new TextEncoder().encode('not a table at all'), twoPieces)).toThrow(/not a Heed vector table/);
    expect(() => decodeVectors(good, [['<unk>', 0]])).toThrow(/2 pieces, the piece list 1/);
    expect(() => decodeVectors(good.subarray(0, good.length - 1), twoPieces)).toThrow(/bytes, expected/);
  });

  it('uses a pair\'s own row for a piece right after the piece it was seen after, and the piece\'s row otherwise', () => {
    // Six reserved control symbols, then "▁a" (6) and "▁b" (7); 2 dimensions.
    const pieces: Array<[string, number]> = [['<unk>', 0], ['<s>', 0], ['</s>', 0], ['x1', 0], ['x2', 0], ['x3', 0], ['▁a', -1], ['▁b', -1]];
    const table = new Float32Array(8 * 2);
    table.set([1, 0], 6 * 2);
    table.set([0, 1], 7 * 2);
    const bin = encodeVectors(table, 8, 2, [
      { prev: 6, piece: 7, row: Float32Array.of(0, -1) }, // "b" after "a"
      { prev: START, piece: 6, row: Float32Array.of(-1, -1) }, // "a" opening a message
    ]);
    const v = decodeVectors(bin, pieces);
    const embed = (words: string[]) => { const out = new Float32Array(2); v.embed(words, out); return Array.from(out); };
    expect(embed(['b'])).toEqual([0, 1]);
    expect(embed(['a'])).toEqual([-1, -1]);
    expect(embed(['b', 'a'])).toEqual([0.5, 0.5]);
    expect(embed(['a', 'b'])).toEqual([-0.5, -1]);
    expect(embed(['b', 'a', 'b'])).toEqual([Math.fround(1 / 3), 0]);
    const bad = encodeVectors(table, 8, 2, [{ prev: 9, piece: 7, row: Float32Array.of(0, 0) }]);
    expect(() => decodeVectors(bad, pieces)).toThrow(/pair 0 names piece 9, beyond the 8 pieces/);
  });

  it('lets the classifier place a paraphrase that shares no content word with the examples', () => {
    const intents: Intent[] = [
      { name: 'payday', examples: ['when do i get paid', 'what day is payday', 'when is my next paycheck', 'when will i receive my wages'], responses: ['x'] },
      { name: 'weather', examples: ['what is the weather like', 'is it going to rain today', 'how hot is it outside', 'will it be sunny tomorrow'], responses: ['x'] },
      { name: 'order_status', examples: ['where is my order', 'has my package shipped', 'track my parcel', 'when will my delivery arrive'], responses: ['x'] },
      { name: 'refund', examples: ['i want my money back', 'how do i get a refund', 'refund my purchase', 'can you reimburse me'], responses: ['x'] },
    ];
    const lexical = trainClassifier(intents, { language: 'en', threshold: 0 });
    const fused = trainClassifier(intents, { language: 'en', threshold: 0, vectors: englishVectors() });
    // "salary" is in no example; only the vectors know it is about pay.
    expect(lexical.classify('how much is my salary').ranking[0]!.intent).not.toBe('payday');
    expect(fused.classify('how much is my salary').ranking[0]!.intent).toBe('payday');
    expect(fused.classify('give me back my cash').ranking[0]!.intent).toBe('refund');
    expect(fused.classify('is there a storm coming').ranking[0]!.intent).toBe('weather');
  });

  it('is used by the engine for English files and not for Spanish ones', () => {
    const intents: Intent[] = [
      { name: 'payday', examples: ['when do i get paid', 'what day is payday', 'when is my next paycheck'], responses: ['x'] },
      { name: 'weather', examples: ['what is the weather like', 'is it going to rain today', 'how hot is it outside'], responses: ['y'] },
    ];
    const en = createBot({ language: 'en', settings: { confidenceThreshold: 0 }, intents }, 'test.json');
    expect(en.classify('how much is my salary').intent).toBe('payday');
    const es = createBot({ language: 'es', settings: { confidenceThreshold: 0 }, intents }, 'test.json');
    // Lexically "salary" is unknown: the Spanish engine has nothing to go on but function words.
    expect(es.classify('how much is my salary').ranking[0]!.intent).not.toBe('payday');
  });
});
