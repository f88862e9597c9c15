// Small visual atoms: the escalation reason badge and the mood indicator.
import type { EscalationReason } from '../../shared/protocol';
import { formatScore, moodOf, reasonKey } from '../format';
import { useT } from './hooks';

export function ReasonBadge({ reason }: { reason: EscalationReason }) {
  const t = useT();
  return <span class={`badge reason-${reason}`}>{t(reasonKey(reason))}</span>;
}

/** A coloured dot plus a word, so colour is never the only signal; the score is in the title. */
export function Mood({ score }: { score: number }) {
  const t = useT();
  const mood = moodOf(score);
  const words = t('mood.label', { mood: t(`mood.${mood}`), score: formatScore(score) });
  return (
    <span class={`mood mood-${mood}`} title={words} data-testid="mood" data-score={score}>
      <span class="dot" aria-hidden="true" />
      <span aria-hidden="true">{t(`mood.${mood}`)}</span>
      <span class="sr-only">{words}</span>
    </span>
  );
}
