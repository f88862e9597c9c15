// axe-core run in a page, for the accessibility checks of the e2e tests.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * axe-core's violations on the whole document (shadow roots included), each with the offending
 * elements so a failure says where. The script goes in through the DevTools protocol: the pages'
 * CSP (rightly) blocks inline scripts.
 */
export async function axeViolations(page: Page): Promise<Array<{ id: string; help: string; where: string[] }>> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Node = { html: string; target: unknown; any: Array<{ message: string }> };
    const w = window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Array<{ id: string; help: string; nodes: Node[] }> }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, help: v.help, where: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html} ${n.any[0]?.message ?? ''}`),
    }));
  });
}
