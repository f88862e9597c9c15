// The launcher's label before the app loads, in every locale. Named JSON imports, so
// esbuild keeps only these keys in widget.js.

import { launcherClose as arC, launcherOpen as arO } from '../locales/ar.json';
import { launcherClose as deC, launcherOpen as deO } from '../locales/de.json';
import { launcherClose as enC, launcherOpen as enO } from '../locales/en.json';
import { launcherClose as esC, launcherOpen as esO } from '../locales/es.json';
import { launcherClose as frC, launcherOpen as frO } from '../locales/fr.json';
import type { Locale } from '../locales/locale';

/** [open the chat, close the chat] */
export type LoaderStrings = readonly [string, string];

export const LOADER_STRINGS: Record<Locale, LoaderStrings> = {
  en: [enO, enC],
  es: [esO, esC],
  de: [deO, deC],
  fr: [frO, frC],
  ar: [arO, arC],
};
