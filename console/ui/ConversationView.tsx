// The selected conversation: header (state, escalation reason, actions), transcript,
// typing indicator, reply box, and a side column with visitor context and sentiment.
import type { AgentInfo, ConversationDetail, QueueEntry } from '../../shared/protocol';
import { reasonLongKey, repairCue, sentimentCue } from '../format';
import { isMine, type Outgoing } from '../state';
import { ReasonBadge } from './Badges';
import { CloseChat } from './CloseChat';
import { ReplyBox } from './ReplyBox';
import { ReturnToQueue } from './ReturnToQueue';
import { SentimentTrail } from './SentimentTrail';
import { Transcript } from './Transcript';
import { VisitorContext } from './VisitorContext';
import { useT } from './hooks';
import { visitorName } from './names';

export interface ConversationActions {
  claim: (id: string) => void;
  close: (id: string) => void;
  requeue: (id: string) => void;
  send: (id: string, text: string, note: boolean) => void;
  typing: (id: string) => void;
  stopTyping: (id: string) => void;
  discard: (clientId: string) => void;
  retry: (clientId: string) => void;
  draft: (id: string, text?: string) => string;
}

export interface ConversationViewProps {
  conversation: ConversationDetail;
  queueEntry?: QueueEntry;
  /** A visitor name remembered from the queue after the entry left it. */
  knownName?: string;
  agent: AgentInfo | undefined;
  pending: Outgoing[];
  visitorTyping: boolean;
  claiming: boolean;
  /** A return to the queue was sent and not answered yet. */
  requeueing: boolean;
  offline: boolean;
  actions: ConversationActions;
}

export function ConversationView(p: ConversationViewProps) {
  const t = useT();
  const c = p.conversation;
  const name = visitorName(c, t, p.queueEntry?.visitorName ?? p.knownName);
  const mine = isMine(c, p.agent);
  const stateText =
    c.state === 'agent'
      ? mine
        ? t('state.agentYou')
        : t('state.agent', { name: c.agentName || t('transcript.from.agent') })
      : t(`state.${c.state}`);
  const reason = c.reason ?? p.queueEntry?.reason;
  const cue = sentimentCue(reason, c.sentiment);
  const repaired = repairCue(reason, c.sentiment);
  const claimable = c.state === 'queued' || c.state === 'offline';

  return (
    <article class="conv" aria-labelledby="conv-heading">
      <header class="conv-head">
        <div class="conv-title">
          <h2 id="conv-heading">{t('conv.heading', { name })}</h2>
          <p class="conv-sub">
            <span class={`badge state state-${c.state}`} data-testid="conversation-state" data-state={c.state}>
              {stateText}
            </span>
            {reason && <ReasonBadge reason={reason} />}
            <span class="reason-text" data-testid="escalation-reason" data-reason={reason ?? ''}>
              {t(reasonLongKey(reason))}
              {(cue || repaired) && (
                <>
                  {' '}
                  <span data-testid="escalation-cue">
                    {!cue
                      ? t('reason.repairCue')
                      : 'hostile' in cue
                        ? t('reason.hostileCue', { cue: cue.hostile })
                        : 'person' in cue
                          ? t('reason.personCue')
                          : t('reason.sarcasmCue')}
                  </span>
                </>
              )}
            </span>
          </p>
        </div>
        <div class="conv-actions">
          {claimable && (
            <button
              type="button"
              class="btn primary"
              data-testid="conversation-claim"
              disabled={p.claiming}
              onClick={() => p.actions.claim(c.id)}
            >
              {p.claiming ? t('queue.claiming') : t('conv.claim')}
            </button>
          )}
          {mine && (
            <ReturnToQueue
              key={`requeue-${c.id}`}
              conversationId={c.id}
              name={name}
              busy={p.requeueing}
              offline={p.offline}
              onConfirm={() => p.actions.requeue(c.id)}
            />
          )}
          {mine && (
            <CloseChat key={c.id} conversationId={c.id} name={name} onConfirm={() => p.actions.close(c.id)} />
          )}
        </div>
      </header>
      <div class="conv-body">
        <div class="conv-thread">
          <Transcript
            messages={c.messages}
            pending={p.pending}
            visitorRead={c.visitorRead ?? 0}
            agent={p.agent}
            visitor={name}
            onDiscard={p.actions.discard}
            onRetry={p.actions.retry}
          />
          <div class="typing-row">
            {p.visitorTyping && c.state !== 'closed' && (
              <p class="typing" data-testid="visitor-typing">
                <span class="dots" aria-hidden="true">
                  <span />
                  <span />
                  <span />
                </span>
                {t('typing.visitor', { name })}
              </p>
            )}
          </div>
          {mine ? (
            <ReplyBox
              key={c.id}
              conversationId={c.id}
              initialDraft={p.actions.draft(c.id)}
              offline={p.offline}
              autoFocus
              onDraft={(text) => p.actions.draft(c.id, text)}
              onSend={(text, note) => p.actions.send(c.id, text, note)}
              onTyping={() => p.actions.typing(c.id)}
              onStopTyping={() => p.actions.stopTyping(c.id)}
            />
          ) : (
            <p class="banner">
              {c.state === 'closed'
                ? t('conv.closed')
                : c.state === 'agent'
                  ? t('conv.otherAgent', { name: c.agentName || t('transcript.from.agent') })
                  : t('conv.viewOnly')}
            </p>
          )}
        </div>
        <aside class="conv-side" aria-label={t('conv.details')}>
          <VisitorContext conversation={c} />
          <SentimentTrail points={c.sentiment ?? []} />
        </aside>
      </div>
    </article>
  );
}
