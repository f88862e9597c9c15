// Who the visitor is, in the words an agent would use.
import type { ConversationDetail, QueueEntry } from '../../shared/protocol';
import type { Translate } from '../i18n';

export function visitorName(c: ConversationDetail | undefined, t: Translate, q?: QueueEntry): string {
  const v = c?.visitor;
  return v?.identity?.name || v?.contact?.name || q?.visitorName || t('queue.visitor');
}
