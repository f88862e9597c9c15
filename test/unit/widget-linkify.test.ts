// Safe rich text: links in plain message text become {href, text} parts; nothing else does.
import { describe, expect, it } from 'vitest';
import { linkify } from '../../widget/ui/linkify';

describe('widget linkify', () => {
  it('finds http, https and www. links and leaves the rest as text', () => {
    expect(linkify('See https://shop.example/returns or www.shop.example/help.')).toEqual([
      'See ',
      { href: 'https://shop.example/returns', text: 'https://shop.example/returns' },
      ' or ',
      { href: 'https://www.shop.example/help', text: 'www.shop.example/help' },
      '.',
    ]);
    expect(linkify('no links here')).toEqual(['no links here']);
  });

  it('keeps trailing punctuation out, but a balanced closing parenthesis in', () => {
    expect(linkify('(https://a.example/x), then')).toEqual(['(', { href: 'https://a.example/x', text: 'https://a.example/x' }, '), then']);
    expect(linkify('https://en.wikipedia.org/wiki/Sock_(clothing)!')[0]).toEqual({
      href: 'https://en.wikipedia.org/wiki/Sock_(clothing)', text: 'https://en.wikipedia.org/wiki/Sock_(clothing)',
    });
  });

  it('never links other schemes and never produces markup', () => {
    const parts = linkify('javascript:alert(1) data:text/html,<b>x</b> <a href="https://evil.example">x</a>');
    const links = parts.filter((p) => typeof p !== 'string');
    // The only link is the https address inside the text, with the quote and markup left out.
    expect(links).toEqual([{ href: 'https://evil.example/', text: 'https://evil.example' }]);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe('javascript:alert(1) data:text/html,<b>x</b> <a href="https://evil.example">x</a>');
  });
});
