// Finds the loader's own <script> tag and reads the embed settings from it and from
// window.HeedSettings (which wins, so a site can configure the widget from code).

import type { HeedSettings } from '../handoff';

type Input = Partial<Omit<HeedSettings, 'greetingDelay'>> & { greetingDelay?: number | string };

export function readSettings(script: HTMLScriptElement | null, global: Input | undefined): HeedSettings | null {
  const data = script ? script.dataset : {};
  const g = global ?? {};
  const site = g.site ?? data.site;
  const src = script?.src;
  const base = g.base ?? (src ? new URL('.', src).href : undefined);
  if (!site || !base) return null;
  const position = (g.position ?? data.position) === 'left' ? 'left' : 'right';
  const delay = Number(g.greetingDelay ?? data.greetingDelay ?? 10);
  return {
    site,
    base: base.endsWith('/') ? base : base + '/',
    color: g.color ?? data.color,
    position,
    locale: g.locale ?? data.locale,
    identity: g.identity,
    greeting: g.greeting ?? data.greeting,
    greetingDelay: delay >= 0 ? delay : 10,
    load: (g.load ?? data.load) === 'idle' ? 'idle' : 'open',
  };
}
