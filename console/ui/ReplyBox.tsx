// The reply composer: Enter sends, Shift+Enter adds a line, a toggle turns it into an internal note.
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_LIMITS } from '../../shared/protocol';
import { replyHint } from '../format';
import { useT } from './hooks';

export interface ReplyBoxProps {
  conversationId: string;
  initialDraft: string;
  offline: boolean;
  autoFocus: boolean;
  onDraft: (text: string) => void;
  onSend: (text: string, note: boolean) => void;
  /** Keystrokes in reply mode (not note mode): drives the throttled typing indicator. */
  onTyping: () => void;
  onStopTyping: () => void;
}

const LIMIT = DEFAULT_LIMITS.maxTextChars;

export function ReplyBox(props: ReplyBoxProps) {
  const t = useT();
  const [text, setText] = useState(props.initialDraft);
  const [note, setNote] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const id = `reply-${props.conversationId}`;

  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, [props.autoFocus]);

  const over = text.length - LIMIT;
  const canSend = text.trim().length > 0 && over <= 0;

  function submit(e?: Event) {
    e?.preventDefault();
    if (!canSend) return;
    props.onStopTyping();
    props.onSend(text.trim(), note);
    setText('');
    props.onDraft('');
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      submit(e);
    }
  }

  function onInput(e: Event) {
    const value = (e.currentTarget as HTMLTextAreaElement).value;
    setText(value);
    props.onDraft(value);
    if (note) return;
    if (value.length > 0) props.onTyping();
    else props.onStopTyping();
  }

  function toggleNote(e: Event) {
    const on = (e.currentTarget as HTMLInputElement).checked;
    setNote(on);
    if (on) props.onStopTyping();
  }

  return (
    <form class={`reply${note ? ' note-mode' : ''}`} onSubmit={submit}>
      <label for={id} class="reply-label">
        {note ? t('reply.noteLabel') : t('reply.label')}
      </label>
      <textarea
        id={id}
        ref={input}
        data-testid="reply-input"
        rows={3}
        value={text}
        placeholder={note ? t('reply.notePlaceholder') : t('reply.placeholder')}
        aria-describedby={`${id}-hint`}
        aria-invalid={over > 0 ? 'true' : undefined}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={props.onStopTyping}
      />
      <div class="reply-bar">
        <label class="toggle">
          <input type="checkbox" data-testid="note-toggle" checked={note} onChange={toggleNote} />
          <span>{t('reply.noteToggle')}</span>
        </label>
        <span id={`${id}-hint`} class={`hint${over > 0 ? ' error' : ''}`} aria-live="polite">
          {replyHint(text.length, LIMIT, !!props.offline, t)}
        </span>
        <button type="submit" class="btn primary" data-testid="reply-send" disabled={!canSend}>
          {note ? t('reply.saveNote') : t('reply.send')}
        </button>
      </div>
    </form>
  );
}
