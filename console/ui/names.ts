// Who the visitor is, in the words an agent would use.
import type { ConversationDetail } from '../../shared/protocol';
import type { Translate } from '../i18n';

/** `known` is a name seen earlier (e.g. on the queue entry) when the conversation has none. */
export function visitorName(c: ConversationDetail | undefined, t: Translate, known?: string): string {
  const v = c?.visitor;
  return v?.identity?.name || v?.contact?.name || known || t('queue.visitor');
}
