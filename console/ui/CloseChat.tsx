// "Close chat", asked twice: closing cannot be undone, so the button opens a small modal
// alert dialog first. It is a native <dialog> shown with showModal(), so the rest of the
// page is inert, Tab stays inside, and Escape cancels. Focus starts on the safe choice
// ("Keep it open") and goes back to the Close button on cancel; after confirming it moves
// to the conversation region, because the Close button disappears once the chat is closed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from './hooks';

export interface CloseChatProps {
  conversationId: string;
  /** The visitor's display name, for the question. */
  name: string;
  onConfirm: () => void;
}

export function CloseChat({ conversationId, name, onConfirm }: CloseChatProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const keepOpen = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const ids = `close-${conversationId}`;

  useEffect(() => {
    const d = dialog.current;
    if (!asking || !d) return;
    confirmed.current = false;
    if (!d.open) d.showModal();
    keepOpen.current?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, [asking]);

  // Fires for every way the dialog ends: Escape, "Keep it open", and confirming.
  function onClose() {
    setAsking(false);
    if (confirmed.current) {
      const region = opener.current?.closest('main') as HTMLElement | null;
      region?.focus();
    } else {
      opener.current?.focus();
    }
  }

  function cancel() {
    dialog.current?.close();
  }

  function confirm() {
    confirmed.current = true;
    dialog.current?.close();
    onConfirm();
  }

  return (
    <>
      <button
        ref={opener}
        type="button"
        class="btn danger"
        data-testid="close-chat"
        aria-haspopup="dialog"
        onClick={() => setAsking(true)}
      >
        {t('conv.close')}
      </button>
      {asking && (
        <dialog
          ref={dialog}
          class="confirm"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby={`${ids}-title`}
          aria-describedby={`${ids}-body`}
          data-testid="close-confirm"
          onClose={onClose}
        >
          <h2 id={`${ids}-title`} class="confirm-title">
            {t('conv.confirmClose.title')}
          </h2>
          <p id={`${ids}-body`} class="confirm-body">
            {t('conv.confirmClose.body', { name })}
          </p>
          <div class="confirm-actions">
            <button ref={keepOpen} type="button" class="btn" data-testid="close-cancel" onClick={cancel}>
              {t('conv.confirmClose.cancel')}
            </button>
            <button type="button" class="btn danger-solid" data-testid="close-confirm-button" onClick={confirm}>
              {t('conv.confirmClose.confirm')}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
