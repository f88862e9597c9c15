// Types for the few deep modules of `natural` the bot uses. Never import 'natural' itself:
// its index loads every storage backend (mongoose, pg, redis) and calls dotenv.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_es.js' {
  const PorterStemmerEs: { stem(token: string): string };
  export default PorterStemmerEs;
}
declare module 'natural/lib/natural/sentiment/Spanish/afinnShortSortedSpanish.json' {
  const lexicon: Record<string, number>;
  export default lexicon;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    setOptions(options: { keepStops?: boolean }): void;
    addDocument(text: string | string[], label: string): void;
    train(): void;
    classify(text: string): string;
    getClassifications(text: string): Array<{ label: string; value: number }>;
  }
  export default BayesClassifier;
}
declare module 'natural/lib/natural/sentiment/SentimentAnalyzer.js' {
  class SentimentAnalyzer {
    constructor(language: string, stemmer: unknown, type: string);
    getSentiment(tokens: string[]): number;
  }
  export default SentimentAnalyzer;
}
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class WordTokenizer { tokenize(text: string): string[] }
}
declare module 'natural/lib/natural/spellcheck/spellcheck.js' {
  /** Norvig's corrector: candidates a given edit distance away that are in the word list, most frequent first. */
  class Spellcheck {
    constructor(wordlist: string[]);
    isCorrect(word: string): boolean;
    getCorrections(word: string, maxDistance?: number): string[];
  }
  export default Spellcheck;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/stopwords_es.js' {
  export const words: string[];
}
