// One message, rendered as text only (never as HTML).

import type { ViewMessage } from '../client/types';
import { errorText, strings as s } from './strings';

function authorName(m: ViewMessage): string | null {
  if (m.from === 'visitor' || m.from === 'system') return null;
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
      {author && <span class="au">{author}</span>}
      <p class="tx">{m.text}</p>
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
