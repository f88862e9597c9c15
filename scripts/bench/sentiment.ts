// Sentiment on Twitter US airline tweets (CC BY-NC-SA: an evaluation fixture only, read in place,
// never copied; nothing learned from it ships). Split by tweet_id % 5 == 0 → test; the rest is
// train, used only to choose each system's two thresholds. Reports natural's AFINN analyser, the
// `sentiment` npm package and Heed's scorer, each with its stock mapping (sign of the score) and
// with thresholds tuned on train.
//   npx tsx scripts/bench/sentiment.ts [--errors N]   (N misclassified train tweets, to study)
//   npx tsx scripts/bench/sentiment.ts --train-only   (while developing: train-split figures only,
//                                                      so the test split is looked at once, for the report)
import SentimentAnalyzer from 'natural/lib/natural/sentiment/SentimentAnalyzer.js';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import Sentiment from 'sentiment';
import { createSentimentScorer } from '../../server/bot/sentiment';
import { isAirlineTest, loadAirline, type Tweet } from './datasets';
import { labelOf, sentimentMetrics, tuneThresholds, type Label } from './sentiment-metrics';
import { f3, percentile, quietestRound } from './stats';

interface System { name: string; score: (text: string) => number }

function systems(): System[] {
  const afinn = new SentimentAnalyzer('English', null, 'afinn');
  const words = new WordTokenizer();
  const sentiment = new Sentiment();
  const heed = createSentimentScorer('en');
  return [
    { name: 'natural SentimentAnalyzer (AFINN)', score: (t) => { const tokens = words.tokenize(t); return tokens.length ? afinn.getSentiment(tokens) : 0; } },
    { name: 'sentiment (npm)', score: (t) => sentiment.analyze(t).comparative },
    { name: 'Heed (bot/sentiment.ts)', score: (t) => heed(t).score },
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const errorsArg = args.indexOf('--errors');
  const showErrors = errorsArg >= 0 ? Number(args[errorsArg + 1] ?? 20) : 0;
  const trainOnly = args.includes('--train-only');
  const tweets = await loadAirline();
  const test = trainOnly ? tweets.filter((t) => !isAirlineTest(t)) : tweets.filter(isAirlineTest);
  if (trainOnly) console.log('--train-only: every figure below is on the TRAIN split (thresholds tuned on it too)');
  const train = tweets.filter((t) => !isAirlineTest(t));
  console.log(`Twitter US airline sentiment: ${tweets.length} unique tweets; test (tweet_id % 5 == 0) ${test.length}, train/tune ${train.length}`);
  console.log('| system | mapping | negative F1 | macro F1 | accuracy | µs/message (p50 / p99) |');
  console.log('|---|---|---|---|---|---|');
  let last = '';
  for (const sys of systems()) {
    const gold = (ts: Tweet[]) => ts.map((t) => t.label as Label);
    const trainScores = train.map((t) => sys.score(t.text));
    const testScores = test.map((t) => sys.score(t.text));
    const tuned = tuneThresholds(trainScores, gold(train));
    const times = quietestRound(test.map((t) => t.text), sys.score); // same treatment for every system
    const timing = `${(percentile(times, 0.5) * 1000).toFixed(1)} / ${(percentile(times, 0.99) * 1000).toFixed(1)}`;
    const stock = sentimentMetrics(gold(test), testScores.map((s) => labelOf(s, -Number.EPSILON, Number.EPSILON)));
    const best = sentimentMetrics(gold(test), testScores.map((s) => labelOf(s, tuned.negBelow, tuned.posAbove)));
    console.log(`| ${sys.name} | sign (<0, 0, >0) | ${f3(stock.negativeF1)} | ${f3(stock.macroF1)} | ${f3(stock.accuracy)} | ${timing} |`);
    console.log(`| ${sys.name} | tuned on train: ≤${tuned.negBelow.toFixed(3)} neg, ≥${tuned.posAbove.toFixed(3)} pos | ${f3(best.negativeF1)} | ${f3(best.macroF1)} | ${f3(best.accuracy)} | |`);
    last = `negative_f1=${f3(best.negativeF1)} macro_f1=${f3(best.macroF1)} accuracy=${f3(best.accuracy)} cases=${best.cases} p50_us=${(percentile(times, 0.5) * 1000).toFixed(1)}`;
    if (showErrors && sys.name.startsWith('Heed')) {
      const wrong = train.map((t, i) => ({ t, s: trainScores[i]! })).filter(({ t, s }) => labelOf(s, tuned.negBelow, tuned.posAbove) !== t.label);
      for (const { t, s } of wrong.slice(0, showErrors)) console.log(`  ${t.label} ${s.toFixed(2)} ${JSON.stringify(t.text)}`);
    }
  }
  console.log(`heed: ${last}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
