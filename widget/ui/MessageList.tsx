// The conversation log: messages, quick replies under the last bot message, typing.

import { useEffect, useRef } from 'preact/hooks';
import type { ChatView } from '../client/types';
import { MessageItem } from './MessageItem';
import { fmt, strings as s } from './strings';

export function MessageList(props: { view: ChatView; onRetry: (clientId: string) => void; onQuickReply: (text: string) => void }) {
  const { messages, typing, state } = props.view;
  const ref = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  const replies = last && last.from === 'bot' && last.status === 'sent' ? last.quickReplies ?? [] : [];

  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, typing, replies.length, state.conversation]);

  return (
    <div class="log-wrap" ref={ref}>
      <div class="log" role="log" aria-live="polite" aria-label={s.messages}>
        {messages.map((m) => (
          <MessageItem key={m.key} message={m} onRetry={props.onRetry} />
        ))}
      </div>
      {replies.length > 0 && (
        <div class="qr" role="group" aria-label={s.quickReplies}>
          {replies.map((r) => (
            <button type="button" key={r} data-testid="heed-quick-reply" onClick={() => props.onQuickReply(r)}>
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
