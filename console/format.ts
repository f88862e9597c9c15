// Small formatting helpers shared by the console's views. Pure; strings come from the translator.
import type { EscalationReason, SentimentPoint } from '../shared/protocol';
import type { MessageKey, Translate } from './i18n';

export type Mood = 'negative' | 'neutral' | 'positive';

/** Scores run -1 (angry) … +1 (happy); the bands match what an agent would call it. */
export function moodOf(score: number): Mood {
  if (score <= -0.2) return 'negative';
  if (score >= 0.2) return 'positive';
  return 'neutral';
}

export function formatScore(score: number): string {
  const s = (Math.round(score * 100) / 100).toFixed(2);
  return score > 0 ? `+${s}` : s.replace('-0.00', '0.00');
}

/** "42 s", "7 min", "1 h 5 min". */
export function formatDuration(ms: number, t: Translate): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('time.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('time.minutes', { n: m });
  return t('time.hours', { h: Math.floor(m / 60), m: m % 60 });
}

export function formatClock(iso: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

export function reasonKey(reason: EscalationReason): MessageKey {
  return `reason.${reason}` as MessageKey;
}

export function reasonLongKey(reason: EscalationReason | undefined): MessageKey {
  return reason ? (`reason.long.${reason}` as MessageKey) : 'reason.long.none';
}

/**
 * What set off a `sentiment` escalation, when one message did it on its own: the latest message in
 * the trail that was hostile (its words, "useless"), read as sarcastic, or handed over as something
 * only a person can settle; undefined otherwise. Only the bot's turns count (their points carry
 * `intent`): a sarcastic message sent while waiting for a person did not cause the handover.
 */
export function sentimentCue(
  reason: EscalationReason | undefined, trail: readonly SentimentPoint[],
): { hostile: string } | { sarcastic: true } | { person: true } | undefined {
  if (reason !== 'sentiment') return undefined;
  const turns = botTurns(trail);
  for (let i = turns.length - 1; i >= 0; i--) {
    const p = turns[i]!;
    if (p.hostile) return { hostile: p.hostile };
    if (p.sarcastic) return { sarcastic: true };
    if (p.person) return { person: true };
  }
  return undefined;
}

/**
 * Whether the visitor told the bot its answer missed before a
 * `fallback` escalation, or before a `sentiment` one that no hostile or sarcastic message explains
 * (an upset correction hands over as `sentiment`): the agent then knows the bot's answer is the
 * thing to put right. Only the bot's turns count, as in sentimentCue.
 */
export function repairCue(reason: EscalationReason | undefined, trail: readonly SentimentPoint[]): boolean {
  if (reason !== 'fallback' && (reason !== 'sentiment' || sentimentCue(reason, trail))) return false;
  return botTurns(trail).some((p) => p.repair);
}

/** The points of messages the bot answered (they carry `intent`); all of them in a trail without any. */
function botTurns(trail: readonly SentimentPoint[]): readonly SentimentPoint[] {
  return trail.some((p) => p.intent !== undefined) ? trail.filter((p) => p.intent !== undefined) : trail;
}

/** Only http(s) links are clickable; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/**
 * Polyline points for a sparkline of running sentiment in a w×h box, zero in the middle.
 * The scale is ±1 unless the running score goes further (it is a sum, so it can).
 */
export function sparkPoints(points: SentimentPoint[], w: number, h: number, pad = 3): string {
  if (points.length === 0) return '';
  const n = points.length;
  const span = Math.max(1, ...points.map((p) => Math.abs(p.running)));
  const y = (v: number) => pad + ((1 - v / span) / 2) * (h - 2 * pad);
  const x = (i: number) => (n === 1 ? w / 2 : pad + (i / (n - 1)) * (w - 2 * pad));
  return points.map((p, i) => `${x(i).toFixed(1)},${y(p.running).toFixed(1)}`).join(' ');
}

/**
 * The hint under the reply box: how far over the limit, how many characters are left once fewer
 * than 200, or that the console is offline; singular for one.
 */
export function replyHint(length: number, limit: number, offline: boolean, t: Translate): string {
  const over = length - limit;
  if (over > 0) return over === 1 ? t('reply.tooLongOne') : t('reply.tooLong', { count: over });
  const left = limit - length;
  if (left < 200) return left === 1 ? t('reply.remainingOne') : t('reply.remaining', { count: left });
  return offline ? t('reply.offline') : '';
}
