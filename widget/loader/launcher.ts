// The <heed-chat> host element, its open shadow root, and the launcher button the loader
// draws itself (so the page shows a button without loading Preact or the app).

import css from './launcher.css';
import { launcherClose, launcherOpen } from '../locales/en.json';

const ICONS =
  '<svg class="c" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>' +
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"/></svg>';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  setBusy(busy: boolean): void;
  setUnread(count: number): void;
}

export function mountLauncher(doc: Document, opts: { color?: string; position: 'left' | 'right' }): Launcher {
  const host = doc.createElement('heed-chat');
  host.setAttribute('data-position', opts.position);
  if (opts.color && (typeof CSS === 'undefined' || CSS.supports('color', opts.color))) {
    host.style.setProperty('--heed-color', opts.color);
  }
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'l';
  button.setAttribute('data-testid', 'heed-launcher');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', launcherOpen);
  button.innerHTML = ICONS; // static markup, no page or visitor data
  const badge = doc.createElement('i');
  badge.setAttribute('aria-hidden', 'true');
  button.appendChild(badge);
  root.append(style, button);
  doc.body.appendChild(host);

  return {
    host,
    root,
    button,
    setOpen(open) {
      button.setAttribute('aria-expanded', String(open));
      button.setAttribute('aria-label', open ? launcherClose : launcherOpen);
      host.toggleAttribute('data-open', open);
    },
    setBusy(busy) {
      button.setAttribute('aria-busy', String(busy));
    },
    setUnread(count) {
      badge.textContent = count > 0 ? String(Math.min(count, 99)) : '';
    },
  };
}
