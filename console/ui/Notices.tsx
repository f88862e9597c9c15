// Server errors worth showing (e.g. `already_claimed`), dismissable, announced as alerts.
import { useEffect } from 'preact/hooks';
import type { MessageKey, Translate } from '../i18n';
import type { Notice } from '../state';
import { useT } from './hooks';

const KNOWN = new Set(['already_claimed', 'not_found', 'bad_state', 'too_long', 'rate_limited', 'forbidden', 'unavailable']);
const AUTO_DISMISS_MS = 12_000;

/** The notice's words: what the server said, and what it was refusing when the console knows. */
function noticeText(n: Notice, t: Translate): string {
  const reason = KNOWN.has(n.code) ? t(`notice.${n.code}` as MessageKey) : t('notice.generic', { message: n.message });
  if (n.action === 'requeue') {
    // The usual refusal: another agent or tab moved the chat on first.
    return n.code === 'forbidden' ? t('notice.requeueFailed.forbidden') : t('notice.requeueFailed', { reason });
  }
  return reason;
}

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  const t = useT();
  useEffect(() => {
    if (notices.length === 0) return;
    const oldest = notices[0];
    const id = setTimeout(() => onDismiss(oldest.id), AUTO_DISMISS_MS);
    return () => clearTimeout(id);
  }, [notices, onDismiss]);

  return (
    <div class="notices" role="alert">
      {notices.map((n) => (
        <div key={n.id} class={`notice notice-${n.code}`} data-testid="notice" data-code={n.code}>
          <span>{noticeText(n, t)}</span>
          <button type="button" class="btn small ghost" onClick={() => onDismiss(n.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
