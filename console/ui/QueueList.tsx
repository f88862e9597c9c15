// The live queue: who is waiting, why, for how long, and a Claim button for each.
import type { QueueEntry } from '../../shared/protocol';
import { formatDuration, reasonKey, truncate } from '../format';
import { Mood, ReasonBadge } from './Badges';
import { useNow, useT } from './hooks';

export interface QueueListProps {
  queue: QueueEntry[];
  selectedId: string | null;
  claiming: string[];
  onView: (id: string) => void;
  onClaim: (id: string) => void;
}

export function QueueList({ queue, selectedId, claiming, onView, onClaim }: QueueListProps) {
  const t = useT();
  useNow(15_000); // re-render so waiting times move on
  const now = Date.now();
  const sorted = [...queue].sort((a, b) => a.position - b.position);
  return (
    <section class="panel" aria-labelledby="queue-heading">
      <h2 id="queue-heading">
        {t('queue.heading')} <span class="count">{queue.length}</span>
      </h2>
      {sorted.length === 0 ? (
        <p class="muted empty">{t('queue.empty')}</p>
      ) : (
        <ul class="list">
          {sorted.map((q) => {
            const name = q.visitorName || t('queue.visitor');
            const waited = formatDuration(now - Date.parse(q.queuedAt), t);
            const busy = claiming.includes(q.conversationId);
            return (
              <li
                key={q.conversationId}
                class={`queue-item${selectedId === q.conversationId ? ' selected' : ''}`}
                data-testid="queue-item"
                data-conversation-id={q.conversationId}
              >
                <button
                  type="button"
                  class="item-main"
                  aria-current={selectedId === q.conversationId ? 'true' : undefined}
                  aria-label={t('queue.view', { name, reason: t(reasonKey(q.reason)), time: waited })}
                  onClick={() => onView(q.conversationId)}
                >
                  <span class="item-top">
                    <span class="name">{name}</span>
                    <span class="wait">{t('queue.waiting', { time: waited })}</span>
                  </span>
                  <span class="item-meta">
                    <ReasonBadge reason={q.reason} />
                    <Mood score={q.sentiment} />
                  </span>
                  <span class="preview">{q.lastMessage ? truncate(q.lastMessage, 90) : t('queue.noPreview')}</span>
                </button>
                <button
                  type="button"
                  class="btn primary small"
                  data-testid="claim-button"
                  aria-label={t('queue.claimLabel', { name })}
                  disabled={busy}
                  onClick={() => onClaim(q.conversationId)}
                >
                  {busy ? t('queue.claiming') : t('queue.claim')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
