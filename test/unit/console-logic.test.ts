// The console's pure helpers: formatting, the transcript's bot/people split, the typing throttle.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/protocol';
import { formatDuration, formatScore, moodOf, replyHint, repairCue, sentimentCue, safeHref, sparkPoints, truncate } from '../../console/format';
import { createTranslator } from '../../console/i18n';
import en from '../../console/locales/en.json';
import { handoverIndex } from '../../console/transcript';
import { TypingSender } from '../../console/typing';
import { applyFrame, initialState } from '../../console/state';

const t = createTranslator(en);
const msg = (from: Message['from'], seq: number): Message => ({ id: `m${seq}`, seq, from, text: '', at: '' });

describe('console format', () => {
  it('says how long someone has waited in words', () => {
    expect(formatDuration(42_000, t)).toBe('42 s');
    expect(formatDuration(7 * 60_000 + 5_000, t)).toBe('7 min');
    expect(formatDuration(65 * 60_000, t)).toBe('1 h 5 min');
    expect(formatDuration(-5_000, t)).toBe('0 s'); // clock skew never shows negative waits
  });

  it('bands scores into moods and prints them signed', () => {
    expect(moodOf(-0.6)).toBe('negative');
    expect(moodOf(0)).toBe('neutral');
    expect(moodOf(0.5)).toBe('positive');
    expect(formatScore(0.5)).toBe('+0.50');
    expect(formatScore(-0.333)).toBe('-0.33');
    expect(formatScore(-0.001)).toBe('0.00');
  });

  it('links only http(s) page URLs', () => {
    expect(safeHref('https://shop.example.com/a?b=1')).toBe('https://shop.example.com/a?b=1');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<b>x</b>')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('truncates previews to one line', () => {
    expect(truncate('a\n  b', 10)).toBe('a b');
    expect(truncate('abcdefghijk', 5)).toBe('abcd…');
  });

  it('draws the sparkline with zero in the middle and rescales past ±1', () => {
    const pts = sparkPoints([{ seq: 1, score: 0, running: 0 }, { seq: 2, score: -1, running: -1 }], 100, 40, 0);
    expect(pts).toBe('0.0,20.0 100.0,40.0');
    const wide = sparkPoints([{ seq: 1, score: 0, running: 2 }, { seq: 2, score: 0, running: -2 }], 100, 40, 0);
    expect(wide).toBe('0.0,0.0 100.0,40.0');
    expect(sparkPoints([], 100, 40)).toBe('');
  });
});

describe('console escalation cause', () => {
  it('names the hostile words or the sarcasm behind a sentiment escalation, the latest first, and nothing for other reasons', () => {
    const trail = [
      { seq: 1, score: -0.3, running: -0.3 },
      { seq: 2, score: -0.8, running: -0.98, hostile: 'crooks' },
      { seq: 3, score: -0.9, running: -1.5, hostile: 'chargeback' },
    ];
    expect(sentimentCue('sentiment', trail)).toEqual({ hostile: 'chargeback' });
    expect(sentimentCue('sentiment', trail.slice(0, 1))).toBeUndefined();
    expect(sentimentCue('requested', trail)).toBeUndefined();
    expect(sentimentCue(undefined, trail)).toBeUndefined();
    expect(createTranslator(en)('reason.hostileCue', { cue: 'crooks' })).toBe('It was the words “crooks”.');
    // A sarcastic message read last is named as sarcasm; a hostile one after it wins.
    const sarcastic = [...trail.slice(0, 1), { seq: 2, score: -0.8, running: -0.98, sarcastic: true }];
    expect(sentimentCue('sentiment', sarcastic)).toEqual({ sarcastic: true });
    expect(sentimentCue('sentiment', [...sarcastic, trail[2]!])).toEqual({ hostile: 'chargeback' });
    // A sarcastic message scored after the handover (no intent: not a bot turn) is not the cause.
    const live = [{ seq: 1, score: -0.9, running: -0.9, intent: null }, { seq: 2, score: -0.6, running: -1.1, intent: 'order_status' }];
    expect(sentimentCue('sentiment', [...live, { seq: 3, score: -0.8, running: -1.5, sarcastic: true }])).toBeUndefined();
    expect(sentimentCue('sentiment', [live[0]!, { ...live[1]!, sarcastic: true }, { seq: 3, score: -0.8, running: -1.5 }])).toEqual({ sarcastic: true });
  });

  it('says the visitor told the bot its answer missed, behind a fallback or an otherwise unexplained sentiment escalation', () => {
    const turns = [{ seq: 1, score: 0, running: 0, intent: 'already_shipped' }, { seq: 2, score: -0.66, running: -0.5, intent: null, repair: true }];
    expect(repairCue('fallback', turns)).toBe(true);
    expect(repairCue('sentiment', turns)).toBe(true);
    expect(sentimentCue('sentiment', turns)).toBeUndefined(); // so the view shows the repair
    expect(repairCue('fallback', turns.slice(0, 1))).toBe(false);
    expect(repairCue('requested', turns)).toBe(false);
    expect(repairCue('intent', turns)).toBe(false);
    expect(repairCue(undefined, turns)).toBe(false);
    // A hostile or sarcastic message explains a sentiment escalation better: it is named instead.
    expect(repairCue('sentiment', [...turns, { seq: 3, score: -0.9, running: -1.4, intent: null, hostile: 'crooks' }])).toBe(false);
    // A handover by the person model names that, not the earlier correction.
    const person = [...turns, { seq: 3, score: -0.8, running: -1.2, intent: null, person: true }];
    expect(sentimentCue('sentiment', person)).toEqual({ person: true });
    expect(repairCue('sentiment', person)).toBe(false);
    expect(sentimentCue('fallback', person)).toBeUndefined();
    expect(repairCue('sentiment', [{ ...turns[0]!, sarcastic: true }, turns[1]!])).toBe(false);
    // Only the bot's turns count: a message after the handover (no intent) did not cause it.
    expect(repairCue('fallback', [turns[0]!, { seq: 2, score: -0.66, running: -0.5, repair: true }])).toBe(false);
    expect(createTranslator(en)('reason.repairCue')).toBe("The visitor said the bot's answer missed.");
  });
});

describe('console transcript split', () => {
  it('ends the bot part at the first person after the bot last spoke', () => {
    const m = [msg('visitor', 1), msg('bot', 2), msg('visitor', 3), msg('system', 4), msg('visitor', 5), msg('agent', 6)];
    expect(handoverIndex(m)).toBe(3);
  });
  it('has no split when the bot never spoke or nobody came in yet', () => {
    expect(handoverIndex([msg('system', 1), msg('visitor', 2)])).toBe(-1);
    expect(handoverIndex([msg('visitor', 1), msg('bot', 2), msg('visitor', 3)])).toBe(-1);
  });
});

describe('console typing throttle', () => {
  function harness() {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void; id: number }> = [];
    let nextId = 0;
    const sent: boolean[] = [];
    const typing = new TypingSender({
      send: (on) => sent.push(on),
      now: () => now,
      setTimeout: (fn, ms) => {
        const id = ++nextId;
        timers.push({ at: now + ms, fn, id });
        return id as unknown as ReturnType<typeof setTimeout>;
      },
      clearTimeout: (id) => {
        const i = timers.findIndex((x) => x.id === (id as unknown as number));
        if (i >= 0) timers.splice(i, 1);
      },
      repeatMs: 3000,
      idleMs: 4000,
    });
    const advance = (ms: number) => {
      now += ms;
      for (const x of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(x), 1);
        x.fn();
      }
    };
    return { typing, sent, advance };
  }

  it('sends "on" at most every 3 s while typing and "off" after 4 s of quiet', () => {
    const { typing, sent, advance } = harness();
    for (let i = 0; i < 10; i++) {
      typing.keystroke();
      advance(500);
    }
    expect(sent).toEqual([true, true]); // at 0 s and 3 s
    advance(4000);
    expect(sent).toEqual([true, true, false]);
  });

  it('sends "off" at once on stop, and only once', () => {
    const { typing, sent } = harness();
    typing.keystroke();
    typing.stop();
    typing.stop();
    expect(sent).toEqual([true, false]);
  });
});

describe('console degraded state', () => {
  it('follows the degraded flag on queue frames and keeps it when a frame has none', () => {
    let s = initialState();
    s = applyFrame(s, { type: 'queue', queue: [], degraded: true }, () => 1);
    expect(s.degraded).toBe(true);
    s = applyFrame(s, { type: 'queue', queue: [] }, () => 2);
    expect(s.degraded).toBe(true);
    s = applyFrame(s, { type: 'queue', queue: [], degraded: false }, () => 3);
    expect(s.degraded).toBe(false);
  });
});

describe('console read receipts', () => {
  it('keeps the highest read position per conversation', () => {
    const conversation = {
      id: 'c1', siteId: 'demo', state: 'agent' as const, createdAt: '2026-01-01T00:00:00Z', messages: [], sentiment: [],
      visitor: { visitorId: 'v', siteId: 'demo', earlier: [] },
    };
    let s = applyFrame(initialState(), { type: 'conversation', conversation }, () => 1);
    s = applyFrame(s, { type: 'read', conversationId: 'c1', seq: 4 }, () => 2);
    s = applyFrame(s, { type: 'read', conversationId: 'c1', seq: 2 }, () => 3);
    expect(s.conversations.c1.visitorRead).toBe(4);
  });
});

describe('reply box hint', () => {
  it('counts what is left or over, in the singular for one, and says when offline', () => {
    const t = createTranslator(en);
    expect(replyHint(10, 4000, false, t)).toBe('');
    expect(replyHint(10, 4000, true, t)).toBe(t('reply.offline'));
    expect(replyHint(3850, 4000, false, t)).toBe('150 characters left');
    expect(replyHint(3999, 4000, false, t)).toBe('1 character left');
    expect(replyHint(4001, 4000, false, t)).toBe('1 character over the limit');
    expect(replyHint(4010, 4000, false, t)).toBe('10 characters over the limit');
  });
});
