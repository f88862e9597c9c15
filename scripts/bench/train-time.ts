// Training time of a shop-sized intents file as the server trains it (engine.classifierOptions:
// sentence vectors, the off-topic list, typo fixing), beside the same file without the off-topic
// list (the baseline), interleaved so both see the same machine load. Median and fastest of N runs.
// First it times the one-off loads a process pays before its first bot: the dictionaries. Last, a
// hot reload after an edit to a response (the classifier is kept) beside one after an edit to an
// example (trained again).
//   npx tsx scripts/bench/train-time.ts [--intents intents/default.json] [--runs 7]
import { trainClassifier } from '../../server/bot/classifier';
import { classifierOptions, createBotAsync, sharesClassifier } from '../../server/bot/engine';
import { loadIntentsFile } from '../../server/bot/intents';
import { englishWords, spanishWords } from '../../server/bot/dictionary';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1]! : fallback;
  };
  const path = arg('--intents', 'intents/default.json');
  const runs = Number(arg('--runs', '7'));
  for (const [name, load] of [['English dictionary (word-list)', englishWords], ['Spanish dictionary (an-array-of-spanish-words)', spanishWords]] as const) {
    const start = performance.now();
    const words = load();
    console.log(`${name}: ${words.size} words loaded in ${(performance.now() - start).toFixed(0)} ms (once per process)`);
  }
  const file = await loadIntentsFile(path);
  const shipped = classifierOptions(file);
  const variants: Array<[string, typeof shipped]> = [
    ['as shipped (with the off-topic list)', shipped],
    ['baseline: without the off-topic list', { ...shipped, outOfScope: undefined }],
  ];
  trainClassifier(file.intents, shipped); // warm-up: the vector table, the dictionary, the JIT
  const times = variants.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    variants.forEach(([, options], i) => {
      const start = performance.now();
      trainClassifier(file.intents, options);
      times[i]!.push(performance.now() - start);
    });
  }
  const examples = file.intents.reduce((n, i) => n + i.examples.length, 0);
  console.log(`${path}: ${file.intents.length} intents, ${examples} examples, ${shipped.outOfScope?.length ?? 0} out-of-scope examples; ${runs} runs each`);
  variants.forEach(([name], i) => {
    const t = [...times[i]!].sort((a, b) => a - b);
    console.log(`  ${name}: median ${t[Math.floor(t.length / 2)]!.toFixed(0)} ms, fastest ${t[0]!.toFixed(0)} ms`);
  });
  // A hot reload as the server does it (createBotAsync with the engine it replaces): an edit to a
  // response keeps the classifier; an edit to an example trains again (the baseline), interleaved.
  const previous = await createBotAsync(file, path);
  const reworded = { ...file, intents: file.intents.map((i, k) => (k === 0 ? { ...i, responses: [...i.responses, 'One more way to say it.'] } : i)) };
  const newExample = { ...file, intents: file.intents.map((i, k) => (k === 0 ? { ...i, examples: [...i.examples, 'one more way to ask it'] } : i)) };
  const reload = { response: [] as number[], example: [] as number[] };
  for (let r = 0; r < runs; r++) {
    for (const [kind, edited] of [['response', reworded], ['example', newExample]] as const) {
      const start = performance.now();
      const engine = await createBotAsync(edited, path, previous);
      reload[kind].push(performance.now() - start);
      if (sharesClassifier(previous, engine) !== (kind === 'response')) throw new Error(`a ${kind} edit ${kind === 'response' ? 'retrained' : 'kept the classifier'}`);
    }
  }
  for (const [kind, label] of [['response', 'reload after a response edit (classifier kept)'], ['example', 'baseline: reload after an example edit (trained again)']] as const) {
    const t = [...reload[kind]].sort((a, b) => a - b);
    console.log(`  ${label}: median ${t[Math.floor(t.length / 2)]!.toFixed(1)} ms, fastest ${t[0]!.toFixed(1)} ms`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
