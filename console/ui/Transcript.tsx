// The whole conversation, bot part included. Text is always rendered as text, never as HTML.
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AgentInfo, Message } from '../../shared/protocol';
import { formatClock } from '../format';
import type { MessageKey } from '../i18n';
import type { Outgoing } from '../state';
import { handoverIndex } from '../transcript';
import { useT } from './hooks';

export interface TranscriptProps {
  messages: Message[];
  pending: Outgoing[];
  /** Highest seq the visitor has read: the last agent message at or below it is marked seen. */
  visitorRead: number;
  agent: AgentInfo | undefined;
  visitor: string;
  onDiscard: (clientId: string) => void;
  onRetry: (clientId: string) => void;
}

export function Transcript({ messages, pending, visitorRead, agent, visitor, onDiscard, onRetry }: TranscriptProps) {
  const t = useT();
  const box = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  // Stay at the bottom while the agent is at the bottom; leave them alone if they scrolled up.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const handover = handoverIndex(messages);
  // Until a person comes in, everything so far belongs to the bot's part.
  const botPartEnd = handover !== -1 ? handover : messages.some((m) => m.from === 'bot') ? messages.length : 0;

  // Read receipt: the newest agent reply the visitor has seen.
  let seenSeq = 0;
  for (const m of messages) if (m.from === 'agent' && !m.note && m.seq <= visitorRead) seenSeq = m.seq;

  const who = (m: Message): string => {
    if (m.from === 'visitor') return visitor;
    if (m.from === 'agent') {
      if (agent && m.author?.name === agent.name) return t('transcript.you');
      return m.author?.name || t('transcript.from.agent');
    }
    return m.author?.name || t(`transcript.from.${m.from}` as MessageKey);
  };

  return (
    <ol class="transcript" data-testid="transcript" aria-label={t('transcript.label')} tabIndex={0} ref={box}>
      {messages.length === 0 && pending.length === 0 && <li class="muted empty">{t('transcript.empty')}</li>}
      {messages.map((m, i) => (
        <Fragment key={m.id}>
          {i === handover && (
            <li class="handover">
              <span>{t('transcript.handover')}</span>
            </li>
          )}
          <li
            class={`msg from-${m.from}${m.note ? ' note' : ''}${i < botPartEnd ? ' phase-bot' : ''}`}
            data-testid="transcript-message"
            data-from={m.from}
            data-seq={m.seq}
            data-note={m.note ? 'true' : undefined}
          >
            <div class="msg-head">
              <span class="author">{who(m)}</span>
              {m.note && (
                <span class="badge note-badge" title={t('transcript.noteHint')}>
                  {t('transcript.note')}
                </span>
              )}
              <time dateTime={m.at}>{formatClock(m.at)}</time>
            </div>
            <p class="text">{m.text}</p>
            {m.seq === seenSeq && (
              <span class="seen-mark" data-testid="seen-mark">
                {t('transcript.seen')}
              </span>
            )}
          </li>
        </Fragment>
      ))}
      {pending.map((o) => (
        <li
          key={o.clientId}
          class={`msg from-agent pending${o.note ? ' note' : ''}${o.failed ? ' failed' : ''}`}
          data-testid="transcript-message"
          data-from="agent"
          data-pending="true"
          data-note={o.note ? 'true' : undefined}
        >
          <div class="msg-head">
            <span class="author">{t('transcript.you')}</span>
            {o.note && <span class="badge note-badge">{t('transcript.note')}</span>}
            {o.failed ? (
              <span class="fail-mark" data-testid="failed-mark">
                {t('transcript.failed', { reason: o.failed.message })}
              </span>
            ) : (
              <span class="pending-mark" data-testid="pending-mark">
                <span class="spinner" aria-hidden="true" />
                {t('transcript.pending')}
              </span>
            )}
          </div>
          <p class="text">{o.text}</p>
          {o.failed && (
            <div class="msg-actions">
              <button type="button" class="btn small" onClick={() => onRetry(o.clientId)}>
                {t('transcript.retry')}
              </button>
              <button type="button" class="btn small" onClick={() => onDiscard(o.clientId)}>
                {t('transcript.discard')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
