// The message input: Enter sends, Shift+Enter adds a newline; typing is reported.
// The text lives in the panel's state (so it survives re-renders of the log).

import type { Ref } from 'preact';
import { DEFAULT_LIMITS } from '../../shared/protocol';
import { strings as s } from './strings';

export function Composer(props: { inputRef: Ref<HTMLTextAreaElement>; text: string; onText: (text: string) => void; onSend: (text: string) => void }) {
  const { text } = props;
  const submit = () => {
    if (text.trim()) props.onSend(text);
  };
  return (
    <form
      class="cp"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={props.inputRef}
        rows={1}
        value={text}
        maxLength={DEFAULT_LIMITS.maxTextChars}
        aria-label={s.inputLabel}
        placeholder={s.placeholder}
        data-testid="heed-input"
        onInput={(e) => props.onText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="send" data-testid="heed-send" disabled={!text.trim()}>
        {s.send}
      </button>
    </form>
  );
}
