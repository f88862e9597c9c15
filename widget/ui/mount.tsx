// Mounts the app into the loader's shadow root: builds the connection client from the
// settings, renders the panel while open (or the proactive greeting), keeps the unread
// count (shared by tabs through storage) and runs the host's commands.

import { render } from 'preact';
import type { AppApi, AppContext } from '../handoff';
import { ChatClient } from '../client/client';
import { memoryStorage, storageKeys, writeJson, type StorageLike } from '../client/storage';
import type { WebSocketCtor } from '../client/types';
import { socketUrl } from '../client/url';
import { uuid } from '../client/uuid';
import { adoptStyles } from '../loader/style';
import { pickLocale } from '../locales/locale';
import { Greeting } from './Greeting';
import { applyLocale } from './locale';
import { Panel } from './Panel';
import { fmt, strings as s } from './strings';
import css from './styles.css';
import { titleFlasher } from './titleFlash';

function storageOr(kind: 'localStorage' | 'sessionStorage'): StorageLike {
  try {
    const st = window[kind];
    st.getItem('heed:probe');
    return st;
  } catch (err) {
    console.warn(`[heed] no ${kind}`, err);
    return memoryStorage();
  }
}

/** This tab's id, kept across reloads and navigations of the tab (its outbox key). */
function tabId(ss: StorageLike, site: string): string {
  const key = `heed:${site}:tab`;
  let id = ss.getItem(key);
  if (!id) ss.setItem(key, (id = uuid()));
  return id;
}

export function mount(ctx: AppContext): AppApi {
  const { root, settings, launcher } = ctx;
  const storage = storageOr('localStorage');
  const session = storageOr('sessionStorage');
  const keys = storageKeys(settings.site);
  const draftKey = `heed:${settings.site}:draft`;
  let locale: string | undefined = settings.locale;
  const wanted = () => [locale, navigator.languages, navigator.language];
  const client = new ChatClient({
    url: socketUrl(settings.base, settings.site),
    site: settings.site,
    WebSocket: WebSocket as unknown as WebSocketCtor,
    storage,
    tabId: tabId(session, settings.site),
    page: () => ({ url: location.href, title: document.title }),
    identity: settings.identity,
    locale: pickLocale(...wanted()),
  });

  adoptStyles(root, css);
  const container = document.createElement('div');
  container.className = 'app';
  root.append(container);

  let open = false;
  let greeting = false;
  let unread = -1;
  const flasher = titleFlasher(document, (n) => fmt(s.titleUnread, { n }));
  const seen = () => open && !document.hidden;

  /** Unread count → launcher badge, host listeners, title, and the loader's stored badge. */
  const sync = () => {
    const view = client.getView();
    if (seen() && view.unread) return client.markRead();
    const c = view.state.conversation;
    writeJson(storage, keys.badge, { n: view.unread, live: c === 'queued' || c === 'agent' });
    flasher.update(view.unread);
    if (view.unread === unread) return;
    unread = view.unread;
    ctx.emit('unread', unread);
  };
  client.on('change', sync);
  client.on('message', (m) => ctx.emit('message', m));
  document.addEventListener('visibilitychange', sync);
  window.addEventListener('online', () => client.network(true));
  window.addEventListener('offline', () => client.network(false));
  window.addEventListener('storage', (e) => {
    if (e.key === keys.read) client.syncRead();
  });

  const setOpen = (next: boolean, returnFocus = false) => {
    if (next === open) return;
    const hadFocus = root.activeElement !== null && root.activeElement !== launcher;
    open = next;
    if (open) {
      greeting = false;
      client.connect();
    }
    draw();
    ctx.emit(open ? 'open' : 'close');
    sync();
    if (!open && (returnFocus || hadFocus)) launcher.focus();
  };

  // Escape also closes when focus fell out of the panel (a clicked button went away):
  // only when nothing else on the page has focus, so the site's own dialogs keep their Escape.
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (open && e.key === 'Escape' && (t === root.host || t === document.body || t === document.documentElement)) {
      setOpen(false, true);
    }
  });

  const dismissGreeting = () => {
    greeting = false;
    draw();
    launcher.focus();
  };
  function draw(): void {
    render(
      open ? (
        <Panel
          client={client}
          onClose={() => setOpen(false, true)}
          draft={session.getItem(draftKey) ?? ''}
          onDraft={(t) => (t ? session.setItem(draftKey, t) : session.removeItem(draftKey))}
        />
      ) : greeting && settings.greeting ? (
        <Greeting text={settings.greeting} onOpen={() => setOpen(true)} onDismiss={dismissGreeting} />
      ) : null,
      container,
    );
  }

  const localize = async (next?: string) => {
    if (next) locale = next;
    const l = await applyLocale(settings.base, wanted(), container);
    client.setLocale(l);
    draw();
  };

  // A returning visitor resumes at once (their agent's replies raise the badge); a new one
  // opens a conversation only when they open the chat.
  if (client.hasSession()) client.connect();
  void localize();
  sync();

  return {
    command(name, args) {
      if (name === 'open') setOpen(true);
      else if (name === 'close') setOpen(false);
      else if (name === 'toggle') setOpen(!open);
      else if (name === 'setLocale' && typeof args[0] === 'string') void localize(args[0]);
      else if (name === 'identify') {
        const token = (args[0] as { token?: unknown } | undefined)?.token;
        if (typeof token === 'string' && token) client.setIdentity(token);
        else console.warn('[heed] identify needs {token}');
      } else if (name === 'shutdown') {
        client.shutdown();
        setOpen(false);
        unread = -1;
        sync();
      } else if (name === 'greet') {
        greeting = !open;
        draw();
      } else console.warn(`[heed] unknown command "${name}"`);
    },
  };
}
