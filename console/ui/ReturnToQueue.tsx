// "Return to queue": hands a chat the agent holds back to the queue (a `transfer` frame
// without `agentId`). The visitor goes to whoever claims it next, so it asks first, the same
// way as Close (ConfirmButton). While the server has not answered, the button says so and
// cannot be pressed again.
import { ConfirmButton } from './ConfirmButton';
import { useT } from './hooks';

export interface ReturnToQueueProps {
  conversationId: string;
  /** The visitor's display name, for the question. */
  name: string;
  /** Sent and not answered yet. */
  busy: boolean;
  offline: boolean;
  onConfirm: () => void;
}

export function ReturnToQueue({ conversationId, name, busy, offline, onConfirm }: ReturnToQueueProps) {
  const t = useT();
  return (
    <ConfirmButton
      idBase={`requeue-${conversationId}`}
      openerTestId="requeue-chat"
      testIdPrefix="requeue"
      label={busy ? t('conv.requeueing') : t('conv.requeue')}
      buttonClass="btn"
      disabled={busy || offline}
      title={t('conv.confirmRequeue.title')}
      body={t('conv.confirmRequeue.body', { name })}
      confirmLabel={t('conv.confirmRequeue.confirm')}
      confirmClass="btn primary"
      cancelLabel={t('conv.confirmRequeue.cancel')}
      onConfirm={onConfirm}
    />
  );
}
