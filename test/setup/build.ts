// Vitest global setup: build the browser bundles once, so browser tests serve what users get.
import { buildAll } from '../../scripts/build';

export default async function setup(): Promise<void> {
  await buildAll({ quiet: true });
}
