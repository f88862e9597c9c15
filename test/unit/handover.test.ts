// [P9] The handover model (server/bot/handover.ts): the shipped weights are exactly what the
// labelled conversations train, and the policy with it holds its cross-validated floors (five
// blocks of whole sets, each decided by a model trained on the other four: the honest figures,
// since the same conversations train it).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBot } from '../../server/bot/engine';
import { handoverContributions, handoverFeatures, handoverProbability } from '../../server/bot/handover';
import { HANDOVER_CASES, conversationRows, crossValidate, foldModels, loadCases, replayWith, trainHandover, type CaseSet, type LabelledConversation } from '../../server/bot/handover-train';
import { HANDOVER_MODELS } from '../../server/bot/handover-weights';
import { initialMemory, readTurn } from '../../server/chat/escalation';
import type { BotEngine, Language } from '../../server/bot/types';
import { scoreOutcomes } from '../../scripts/intents-cli/escalation';

/** Just under the cross-validated figures of BENCHMARKS.md ("The handover model"). */
const FLOORS: Record<Language, { precision: number; recall: number }> = { en: { precision: 0.9, recall: 0.93 }, es: { precision: 0.92, recall: 0.9 } };
/** The long chats (5-10 messages) are the weak spot: precision floors just under today's (BENCHMARKS.md). */
const LONG_PRECISION: Record<Language, number> = { en: 0.72, es: 0.7 };

/** Precision, recall in time and the share of angry visitors handed over by their third message. */
function score(cs: readonly LabelledConversation[], at: readonly { at: number | null }[], keep: (i: number) => boolean = () => true) {
  const r = scoreOutcomes(cs.flatMap((c, i) => (keep(i) ? [{ c, at: at[i]!.at }] : [])));
  return { precision: r.precision, recall: r.recall, angry: r.angryByThird / r.angry };
}

describe('[P9] the handover model', () => {
  const bots = {} as Record<Language, BotEngine>;
  const cases = {} as Record<Language, CaseSet>;
  beforeAll(async () => {
    for (const language of Object.keys(HANDOVER_CASES) as Language[]) {
      cases[language] = loadCases('.', language);
      bots[language] = await loadBot(cases[language].intents);
    }
  }, 60_000);

  for (const language of Object.keys(HANDOVER_CASES) as Language[]) {
    it(`${language}: ships exactly what the labelled conversations train`, () => {
      const retrained = trainHandover(bots[language], cases[language].conversations);
      const shipped = HANDOVER_MODELS[language]!;
      expect(shipped.bias).toBeCloseTo(retrained.bias, 2);
      for (const [f, w] of shipped.weights) expect(w, f).toBeCloseTo(retrained.weights.get(f)!, 2);
      // Only weights under 0.005 are left out of the file.
      for (const [f, w] of retrained.weights) if (!shipped.weights.has(f)) expect(Math.abs(w), f).toBeLessThan(0.005);
    }, 60_000);

    it(`${language}: holds its cross-validated floors on short and long chats, hands angry visitors over by their third message, and adds what the other rules miss`, () => {
      const set = cases[language];
      const cs = set.conversations;
      const short = (i: number) => set.file[i] === 0;
      const decided = crossValidate(bots[language], set, foldModels(bots[language], set));
      const cv = score(cs, decided, short);
      const long = score(cs, decided, (i) => set.file[i] === 1);
      console.log(`handover ${language} cross-validated, short chats`, cv, 'long chats', long);
      expect(long.precision).toBeGreaterThanOrEqual(LONG_PRECISION[language]);
      expect(long.recall).toBeGreaterThanOrEqual(0.95);
      expect(cv.precision).toBeGreaterThanOrEqual(FLOORS[language].precision);
      expect(cv.recall).toBeGreaterThanOrEqual(FLOORS[language].recall);
      expect(cv.angry).toBeGreaterThanOrEqual(0.98);
      // The other rules alone (handoverThreshold 1) catch under a third of the chats that need a person in time.
      const off = { ...bots[language], settings: { ...bots[language].settings, handoverThreshold: 1 } };
      const without = score(cs, cs.map((c) => replayWith(off, c.turns, HANDOVER_MODELS)), short);
      expect(cv.recall - without.recall).toBeGreaterThan(0.5);
    }, 120_000);
  }

  it('learns "hand over" from the turn by which a person should be there, and "don\'t" from every turn of a chat that should stay with the bot', () => {
    const turns = ['hi', 'my parcel is two weeks late and nobody answers', 'hello??', 'ok'];
    const labels = (c: LabelledConversation) => conversationRows(bots.en, c).map((r) => r.y);
    // Before `by` a person would be early, not wrong; after it the chat goes on with no moment a label marks.
    expect(labels({ turns, escalate: true, by: 2 })).toEqual([null, 1, null, null]);
    expect(labels({ turns, escalate: true, by: 4 })).toEqual([null, null, null, 1]);
    expect(labels({ turns, escalate: false })).toEqual([0, 0, 0, 0]);
  });

  it('reads the words with the bot\'s readings, and says which weighed most', () => {
    const bot = bots.en;
    const r = readTurn(bot, initialMemory(), 'you charged me TWICE for the same order, fix it now');
    const features = handoverFeatures(r.features, r.signals, 'en');
    expect(features).toEqual(expect.arrayContaining(['T1', 'w:twice', 'w:CAPSWORD', 'FB:0', 'HOST:0']));
    expect(features.some((f) => f.startsWith('S:'))).toBe(true);
    const p = handoverProbability('en', features)!;
    expect(p).toBeGreaterThan(0.6);
    const top = handoverContributions('en', features, 3);
    expect(top).toHaveLength(3);
    expect(Math.abs(top[0]![1])).toBeGreaterThanOrEqual(Math.abs(top[2]![1]));
    // A language without a model has no reading.
    expect(handoverProbability('es', features, {})).toBeNull();
    // The turn is counted from the memory: the same words later in a chat read as a later turn.
    const later = readTurn(bot, r.memory, 'you charged me TWICE for the same order, fix it now');
    expect(later.signals.turn).toBe(2);
    expect(handoverFeatures(later.features, later.signals, 'en')).toContain('T2');
  });
});
