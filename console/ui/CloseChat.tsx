// "Close chat", asked twice: closing cannot be undone, so the button opens a small modal
// alert dialog first (ConfirmButton). Focus starts on "Keep it open" and goes back to the
// Close button on cancel; after confirming it moves to the conversation region.
import { ConfirmButton } from './ConfirmButton';
import { useT } from './hooks';

export interface CloseChatProps {
  conversationId: string;
  /** The visitor's display name, for the question. */
  name: string;
  onConfirm: () => void;
}

export function CloseChat({ conversationId, name, onConfirm }: CloseChatProps) {
  const t = useT();
  return (
    <ConfirmButton
      idBase={`close-${conversationId}`}
      openerTestId="close-chat"
      testIdPrefix="close"
      label={t('conv.close')}
      buttonClass="btn danger"
      title={t('conv.confirmClose.title')}
      body={t('conv.confirmClose.body', { name })}
      confirmLabel={t('conv.confirmClose.confirm')}
      confirmClass="btn danger-solid"
      cancelLabel={t('conv.confirmClose.cancel')}
      onConfirm={onConfirm}
    />
  );
}
