// The sentiment tokenizer is a hand-written scanner (server/bot/sentiment.ts, tokenizeForSentiment)
// that replaced one regular expression for speed. This test keeps that regular expression as the
// reference and checks the scanner against it on real sentences and on 20,000 random strings full
// of edge cases (emoji with variation selectors, emoticons at word edges, apostrophes, accents,
// capitals, lone surrogates, links and @handles).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenizeForSentiment, type Token } from '../../server/bot/sentiment';
import { SYMBOLS } from '../../server/bot/sentiment-lexicon';
import { stripAccents } from '../../server/bot/text';

const ASCII_EMOTICONS = [...SYMBOLS.keys()].filter((k) => /^[\x20-\x7e]+$/.test(k)).sort((a, b) => b.length - a.length);
const TOKEN_RE = new RegExp(
  `(?:https?:\\/\\/\\S+|@\\w+)` +
    `|(?<=^|\\s)(${ASCII_EMOTICONS.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=$|\\s|[.,!?])` +
    `|(\\p{Extended_Pictographic}\\uFE0F?)` +
    `|([\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*)` +
    `|([.,;:!?…]+)`,
  'gu',
);

function reference(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const [, emoticon, emoji, word, punct] = m;
    if (emoticon) tokens.push({ kind: 'symbol', score: SYMBOLS.get(emoticon) ?? 0 });
    else if (emoji) tokens.push({ kind: 'symbol', score: SYMBOLS.get(emoji) ?? SYMBOLS.get(emoji.replace('\uFE0F', '')) ?? 0 });
    else if (word) {
      if (/^[\x00-\x7f]*$/.test(word)) {
        tokens.push({ kind: 'word', text: word, key: word.toLowerCase(), caps: !/[a-z]/.test(word) && /[A-Z].*[A-Z]/.test(word) });
        continue;
      }
      const key = stripAccents(word.toLowerCase().replace(/’/g, "'"));
      const letters = word.replace(/[^\p{L}]/gu, '');
      tokens.push({ kind: 'word', text: word, key, caps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() });
    } else if (punct) tokens.push({ kind: 'punct', text: punct });
  }
  return tokens;
}

const PIECES = ['a', 'B', 'Z', 'z', 'é', 'É', 'ß', 'İ', 'ǅ', 'ﬁ', '1', '²', '٣', "'", '’', ' ', '\t', '\u00a0', '\u3000', '\ufeff',
  '.', ',', ';', ':', '!', '?', '…', ')', '(', '-', 'D', 'P', '3', '<', '>', '=', '/', '|', '[', ']', '@', '_', 'h', 'http',
  'https://', 'http://', '😀', '😡', '❤', '\uFE0F', '👍🏽', '©', '‼', '𝐀', '𝟙', '\ud800', '\udc00', "n't", 'N’T', 'but', 'not',
  'great', ':)', ':-(', ';)', '<3', ':D', 'XD', 'waiting', 'hasn’t', 'ÇA', 'ñ'];

describe('sentiment scanner (tokenizeForSentiment)', () => {
  it('tokenizes the team\'s sentences exactly as the regular expression it replaced', () => {
    const texts = ['intents/sentiment.cases.jsonl', 'intents/sentiment/handwritten.jsonl', 'intents/sentiment/generated.jsonl']
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text));
    expect(texts.length).toBeGreaterThan(3000);
    for (const text of texts) expect(tokenizeForSentiment(text), text).toEqual(reference(text));
  });

  it('tokenizes random strings of edge cases exactly as the regular expression did', () => {
    let seed = 12345;
    const next = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
    let differences = 0;
    const examples: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let j = 1 + next(14); j > 0; j--) text += PIECES[next(PIECES.length)];
      if (next(3) === 0) text = text.toUpperCase();
      const got = tokenizeForSentiment(text);
      const want = reference(text);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        differences++;
        if (examples.length < 5) examples.push(`${JSON.stringify(text)}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      }
    }
    expect(examples).toEqual([]);
    expect(differences).toBe(0);
  });
});
