// The conversation log: messages, quick replies under the last bot message, typing.
// The panel scrolls `logRef` to the bottom when something is added.

import type { Ref } from 'preact';
import type { ChatView } from '../client/types';
import { MessageItem } from './MessageItem';
import { fmt, strings as s } from './strings';

/** The quick replies offered now: those of the last message, when it is the bot's. */
export function quickReplies(view: ChatView): string[] {
  const last = view.messages[view.messages.length - 1];
  return last && last.from === 'bot' && last.status === 'sent' ? last.quickReplies ?? [] : [];
}

export function MessageList(props: { view: ChatView; logRef: Ref<HTMLDivElement>; onRetry: (clientId: string) => void; onQuickReply: (text: string) => void }) {
  const { view } = props;
  const { messages, typing, state } = view;
  const replies = quickReplies(view);
  return (
    <div class="log-wrap" ref={props.logRef}>
      <div class="log" role="log" aria-live="polite" aria-label={s.messages}>
        {messages.map((m) => (
          <MessageItem key={m.key} message={m} onRetry={props.onRetry} />
        ))}
      </div>
      {replies.length > 0 && (
        <div class="qr" role="group" aria-label={s.quickReplies}>
          {replies.map((r) => (
            <button type="button" key={r} dir="auto" data-testid="heed-quick-reply" onClick={() => props.onQuickReply(r)}>
              {r}
            </button>
          ))}
        </div>
      )}
      {typing && (
        <div class="typing" data-testid="heed-typing">
          <span class="dots" aria-hidden="true"><i /><i /><i /></span>
          {typing === 'bot' ? s.typingBot : fmt(s.typingAgent, { name: state.agent || s.agent })}
        </div>
      )}
    </div>
  );
}
