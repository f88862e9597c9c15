// The tab title flashes "(n) New message" only while the page is hidden and messages are unread.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { titleFlasher } from '../../widget/ui/titleFlash';

describe('widget title flash', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('alternates while hidden with unread messages, follows the count, and restores the title', () => {
    const doc = { title: 'Socks', hidden: true } as Document & { hidden: boolean };
    const f = titleFlasher(doc, (n) => `(${n}) New message`);
    f.update(1);
    expect(doc.title).toBe('(1) New message');
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('Socks');
    f.update(2);
    expect(doc.title).toBe('(2) New message');
    vi.advanceTimersByTime(2000);
    expect(doc.title).toBe('(2) New message');
    (doc as { hidden: boolean }).hidden = false; // the visitor came back
    f.update(2);
    expect(doc.title).toBe('Socks');
    vi.advanceTimersByTime(5000);
    expect(doc.title).toBe('Socks');
  });

  it('does nothing while the page is visible or nothing is unread', () => {
    const doc = { title: 'Socks', hidden: false } as Document & { hidden: boolean };
    const f = titleFlasher(doc, (n) => `(${n}) New message`);
    f.update(3);
    expect(doc.title).toBe('Socks');
    (doc as { hidden: boolean }).hidden = true;
    f.update(0);
    vi.advanceTimersByTime(3000);
    expect(doc.title).toBe('Socks');
  });
});
