// P10: with no agent online, the visitor leaves an email and a message for follow-up.

import type { Ref } from 'preact';
import type { Contact } from '../../shared/protocol';
import { DEFAULT_LIMITS } from '../../shared/protocol';
import { fmt, strings as s } from './strings';

export function OfflineForm(props: { firstRef: Ref<HTMLInputElement>; sentTo?: string; onSend: (text: string, contact: Contact) => void }) {
  if (props.sentTo) return <p class="thanks" role="status">{fmt(s.offlineThanks, { email: props.sentTo })}</p>;
  return (
    <form
      class="off"
      data-testid="heed-offline-form"
      aria-labelledby="heed-off"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const email = String(data.get('email') ?? '').trim();
        const name = String(data.get('name') ?? '').trim();
        const text = String(data.get('message') ?? '');
        if (!email || !text.trim()) return;
        props.onSend(text, name ? { email, name } : { email });
      }}
    >
      <h3 id="heed-off">{s.offlineTitle}</h3>
      <label>
        {s.offlineEmail}
        <input ref={props.firstRef} name="email" type="email" required autocomplete="email" />
      </label>
      <label>
        {s.offlineName}
        <input name="name" type="text" autocomplete="name" />
      </label>
      <label>
        {s.offlineMessage}
        <textarea name="message" required rows={3} maxLength={DEFAULT_LIMITS.maxTextChars} />
      </label>
      <button type="submit" class="send">{s.offlineSend}</button>
    </form>
  );
}
