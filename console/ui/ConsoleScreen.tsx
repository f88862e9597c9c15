// The signed-in console: top bar, queue + my chats (nav), the selected conversation (main),
// notices, and a polite live region for new queue entries and new visitor messages.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AgentInfo } from '../../shared/protocol';
import type { AgentClient, ClientEvent } from '../client';
import { createDraftStore, sessionStorageOrNull } from '../drafts';
import { reasonKey, truncate } from '../format';
import { isMine } from '../state';
import { TypingSender } from '../typing';
import { ConversationView, type ConversationActions } from './ConversationView';
import { MyChats } from './MyChats';
import { Notices } from './Notices';
import { QueueList } from './QueueList';
import { useClientState, useT } from './hooks';
import { visitorName } from './names';

export interface ConsoleScreenProps {
  client: AgentClient;
  agent: AgentInfo;
  onSignOut: () => void;
  onExpired: () => void;
}

export function ConsoleScreen({ client, agent: signedIn, onSignOut, onExpired }: ConsoleScreenProps) {
  const t = useT();
  const s = useClientState(client);
  const agent = s.agent ?? signedIn;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState({ n: 0, text: '' });
  // Unsent replies survive a reload and a sign-in after expiry; they belong to this agent only.
  const drafts = useMemo(() => createDraftStore(sessionStorageOrNull(), signedIn.id), [signedIn.id]);
  const typers = useRef(new Map<string, TypingSender>());

  useEffect(() => {
    if (s.status === 'unauthorized') onExpired();
  }, [s.status, onExpired]);

  // The tab title shows how many people are waiting, so a background tab still tells.
  useEffect(() => {
    const n = s.queue.length;
    document.title = n > 0 ? `(${n}) ${t('app.title')}` : t('app.title');
  }, [s.queue.length, t]);

  // A closed chat takes no more replies, and one a colleague now holds takes none from this
  // agent (after a return to the queue, say): drop its draft. A queued chat keeps it.
  useEffect(() => {
    for (const c of Object.values(s.conversations)) {
      if (c.state === 'closed' || (c.state === 'agent' && c.agentId !== undefined && c.agentId !== signedIn.id)) drafts.clear(c.id);
    }
  }, [s.conversations, drafts, signedIn.id]);

  // Names the queue gave visitors, kept after the entry leaves the queue (claimed chats).
  const names = useRef(new Map<string, string>());
  for (const q of s.queue) if (q.visitorName) names.current.set(q.conversationId, q.visitorName);

  // After a reconnect, `ready` lists only held chats: reopen the one on screen if it fell out.
  useEffect(() => {
    if (s.status !== 'open' || !selectedId) return;
    if (!s.conversations[selectedId] && !s.claiming.includes(selectedId)) client.open(selectedId);
    // Only when the connection (re)opens or the selection changes, not on every frame.
  }, [s.status, selectedId, client]);

  // Announce what is new, politely.
  const latest = useRef({ s, selectedId });
  latest.current = { s, selectedId };
  useEffect(
    () =>
      client.onEvent((e: ClientEvent) => {
        let text = '';
        // A failed claim of a chat we never loaded leaves nothing to show: drop the selection.
        if (e.kind === 'error' && e.conversationId && e.conversationId === latest.current.selectedId) {
          if (!latest.current.s.conversations[e.conversationId]) setSelectedId(null);
        }
        if (e.kind === 'queue-added') {
          text =
            e.entries.length === 1
              ? t('live.queueAdded', {
                  name: e.entries[0].visitorName || t('queue.visitor'),
                  reason: t(reasonKey(e.entries[0].reason)),
                })
              : t('live.queueAddedMany', { count: e.entries.length });
        } else if (e.kind === 'visitor-message') {
          const c = latest.current.s.conversations[e.conversationId];
          text = t('live.visitorMessage', { name: visitorName(c, t, names.current.get(e.conversationId)), text: truncate(e.message.text, 140) });
        }
        if (text) setAnnouncement((a) => ({ n: a.n + 1, text }));
      }),
    [client, t],
  );

  useEffect(
    () => () => {
      for (const ty of typers.current.values()) ty.stop();
    },
    [],
  );

  const typer = useCallback(
    (id: string) => {
      let ty = typers.current.get(id);
      if (!ty) {
        ty = new TypingSender({ send: (on) => client.typing(id, on) });
        typers.current.set(id, ty);
      }
      return ty;
    },
    [client],
  );

  const select = useCallback(
    (id: string) => {
      if (selectedId && selectedId !== id) typers.current.get(selectedId)?.stop();
      setSelectedId(id);
    },
    [selectedId],
  );

  const actions: ConversationActions = useMemo(
    () => ({
      claim: (id) => {
        client.claim(id);
        setSelectedId(id);
      },
      close: (id) => {
        // The draft goes when the server says the chat is closed (the effect above), not before:
        // a refused close leaves the agent's text where it was.
        typers.current.get(id)?.stop();
        client.close(id);
      },
      requeue: (id) => {
        // The chat stays on screen (now queued, claimable again); its draft stays too, in case
        // the server refuses or the agent claims it back.
        typers.current.get(id)?.stop();
        client.requeue(id);
      },
      send: (id, text, note) => {
        client.send(id, text, note);
      },
      typing: (id) => typer(id).keystroke(),
      stopTyping: (id) => typers.current.get(id)?.stop(),
      discard: (clientId) => client.discard(clientId),
      retry: (clientId) => client.retry(clientId),
      draft: (id, text) => {
        if (text !== undefined) drafts.set(id, text);
        return drafts.get(id);
      },
    }),
    [client, typer, drafts],
  );

  const view = (id: string) => {
    select(id);
    if (!client.getState().conversations[id]) client.open(id);
  };

  const mine = Object.values(s.conversations)
    .filter((c) => isMine(c, agent))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const selected = selectedId ? s.conversations[selectedId] : undefined;
  const queueEntry = selectedId ? s.queue.find((q) => q.conversationId === selectedId) : undefined;
  const rememberedName = selectedId ? names.current.get(selectedId) : undefined;

  async function signOut() {
    // Signing out on purpose (maybe on a shared computer): leave no unsent text behind.
    drafts.clearAll();
    onSignOut();
  }

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <h1 class="brand">{t('app.title')}</h1>
        <span class={`status status-${s.status}`} data-testid="connection-status" data-status={s.status}>
          <span class="dot" aria-hidden="true" />
          {t(`status.${s.status}`)}
        </span>
        <span class="who">{t('header.signedInAs', { name: agent.name })}</span>
        <button type="button" class="btn ghost" onClick={signOut}>
          {t('header.signOut')}
        </button>
      </header>
      {s.degraded && <p class="banner warn">{t('status.degraded')}</p>}
      <Notices notices={s.notices} onDismiss={(id) => client.dismissNotice(id)} />
      <div class="columns">
        <nav class="sidebar" aria-label={t('nav.label')}>
          <QueueList
            queue={s.queue}
            selectedId={selectedId}
            claiming={s.claiming}
            onView={view}
            onClaim={actions.claim}
          />
          <MyChats
            chats={mine}
            names={names.current}
            selectedId={selectedId}
            visitorTyping={s.visitorTyping}
            onSelect={select}
          />
        </nav>
        <main id="main" class="main" tabIndex={-1} aria-label={t('main.label')}>
          {selected ? (
            <ConversationView
              conversation={selected}
              queueEntry={queueEntry}
              knownName={rememberedName}
              agent={agent}
              pending={s.outbox.filter((o) => o.conversationId === selected.id)}
              visitorTyping={s.visitorTyping[selected.id] === true}
              claiming={s.claiming.includes(selected.id)}
              requeueing={s.requeueing.includes(selected.id)}
              offline={s.status !== 'open'}
              actions={actions}
            />
          ) : (
            <p class="placeholder">{selectedId ? t('main.loading') : t('main.empty')}</p>
          )}
        </main>
      </div>
      <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="live-region">
        <span key={announcement.n}>{announcement.text}</span>
      </div>
    </div>
  );
}
