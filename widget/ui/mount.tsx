// Mounts the app into the loader's shadow root: builds the connection client from the
// settings, renders the panel while open, and runs the host's commands (open/close/toggle).

import { render } from 'preact';
import type { AppApi, AppContext } from '../handoff';
import { ChatClient } from '../client/client';
import { memoryStorage, type StorageLike } from '../client/storage';
import type { WebSocketCtor } from '../client/types';
import { socketUrl } from '../client/url';
import { Panel } from './Panel';
import css from './styles.css';

function localStorageOrMemory(): StorageLike {
  try {
    const ls = window.localStorage;
    ls.getItem('heed:probe');
    return ls;
  } catch (err) {
    console.warn('[heed] localStorage unavailable; the conversation will not survive a reload', err);
    return memoryStorage();
  }
}

export function mount(ctx: AppContext): AppApi {
  const { root, settings, launcher } = ctx;
  const client = new ChatClient({
    url: socketUrl(settings.base, settings.site),
    site: settings.site,
    WebSocket: WebSocket as unknown as WebSocketCtor,
    storage: localStorageOrMemory(),
    page: () => ({ url: location.href, title: document.title }),
    locale: settings.locale || navigator.language,
    identity: settings.identity,
  });

  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  root.append(style, container);

  let open = false;
  let unread = 0;

  const setUnread = (n: number) => {
    if (n === unread) return;
    unread = n;
    ctx.emit('unread', n);
  };

  client.on('message', (m) => {
    ctx.emit('message', m);
    if (open) client.markRead(m.seq);
    else setUnread(unread + 1);
  });

  const setOpen = (next: boolean, returnFocus = false) => {
    if (next === open) return;
    const hadFocus = root.activeElement !== null && root.activeElement !== launcher;
    open = next;
    draw();
    ctx.emit(open ? 'open' : 'close');
    if (open) {
      setUnread(0);
      client.markRead();
    } else if (returnFocus || hadFocus) {
      launcher.focus();
    }
  };

  // Escape also closes when focus fell out of the panel (a clicked button went away):
  // only when nothing else on the page has focus, so the site's own dialogs keep their Escape.
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (open && e.key === 'Escape' && (t === root.host || t === document.body || t === document.documentElement)) {
      setOpen(false, true);
    }
  });

  const draw = () => render(open ? <Panel client={client} onClose={() => setOpen(false, true)} /> : null, container);

  client.connect();
  draw();

  return {
    command(name) {
      if (name === 'open') setOpen(true);
      else if (name === 'close') setOpen(false);
      else if (name === 'toggle') setOpen(!open);
      else console.warn(`[heed] unknown command "${name}"`);
    },
  };
}
