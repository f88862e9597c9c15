import { describe, expect, it } from 'vitest';
import { createSentimentScorer } from '../../server/bot/sentiment';

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
});

describe('sentiment (Spanish)', () => {
  it('scores a small set of Spanish messages', () => {
    expect(Math.abs(es('¿dónde está mi pedido?').score)).toBeLessThan(0.05);
    expect(es('sigo esperando, esto es inaceptable!!').score).toBeLessThan(-0.6);
    expect(es('muchas gracias, muy amable').score).toBeGreaterThan(0.5);
    expect(es('no ha llegado mi paquete').score).toBeLessThan(0);
    expect(es('no es malo').score).toBeGreaterThan(0);
    expect(es('es una estafa').score).toBeLessThan(-0.5);
  });
});
