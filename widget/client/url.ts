/** The visitor socket URL for a server base (`https://host/` → `wss://host/v1/visitor?site=…`). */
export function socketUrl(base: string, site: string): string {
  const b = base.endsWith('/') ? base : base + '/';
  return `${b.replace(/^http/, 'ws')}v1/visitor?site=${encodeURIComponent(site)}`;
}
