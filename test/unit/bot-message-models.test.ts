import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBot } from '../../server/bot/engine';
import { messageFeatures, messageProbability } from '../../server/bot/message-model';
import {
  MESSAGE_KINDS, MESSAGE_KIND_LANGUAGES, loadMessageLines, trainMessageModel, type MessageKind,
} from '../../server/bot/message-model-train';
import { PERSON_MODELS, REPAIR_MODELS, RESOLVED_MODELS, SARCASM_MODELS } from '../../server/bot/message-weights';
import { isHeldOut } from '../../server/bot/sentiment-train';
import { createSentimentScorer } from '../../server/bot/sentiment';
import { PERSON_AT, REPAIR_AT, RESOLVED_AT, SARCASTIC_AT, personProbability } from '../../server/bot/cues';
import { SARCASM_SCORE, decideTurn, initialMemory } from '../../server/chat/escalation';
import type { BotEngine, BotMemory, TurnDecision } from '../../server/bot/types';

const SHIPPED = { sarcasm: SARCASM_MODELS, repair: REPAIR_MODELS, resolved: RESOLVED_MODELS, person: PERSON_MODELS };
const AT = { sarcasm: SARCASTIC_AT, repair: REPAIR_AT, resolved: RESOLVED_AT, person: PERSON_AT };
/** F1 floors on the tenth of each file never trained on, just under what the shipped weights score. */
const FLOORS: Record<MessageKind, Partial<Record<'en' | 'es', number>>> = {
  sarcasm: { en: 0.75, es: 0.7 }, repair: { en: 0.86, es: 0.86 }, resolved: { en: 0.64, es: 0.68 }, // at P ≥ 0.9, where it is rarely wrong and often silent
  person: { en: 0.88 },
};
/** The resolved files are smaller (729 and 465 lines): their held-out tenth is too. The person model is English only. */
const MIN_HELD: Record<MessageKind, number> = { sarcasm: 80, repair: 80, resolved: 30, person: 80 };

describe('message models (sarcasm, repair and resolved)', () => {
  for (const kind of Object.keys(MESSAGE_KINDS) as MessageKind[]) {
    for (const language of MESSAGE_KIND_LANGUAGES[kind]) {
      it(`${kind} (${language}): meets its floor on the held-out tenth, and ships exactly what its data trains`, () => {
        const rows = loadMessageLines('.', kind, language);
        expect(new Set(rows.map((r) => r.yes))).toEqual(new Set([true, false]));
        const held = rows.filter((r) => isHeldOut(r.text));
        expect(held.length).toBeGreaterThanOrEqual(MIN_HELD[kind]);
        const model = SHIPPED[kind][language]!;
        let tp = 0, fp = 0, fn = 0;
        for (const r of held) {
          const said = messageProbability(model, messageFeatures(r.text)) >= AT[kind];
          if (said && r.yes) tp++; else if (said) fp++; else if (r.yes) fn++;
        }
        const f1 = 2 * tp / (2 * tp + fp + fn);
        console.log(`held-out ${kind} ${language}`, { lines: held.length, f1: Math.round(f1 * 1000) / 1000 });
        expect(f1).toBeGreaterThanOrEqual(FLOORS[kind][language]!);
        const retrained = trainMessageModel(rows.filter((r) => !isHeldOut(r.text)));
        expect(model.bias).toBeCloseTo(retrained.bias, 2);
        for (const [f, w] of model.weights) expect(w, f).toBeCloseTo(retrained.weights.get(f)!, 2);
      });
    }
  }

  it('no line of the training data is a message of the escalation cases the policy is measured on', () => {
    const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').replace(/\s+/g, ' ').trim();
    const cases = new Set<string>();
    for (const f of ['intents/escalation.cases.json', 'intents/escalation.es.cases.json']) {
      for (const c of JSON.parse(readFileSync(f, 'utf8')).conversations) for (const t of c.turns) if (norm(t).split(' ').length >= 4) cases.add(norm(t));
    }
    for (const kind of Object.keys(MESSAGE_KINDS) as MessageKind[]) for (const language of MESSAGE_KIND_LANGUAGES[kind]) {
      const shared = loadMessageLines('.', kind, language).filter((r) => cases.has(norm(r.text)));
      expect(shared.map((r) => r.text), `${kind} ${language}`).toEqual([]);
    }
  });
});

describe('[P9] sarcasm reads as a complaint', () => {
  let bot: BotEngine;
  beforeAll(async () => { bot = await loadBot('intents/default.json'); });

  it('scores sarcastic praise as a complaint, which the handover model hands to a person, and leaves sincere praise alone', () => {
    const scorer = createSentimentScorer('en');
    const text = 'great packaging guys, one sheet of paper round a glass vase, really top notch';
    expect(scorer(text).score).toBeGreaterThan(0); // the words alone read as praise
    const d = decideTurn(bot, initialMemory(), text);
    expect(d.sarcastic).toBeGreaterThanOrEqual(SARCASTIC_AT);
    expect(d.sentiment).toBeLessThanOrEqual(-SARCASM_SCORE);
    expect(d.memory.running).toBeLessThan(0);
    expect(d.escalate).toBe('sentiment');
    const sure = decideTurn(bot, initialMemory(), "oh brilliant, the parcel is 'out for delivery' for the fifth day running. truly a world-class operation 👏");
    expect(sure.sarcastic).toBeGreaterThanOrEqual(0.95);
    expect(sure.memory.running).toBeLessThanOrEqual(-SARCASM_SCORE); // one more like it and the running score hands over
    // Gushing words open many sarcastic chats; sincere praise and thanks stay with the bot, at the
    // first message and later (session 8's model handed the fourth one over at the first message).
    const later = ['hello', 'do you ship to canada'].reduce((m, t) => decideTurn(bot, m, t).memory, initialMemory());
    for (const sincere of ['arrived a day early and beautifully wrapped, amazing 👏', 'thank you so much, that was really helpful!',
      "ok so it's 10 on sundays? fine", 'you guys are really great, thanks so much', 'THANK YOU so much, you saved my day 😍']) {
      const t = decideTurn(bot, initialMemory(), sincere);
      expect(t.sarcastic, sincere).toBeUndefined();
      expect(t.escalate, sincere).toBeUndefined();
      expect(t.sentiment, sincere).toBe(scorer(sincere).score);
      expect(decideTurn(bot, later, sincere).escalate, `${sincere} (third message)`).toBeUndefined();
    }
  });

  it('reads Spanish sarcasm too', async () => {
    const es = await loadBot('intents/default.es.json');
    const d = decideTurn(es, initialMemory(), "qué maravilla, el paquete lleva 'en reparto' cinco días. servicio de primera 👏");
    expect(d.sarcastic).toBeGreaterThanOrEqual(SARCASTIC_AT);
    expect(d.sentiment).toBeLessThanOrEqual(-SARCASM_SCORE);
    expect(decideTurn(es, initialMemory(), 'muchas gracias, me ayudó mucho').sarcastic).toBeUndefined();
  });
});

describe('[P9] the repair model', () => {
  let bot: BotEngine;
  beforeAll(async () => { bot = await loadBot('intents/default.json'); });
  const converse = (messages: string[], engine = bot): TurnDecision[] => {
    let memory: BotMemory = initialMemory();
    return messages.map((text) => { const d = decideTurn(engine, memory, text); memory = d.memory; return d; });
  };

  it('counts a visitor saying, in their own words, that the answer missed, answers anyway, and hands over at the second', () => {
    const turns = converse([
      'can I put my coffee subscription on hold for a month?',
      'thank you, but that only explains how to cancel it, I want to keep it',
      'sorry, I still cannot see where to pause it, the page just has the cancel option',
    ]);
    expect(turns[1]!.repair).toMatch(/says the last answer missed; P 0\.\d\d/);
    expect(turns[1]!.memory.fallbacks).toBe(1);
    // The handover model weighs it with the rest and hands over at the second: the visitor is stuck.
    expect(turns[1]!.escalate).toBe('fallback');
    const rulesOnly = { ...bot, settings: { ...bot.settings, handoverThreshold: 1, fallbacksBeforeHandoff: 2 } };
    const counted = converse(['can I put my coffee subscription on hold for a month?', 'thank you, but that only explains how to cancel it, I want to keep it',
      'sorry, I still cannot see where to pause it, the page just has the cancel option'], rulesOnly);
    expect(counted.map((t) => t.escalate)).toEqual([undefined, undefined, 'fallback']);
    // Without the handover model it is still answered: the repair model can be wrong about a plain follow-up, so it only counts.
    expect(counted[1]!.reply).toBeDefined();
  });

  it('hands over a correction the handover model weighs as stuck or upset, and not the same answer taken well', () => {
    const upset = converse([
      'I cancelled the protein powder subscription in march and you still took money in april AND may',
      "I DID cancel it, I don't need instructions. this is unacceptable, I want both payments refunded now",
    ]);
    // Money taken after a cancellation: a person from the first message.
    expect(upset[0]!.escalate).toBe('sentiment');
    const stuck = converse([
      'Hello, I need to change the delivery address on an order that has already shipped.',
      "Sorry, I don't mean my account address, I mean just for this one parcel.",
    ]);
    expect(stuck[0]!.escalate).toBeUndefined();
    expect(stuck[1]!.repair).toMatch(/says the last answer missed/);
    expect(stuck[1]!.escalate).toBeDefined();
    // The same answer taken well is not a repair at all.
    const fine = converse(['Hello, I need to change the delivery address on an order that has already shipped.', 'ah ok, that makes sense, thanks']);
    expect(fine[1]!.repair).toBeUndefined();
    expect(fine[1]!.escalate).toBeUndefined();
  });

  it('does not read a first message, or an ordinary follow-up, as a repair', () => {
    const first = decideTurn(bot, initialMemory(), "I already tried the reset link twice and it still doesn't arrive");
    expect(first.repair).toBeUndefined();
    const follow = converse(['how do I return a jumper?', 'great, and is the return label free?', 'perfect, thanks']);
    expect(follow.map((t) => t.repair)).toEqual([undefined, undefined, undefined]);
    expect(REPAIR_AT).toBeGreaterThan(0);
  });
});

describe('[P9] a follow-up saying the matter is settled never counts towards a handoff', () => {
  let en: BotEngine;
  let es: BotEngine;
  beforeAll(async () => { en = await loadBot('intents/default.json'); es = await loadBot('intents/default.es.json'); });
  const converse = (bot: BotEngine, messages: string[]): TurnDecision[] => {
    let memory: BotMemory = initialMemory();
    return messages.map((text) => { const d = decideTurn(bot, memory, text); memory = d.memory; return d; });
  };

  it('reads "it just updated 👍" after a grumble as settled, not as sarcasm, and answers', () => {
    const text = 'oh wait it just updated, says out for delivery now 👍';
    const [, d] = converse(en, ['my order is late, tracking hasnt moved in days. kinda annoying', text]);
    expect(d!.escalate).toBeUndefined();
    expect(d!.sarcastic).toBeUndefined();
    expect(d!.sentiment).toBeGreaterThanOrEqual(0);
    expect(d!.reply).toBeDefined();
    // Only a follow-up can say an answer worked: as an opening message the same words are read as they stand.
    expect(decideTurn(en, initialMemory(), text).sarcastic).toBeGreaterThanOrEqual(SARCASTIC_AT);
  });

  it('does not count a settled message the bot did not follow as not understood, in English and Spanish', () => {
    const [, found] = converse(en, ['parcel says delivered but its not here', 'found it, the lady across the road had it 🙄 cheers']);
    expect(found!.intent).toBeNull();
    expect(found!.memory.fallbacks).toBe(0);
    expect(found!.sentiment).toBeGreaterThanOrEqual(0);
    const [, paid] = converse(es, ['el pago me da error todo el rato', 'ah era la app del banco, lo aprobé y ya pasó 👍']);
    expect(paid!.intent).toBeNull();
    expect(paid!.memory.fallbacks).toBe(0);
    expect(RESOLVED_AT).toBeGreaterThanOrEqual(0.9);
  });

  it('still counts a visitor who tried the answer and is still stuck, and still hands over a correction', () => {
    const [, still] = converse(en, ['my payment keeps failing', 'did that, still says declined']);
    expect(still!.repair).toBeTruthy();
    expect(still!.memory.fallbacks).toBe(1);
    const [, wrong] = converse(en, ['where is my parcel', "that's not what I asked, I said it's been two weeks"]);
    expect(wrong!.escalate).toBeDefined();
  });
});

describe('[P9] an upset visitor whose problem only a person can settle goes to one at once', () => {
  let bot: BotEngine;
  beforeAll(async () => { bot = await loadBot('intents/default.json'); });

  it('hands over a charge taken twice, an order nobody placed and a product that sparked, at the first message', () => {
    for (const text of ['you took 89.99 out of my account twice for one order and both have cleared',
      'someone has used my account to order two laptops to an address in leeds, that was not me',
      'the kettle you sold me started sparking when I switched it on, my kitchen smells of burnt plastic']) {
      const d = decideTurn(bot, initialMemory(), text);
      expect(personProbability(text, 'en'), text).toBeGreaterThanOrEqual(PERSON_AT);
      expect(d.escalate, text).toBe('sentiment');
      expect(d.person, text).toBe(true); // the console says only a person can settle it
    }
  });

  it('answers first when the bot has a sure answer, or the visitor is not upset, or the language has no model', () => {
    for (const text of ['ugh my parcel is a day late', 'my discount code says invalid, so annoying']) {
      const d = decideTurn(bot, initialMemory(), text);
      expect(d.sentiment, text).toBeLessThan(0);
      expect(d.escalate, text).toBeUndefined();
      expect(d.reply, text).toBeDefined();
    }
    expect(personProbability('me habéis cobrado dos veces el mismo pedido y los dos cargos están cobrados', 'es')).toBe(0);
  });
});
