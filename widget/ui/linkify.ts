// Splits plain message text into text and links (http, https and www. addresses), so links
// can be rendered as <a> elements. Nothing here produces HTML: the UI renders the parts as
// text nodes and anchors. Trailing punctuation stays outside the link.

export type Part = string | { href: string; text: string };

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const TRAILING = /[.,;:!?'"»”’)\]}]+$/;

export function linkify(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let raw = m[0];
    const trail = raw.match(TRAILING);
    // Keep a closing parenthesis that belongs to the URL: (see https://x.org/a_(b)).
    if (trail) {
      let cut = trail[0];
      const open = (raw.match(/\(/g) ?? []).length;
      const close = (raw.match(/\)/g) ?? []).length;
      if (cut.startsWith(')') && open >= close) cut = cut.slice(1);
      raw = raw.slice(0, raw.length - cut.length);
    }
    const href = safeHref(raw);
    if (!href) continue;
    const start = m.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push({ href, text: raw });
    last = start + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Only http(s) URLs become links. */
function safeHref(raw: string): string | null {
  try {
    const url = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
