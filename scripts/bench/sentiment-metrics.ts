// Three-way sentiment metrics and the mapping from a score to a label by two thresholds.
export type Label = 'negative' | 'neutral' | 'positive';
export const LABELS: readonly Label[] = ['negative', 'neutral', 'positive'];

export interface SentimentMetrics { negativeF1: number; macroF1: number; accuracy: number; cases: number; f1: Record<Label, number> }

export function labelOf(score: number, negBelow: number, posAbove: number): Label {
  return score <= negBelow ? 'negative' : score >= posAbove ? 'positive' : 'neutral';
}

export function sentimentMetrics(gold: readonly Label[], predicted: readonly Label[]): SentimentMetrics {
  const f1 = {} as Record<Label, number>;
  for (const l of LABELS) {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === l && g === l) tp++;
      else if (p === l) fp++;
      else if (g === l) fn++;
    });
    f1[l] = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  const right = gold.filter((g, i) => g === predicted[i]).length;
  return { negativeF1: f1.negative, macroF1: (f1.negative + f1.neutral + f1.positive) / 3, accuracy: gold.length ? right / gold.length : 0, cases: gold.length, f1 };
}

/** Thresholds (negBelow, posAbove) that maximise macro-F1 on the given scores; a grid over their quantiles. */
export function tuneThresholds(scores: readonly number[], gold: readonly Label[]): { negBelow: number; posAbove: number } {
  const sorted = [...new Set(scores)].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(sorted.length / 60));
  const candidates = sorted.filter((_, i) => i % step === 0);
  let best = { negBelow: -Number.EPSILON, posAbove: Number.EPSILON, macro: -1 };
  for (const n of candidates) for (const p of candidates) {
    if (p <= n) continue;
    const m = sentimentMetrics(gold, scores.map((s) => labelOf(s, n, p))).macroF1;
    if (m > best.macro) best = { negBelow: n, posAbove: p, macro: m };
  }
  return { negBelow: best.negBelow, posAbove: best.posAbove };
}
