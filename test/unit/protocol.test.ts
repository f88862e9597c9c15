import { describe, expect, it } from 'vitest';
import { parseAgentFrame, parseServerToVisitor, parseVisitorFrame } from '../../shared/validate';

describe('[P1] visitor frame validation', () => {
  it('accepts every client frame type of v1', () => {
    const good = [
      { type: 'hello', v: 1 },
      { type: 'hello', v: 1, token: 't', lastSeq: 4, page: { url: 'https://x', title: 'X' }, locale: 'es', identity: 'a.b.c' },
      { type: 'send', clientId: '7c2f', text: 'hi' },
      { type: 'send', clientId: '7c2f', text: 'hi', contact: { email: 'a@b.co' } },
      { type: 'typing', on: true },
      { type: 'read', seq: 3 },
      { type: 'handoff' },
      { type: 'rate', score: 5, comment: 'great' },
    ];
    for (const f of good) expect(parseVisitorFrame(JSON.stringify(f))).toEqual({ ok: true, frame: f });
  });

  it('allows extra fields (v1 is additive)', () => {
    expect(parseVisitorFrame({ type: 'typing', on: false, extra: 1 }).ok).toBe(true);
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['42', 'JSON object'],
    ['[1]', 'JSON object'],
    ['{}', 'no string "type"'],
    ['{"type":7}', 'no string "type"'],
    ['{"type":"explode"}', 'unknown frame type'],
    ['{"type":"toString"}', 'unknown frame type'],
    ['{"type":"hello","v":2}', 'hello: field "v"'],
    ['{"type":"hello"}', 'missing field "v"'],
    ['{"type":"send","text":"x"}', 'missing field "clientId"'],
    ['{"type":"send","clientId":"","text":"x"}', 'field "clientId"'],
    ['{"type":"send","clientId":"c","text":5}', 'field "text"'],
    ['{"type":"read","seq":-1}', 'field "seq"'],
    ['{"type":"read","seq":1.5}', 'field "seq"'],
    ['{"type":"rate","score":6}', 'field "score"'],
    ['{"type":"typing","on":"yes"}', 'field "on"'],
    ['{"type":"hello","v":1,"page":{"title":"x"}}', 'field "page"'],
  ])('rejects %s with a reason', (raw, reason) => {
    const r = parseVisitorFrame(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });
});

describe('[P11] agent frame validation', () => {
  it('accepts agent frames and rejects wrong ones', () => {
    expect(parseAgentFrame({ type: 'claim', conversationId: 'c' }).ok).toBe(true);
    expect(parseAgentFrame({ type: 'send', conversationId: 'c', clientId: 'x', text: 't', note: true }).ok).toBe(true);
    expect(parseAgentFrame({ type: 'claim' }).ok).toBe(false);
    expect(parseAgentFrame({ type: 'send', conversationId: 'c', clientId: 'x', text: 't', note: 'yes' }).ok).toBe(false);
    expect(parseAgentFrame({ type: 'hello', v: 1 }).ok).toBe(false);
  });
});

describe('server frames are validated by clients too', () => {
  it('checks message shape inside welcome', () => {
    const message = { id: 'm', seq: 1, from: 'bot', text: 'hi', at: '2026-01-01T00:00:00Z' };
    expect(parseServerToVisitor({ type: 'welcome', token: 't', conversationId: 'c', state: 'bot', messages: [message] }).ok).toBe(true);
    expect(parseServerToVisitor({ type: 'welcome', token: 't', conversationId: 'c', state: 'bot', messages: [{ ...message, from: 'hacker' }] }).ok).toBe(false);
    expect(parseServerToVisitor({ type: 'state', state: 'dancing' }).ok).toBe(false);
  });
});
