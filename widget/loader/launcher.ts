// The <heed-chat> host element, its open shadow root and the launcher button, drawn by the
// loader itself (so the page shows a button without loading Preact or the app). No innerHTML: the icons are built with createElementNS.

import css from './launcher.css';
import type { LoaderStrings } from './strings';
import { adoptStyles } from './style';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
export const CLOSE_ICON = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z';

/** The launcher's icon: a speech bubble, or a cross while open (setOpen swaps the path). */
function icon(doc: Document): [SVGSVGElement, SVGPathElement] {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', CHAT);
  svg.appendChild(path);
  return [svg, path];
}

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  setBusy(busy: boolean): void;
  setUnread(count: number): void;
  setStrings(strings: LoaderStrings, lang: string): void;
}

export function mountLauncher(doc: Document, opts: { color?: string; position: 'left' | 'right' }): Launcher {
  const host = doc.createElement('heed-chat');
  host.setAttribute('data-position', opts.position);
  if (opts.color && (typeof CSS === 'undefined' || CSS.supports('color', opts.color))) {
    host.style.setProperty('--heed-color', opts.color);
  }
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, css);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'l';
  button.setAttribute('data-testid', 'heed-launcher');
  button.setAttribute('aria-expanded', 'false');
  const badge = doc.createElement('i');
  badge.setAttribute('aria-hidden', 'true');
  const [svg, path] = icon(doc);
  button.append(svg, badge);
  // Left or right as the site chose; an inline style inside the shadow root, so no page rule reaches it.
  button.style[opts.position] = '20px';
  root.append(button);
  doc.body.appendChild(host);

  let strings: LoaderStrings;
  let open = false;
  /** The accessible name: "Open chat (3)" with unread messages. */
  const label = () => button.setAttribute('aria-label', strings[open ? 1 : 0] + (badge.textContent ? ` (${badge.textContent})` : ''));

  return {
    host,
    root,
    button,
    setOpen(next) {
      open = next;
      button.setAttribute('aria-expanded', String(open));
      path.setAttribute('d', open ? CLOSE_ICON : CHAT);
      host.toggleAttribute('data-open', open);
      label();
    },
    setBusy(busy) {
      button.setAttribute('aria-busy', String(busy));
    },
    setUnread(count) {
      badge.textContent = count > 0 ? String(Math.min(count, 99)) : '';
      label();
    },
    setStrings(next, lang) {
      strings = next;
      host.setAttribute('lang', lang);
      label();
    },
  };
}
