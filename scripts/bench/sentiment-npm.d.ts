// Types for the `sentiment` npm package (a devDependency used only by scripts/bench/sentiment.ts).
declare module 'sentiment' {
  class Sentiment {
    analyze(text: string): { score: number; comparative: number };
  }
  export default Sentiment;
}
