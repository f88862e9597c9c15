// Small visual atoms: the escalation reason badge and the mood indicator.
import type { EscalationReason } from '../../shared/protocol';
import { formatScore, moodOf, reasonKey } from '../format';
import { useT } from './hooks';

export function ReasonBadge({ reason }: { reason: EscalationReason }) {
  const t = useT();
  return <span class={`badge reason-${reason}`}>{t(reasonKey(reason))}</span>;
}

/** A coloured dot plus words, so colour is never the only signal. */
export function Mood({ score, compact }: { score: number; compact?: boolean }) {
  const t = useT();
  const mood = moodOf(score);
  const words = t('mood.label', { mood: t(`mood.${mood}`), score: formatScore(score) });
  return (
    <span class={`mood mood-${mood}`} title={words}>
      <span class="dot" aria-hidden="true" />
      {compact ? <span class="sr-only">{words}</span> : <span>{words}</span>}
    </span>
  );
}
