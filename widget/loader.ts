// widget.js: the tiny script a site embeds. No Preact. It draws the launcher, exposes
// window.Heed(command, ...args), queues commands until the app bundle is ready, and loads
// widget-app.js on the first open, on idle when the site asks for it (data-load="idle"),
// at once if the chat was open before a reload, and on idle when a person is (or will
// be) in the conversation, so their replies raise the unread badge on every page. A site's
// proactive greeting loads the app after its delay; the app draws it.

import { APP_BOOT_KEY, type AppApi, type AppBoot, type HeedEvent, type HeedSettings } from './handoff';
import { storageKeys } from './client/storage';
import { pickLocale } from './locales/locale';
import { mountLauncher } from './loader/launcher';
import { readSettings } from './loader/settings';
import { LOADER_STRINGS } from './loader/strings';

type Listener = (data?: unknown) => void;
interface HeedFn {
  (command: string, ...args: unknown[]): unknown;
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
}
interface HeedWindow {
  Heed?: HeedFn;
  HeedSettings?: Partial<HeedSettings>;
}

function start(win: Window & HeedWindow, doc: Document, self: HTMLScriptElement | null): void {
  const existing = win.Heed;
  if (existing && existing.loaded) return; // the script tag is on the page twice
  const settings = readSettings(self, win.HeedSettings);
  if (!settings) {
    console.error('[heed] no data-site');
    return;
  }
  const prefix = `heed:${settings.site}:`;
  const openKey = prefix + 'open';
  const greetedKey = prefix + 'greeted';
  const badgeKey = storageKeys(settings.site).badge;
  const queue: unknown[][] = (existing?.q ? Array.from(existing.q, (a) => Array.from(a)) : []);
  const listeners: Partial<Record<HeedEvent, Listener[]>> = {};
  let app: AppApi | null = null;
  let script: HTMLScriptElement | null = null;
  let locale = settings.locale;

  const store = <T>(kind: 'sessionStorage' | 'localStorage', fn: (s: Storage) => T): T | undefined => {
    try {
      return fn(win[kind]);
    } catch (err) {
      console.warn('[heed]', err);
      return undefined;
    }
  };
  const badge = (): { n?: number; live?: boolean } => {
    try {
      return JSON.parse(store('localStorage', (s) => s.getItem(badgeKey)) || '{}');
    } catch {
      return {};
    }
  };
  const wasOpen = store('sessionStorage', (s) => s.getItem(openKey) === '1');
  if (wasOpen) queue.unshift(['open']);

  const launcher = mountLauncher(doc, settings);
  const applyLocale = () => {
    const l = pickLocale(locale, navigator.languages, navigator.language);
    launcher.setStrings(LOADER_STRINGS[l], l);
  };
  applyLocale();
  const stored = badge();
  launcher.setUnread(Number(stored.n) || 0);
  // Another tab read the messages (or got new ones): keep this tab's badge in step.
  win.addEventListener('storage', (e) => {
    if (e.key === badgeKey) launcher.setUnread(Number(badge().n) || 0);
  });

  const emit = (event: HeedEvent, data?: unknown) => {
    if (event === 'open' || event === 'close') {
      launcher.setOpen(event === 'open');
      store('sessionStorage', (s) => (event === 'open' ? s.setItem(openKey, '1') : s.removeItem(openKey)));
    }
    if (event === 'unread') launcher.setUnread(Number(data) || 0);
    for (const fn of listeners[event] ?? []) {
      try {
        fn(data);
      } catch (err) {
        console.error('[heed]', err);
      }
    }
  };

  const boot: AppBoot = (mount) => {
    launcher.setBusy(false);
    app = mount({ root: launcher.root, launcher: launcher.button, settings, emit });
    for (const call of queue.splice(0)) app.command(String(call[0]), call.slice(1));
  };

  const load = () => {
    if (script) return;
    script = doc.createElement('script');
    script.src = settings.base + 'widget-app.js';
    script.async = true;
    (script as unknown as Record<string, AppBoot>)[APP_BOOT_KEY] = boot;
    script.onerror = () => {
      console.error('[heed]', script?.src);
      script?.remove();
      script = null;
      launcher.setBusy(false);
    };
    doc.head.appendChild(script);
  };

  const heed: HeedFn = (command, ...args) => {
    if (command === 'on') {
      const event = args[0] as HeedEvent;
      const fn = args[1] as Listener;
      if (typeof fn !== 'function') return undefined;
      (listeners[event] ??= []).push(fn);
      return () => {
        listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      };
    }
    if (command === 'setLocale' && typeof args[0] === 'string') {
      locale = args[0];
      applyLocale();
    }
    if (app) app.command(command, args);
    else {
      queue.push([command, ...args]);
      if (command === 'open' || command === 'toggle') {
        launcher.setBusy(true);
        load();
      }
    }
    if (command === 'shutdown') {
      // Forget this visitor everywhere, whether or not the app had loaded.
      for (const kind of ['localStorage', 'sessionStorage'] as const) {
        store(kind, (s) => {
          for (const k of Object.keys(s)) if (k.startsWith(prefix)) s.removeItem(k);
        });
      }
      launcher.setUnread(0);
    }
    return undefined;
  };
  heed.loaded = true;
  win.Heed = heed;

  launcher.button.addEventListener('click', () => heed('toggle'));

  // Snippet calls made before this script ran: `on` registers now, the rest wait for the app.
  const early = queue.splice(0);
  for (const call of early) heed(String(call[0]), ...call.slice(1));

  const idle = (fn: () => void) =>
    'requestIdleCallback' in win ? win.requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 1000);
  if (settings.load === 'idle' || stored.live) idle(load);

  // The proactive greeting (the app draws it): after the delay, once a session, unless open.
  if (settings.greeting && !wasOpen && !stored.live && !store('sessionStorage', (s) => s.getItem(greetedKey))) {
    setTimeout(() => {
      store('sessionStorage', (s) => s.setItem(greetedKey, '1'));
      heed('greet');
      load();
    }, settings.greetingDelay * 1000);
  }
}

// Our own <script> (for data-* and the server's address): only known while this runs.
const self = document.currentScript as HTMLScriptElement | null;
const go = () => start(window, document, self);
if (document.body) go();
else document.addEventListener('DOMContentLoaded', go);
