// widget-app.js: the chat app. The loader injected this script and left a boot function
// on its <script> element (see handoff.ts); hand it our mount.

import { APP_BOOT_KEY, type AppBoot } from './handoff';
import { mount } from './ui/mount';

const script = document.currentScript as (HTMLScriptElement & { [APP_BOOT_KEY]?: AppBoot }) | null;
const boot = script?.[APP_BOOT_KEY];
if (typeof boot === 'function') boot(mount);
else console.error('[heed] widget-app.js must be loaded by widget.js');
