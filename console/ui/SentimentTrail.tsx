// The conversation's mood over time: a sparkline of the running score, with words for it.
import type { SentimentPoint } from '../../shared/protocol';
import { formatScore, sparkPoints } from '../format';
import { useT } from './hooks';

const W = 220;
const H = 48;

export function SentimentTrail({ points }: { points: SentimentPoint[] }) {
  const t = useT();
  if (points.length === 0) {
    return (
      <section class="side-section" data-testid="sentiment-trail" aria-labelledby="sentiment-heading">
        <h3 id="sentiment-heading">{t('sentiment.heading')}</h3>
        <p class="muted">{t('sentiment.none')}</p>
      </section>
    );
  }
  const first = points[0].running;
  const last = points[points.length - 1].running;
  const min = Math.min(...points.map((p) => p.running));
  const summary = t(points.length === 1 ? 'sentiment.summaryOne' : 'sentiment.summary', {
    count: points.length,
    first: formatScore(first),
    last: formatScore(last),
    min: formatScore(min),
  });
  const zeroY = H / 2;
  const line = sparkPoints(points, W, H);
  const lastXY = line.split(' ').pop()?.split(',') ?? ['0', '0'];
  return (
    <section class="side-section" data-testid="sentiment-trail" aria-labelledby="sentiment-heading">
      <h3 id="sentiment-heading">{t('sentiment.heading')}</h3>
      <svg class="spark" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={summary}>
        <rect x="0" y="0" width={W} height={H / 2} class="spark-pos" />
        <rect x="0" y={H / 2} width={W} height={H / 2} class="spark-neg" />
        <line x1="0" x2={W} y1={zeroY} y2={zeroY} class="spark-zero" />
        <polyline points={line} class="spark-line" fill="none" />
        <circle cx={lastXY[0]} cy={lastXY[1]} r="3" class="spark-dot" />
      </svg>
      <p class="muted small">{summary}</p>
      <details>
        <summary>{t('sentiment.perMessage')}</summary>
        <ul class="scores">
          {points.map((p) => (
            <li key={p.seq}>
              {t('sentiment.row', { seq: p.seq, score: formatScore(p.score), running: formatScore(p.running) })}
              {p.sarcastic && <> {t('sentiment.sarcastic')}</>}
              {p.person && <> {t('sentiment.person')}</>}
              {p.repair && <> {t('sentiment.repair')}</>}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
