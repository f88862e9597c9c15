// A button that asks before it acts: for actions that cannot be taken back (closing a chat)
// or that hand the visitor to someone else (returning a chat to the queue). The question is a
// native <dialog> shown with showModal(), so the rest of the page is inert, Tab stays inside,
// and Escape cancels. It is an alertdialog named by its title and described by its body.
// Focus starts on the safe choice (cancel) and goes back to the opening button on cancel;
// after confirming it moves to the conversation region, because the opening button goes away
// (or is disabled while the server answers) once the action is taken.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ConfirmButtonProps {
  /** Unique per dialog on the page: the title and body ids are built from it. */
  idBase: string;
  /** data-testid of the opening button. */
  openerTestId: string;
  /** Prefix of the dialog's test ids: `${p}-confirm`, `${p}-cancel`, `${p}-confirm-button`. */
  testIdPrefix: string;
  /** The opening button's text and its class. */
  label: ComponentChildren;
  buttonClass: string;
  /** The opening button cannot be used (offline, or the action is already under way). */
  disabled?: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  confirmClass: string;
  cancelLabel: string;
  onConfirm: () => void;
}

export function ConfirmButton(p: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);

  useEffect(() => {
    const d = dialog.current;
    if (!asking || !d) return;
    confirmed.current = false;
    if (!d.open) d.showModal();
    cancelButton.current?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, [asking]);

  // Fires for every way the dialog ends: Escape, the cancel button, and confirming.
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
    p.onConfirm();
  }

  return (
    <>
      <button
        ref={opener}
        type="button"
        class={p.buttonClass}
        data-testid={p.openerTestId}
        aria-haspopup="dialog"
        disabled={p.disabled}
        onClick={() => setAsking(true)}
      >
        {p.label}
      </button>
      {asking && (
        <dialog
          ref={dialog}
          class="confirm"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby={`${p.idBase}-title`}
          aria-describedby={`${p.idBase}-body`}
          data-testid={`${p.testIdPrefix}-confirm`}
          onClose={onClose}
        >
          <h2 id={`${p.idBase}-title`} class="confirm-title">
            {p.title}
          </h2>
          <p id={`${p.idBase}-body`} class="confirm-body">
            {p.body}
          </p>
          <div class="confirm-actions">
            <button ref={cancelButton} type="button" class="btn" data-testid={`${p.testIdPrefix}-cancel`} onClick={cancel}>
              {p.cancelLabel}
            </button>
            <button type="button" class={p.confirmClass} data-testid={`${p.testIdPrefix}-confirm-button`} onClick={confirm}>
              {p.confirmLabel}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
