// `sentiment --cases C.jsonl [--language en|es]`: each line `{"text", "label"}`; per-label F1,
// the misread lines, and a closing `negative_f1=… macro_f1=… accuracy=… cases=N`.
import { readFile } from 'node:fs/promises';
import { createSentimentScorer, sentimentLabel, type SentimentLabel } from '../../server/bot/sentiment';
import type { Language } from '../../server/bot/types';
import { sentimentMetrics } from '../bench/sentiment-metrics';
import { f3 } from './args';

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export async function loadSentimentCases(path: string): Promise<Array<{ text: string; label: SentimentLabel }>> {
  const problems: string[] = [];
  const cases: Array<{ text: string; label: SentimentLabel }> = [];
  (await readFile(path, 'utf8')).split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const c = JSON.parse(line) as { text?: unknown; label?: unknown };
      if (typeof c.text !== 'string' || !LABELS.includes(c.label as SentimentLabel)) {
        problems.push(`${path}:${i + 1}: needs {"text": string, "label": "negative" | "neutral" | "positive"}`);
      } else cases.push({ text: c.text, label: c.label as SentimentLabel });
    } catch (err) {
      problems.push(`${path}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return cases;
}

export async function sentimentCommand(casesPath: string, language: Language, out: (line: string) => void): Promise<number> {
  const score = createSentimentScorer(language);
  const cases = await loadSentimentCases(casesPath);
  const predicted = cases.map((c) => {
    const s = score(c.text).score;
    return { ...c, score: s, got: sentimentLabel(s) };
  });
  const m = sentimentMetrics(cases.map((c) => c.label), predicted.map((p) => p.got));
  for (const l of LABELS) out(`${l.padEnd(9)} F1 ${f3(m.f1[l])}  (${cases.filter((c) => c.label === l).length} cases)`);
  const wrong = predicted.filter((p) => p.got !== p.label);
  if (wrong.length > 0) out('misread:');
  for (const w of wrong) out(`  ${w.label} → ${w.got} (${w.score.toFixed(2)}) ${JSON.stringify(w.text)}`);
  out(`negative_f1=${f3(m.negativeF1)} macro_f1=${f3(m.macroF1)} accuracy=${f3(m.accuracy)} cases=${m.cases}`);
  return 0;
}
