import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSentimentScorer, scoreSentiment, sentimentLabel, type SentimentStep } from '../../server/bot/sentiment';
import { buildLexicon } from '../../server/bot/sentiment-lexicon';
import { SENTIMENT_MODEL } from '../../server/bot/sentiment-weights';
import { DATA_FILES, ES_DATA_FILES, isHeldOut, loadLabelled, train } from '../../server/bot/sentiment-train';
import { SENTIMENT_MODEL_ES } from '../../server/bot/sentiment-weights-es';
import { generate } from '../../intents/sentiment/generate';
import { sentimentMetrics } from '../../scripts/bench/sentiment-metrics';

const en = createSentimentScorer('en');
const es = createSentimentScorer('es');
const s = (text: string) => en(text).score;

describe('sentiment (English)', () => {
  it('scores the product owner examples', () => {
    const figures: Record<string, number> = {};
    const cases = {
      neutral: 'where is my order?',
      mild: "my parcel hasn't arrived yet, can you check?",
      negative: "this is ridiculous, I've been waiting for two weeks!!",
      strong: 'THIS IS THE WORST SERVICE EVER',
      positive: 'thank you so much, that helped!',
    };
    for (const [k, t] of Object.entries(cases)) figures[k] = s(t);
    console.log('sentiment figures', figures);
    expect(Math.abs(figures.neutral!)).toBeLessThan(0.05);
    expect(figures.mild).toBeLessThan(0);
    expect(figures.mild).toBeGreaterThan(-0.45);
    expect(figures.negative).toBeLessThan(-0.6);
    expect(figures.strong).toBeLessThan(-0.75);
    expect(figures.positive).toBeGreaterThan(0.5);
  });

  it('stays in -1..1 however much is piled on', () => {
    expect(s('WORST WORST WORST useless scam ridiculous 😡😡😡!!!!!!')).toBeGreaterThanOrEqual(-1);
    expect(s('amazing amazing wonderful brilliant 😍😍!!!!')).toBeLessThanOrEqual(1);
    expect(s('')).toBe(0);
  });

  it('scopes negation to the clause, unlike natural\'s analyser', () => {
    expect(s('not bad, great service')).toBeGreaterThan(0.4);
    expect(s('the service was not good')).toBeLessThan(-0.2);
    expect(s('not good')).toBeLessThan(0);
    expect(s('not bad')).toBeGreaterThan(0);
  });

  it('treats contractions as negators, and never reads "won\'t" as "won"', () => {
    expect(s("it won't work")).toBeLessThan(0);
    expect(s("I don't like it")).toBeLessThan(0);
    expect(s("the package hasn't arrived")).toBeLessThan(0);
    expect(s('it isnt good')).toBeLessThan(0);
    expect(s("this isn't helpful")).toBeLessThan(0);
  });

  it('applies intensifiers, diminishers, capitals and exclamation marks', () => {
    expect(s("I'm extremely annoyed")).toBeLessThan(s("I'm annoyed"));
    expect(s("I'm a bit annoyed")).toBeGreaterThan(s("I'm annoyed"));
    expect(s('I am slightly disappointed')).toBeGreaterThan(s('I am disappointed'));
    expect(s('this is TERRIBLE')).toBeLessThan(s('this is terrible'));
    expect(s('this is terrible!!')).toBeLessThan(s('this is terrible'));
    expect(s('this is terrible?!')).toBeLessThan(s('this is terrible'));
  });

  it('reads emoji and emoticons', () => {
    expect(s('ok 🙂')).toBeGreaterThan(0);
    expect(s('ok 👍')).toBeGreaterThan(0);
    expect(s('where is my parcel :(')).toBeLessThan(0);
    expect(s('😡')).toBeLessThan(-0.5);
    expect(s('great :)')).toBeGreaterThan(s('great'));
  });

  it('knows support-chat complaints a general lexicon misses', () => {
    for (const t of ['still waiting for an answer', 'this is the third time I write', 'useless', 'a waste of time',
      'I want to cancel my account', 'nobody answers the phone', "I'm fed up", 'unacceptable', 'this is a scam',
      'what a joke', 'worst shop']) expect(s(t), t).toBeLessThan(-0.3);
  });

  it('keeps requests neutral: help, please, like, want, pay, cancel an order', () => {
    for (const t of ['can you help me please', "I'd like to return a pair of jeans", 'can I pay with paypal?',
      'I want to cancel my order', 'how do I return an item?']) expect(Math.abs(s(t)), t).toBeLessThan(0.1);
  });

  it('does not let "thanks" soften a complaint, and reads "great, another delay" as sarcasm', () => {
    expect(s("thanks, but I'm still waiting for my refund")).toBeLessThan(-0.3);
    expect(s('thanks for nothing')).toBeLessThan(-0.3);
    expect(s('great, another delay')).toBeLessThan(-0.3);
    expect(s('great, thanks!')).toBeGreaterThan(0.5);
  });

  it('reads a sarcastic turn of phrase beside a complaint as a complaint, and takes it at its word alone', () => {
    const lexiconOnly = (text: string) => scoreSentiment(text, buildLexicon('en')).score;
    // The lexicon's own part: the praise flips only when a complaint stands beside the phrase.
    expect(lexiconOnly('wow, very generous, a refund of zero after I sent the broken kettle back')).toBeLessThan(-0.3);
    expect(lexiconOnly('lovely, charged twice, great system you have')).toBeLessThan(-0.3);
    expect(lexiconOnly('perfect, exactly what I needed :)')).toBeGreaterThan(0.3);
    expect(lexiconOnly('top notch service, thanks')).toBeGreaterThan(0.3);
    const steps: SentimentStep[] = [];
    scoreSentiment('oh wonderful, the third delay, just what I needed', buildLexicon('en'), steps);
    expect(steps.find((x) => x.text === 'just what I needed')?.note).toBe('sarcastic turn of phrase');
    expect(steps.find((x) => x.text === 'wonderful')?.score).toBeLessThan(0);
    // And the whole scorer, learned model included.
    expect(s('Oh wonderful, a chatbot. Just what I needed after three emails went unanswered 🙃')).toBeLessThan(-0.5);
    expect(s('great, it arrived, just what I needed!')).toBeGreaterThan(0.3);
  });

  it('does not read a visitor owning a mistake, a mail folder or a typed "ill" as a complaint', () => {
    expect(s('oh it was in spam. my bad, thank you')).toBeGreaterThan(0.3);
    expect(s('fine, ill wait for tomorrow then')).toBeGreaterThan(-0.3);
    expect(s('you useless idiots')).toBeLessThan(-0.6);
  });
});

describe('sentiment: complaints stated as facts, and the learned model', () => {
  it('reads complaints with no feeling word in them as negative', () => {
    for (const t of ['flight delayed 3 hours', 'still no bag', 'on hold for 2 hrs', 'missed my connection', 'they lost my luggage',
      'my flight got cancelled and nobody told me', 'no one at the gate', 'customer service line busy all day',
      'rebooked onto a flight two days later', 'refund still not received', 'third time I am calling about this',
      "the site won't load and I can't check in"]) expect(sentimentLabel(s(t)), t).toBe('negative');
  });

  it('keeps routine questions at about 0, so they never move escalation', () => {
    for (const t of ['where is my order?', 'where is my order', 'hi', 'what are your opening hours',
      'can I change my seat?', 'how much is an extra bag?', 'do you ship to Canada?', 'my order number is 12345']) {
      expect(Math.abs(s(t)), t).toBeLessThan(0.05);
    }
    // A bare "hello?" can be a visitor left waiting (the team's chat lines read "anyone there?" as
    // impatience): at most faintly negative, far from moving escalation.
    expect(s('hello?')).toBeGreaterThan(-0.15);
    expect(s('hello?')).toBeLessThan(0.05);
  });

  it('reads "gift card" and "rewards" as shop words, not praise, and knows "raging"', () => {
    expect(s('my gift card says 0 balance')).toBeLessThanOrEqual(0);
    expect(s('where are my rewards points')).toBeLessThanOrEqual(0);
    expect(s('absolutely raging')).toBeLessThan(-0.5);
    expect(es('mi tarjeta regalo no funciona').score).toBeLessThanOrEqual(0);
  });

  it('ignores @handles and links: "@united" is a name, not a feeling', () => {
    expect(s('@united where is my bag?')).toBe(s('where is my bag?'));
    expect(s('I love it http://t.co/abc')).toBe(s('I love it'));
    expect(s("@SkyJetAir it won't let me check in")).toBeLessThan(0);
  });

  it('meets floors on the tenth of the team-written sentences never trained on', () => {
    // The first sentences (hand-written and generated), and the live-chat lines added in session 6,
    // which are harder: facts that are complaints, demands, neutral questions full of problem words.
    for (const [files, cases, negative, macro] of [
      [['intents/sentiment/handwritten.jsonl', 'intents/sentiment/generated.jsonl'], 250, 0.9, 0.85],
      [DATA_FILES.filter((f) => f.includes('en-chat')), 250, 0.82, 0.84],
    ] as const) {
      expect(files.length).toBeGreaterThan(0);
      const held = loadLabelled('.', [...files]).filter((r) => isHeldOut(r.text));
      expect(held.length).toBeGreaterThanOrEqual(cases);
      const m = sentimentMetrics(held.map((r) => r.label), held.map((r) => sentimentLabel(s(r.text))));
      console.log('held-out team sentences', files.join(' '), { cases: held.length, negativeF1: m.negativeF1, macroF1: m.macroF1 });
      expect(m.negativeF1).toBeGreaterThanOrEqual(negative);
      expect(m.macroF1).toBeGreaterThanOrEqual(macro);
    }
  });

  it('ships exactly the weights that intents/sentiment/*.jsonl trains, and the generated data is the generator\'s', () => {
    const file = readFileSync('intents/sentiment/generated.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(file).toEqual(generate());
    const model = train(loadLabelled('.').filter((r) => !isHeldOut(r.text)));
    for (const k of [0, 1, 2]) expect(SENTIMENT_MODEL.bias[k]).toBeCloseTo(model.bias[k]!, 2);
    for (const [f, w] of SENTIMENT_MODEL.weights) for (const k of [0, 1, 2]) expect(w[k], f).toBeCloseTo(model.weights.get(f)![k]!, 2);
  });
});

describe('sentiment (Spanish)', () => {
  it('meets floors on the tenth of the team-written Spanish sentences never trained on, and ships exactly what they train', () => {
    const all = loadLabelled('.', ES_DATA_FILES);
    const held = all.filter((r) => isHeldOut(r.text));
    expect(held.length).toBeGreaterThanOrEqual(200);
    const m = sentimentMetrics(held.map((r) => r.label), held.map((r) => sentimentLabel(es(r.text).score)));
    console.log('held-out Spanish sentences', { cases: held.length, negativeF1: m.negativeF1, macroF1: m.macroF1 });
    expect(m.negativeF1).toBeGreaterThanOrEqual(0.82);
    expect(m.macroF1).toBeGreaterThanOrEqual(0.8);
    const model = train(all.filter((r) => !isHeldOut(r.text)), {}, 'es');
    for (const k of [0, 1, 2]) expect(SENTIMENT_MODEL_ES.bias[k]).toBeCloseTo(model.bias[k]!, 2);
    for (const [f, w] of SENTIMENT_MODEL_ES.weights) for (const k of [0, 1, 2]) expect(w[k], f).toBeCloseTo(model.weights.get(f)![k]!, 2);
  });

  it('scores a small set of Spanish messages', () => {
    expect(Math.abs(es('¿dónde está mi pedido?').score)).toBeLessThan(0.05);
    expect(es('sigo esperando, esto es inaceptable!!').score).toBeLessThan(-0.6);
    expect(es('muchas gracias, muy amable').score).toBeGreaterThan(0.5);
    expect(es('no ha llegado mi paquete').score).toBeLessThan(0);
    expect(es('no es malo').score).toBeGreaterThan(0);
    expect(es('es una estafa').score).toBeLessThan(-0.5);
    // "si" (if, and "sí" with its accent folded away), "solo", "claro", "responsable" are no feelings;
    // "estoy harto" is as strong as "fed up".
    expect(es('me cancelaron el pedido pero el cargo sí lo hicieron').score).toBeLessThanOrEqual(0);
    expect(es('solo quiero saber dónde está').score).toBe(0);
    expect(es('¿quién se hace responsable?').score).toBe(0);
    expect(es('estoy harto').score).toBeLessThan(-0.5);
  });
});
