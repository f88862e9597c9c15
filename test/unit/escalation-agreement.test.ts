import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kappa, onlineTurn, score, validateSecondOpinions, type SecondOpinions } from '../../scripts/bench/escalation-agreement';
import { loadEscalationFile, type EscalationCase } from '../../scripts/intents-cli/escalation';

describe('escalation agreement benchmark', () => {
  it('scores hand-over turns like the escalation command: precision over handed, recall in time over due', () => {
    const truth = [{ escalate: true, by: 2 }, { escalate: true, by: 1 }, { escalate: false }, { escalate: true, by: 3 }];
    const s = score([2, 2, 1, null], truth);
    expect(s.handed).toBe(3);
    expect(s.precision).toBeCloseTo(2 / 3); // the third conversation should not have been handed over
    expect(s.recall).toBeCloseTo(1 / 3); // the second is late, the fourth never handed over
    expect(s.recallAnyTime).toBeCloseTo(2 / 3);
  });

  it('kappa is 1 for identical labels, 0 at chance, negative below it', () => {
    expect(kappa([true, false, true, false], [true, false, true, false])).toBe(1);
    expect(kappa([true, true, false, false], [true, false, true, false])).toBe(0);
    expect(kappa([true, false], [false, true])).toBeLessThan(0);
  });

  it('an online person hands over at the first message after which they said now', () => {
    expect(onlineTurn({ name: 'x', now: [false, true, true], clear: [true, true, true] })).toBe(2);
    expect(onlineTurn({ name: 'x', now: [false, false], clear: [true, true] })).toBeNull();
  });

  it('reports a label naming no conversation, a `by` past the end and a wrong number of online answers', () => {
    const c: EscalationCase = { name: 'calm: hi', kind: 'calm', turns: ['hi', 'thanks'], escalate: false };
    const opinions: SecondOpinions = {
      offline: [{ cases: 'f.json', set: 's', labeller: 'A', labels: [
        { name: 'calm: hi', escalate: true, by: 3, clear: true },
        { name: 'nobody', escalate: false, clear: true },
      ] }],
      online: [{ cases: 'f.json', set: 's', labels: [{ name: 'calm: hi', now: [false], clear: [true] }] }],
    };
    const problems = validateSecondOpinions('o.json', opinions, new Map([['f.json', [c]]]));
    expect(problems).toEqual([
      'o.json:$.offline[0] (s) "calm: hi": by must be 1..2',
      'o.json:$.offline[0] (s): no conversation named "nobody" in f.json',
      'o.json:$.online[0] (s) "calm: hi": needs one answer per message (2)',
    ]);
  });

  it('the shipped second opinions all name development conversations, with valid turns', async () => {
    const path = 'intents/escalation.second-opinions.json';
    const opinions = JSON.parse(readFileSync(path, 'utf8')) as SecondOpinions;
    const cases = new Map<string, EscalationCase[]>();
    for (const f of ['escalation.cases.json', 'escalation.es.cases.json']) cases.set(f, (await loadEscalationFile(`intents/${f}`)).conversations);
    expect(validateSecondOpinions(path, opinions, cases)).toEqual([]);
    expect(opinions.offline.reduce((n, g) => n + g.labels.length, 0)).toBeGreaterThanOrEqual(600);
    expect(opinions.online.map((g) => g.labels.length)).toEqual([60, 40, 60, 40]);
  });
});
