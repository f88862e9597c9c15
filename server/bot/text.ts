// Text normalisation shared by the classifier: contractions, tokens, stems, character n-grams.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import PorterStemmerEs from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import type { Language } from './types';

/** Removes diacritics ("envío" → "envio") so accents typed or not match the same stem. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

const EN_CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon'?t\b/g, 'will not'],
  [/\bcan'?t\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(i|you|we|they|what|who|where|how|there|that|it|he|she)'(re|ve|ll|d|s|m)\b/g, '$1 $2'],
  [/'s\b/g, ''],
];

/** Chat shorthand and apostrophe-less contractions, mapped to the words they stand for. */
const EN_SHORTHAND: Record<string, string> = {
  u: 'you', ur: 'your', pls: 'please', plz: 'please', thx: 'thanks', ty: 'thank you', im: 'i am',
  dont: 'do not', cant: 'can not', wont: 'will not', hasnt: 'has not', havent: 'have not',
  didnt: 'did not', doesnt: 'does not', isnt: 'is not', wasnt: 'was not', arent: 'are not',
  wheres: 'where is', whats: 'what is', ive: 'i have', thankyou: 'thank you', pw: 'password',
};

/** Lower-cases, expands English contractions and splits into word tokens (letters and digits). */
export function tokenize(text: string, language: Language): string[] {
  // "heyyy" → "hey", "sooo" → "so": three or more repeats of a letter are emphasis, not spelling.
  let t = text.toLowerCase().replace(/[’‘`´]/g, "'").replace(/(\p{L})\1{2,}/gu, '$1');
  if (language === 'en') for (const [re, to] of EN_CONTRACTIONS) t = t.replace(re, to);
  const words = t.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (language !== 'en') return words;
  return words.flatMap((w) => EN_SHORTHAND[w]?.split(' ') ?? [w]);
}

export function stemmerFor(language: Language): (token: string) => string {
  const stemmer = language === 'es' ? PorterStemmerEs : PorterStemmer;
  return (token) => stripAccents(stemmer.stem(token));
}

/** Character trigrams of a word with boundary marks: "order" → "<or", "ord", … "er>". */
export function charGrams(word: string, n = 3): string[] {
  const w = `<${stripAccents(word)}>`;
  if (w.length <= n) return [w];
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n));
  return out;
}

/**
 * Function words that carry little intent on their own. They are kept (unlike natural's stopword
 * list, which also drops what/when/where/how/can) but weighted down by the classifier.
 */
export const FUNCTION_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(('a an the of to in on at for from with by about into this that these those it its ' +
    'i me my mine we us our you your he she him her they them their is are was were be been am ' +
    'do does did have has had will would shall should could may might must and or so just there ' +
    'some any all s ok okay please hi').split(' ')),
  es: new Set(('el la los las un una unos unas de del a al en con por para y o que es son mi mis ' +
    'tu tus su sus me te se lo le les nos yo este esta esto ese esa por favor').split(' ')),
};
