// English words, for telling a typo from a word the examples happen not to use: the `word-list`
// package (MIT, Sindre Sorhus; about 274,000 lower-case words). Read once per process, on first
// use, into a sorted array of 32-bit hashes (1 MB, about 30 ms) rather than a Set of strings
// (30 MB, 0.4 s). Two words sharing a hash is a 1-in-15,000 chance per lookup; the cost is a typo
// left as typed.
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/** FNV-1a over UTF-16 code units. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class WordSet {
  private readonly hashes: Uint32Array;

  private constructor(hashes: Uint32Array) {
    this.hashes = hashes.sort();
  }

  static of(words: Iterable<string>): WordSet {
    const list: number[] = [];
    for (const w of words) if (w !== '') list.push(hash(w));
    return new WordSet(Uint32Array.from(list));
  }

  static fromHashes(hashes: Iterable<number>): WordSet {
    return new WordSet(Uint32Array.from(hashes));
  }

  get size(): number {
    return this.hashes.length;
  }

  has(word: string): boolean {
    const h = hash(word);
    const { hashes } = this;
    let lo = 0;
    let hi = hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hashes[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo < hashes.length && hashes[lo] === h;
  }
}

/** Hashes each line of a word list as it scans it, without making a string per word. */
function* lineHashes(text: string): Generator<number> {
  let h = 0x811c9dc5;
  let empty = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      if (!empty) yield h >>> 0;
      h = 0x811c9dc5;
      empty = true;
    } else {
      h ^= c;
      h = Math.imul(h, 0x01000193);
      empty = false;
    }
  }
}

let english: WordSet | undefined;

export function englishWords(): WordSet {
  english ??= WordSet.fromHashes(lineHashes(readFileSync(wordListPath, 'utf8')));
  return english;
}
