// The conversations this agent holds, with an unread-ish hint: the last line and typing state.
import type { ConversationDetail } from '../../shared/protocol';
import { truncate } from '../format';
import { useT } from './hooks';
import { visitorName } from './names';

export interface MyChatsProps {
  chats: ConversationDetail[];
  names: Map<string, string>;
  selectedId: string | null;
  visitorTyping: Record<string, boolean>;
  onSelect: (id: string) => void;
}

export function MyChats({ chats, names, selectedId, visitorTyping, onSelect }: MyChatsProps) {
  const t = useT();
  return (
    <section class="panel" aria-labelledby="mine-heading">
      <h2 id="mine-heading">
        {t('mine.heading')} <span class="count">{chats.length}</span>
      </h2>
      {chats.length === 0 ? (
        <p class="muted empty">{t('mine.empty')}</p>
      ) : (
        <ul class="list">
          {chats.map((c) => {
            const last = [...c.messages].reverse().find((m) => !m.note);
            const selected = selectedId === c.id;
            return (
              <li key={c.id} data-testid="my-chat" data-conversation-id={c.id} class={selected ? 'selected' : ''}>
                <button
                  type="button"
                  class="item-main"
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => onSelect(c.id)}
                >
                  <span class="item-top">
                    <span class="name">{visitorName(c, t, names.get(c.id))}</span>
                    {visitorTyping[c.id] && <span class="typing-hint">{t('mine.typing')}</span>}
                  </span>
                  <span class="preview">{last ? truncate(last.text, 80) : ''}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
