// The message input: Enter sends, Shift+Enter adds a newline; typing is reported.

import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { DEFAULT_LIMITS } from '../../shared/protocol';
import { strings as s } from './strings';

export function Composer(props: { inputRef: Ref<HTMLTextAreaElement>; onSend: (text: string) => void; onTyping: () => void }) {
  const [text, setText] = useState('');
  const submit = () => {
    if (!text.trim()) return;
    props.onSend(text);
    setText('');
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
        onInput={(e) => {
          setText(e.currentTarget.value);
          props.onTyping();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="send" data-testid="heed-send" aria-label={s.send} disabled={!text.trim()}>
        {s.send}
      </button>
    </form>
  );
}
