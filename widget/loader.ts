// widget.js: the tiny script a site embeds. No Preact. It draws the launcher, exposes
// window.Heed(command, ...args), queues commands until the app bundle is ready, and loads
// widget-app.js on the first open (or at once if the chat was open before a reload).

import { APP_BOOT_KEY, type AppApi, type AppBoot, type HeedEvent, type HeedSettings } from './handoff';
import { mountLauncher } from './loader/launcher';
import { findOwnScript, readSettings } from './loader/settings';

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

function start(win: Window & HeedWindow, doc: Document): void {
  const existing = win.Heed;
  if (existing && existing.loaded) return; // the script tag is on the page twice
  const settings = readSettings(findOwnScript(doc), win.HeedSettings);
  if (!settings) {
    console.error('[heed] widget.js needs data-site (or window.HeedSettings.site)');
    return;
  }
  const openKey = `heed:${settings.site}:open`;
  const queue: unknown[][] = (existing?.q ? Array.from(existing.q, (a) => Array.from(a)) : []);
  const listeners: Partial<Record<HeedEvent, Listener[]>> = {};
  let app: AppApi | null = null;
  let script: HTMLScriptElement | null = null;

  const session = (fn: (s: Storage) => void) => {
    try {
      fn(win.sessionStorage);
    } catch (err) {
      console.warn('[heed] sessionStorage unavailable', err);
    }
  };
  let wasOpen = false;
  session((s) => (wasOpen = s.getItem(openKey) === '1'));
  if (wasOpen) queue.unshift(['open']);

  const launcher = mountLauncher(doc, settings);

  const emit = (event: HeedEvent, data?: unknown) => {
    if (event === 'open' || event === 'close') {
      launcher.setOpen(event === 'open');
      session((s) => (event === 'open' ? s.setItem(openKey, '1') : s.removeItem(openKey)));
    }
    if (event === 'unread') launcher.setUnread(Number(data) || 0);
    for (const fn of listeners[event] ?? []) {
      try {
        fn(data);
      } catch (err) {
        console.error('[heed] a Heed("on") listener failed', err);
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
    launcher.setBusy(true);
    script = doc.createElement('script');
    script.src = settings.base + 'widget-app.js';
    script.async = true;
    (script as unknown as Record<string, AppBoot>)[APP_BOOT_KEY] = boot;
    script.onerror = () => {
      console.error('[heed] could not load', script?.src);
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
    if (app) app.command(command, args);
    else {
      queue.push([command, ...args]);
      if (command === 'open' || command === 'toggle') load();
    }
    return undefined;
  };
  heed.loaded = true;
  win.Heed = heed;

  launcher.button.addEventListener('click', () => heed('toggle'));

  // Snippet calls made before this script ran: `on` registers now, the rest wait for the app.
  const early = queue.splice(0);
  for (const call of early) heed(String(call[0]), ...call.slice(1));
}

const w = window as Window & HeedWindow;
if (document.body) start(w, document);
else document.addEventListener('DOMContentLoaded', () => start(w, document));
