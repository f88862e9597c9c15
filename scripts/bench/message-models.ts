// The message models (server/bot/message-model.ts: sarcasm, repair, resolved and person), measured
// by 10-fold cross-validation on the team's own lines (intents/{sarcasm,repair,resolved,person}/
// *.jsonl; the fold of a line is the same hash that holds one line in ten out of the shipped
// weights), beside what the product had before them, in the same run:
// - sarcasm: the sentiment scorer alone (is a sarcastic line read as negative, ≤ the "negative"
//   label's bound?), and the scorer with the model as the turn policy applies it (escalation.ts);
// - repair: the hand-written repair phrases of server/bot/cues.ts;
// - resolved: the settled words of server/bot/cues.ts on a message that is not negative;
// - person: the visitor's tone alone (upset or not).
// Then the cost of one prediction (features + probability) in µs.
//   npx tsx scripts/bench/message-models.ts [--kind sarcasm|repair|resolved|person]
import { PERSON_AT, REPAIR_AT, RESOLVED_AT, SARCASTIC_AT, repair, settled } from '../../server/bot/cues';
import { messageFeatures, messageProbability } from '../../server/bot/message-model';
import {
  MESSAGE_KINDS, MESSAGE_KIND_LANGUAGES, loadMessageLines, trainMessageModel, type MessageKind, type MessageLine,
} from '../../server/bot/message-model-train';
import { LABEL_THRESHOLDS, createSentimentScorer } from '../../server/bot/sentiment';
import { SARCASM_SCORE } from '../../server/chat/escalation';
import { f3 } from './stats';

const args = process.argv.slice(2);
const only = args.includes('--kind') ? args[args.indexOf('--kind') + 1] as MessageKind : undefined;
const root = new URL('../..', import.meta.url).pathname;

function fold(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 10;
}

interface Counts { tp: number; fp: number; fn: number; tn: number }
const count = (rows: MessageLine[], said: (r: MessageLine, i: number) => boolean): Counts => {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  rows.forEach((r, i) => { const s = said(r, i); if (s && r.yes) c.tp++; else if (s) c.fp++; else if (r.yes) c.fn++; else c.tn++; });
  return c;
};
const line = (name: string, c: Counts) => {
  const p = c.tp / Math.max(1, c.tp + c.fp), r = c.tp / Math.max(1, c.tp + c.fn);
  return `  ${name.padEnd(58)} precision ${f3(p)}  recall ${f3(r)}  F1 ${f3(2 * p * r / Math.max(1e-9, p + r))}  (flagged ${c.tp + c.fp}: ${c.fp} wrongly)`;
};

for (const kind of Object.keys(MESSAGE_KINDS) as MessageKind[]) {
  if (only && kind !== only) continue;
  for (const language of MESSAGE_KIND_LANGUAGES[kind]) {
    const rows = loadMessageLines(root, kind, language);
    const yes = rows.filter((r) => r.yes).length;
    const AT = { sarcasm: SARCASTIC_AT, repair: REPAIR_AT, resolved: RESOLVED_AT, person: PERSON_AT }[kind];
    console.log(`${kind} (${language}): ${rows.length} lines, ${yes} ${MESSAGE_KINDS[kind]}; 10-fold cross-validation, P ≥ ${AT} (the product's)`);
    const p = new Array<number>(rows.length);
    for (let k = 0; k < 10; k++) {
      const model = trainMessageModel(rows.filter((r) => fold(r.text) !== k));
      rows.forEach((r, i) => { if (fold(r.text) === k) p[i] = messageProbability(model, messageFeatures(r.text)); });
    }
    console.log(line('model (cross-validated)', count(rows, (_, i) => p[i]! >= AT)));
    if (kind === 'sarcasm') {
      // Sincere complaints are negative too, so "wrongly" here counts them: read the recall.
      const scorer = createSentimentScorer(language);
      const neg = (s: number) => s <= LABEL_THRESHOLDS.negativeAtOrBelow;
      const b = rows.map((r) => scorer(r.text).score);
      console.log(line('baseline: the sentiment scorer reads it as negative', count(rows, (_, i) => neg(b[i]!))));
      console.log(line('the scorer with the model (cross-validated) reads it as negative', count(rows, (_, i) => neg(p[i]! >= AT ? Math.min(b[i]!, -SARCASM_SCORE) : b[i]!))));
    } else if (kind === 'repair') {
      console.log(line('baseline: repair phrases (server/bot/cues.ts)', count(rows, (r) => repair(r.text, language) !== null)));
      console.log(line('phrases or model', count(rows, (r, i) => repair(r.text, language) !== null || p[i]! >= AT)));
    } else if (kind === 'person') {
      // Tone alone (upset: a score of -0.3 or below, the hand rule the person model served until the
      // handover model): the lines were written so that it cannot tell.
      const scorer = createSentimentScorer(language);
      const PERSON_UPSET_AT = 0.3;
      console.log(line(`baseline: upset (score ≤ -${PERSON_UPSET_AT})`, count(rows, (r) => scorer(r.text).score <= -PERSON_UPSET_AT)));
    } else {
      // What the turn policy had before the model: the settled words, on a message not negative.
      const scorer = createSentimentScorer(language);
      console.log(line('baseline: settled words on a message not negative (cues.ts)', count(rows, (r) => settled(r.text, language) && scorer(r.text).score >= 0)));
      console.log(line('model at P ≥ 0.7 (cross-validated)', count(rows, (_, i) => p[i]! >= 0.7)));
    }
    const model = trainMessageModel(rows);
    const texts = rows.map((r) => r.text);
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now();
      let s = 0;
      for (let rep = 0; rep < 5; rep++) for (let i = 0; i < texts.length; i++) s += messageProbability(model, messageFeatures(texts[i]!));
      best = Math.min(best, (performance.now() - t0) * 1000 / (5 * texts.length));
      if (s < 0) console.log(s);
    }
    console.log(`  one prediction (features + probability): ${best.toFixed(1)} µs (quietest of 5 rounds)\n`);
  }
}
