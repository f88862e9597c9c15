// Words of a language, for telling a typo from a word the examples happen not to use. English:
// the `word-list` package (MIT, Sindre Sorhus; about 274,000 lower-case words). Spanish:
// `an-array-of-spanish-words` (MIT, the `words` project; about 636,000 forms, written without
// accent marks except ñ). Each is read once per process, on first use, into a sorted array of
// 32-bit hashes (1–2.5 MB) rather than a Set of strings (30–70 MB). Two words sharing a hash is
// a 1-in-7,000 chance per lookup at worst; the cost is a typo left as typed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

  /** `normalize` maps a word to the list's spelling before lookup (Spanish: accent marks off). */
  private constructor(hashes: Uint32Array, private readonly normalize: (word: string) => string = (w) => w) {
    this.hashes = hashes.sort();
  }

  static of(words: Iterable<string>, normalize?: (word: string) => string): WordSet {
    const list: number[] = [];
    for (const w of words) if (w !== '') list.push(hash(w));
    return new WordSet(Uint32Array.from(list), normalize);
  }

  static fromHashes(hashes: Uint32Array, normalize?: (word: string) => string): WordSet {
    return new WordSet(hashes, normalize);
  }

  get size(): number {
    return this.hashes.length;
  }

  has(word: string): boolean {
    const h = hash(this.normalize(word));
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

/**
 * Hashes each word of a list as it scans the text, without making a string per word. Words are
 * runs of characters between separators: newlines for a plain list, quotes, commas and brackets
 * too for a JSON array of strings (the lists hold no escapes).
 */
export function scanWordHashes(text: string, json: boolean): Uint32Array {
  let out = new Uint32Array(1 << 16);
  let n = 0;
  let h = 0x811c9dc5;
  let empty = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    const separator = c === 10 || c === 13 || (json && (c === 34 || c === 44 || c === 91 || c === 93 || c === 32));
    if (separator) {
      if (!empty) {
        if (n === out.length) {
          const grown = new Uint32Array(out.length * 2);
          grown.set(out);
          out = grown;
        }
        out[n++] = h >>> 0;
      }
      h = 0x811c9dc5;
      empty = true;
    } else {
      h ^= c;
      h = Math.imul(h, 0x01000193);
      empty = false;
    }
  }
  return out.slice(0, n);
}

let english: WordSet | undefined;
let spanish: WordSet | undefined;

export function englishWords(): WordSet {
  english ??= WordSet.fromHashes(scanWordHashes(readFileSync(wordListPath, 'utf8'), false));
  return english;
}

/** "envío" → "envio", "pingüino" → "pinguino"; ñ stays (the list writes "contraseña"). */
export function spanishListSpelling(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u0302\u0308]/g, '').normalize('NFC');
}

export function spanishWords(): WordSet {
  if (!spanish) {
    const path = createRequire(import.meta.url).resolve('an-array-of-spanish-words');
    spanish = WordSet.fromHashes(scanWordHashes(readFileSync(path, 'utf8'), true), spanishListSpelling);
  }
  return spanish;
}
