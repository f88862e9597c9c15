import { beforeAll, describe, expect, it } from 'vitest';
import { DECLINED_REPLY, PERSON_OFFER, createBot, loadBot } from '../../server/bot/engine';
import { CONTENT_AT_OR_ABOVE, OFFER_EVERY, REPEATED, decideTurn, initialMemory, textPick } from '../../server/chat/escalation';
import type { MessageModels } from '../../server/bot/message-model';
import { SAID_MESSAGES, contentStems, declinesPerson, hostility, opensChat, repair, repeats, settled } from '../../server/bot/cues';
import type { BotEngine, BotMemory, TurnDecision } from '../../server/bot/types';

let bot: BotEngine;
/**
 * The same bot with the handover model off and the old default of two misses: the counting rules
 * alone, as a site that sets handoverThreshold 1 and fallbacksBeforeHandoff 2 gets them.
 */
const rulesOnly = (b: BotEngine): BotEngine => ({ ...b, settings: { ...b.settings, handoverThreshold: 1, fallbacksBeforeHandoff: 2 } });
beforeAll(async () => {
  bot = await loadBot('intents/default.json');
});

function converse(engine: BotEngine, messages: string[]): TurnDecision[] {
  let memory: BotMemory = initialMemory();
  const turns: TurnDecision[] = [];
  for (const text of messages) {
    const d = decideTurn(engine, memory, text);
    turns.push(d);
    memory = d.memory;
    if (d.escalate) break;
  }
  return turns;
}

describe('[P9] escalation', () => {
  it('one mildly negative message does not escalate, and gets a helpful answer', () => {
    const [d] = converse(bot, ["my parcel hasn't arrived yet, can you check?"]);
    expect(d!.escalate).toBeUndefined();
    expect(d!.sentiment).toBeLessThan(0);
    expect(d!.intent).toBe('order_status');
    expect(d!.reply?.text).toMatch(/My orders/);
  });

  it('escalates with `sentiment` a visitor who is plainly angry over two or three messages', () => {
    const turns = converse(bot, [
      'this is ridiculous, where is my order',
      "I've been waiting for two weeks, this is unacceptable",
      'hello, is anyone there?',
    ]);
    const last = turns[turns.length - 1]!;
    expect(last.escalate).toBe('sentiment');
    expect(turns.length).toBeLessThanOrEqual(3);
    expect(turns[0]!.escalate).toBeUndefined();
    expect(last.reply).toBeUndefined();
  });

  it('counts sarcasm as negative on the way to escalation', () => {
    const turns = converse(bot, ['great, another delay', 'still waiting for my refund, third time I ask']);
    expect(turns[0]!.sentiment).toBeLessThan(0);
    expect(turns[1]!.escalate).toBe('sentiment');
  });

  it('escalates with `requested` when the visitor asks for a person, without a reply', () => {
    const [d] = converse(bot, ['can I talk to a real person please']);
    expect(d).toMatchObject({ intent: 'human', escalate: 'requested' });
    expect(d!.reply).toBeUndefined();
  });

  it('escalates with `fallback` after fallbacksBeforeHandoff not-understood messages in a row; a recognised intent resets the count', () => {
    const four = converse(bot, ["what's the capital of France", 'asdfgh', 'qwerty', 'zxcvb nm']);
    expect(four.map((t) => t.escalate)).toEqual([undefined, undefined, undefined, 'fallback']); // the default is 4
    const two = converse(rulesOnly(bot), ["what's the capital of France", 'asdfgh']);
    expect(two[0]!.escalate).toBeUndefined();
    expect(two[0]!.reply?.quickReplies).toContain('Talk to a person');
    expect(two[1]!.escalate).toBe('fallback');

    const reset = converse(bot, ['asdfgh', 'where is my order', 'qwerty uiop', 'what are your opening hours']);
    expect(reset.map((t) => t.escalate)).toEqual([undefined, undefined, undefined, undefined]);
    expect(reset.map((t) => t.memory.fallbacks)).toEqual([1, 0, 1, 0]);
  });

  it('never escalates a calm visitor asking many routine questions', () => {
    const turns = converse(bot, [
      'hi', 'where is my order?', 'how long does shipping take?', 'can I pay with paypal?', 'what are your opening hours?',
      'how do I return an item?', 'do prices include VAT?', 'I forgot my password', 'can I change my delivery address',
      'how long do refunds take', 'I want to cancel my order', 'thanks!', 'bye',
    ]);
    expect(turns).toHaveLength(13);
    expect(turns.filter((t) => t.escalate)).toEqual([]);
    expect(turns.every((t) => t.reply && t.reply.text.length > 0)).toBe(true);
    expect(turns.every((t) => t.intent !== null)).toBe(true);
  });

  it('uses `intent` for other escalate:true intents, and honours the file\'s settings', () => {
    const engine = createBot({
      language: 'en',
      settings: { fallbacksBeforeHandoff: 3 },
      intents: [
        // A handful of examples per intent: with one or two, most words of a message are unknown and
        // the classifier rightly stays below the confidence threshold.
        { name: 'legal', examples: ['I will contact my lawyer', 'legal action', 'I am taking you to court', 'my solicitor will be in touch', 'I will sue you'], responses: ['x'], escalate: true },
        { name: 'hours', examples: ['when are you open', 'what are your opening hours', 'are you open on sunday'], responses: ['9 to 5'] },
      ],
    }, 'inline.json');
    expect(converse(engine, ['I am calling my lawyer about this'])[0]).toMatchObject({ intent: 'legal', escalate: 'intent', reply: { text: 'x' } });
    // Saying it again never swallows an intent that hands over.
    const again = decideTurn(engine, { ...initialMemory(), said: [['call', 'lawyer']] }, 'I am calling my lawyer about this');
    expect(again).toMatchObject({ intent: 'legal', escalate: 'intent' });
    expect(again.repair).toBeUndefined();
    const fallbacks = converse(engine, ['zzz', 'qqq', 'xxx']);
    expect(fallbacks.map((t) => t.escalate)).toEqual([undefined, undefined, 'fallback']);
  });

  it('keeps the shop\'s own promises: an invoice to reissue and a courier claim go to a person with their answer', async () => {
    // The invoice and delivery answers say a person does these; asking for them hands over at once.
    const reissue = converse(bot, ['how do I download my invoice', "I've added the company details now, but the invoice for this order still shows my own name. Can it be redone?"]);
    expect(reissue[0]!.intent).toBe('invoice');
    expect(reissue[0]!.escalate).toBeUndefined();
    expect(reissue[1]).toMatchObject({ intent: 'invoice_reissue', escalate: 'intent' });
    expect(reissue[1]!.reply!.text).toMatch(/reissue/);
    const claim = converse(bot, ['my parcel says delivered but it is not here', 'the neighbours have not got it and the porch is empty, can you open a claim with the courier?']);
    expect(claim[1]).toMatchObject({ intent: 'courier_claim', escalate: 'intent' });
    // Asking how invoices work is still answered.
    const howTo = converse(bot, ['where do I put my company details for future invoices'])[0]!;
    expect(howTo.intent).toBe('invoice');
    expect(howTo.escalate).toBeUndefined();
    const es = await loadBot('intents/default.es.json');
    expect(converse(es, ['necesito que corrijan la factura, sale a mi nombre'])[0]).toMatchObject({ intent: 'invoice_reissue', escalate: 'intent' });
    expect(converse(es, ['el paquete no aparece, ¿pueden abrir una reclamación al transportista?'])[0]).toMatchObject({ intent: 'courier_claim', escalate: 'intent' });
  });

  it('is pure: the same input gives the same decision and the memory passed in is not changed', () => {
    const memory = { running: -0.5, fallbacks: 1 };
    const a = decideTurn(bot, memory, 'where is my order', 0.9);
    const b = decideTurn(bot, memory, 'where is my order', 0.9);
    expect(a).toEqual(b);
    expect(memory).toEqual({ running: -0.5, fallbacks: 1 });
    expect(a.memory.fallbacks).toBe(0);
    expect(a.memory.running).toBeCloseTo(-0.5 * bot.settings.sentimentDecay, 3);
  });
});

describe('[P9] hostile messages', () => {
  it('hands an insult, swearing, a threat or an accusation to a person at once, even when a calm question follows', () => {
    for (const text of [
      'what a bunch of crooks, where is my money',
      'if this is not fixed today I am filing a chargeback',
      'are you f***ing serious, it has been a month',
      'this is the worst shop I have ever used',
      "I'm reporting you to trading standards",
      'are you people actually stupid',
    ]) {
      const [d] = converse(bot, [text, 'where is my order']);
      expect(d!.escalate, text).toBe('sentiment');
      expect(d!.hostile, text).toBeTruthy();
      expect(d!.reply, text).toBeUndefined();
    }
  });

  it('counts a message shouted in capitals only when it is negative', () => {
    const shout = decideTurn(bot, initialMemory(), 'WHY HAS NOBODY ANSWERED MY EMAILS');
    expect(shout).toMatchObject({ escalate: 'sentiment', hostile: '(whole message in capitals)' });
    const happy = decideTurn(bot, initialMemory(), 'THANK YOU SO MUCH FOR THE HELP');
    expect(happy.escalate).toBeUndefined();
    expect(happy.hostile).toBeUndefined();
    expect(hostility('OK', 'en', -1)).toBeNull(); // one word is not shouting
  });

  it('matches whole words only, and leaves annoyance to the running score', () => {
    for (const text of [
      'do you sell shitake mushrooms', 'my scampi arrived cold', 'is the assessment free',
      'this is a bit annoying, my parcel is late', "I'm frustrated, the code doesn't work",
      'the best sofa ever', 'can I sue a courier for a lost parcel', // "sue" alone is not a threat to the shop
      'sorry, stupid question, but do you ship to Malta',
    ]) {
      expect(hostility(text, 'en', -0.5), text).toBeNull();
    }
    expect(decideTurn(bot, initialMemory(), 'this is a bit annoying, my parcel is late').escalate).toBeUndefined();
  });

  it('knows Spanish insults and threats, with or without accents', () => {
    expect(hostility('sois unos ladrones', 'es', -0.5)?.cue).toBe('ladrones');
    expect(hostility('voy a poner una denuncia en consumo', 'es', -0.5)?.cue).toBe('denuncia');
    expect(hostility('¡INÚTILES!', 'es', -0.5)?.cue).toBe('inutiles');
    expect(hostility('¿cuánto cuesta el envío a Valencia?', 'es', 0)).toBeNull();
    expect(hostility('quiero saber el consumo de la nevera', 'es', 0)).toBeNull();
    // Consumer agencies beyond Spain and Mexico: Chile, Peru, Argentina.
    expect(hostility('si no me devuelven la plata hoy voy al Sernac', 'es', -0.5)?.cue).toBe('sernac');
    expect(hostility('los voy a denunciar a Indecopi', 'es', -0.5)).not.toBeNull();
    expect(hostility('hago la queja en defensa del consumidor', 'es', -0.5)?.cue).toBe('defensa del consumidor');
  });
});

describe('[P9] the handover model', () => {
  it('hands a plainly angry first message to a person at once, but answers mild annoyance and calm emphasis first', () => {
    const angry = decideTurn(bot, initialMemory(), 'you charged me TWICE for the same order, 2 x 189,99. fix it');
    expect(angry.handover).toBeGreaterThanOrEqual(bot.settings.handoverThreshold);
    expect(angry.escalate).toBe('sentiment');
    for (const text of ['is the SALE still on??', 'ugh the code isnt working', 'can I pay with PayPal?', 'this is ridiculous, where is my order??']) {
      const d = decideTurn(bot, initialMemory(), text);
      expect(d.handover, text).toBeLessThan(bot.settings.handoverThreshold);
      expect(d.escalate, text).toBeUndefined();
      expect(d.reply, text).toBeDefined();
    }
    // handoverThreshold 1 turns the model off: only the other rules hand over.
    expect(decideTurn(rulesOnly(bot), initialMemory(), 'you charged me TWICE for the same order, 2 x 189,99. fix it').escalate).toBeUndefined();
  });
});

describe('[P9] a visitor going round in circles', () => {
  it('counts a repair phrase ("I\'m not asking about returns") as not understood even when an intent matched, and hands over at the second', () => {
    // Calm wording: "no, that's not what I asked" now reads as upset (-0.74) and hands over at once.
    const turns = converse(rulesOnly(bot), [
      'how do I cancel my order',
      "I'm not asking about returns, I want to cancel it before it ships",
      'let me try again: stop the order before it ships',
    ]);
    expect(turns[0]!.memory.fallbacks).toBe(0);
    expect(turns[1]!.repair).toBeTruthy();
    expect(turns[1]!.intent).toBeNull();
    expect(turns[1]!.memory.fallbacks).toBe(1);
    // Not the cancel answer again: an apology that offers a person.
    expect(turns[1]!.reply).toEqual(bot.respond(null, textPick("I'm not asking about returns, I want to cancel it before it ships")));
    expect(turns[1]!.reply!.quickReplies).toContain('Talk to a person');
    expect(turns[2]).toMatchObject({ escalate: 'fallback' });
  });

  it('finds repair cues in both languages, and not in ordinary questions', () => {
    for (const text of ["sorry, I don't think that answers it", 'you are not understanding me', "I'm not asking about returns",
      'let me try again: paper voucher, website?', 'no, not the discount code, the paper one']) {
      expect(repair(text, 'en'), text).not.toBeNull();
    }
    for (const text of ['where is my order', 'what do you mean by processing?', 'not yet, thanks', 'is that the same price again next week',
      "no thanks, I don't need anything else", 'no I do not need any more help']) {
      expect(repair(text, 'en'), text).toBeNull();
    }
    // A known cost of matching phrases: "I meant to ask" reads as a repair (one count, not a handoff).
    expect(repair('I meant to ask this yesterday', 'en')).not.toBeNull();
    expect(repair('no me entiendes, te pregunto por la factura', 'es')?.cue).toBe('no me entiendes');
    expect(repair('eso no me ayuda', 'es')).not.toBeNull();
    expect(repair('¿cuánto tarda el envío?', 'es')).toBeNull();
  });

  it('counts a visitor saying the same thing again as not understood, and remembers only a few messages', () => {
    const turns = converse(rulesOnly(bot), [
      'can I use a paper voucher from your Leeds shop on the website?',
      'so is the paper voucher from the Leeds shop ok to use online?',
      'so can the paper voucher be used online or not',
    ]);
    expect(turns[1]!.repair).toBe(REPEATED);
    expect(turns[1]!.memory.fallbacks).toBe(turns[0]!.memory.fallbacks + 1);
    expect(turns[2]!.escalate).toBe('fallback');
    // Still answered when understood: a fair question asked twice gets its answer twice.
    const twice = converse(bot, ['what are your opening hours', 'what are your opening hours on sunday']);
    expect(twice[1]).toMatchObject({ intent: 'opening_hours', repair: REPEATED, memory: { fallbacks: 1 } });
    expect(twice[1]!.reply!.text).toBe(bot.respond('opening_hours', textPick('what are your opening hours on sunday')).text);
    expect(contentStems('Can I use a PAPER voucher, please?', 'en')).toEqual(['us', 'paper', 'voucher']); // Porter: use → us
    expect(repeats(['paper', 'voucher'], [['gift', 'card'], ['voucher', 'paper', 'leed']])).toBe(true);
    expect(repeats(['voucher', 'expir'], [['voucher', 'paper', 'leed', 'shop', 'websit', 'use', 'onlin']])).toBe(false);
    // A calm visitor moving from one question to the next is not repeating.
    const calm = converse(bot, ['how long does delivery take to Spain?', 'and do you ship to Portugal?', 'great, thank you']);
    expect(calm.map((t) => t.repair)).toEqual([undefined, undefined, undefined]);
    const many = converse(bot, ['one', 'two', 'three', 'four', 'five', 'six']);
    expect(many.at(-1)!.memory.said!.length).toBeLessThanOrEqual(SAID_MESSAGES);
  });

  it('does not count a pleased or settled message it did not follow towards a handoff, nor reset the count', () => {
    const memory = { running: 0, fallbacks: 1 };
    const pleased = decideTurn(bot, memory, 'oh nice, it was in the wishlist all along 😊');
    expect(pleased.intent).toBeNull();
    expect(pleased.sentiment).toBeGreaterThanOrEqual(CONTENT_AT_OR_ABOVE);
    expect(pleased.escalate).toBeUndefined();
    expect(pleased.memory.fallbacks).toBe(1);
    // Or settled: the visitor has what they needed, worded so the bot cannot follow it.
    const settledTurn = decideTurn(bot, memory, 'oh its only for orders over 40? ok thats why, mine was 38');
    expect(settledTurn.intent).toBeNull();
    expect(settledTurn.sentiment).toBeGreaterThanOrEqual(0);
    expect(settledTurn).toMatchObject({ memory: { fallbacks: 1 } });
    expect(settledTurn.escalate).toBeUndefined();
    expect(settled('ya funciona, vale', 'es')).toBe(true);
    expect(settled('can you engrave a name on the back of the watch', 'en')).toBe(false);
    const stuck = decideTurn(rulesOnly(bot), memory, 'can you engrave a name on the back of the watch');
    expect(stuck.intent).toBeNull();
    expect(stuck.escalate).toBe('fallback');
  });

  it('does not count a pleased message that repeats earlier words, and resets the count', () => {
    const turns = converse(bot, [
      "hi, can I pause my coffee subscription while I'm on holiday?",
      'found it under Subscriptions and paused the coffee subscription until October, thank you',
    ]);
    // The resolved model reads it as settled before the repeated words are weighed: no "says again" mark.
    expect(turns[1]!.repair).toBeUndefined();
    expect(turns[1]!.sentiment).toBeGreaterThanOrEqual(CONTENT_AT_OR_ABOVE);
    expect(turns[1]!.memory.fallbacks).toBe(0);
    // Thanks inside a correction is politeness: the correction still counts.
    const polite = converse(bot, ['can I put my coffee subscription on hold for a month?', 'thank you, but that only explains how to cancel it, I want to keep it']);
    expect(polite[1]!.repair).toMatch(/says the last answer missed/);
    expect(polite[1]!.memory.fallbacks).toBe(1);
  });
});

describe('[P9] a visitor declining the person the bot offered', () => {
  it('is not a request, not a miss and not a handover, in English and Spanish; asking for one still is', async () => {
    // Every fallback answer offers a person. The visitor who says no must stay with the bot: the
    // person words read like a request, and the handover model weighed them as one (on round 28's
    // blind long Spanish chats, 3 of 11 false handoffs were "no hace falta (persona)").
    const offered = decideTurn(bot, initialMemory(), 'blorp fizzwak');
    expect(offered.memory.fallbacks).toBe(1);
    for (const text of ["no I don't need to talk to a person, thanks", 'no need for a person, I found it', "don't get anyone, it's fine", 'nah its fine']) {
      const d = decideTurn(bot, offered.memory, text);
      expect(d.escalate, text).toBeUndefined();
      expect(d.declined, text).toBeDefined();
      expect(d.memory.fallbacks, text).toBe(1); // neither a miss nor an answer the bot understood
      expect(d.sentiment, text).toBeGreaterThanOrEqual(0);
      if (d.intent === null) expect(d.reply?.text, text).toBe(DECLINED_REPLY.en);
    }
    // Without the offer, a bare "no thanks" is just that; naming the person declines anywhere.
    expect(declinesPerson('no thanks', 'en', false)).toBeNull();
    expect(declinesPerson('no need for a person', 'en', false)?.cue).toBe('no need for a person');
    // Asking for a person, or complaining that none answers, is not declining one.
    for (const text of ["I don't want a bot, I want a person", "why can't I talk to a person", 'no one answers, I need a person', 'i dont want to talk to anyone but a human']) {
      expect(declinesPerson(text, 'en', true), text).toBeNull();
    }
    expect(decideTurn(bot, offered.memory, "I don't want a bot, I want a person").escalate).toBe('requested');
    // Saying the last answer missed is still a repair, offer or not.
    expect(decideTurn(bot, offered.memory, "no thanks, that doesn't help").repair).toBeDefined();

    const es = await loadBot('intents/default.es.json');
    const ofrecido = decideTurn(es, initialMemory(), 'blorp fizzwak');
    for (const text of ['no necesito hablar con una persona, gracias', 'no, no hace falta persona. ya lo encontre', 'no hace falta, era por saber']) {
      const d = decideTurn(es, ofrecido.memory, text);
      expect(d.escalate, text).toBeUndefined();
      expect(d.declined, text).toBeDefined();
    }
    expect(declinesPerson('no quiero hablar con un bot, quiero una persona', 'es', true)).toBeNull();
    expect(decideTurn(es, ofrecido.memory, 'quiero hablar con una persona').escalate).toBe('requested');
  });
});

describe('[P9] a chat opened with greetings only', () => {
  it('tells a message that only opens the chat from one about the matter, in English and Spanish', () => {
    for (const text of ['hi', 'Hi there!', 'hello?', 'Good afternoon', 'hi, quick question', 'Hi! can you help me?', 'hey 👋']) expect(opensChat(text, 'en'), text).toBe(true);
    for (const text of ['hi where is my order', 'hello, my parcel is late', 'hi i cant log in', 'help me get a refund', 'no']) expect(opensChat(text, 'en'), text).toBe(false);
    for (const text of ['hola! una consulta', 'hola buenas', 'Buenas', 'hola! buen día', 'Buenas tardes, qué pena molestar', 'Buenos días, una pregunta']) expect(opensChat(text, 'es'), text).toBe(true);
    for (const text of ['hola, el pedido no llegó', 'ola mi pedido', 'buenas, me cobraron dos veces']) expect(opensChat(text, 'es'), text).toBe(false);
  });

  it('reads the first message about the matter as the first turn: the same handover reading as with no greeting, and the greeting is no miss', async () => {
    const es = await loadBot('intents/default.es.json');
    const matter = 'me voy de vacaciones 2 semanas y no quiero q me llegue el bulto de concentrado del perro, como hago para saltar el proximo envio?';
    for (const opener of ['hola buenas', 'hola! una consulta', 'Buenas']) {
      const greeted = decideTurn(es, initialMemory(), opener, 0);
      expect(greeted.escalate, opener).toBeUndefined();
      expect(greeted.memory).toMatchObject({ fallbacks: 0, greetings: 1, turns: 1 });
      const after = decideTurn(es, greeted.memory, matter, 0);
      const alone = decideTurn(es, { ...initialMemory(), running: greeted.memory.running }, matter, 0);
      expect(after.handover, opener).toBe(alone.handover);
      expect(after.escalate, opener).toBeUndefined();
      expect(after.memory).toMatchObject({ greetings: 1, turns: 2 });
    }
    // Greetings after the first message about the matter are ordinary turns.
    const first = decideTurn(bot, initialMemory(), 'where is my order?', 0);
    expect(decideTurn(bot, first.memory, 'hello?', 0).memory.greetings).toBeUndefined();
  });
});

describe('[P9] offering a person before handing over (offerThreshold)', () => {
  /** A handover model that reads every message at p (its bias alone): the band's rules, apart from what the model weighs. */
  const constant = (p: number, language: 'en' | 'es' = 'en'): MessageModels => ({ [language]: { bias: Math.log(p / (1 - p)), weights: new Map() } });

  it('adds one sentence and a "Talk to a person" button to the answer of an unhappy visitor the model is not yet sure about', () => {
    // A real reading: the shipped model puts this first message between offerThreshold and handoverThreshold.
    const text = 'why is there a £4.50 fee per ticket now, that wasnt on the first page';
    const d = decideTurn(bot, initialMemory(), text, 0);
    expect(d.escalate).toBeUndefined();
    expect(d.handover!).toBeGreaterThanOrEqual(bot.settings.offerThreshold);
    expect(d.handover!).toBeLessThan(bot.settings.handoverThreshold);
    expect(d.offered).toBe(true);
    const answer = bot.respond(d.intent, 0);
    expect(d.reply!.text).toBe(`${answer.text} ${PERSON_OFFER.en.text}`);
    expect(d.reply!.quickReplies).toEqual([...(answer.quickReplies ?? []).filter((q) => q !== 'Talk to a person'), 'Talk to a person']);
    expect(d.memory.offeredAt).toBe(1);
    // Pressing the button asks for a person.
    expect(decideTurn(bot, d.memory, 'Talk to a person').escalate).toBe('requested');
    // offerThreshold 1 turns the band off: the same answer, no offer.
    const off = decideTurn({ ...bot, settings: { ...bot.settings, offerThreshold: 1 } }, initialMemory(), text, 0);
    expect(off.offered).toBeUndefined();
    expect(off.reply).toEqual(answer);
  });

  it('never offers to a pleased or calm visitor, and not below the threshold', () => {
    const models = constant(0.3);
    for (const text of ['thanks so much, that really helped!', 'ok great, found it', 'how long does delivery take?']) {
      const d = decideTurn(bot, initialMemory(), text, 0, models);
      expect(d.sentiment, text).toBeGreaterThanOrEqual(0);
      expect(d.offered, text).toBeUndefined();
    }
    const upset = 'my parcel is late again, this is really annoying';
    expect(decideTurn(bot, initialMemory(), upset, 0, models).offered).toBe(true);
    expect(decideTurn(bot, initialMemory(), upset, 0, constant(bot.settings.offerThreshold - 0.01)).offered).toBeUndefined();
    // At handoverThreshold the model hands over instead.
    expect(decideTurn(bot, initialMemory(), upset, 0, constant(bot.settings.handoverThreshold + 0.01)).escalate).toBe('sentiment');
  });

  it(`offers at most once every ${OFFER_EVERY} messages, and never again once the visitor declines`, () => {
    const models = constant(0.3);
    // Patient rules, so that only the band acts over four upset messages.
    const patient: BotEngine = { ...bot, settings: { ...bot.settings, sentimentThreshold: 5, fallbacksBeforeHandoff: 20 } };
    const upset = ['my parcel is late again, this is really annoying', 'the tracking still says it is at the depot, annoying',
      'still nothing moving on the tracking, so annoying', 'it is still stuck at the depot, really annoying'];
    let memory = initialMemory();
    const offered: number[] = [];
    for (const [k, text] of upset.entries()) {
      const d = decideTurn(patient, memory, text, 0, models);
      expect(d.escalate, text).toBeUndefined();
      if (d.offered) offered.push(k + 1);
      memory = d.memory;
    }
    expect(offered).toEqual([1, 1 + OFFER_EVERY]);
    // "No thanks" right after an offer declines it, and the bot stops offering.
    const first = decideTurn(patient, initialMemory(), upset[0]!, 0, models);
    const no = decideTurn(patient, first.memory, 'no thanks', 0, models);
    expect(no.declined).toBeDefined();
    expect(no.memory.declinedPerson).toBe(true);
    let after = no.memory;
    for (const text of upset.slice(1)) {
      const d = decideTurn(patient, after, text, 0, models);
      expect(d.offered, text).toBeUndefined();
      after = d.memory;
    }
  });

  it('speaks Spanish in a Spanish file, and its button asks for a person even in a file with no human intent', async () => {
    const es = await loadBot('intents/default.es.json');
    const d = decideTurn(es, initialMemory(), 'me cobraron dos veces las zapatillas, qué fastidio', 0, constant(0.3, 'es'));
    expect(d.offered).toBe(true);
    expect(d.reply!.text.endsWith(PERSON_OFFER.es.text)).toBe(true);
    expect(d.reply!.quickReplies).toContain(PERSON_OFFER.es.button);
    expect(decideTurn(es, d.memory, PERSON_OFFER.es.button).escalate).toBe('requested');
    const bare = createBot({ language: 'es', intents: [{ name: 'horario', examples: ['a qué hora abrís', 'cuál es el horario'], responses: ['De 9 a 18.'] }] }, 'bare.json');
    const fallback = decideTurn(bare, initialMemory(), 'blorp fizzwak', 0);
    expect(fallback.reply!.quickReplies).toEqual([PERSON_OFFER.es.button]); // the built-in fallback speaks the file's language
    expect(fallback.reply!.text).toMatch(/persona/);
    expect(decideTurn(bare, fallback.memory, PERSON_OFFER.es.button).escalate).toBe('requested');
  });
});

describe("[P9] the bot's own quick replies", () => {
  it('reads a pressed button as an answer to the bot, never as a correction', () => {
    const turns = converse(bot, ['ugh I need to cancel order HD-40021, wrong colour', 'It has already shipped']);
    expect(turns[0]!.reply?.quickReplies).toContain('It has already shipped');
    expect(turns[1]!).toMatchObject({ intent: 'already_shipped', memory: { fallbacks: 0 } });
    expect(turns[1]!.repair).toBeUndefined();
    expect(turns[1]!.reply).toBeDefined();
    // Typed with other words, the same message is read like any other.
    const typed = converse(bot, ['ugh I need to cancel order HD-40021, wrong colour', 'no, it has already shipped, that is the problem']);
    expect(typed[1]!.repair).toBeDefined();
  });
});

describe('engine.respond', () => {
  it('picks responses deterministically from pick, and falls back to a default that offers a person', () => {
    const r = bot.intent('order_status')!.responses;
    expect(bot.respond('order_status', 0).text).toBe(r[0]);
    expect(bot.respond('order_status', 0.99).text).toBe(r[r.length - 1]);
    expect(bot.respond('order_status', 1).text).toBe(r[r.length - 1]);
    const bare = createBot({ language: 'en', intents: [{ name: 'x', examples: ['a b'], responses: ['y'] }] }, 'bare.json');
    expect(bare.respond(null, 0.5).quickReplies).toEqual(['Talk to a person']);
    expect(bare.settings).toMatchObject({ fallbacksBeforeHandoff: 4, sentimentThreshold: 1.5, handoverThreshold: 0.6 });
    expect(() => bare.respond('nope')).toThrow(/unknown intent/);
  });
});

describe('the built-in fallback\'s button', () => {
  it('hands over when a visitor taps "Talk to a person" in a file with no human intent, and says so nowhere else', () => {
    const bare = createBot({ language: 'en', intents: [
      { name: 'hours', examples: ['when are you open', 'what are your opening hours', 'are you open on sunday'], responses: ['9 to 5'] },
    ] }, 'bare.json');
    expect(bare.respond(null, 0).quickReplies).toEqual(['Talk to a person']);
    expect(decideTurn(bare, initialMemory(), 'Talk to a person')).toMatchObject({ intent: 'human', escalate: 'requested' });
    expect(bare.quickReplies).toEqual([]); // the file offers none of its own
    // Only the button's exact words are the button; other words go through the classifier and the handover model.
    expect(decideTurn(bare, initialMemory(), 'talk to a person about my hat').intent).not.toBe('human');
  });
});

describe('unsure handoffs', () => {
  it('does not hand off on a weak match for a person (a word like "perfect"), but on a clear request', async () => {
    const { loadBot } = await import('../../server/bot/engine');
    const { decideTurn, initialMemory, HANDOFF_MIN_CONFIDENCE } = await import('../../server/chat/escalation');
    const bot = await loadBot('intents/default.json');
    const weak = bot.classify('perfect');
    // The guard matters only while the classifier's top guess for it is a weak "human".
    if (weak.intent === 'human') expect(weak.confidence).toBeLessThan(HANDOFF_MIN_CONFIDENCE);
    const turn = decideTurn(bot, initialMemory(), 'perfect');
    expect(turn.escalate).toBeUndefined();
    expect(turn.reply).toBeDefined();
    expect(decideTurn(bot, initialMemory(), 'can I talk to a real person please').escalate).toBe('requested');
  });
});
