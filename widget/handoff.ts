// The contract between the loader (widget.js, no Preact) and the app bundle (widget-app.js).
// Types only: nothing here ends up in either bundle.
//
// Handoff: the loader injects <script src=".../widget-app.js"> and puts a boot function on
// that script element under APP_BOOT_KEY (an expando on the element, not a window global).
// The app reads `document.currentScript[APP_BOOT_KEY]` and calls it with its `mount`. The
// loader calls `mount(ctx)`, gets the app's command handler back and replays the commands
// queued before the app was ready, in order. No postMessage, no shared globals besides
// window.Heed.

export type HeedEvent = 'open' | 'close' | 'message' | 'unread';

export interface HeedSettings {
  site: string;
  /** Server base URL with a trailing slash, derived from the loader's own src. */
  base: string;
  /** Accent colour (any CSS colour), from data-color / HeedSettings.color. */
  color?: string;
  position: 'left' | 'right';
  locale?: string;
  /** Signed identity token from the host's backend (P12). */
  identity?: string;
  /** A proactive greeting shown beside the launcher after `greetingDelay` seconds (once a session). */
  greeting?: string;
  greetingDelay: number;
  /** `idle`: load the app when the browser is idle instead of on the first open. */
  load: 'open' | 'idle';
}

/** What the loader hands the app. */
export interface AppContext {
  /** The <heed-chat> element's open shadow root; the app renders into it. */
  root: ShadowRoot;
  /** The loader's launcher button (focus returns here when the panel closes). */
  launcher: HTMLButtonElement;
  settings: HeedSettings;
  /** Tell the host page's `Heed('on', event, fn)` listeners. */
  emit(event: HeedEvent, data?: unknown): void;
}

/** What the app hands back: runs host commands (`open`, `close`, `toggle`, `setLocale`, `identify`, `shutdown`). */
export interface AppApi {
  command(name: string, args: unknown[]): void;
}

export type AppMount = (ctx: AppContext) => AppApi;

export const APP_BOOT_KEY = '__heedBoot';
export type AppBoot = (mount: AppMount) => void;
