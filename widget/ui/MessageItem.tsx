// One message, rendered as text only (never as HTML); http(s) links become anchors that
// open in a new tab with rel="noopener noreferrer".

import type { ViewMessage } from '../client/types';
import { linkify } from './linkify';
import { errorText, strings as s } from './strings';

function authorName(m: ViewMessage): string | null {
  if (m.from === 'system') return null;
  if (m.from === 'visitor') return s.you;
  return m.author?.name || (m.from === 'bot' ? s.bot : s.agent);
}

export function MessageItem(props: { message: ViewMessage; onRetry: (clientId: string) => void }) {
  const m = props.message;
  const author = authorName(m);
  return (
    <div
      class={`m ${m.from} ${m.status}`}
      data-testid="heed-message"
      data-from={m.from}
      data-pending={String(m.status === 'pending')}
      data-status={m.status}
    >
      {author && <span class={m.from === 'visitor' ? 'sr' : 'au'}>{author}</span>}
      <p class="tx" dir="auto">
        {linkify(m.text).map((p) =>
          typeof p === 'string' ? p : <a href={p.href} target="_blank" rel="noopener noreferrer">{p.text}</a>,
        )}
      </p>
      {m.status === 'pending' && <span class="mk">{s.pending}</span>}
      {m.status === 'failed' && (
        <span class="mk fail">
          {errorText(m.error)}{' '}
          <button type="button" class="retry" data-testid="heed-retry" onClick={() => m.clientId && props.onRetry(m.clientId)}>
            {s.retry}
          </button>
        </span>
      )}
    </div>
  );
}
