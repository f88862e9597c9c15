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
