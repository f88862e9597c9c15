// Finds the loader's own <script> tag and reads the embed settings from it and from
// window.HeedSettings (which wins, so a site can configure the widget from code).

import type { HeedSettings } from '../handoff';

const SELF = /\/widget\.js(?:[?#]|$)/;

export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  if (current && current.src) return current;
  const scripts = Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]'));
  return scripts.find((s) => SELF.test(s.src)) ?? null;
}

export function readSettings(script: HTMLScriptElement | null, global: Partial<HeedSettings> | undefined): HeedSettings | null {
  const data = script ? script.dataset : {};
  const g = global ?? {};
  const site = g.site ?? data.site;
  const src = script?.src;
  const base = g.base ?? (src ? new URL('.', src).href : undefined);
  if (!site || !base) return null;
  const position = (g.position ?? data.position) === 'left' ? 'left' : 'right';
  return {
    site,
    base: base.endsWith('/') ? base : base + '/',
    color: g.color ?? data.color,
    position,
    locale: g.locale ?? data.locale,
    identity: g.identity,
  };
}
