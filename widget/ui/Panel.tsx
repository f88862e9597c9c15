// The chat panel: a dialog with header, log, and the composer (or the offline form).

import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatClient } from '../client/client';
import { Composer } from './Composer';
import { Header } from './Header';
import { MessageList } from './MessageList';
import { OfflineForm } from './OfflineForm';
import { strings as s } from './strings';
import { useChatView } from './useChatView';

export function Panel(props: { client: ChatClient; onClose: () => void }) {
  const { client } = props;
  const view = useChatView(client);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const [asked, setAsked] = useState(false);
  const convo = view.state.conversation;
  const offline = convo === 'offline';

  const focusInput = () => (offline ? emailRef.current : inputRef.current)?.focus();
  // Opening focuses the input (the panel mounts on open).
  useEffect(focusInput, [offline]);
  useEffect(() => {
    if (convo !== 'bot') setAsked(false);
  }, [convo]);

  return (
    <div
      class="panel"
      role="dialog"
      aria-label={s.title}
      data-testid="heed-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <Header state={view.state} titleId="heed-title" onClose={props.onClose} />
      <MessageList view={view} onRetry={(id) => client.retry(id)} onQuickReply={(text) => {
          client.send(text);
          focusInput(); // the buttons go away; keep focus in the panel
        }}
      />
      {convo === 'bot' && (
        <button
          type="button"
          class="handoff"
          data-testid="heed-handoff"
          disabled={asked}
          onClick={() => {
            setAsked(true);
            client.handoff();
            focusInput();
          }}
        >
          {s.handoff}
        </button>
      )}
      {offline ? (
        <OfflineForm firstRef={emailRef} onSend={(text, contact) => client.send(text, contact)} />
      ) : (
        <Composer inputRef={inputRef} onSend={(text) => client.send(text)} onTyping={() => client.noteTyping()} />
      )}
    </div>
  );
}
