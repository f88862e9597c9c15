import { beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsFile, resolveSettings, exampleKey } from '../../server/bot/intents';
import { balancedOutOfScopeWeight, trainClassifier, trainClassifierAsync, type IntentClassifier } from '../../server/bot/classifier';
import { classifierOptions, createBot } from '../../server/bot/engine';
import { offTopicExamples, parseOffTopic } from '../../server/bot/off-topic';
import { WordSet, englishWords, spanishListSpelling, spanishWords } from '../../server/bot/dictionary';
import { englishVectors } from '../../server/bot/vectors';
import { evaluate, loadCases, type LabelledCase } from '../../server/bot/evaluate';
import type { IntentsFile } from '../../server/bot/types';

// Measured with `npm run intents -- test --intents intents/default.json --cases intents/default.cases.jsonl`:
// in-scope 0.935, out-of-scope recall 1.000 with the off-topic examples and typo fixing (session 2's
// classifier without them: 0.947 / 0.952; the lexical half alone: 0.959 / 0.952).
// The floors leave a margin so a small change to the examples does not flap the test.
const IN_SCOPE_FLOOR = 0.87;
const OUT_OF_SCOPE_FLOOR = 0.85;

let file: IntentsFile;
let classifier: IntentClassifier;
let cases: LabelledCase[];

beforeAll(async () => {
  file = await loadIntentsFile('intents/default.json');
  // As the product builds it (createBot): English files get the sentence vectors and the off-topic examples.
  classifier = trainClassifier(file.intents, classifierOptions(file));
  cases = await loadCases('intents/default.cases.jsonl');
});

describe('intent classifier on intents/default.cases.jsonl', () => {
  it('is a real test set: 200+ cases, ~40 out of scope, none copied from the examples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.intent === null).length).toBeGreaterThanOrEqual(40);
    const examples = new Set(file.intents.flatMap((i) => i.examples.map(exampleKey)));
    expect(cases.filter((c) => examples.has(exampleKey(c.text))).map((c) => c.text)).toEqual([]);
    const names = new Set(file.intents.map((i) => i.name));
    for (const c of cases) if (c.intent !== null) expect(names.has(c.intent), c.intent).toBe(true);
  });

  it(`reaches ≥ ${IN_SCOPE_FLOOR} in-scope accuracy and ≥ ${OUT_OF_SCOPE_FLOOR} out-of-scope recall`, () => {
    const e = evaluate(classifier, cases);
    console.log(`in-scope accuracy ${e.inScopeAccuracy.toFixed(3)} (${e.inScope}), out-of-scope recall ${e.outOfScopeRecall.toFixed(3)} (${e.outOfScope})`);
    expect(e.inScopeAccuracy).toBeGreaterThanOrEqual(IN_SCOPE_FLOOR);
    expect(e.outOfScopeRecall).toBeGreaterThanOrEqual(OUT_OF_SCOPE_FLOOR);
  });

  it('gives a confidence in 0..1, low for nonsense and off-topic text, high for a plain question', () => {
    for (const text of ['asdfgh', "what's the capital of France", 'tell me a joke']) {
      const r = classifier.classify(text);
      expect(r.intent, text).toBeNull();
      expect(r.confidence).toBeLessThan(0.25);
    }
    const r = classifier.classify('where is my order');
    expect(r.intent).toBe('order_status');
    expect(r.confidence).toBeGreaterThan(0.6);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.ranking[0]!.intent).toBe('order_status');
    for (let i = 1; i < r.ranking.length; i++) expect(r.ranking[i]!.score).toBeLessThanOrEqual(r.ranking[i - 1]!.score);
  });

  it('handles typos, elongations and contractions without apostrophes', () => {
    expect(classifier.classify('wheres my pakage').intent).toBe('order_status');
    expect(classifier.classify('heyyyy').intent).toBe('greeting');
    expect(classifier.classify('i cant remember my pasword').intent).toBe('password_reset');
  });

  it('lets patterns win over the classifier', () => {
    const withPattern = trainClassifier(
      [
        { name: 'a', examples: ['where is my order'], responses: ['x'] },
        { name: 'b', examples: ['something else entirely'], responses: ['y'], patterns: ['\\border\\b'] },
      ],
      { language: 'en', threshold: 0.25 },
    );
    const r = withPattern.classify('Where is my ORDER?');
    expect(r).toMatchObject({ intent: 'b', confidence: 1, pattern: '\\border\\b' });
    expect(withPattern.classify('where is my parcel').intent).toBe('a');
  });

  it("hands a one-word request for a person to `human` by the shipped file's pattern", () => {
    // The pattern once held typographic quotes where `*` belonged, so it never matched.
    const human = file.intents.find((i) => i.name === 'human')!;
    for (const text of ['human', 'agent please', 'Operator!', '  representative. ']) {
      const r = classifier.classify(text);
      expect(r.intent, text).toBe('human');
      expect(human.patterns, text).toContain(r.pattern);
    }
    expect(classifier.classify('the human resources department').pattern).toBeUndefined();
  });

  it("hands a request for a manager, a staff member or whoever is in charge to `human`, but not praise for one", () => {
    const human = file.intents.find((i) => i.name === 'human')!;
    for (const text of ['can I be transferred to a staff member', 'speak to your manager please', 'who is in charge there',
      'I want your supervisor', 'I need someone who can actually look at my order',
      'the label only had one item on it?? can you put me through to customer service', 'connect me to support please',
      'could somebody from your customer service team pick this up?', 'is there a pharmacist I can talk to', 'who can I talk to about a bulk order',
      'is there a human I could chat with? it is a bit complicated', 'who can I write to about this?', 'I want someone to answer for this']) {
      const r = classifier.classify(text);
      expect(r.intent, text).toBe('human');
      expect(human.patterns, text).toContain(r.pattern);
    }
    expect(classifier.classify('the manager at your Leeds store was lovely').pattern).toBeUndefined();
  });

  it('hands a request for a callback, for anybody human or for an employee to `human`', () => {
    const human = file.intents.find((i) => i.name === 'human')!;
    for (const text of ['can a real person call me back? my number is in my account', 'could somebody ring me back please',
      'is there anybody human there? I have a question about a parcel', 'I would like to speak with employee about my return',
      'I need a callback']) {
      const r = classifier.classify(text);
      expect(r.intent, text).toBe('human');
      expect(human.patterns, text).toContain(r.pattern);
    }
    expect(classifier.classify('my employee discount code does not work').intent).not.toBe('human');
  });

  it('hands asking for someone to do the thing ("can you get someone to open a claim?") to `human`, and not a question about who may collect or sign', () => {
    const human = file.intents.find((i) => i.name === 'human')!;
    for (const text of ['already checked with the neighbours. can you get someone to open a claim?',
      'yes please, can someone from the team do that?', 'Is there anyone who could look at my points balance please?',
      "I'm not uploading photos to some form, someone needs to call me"]) {
      const r = classifier.classify(text);
      expect(r.intent, text).toBe('human');
      expect(human.patterns, text).toContain(r.pattern);
    }
    for (const text of ['is there anyone who can sign for it if I am out?', 'can someone else collect my parcel for me?']) {
      expect(classifier.classify(text).intent, text).not.toBe('human');
    }
  });

  it('answers a greeting that hopes for help as a greeting, and hands a plain request for a person to a human', () => {
    // Once "hi, hope someone can help me today" went to `human` (0.46) and a greeting escalated.
    expect(classifier.classify('hi, hope someone can help me today').intent).toBe('greeting');
    expect(classifier.classify('hope someone can help').intent).toBe('greeting');
    expect(classifier.classify('help').intent).not.toBe('human');
    expect(classifier.classify('can I talk to a real person please').intent).toBe('human');
    expect(classifier.classify('can someone from your team help me').intent).toBe('human');
  });

  it('with out-of-scope examples, takes confidence from what resembles them and still answers the intents', () => {
    const intents = [
      { name: 'order_status', examples: ['where is my order', 'track my parcel', 'has my package shipped'], responses: ['x'] },
      { name: 'refund', examples: ['I want my money back', 'refund my order', 'how do I get a refund'], responses: ['y'] },
    ];
    const options = { language: 'en' as const, threshold: 0.3 };
    const without = trainClassifier(intents, options);
    const c = trainClassifier(intents, {
      ...options,
      outOfScope: ['what is the weather in paris', 'weather forecast for tomorrow', 'tell me a joke', 'who won the football game'],
    });
    expect(c.intents).toEqual(['order_status', 'refund']);
    const weather = c.classify('what is the weather like tomorrow', { explain: true });
    expect(weather.intent).toBeNull();
    expect(weather.outOfScope).toBeGreaterThan(0.5);
    expect(without.classify('what is the weather like tomorrow').confidence).toBeGreaterThan(weather.confidence);
    expect(c.classify('where is my parcel').intent).toBe('order_status');
    expect(c.classify('I want a refund').intent).toBe('refund');
    // The rejecting class never shows up in the ranking.
    for (const r of c.classify('tell me a joke about the weather').ranking) expect(['order_status', 'refund']).toContain(r.intent);
  });

  it('fixes typos against the examples when it has a dictionary, and leaves real words alone', () => {
    const intents = [
      { name: 'order_status', examples: ['where is my package', 'track my order', 'has my parcel shipped'], responses: ['x'] },
      { name: 'returns', examples: ['how do I return this', 'send an item back', 'return policy'], responses: ['y'] },
    ];
    const dictionary = WordSet.of(['where', 'package', 'order', 'return', 'parcel', 'older']);
    const plain = trainClassifier(intents, { language: 'en', threshold: 0.3 });
    const fixing = trainClassifier(intents, { language: 'en', threshold: 0.3, dictionary });
    expect(fixing.classify('wheres my pakage').intent).toBe('order_status');
    expect(fixing.classify('how do i retrun this').intent).toBe('returns');
    // Without the fix, the misspelt word is unknown and pulls the confidence down.
    expect(fixing.classify('my pakage').confidence).toBeGreaterThan(plain.classify('my pakage').confidence);
    expect(fixing.classify('my pakage', { explain: true }).coverage).toBe(1);
    // "older" is one edit from the example word "order", but it is a word, so it stays as typed
    // (unknown to the examples); with a dictionary that lacks it, it would be "fixed".
    expect(fixing.classify('my older parcel', { explain: true }).coverage).toBeLessThan(1);
    const noOlder = trainClassifier(intents, { language: 'en', threshold: 0.3, dictionary: WordSet.of(['parcel']) });
    expect(noOlder.classify('my older parcel', { explain: true }).coverage).toBe(1);
    // Nothing one edit away: left as typed.
    expect(fixing.classify('my zzzzzz', { explain: true }).coverage).toBeLessThan(1);
  });

  it('keeps working with 150+ intents (clones told apart by one word each)', () => {
    // Speed is measured by scripts/bench/clinc150.ts (p99 per message), not asserted here.
    const big = file.intents.flatMap((intent) => Array.from({ length: 11 }, (_, k) => ({
      ...intent, name: `${intent.name}_${k}`, patterns: undefined,
      examples: intent.examples.map((e) => `${e} v${k}`),
    })));
    const c = trainClassifier(big, { language: 'en', threshold: 0 });
    expect(c.intents.length).toBeGreaterThanOrEqual(150);
    expect(c.classify('where is my order v7').ranking[0]!.intent).toBe('order_status_7');
    expect(c.classify('I forgot my password v3').ranking[0]!.intent).toBe('password_reset_3');
  });
});

describe('off-topic examples (outOfScope)', () => {
  it('ships an English list that is parsed without comments or blanks and shares no sentence with default.json or its cases', () => {
    expect(parseOffTopic('# a comment\n\n  who painted the mona lisa  \nwhy is the sea salty\n')).toEqual(['who painted the mona lisa', 'why is the sea salty']);
    const list = offTopicExamples('en');
    expect(list.length).toBeGreaterThanOrEqual(400);
    expect(new Set(list.map(exampleKey)).size).toBe(list.length);
    const taken = new Set([...file.intents.flatMap((i) => i.examples), ...cases.map((c) => c.text)].map(exampleKey));
    expect(list.filter((t) => taken.has(exampleKey(t)))).toEqual([]);
    const es = offTopicExamples('es');
    expect(es.length).toBeGreaterThanOrEqual(400);
    expect(new Set(es.map(exampleKey)).size).toBe(es.length);
  });

  it('reads the English dictionary from word-list', () => {
    const words = englishWords();
    expect(words.size).toBeGreaterThan(200_000);
    for (const w of ['package', 'refund', 'older', 'tiger']) expect(words.has(w), w).toBe(true);
    for (const w of ['pakage', 'refnd', 'retrun', 'ordr']) expect(words.has(w), w).toBe(false);
  });

  it('reads the Spanish dictionary, with or without accent marks typed', () => {
    const words = spanishWords();
    expect(words.size).toBeGreaterThan(500_000);
    for (const w of ['pedido', 'envío', 'envio', 'devolución', 'contraseña', 'pingüino', 'dónde']) expect(words.has(w), w).toBe(true);
    for (const w of ['paqete', 'reembolzo', 'contrasena', 'pedidoo']) expect(words.has(w), w).toBe(false);
    expect(spanishListSpelling('Envío de pingüinos')).toBe('Envio de pinguinos');
    expect(spanishListSpelling('contraseña')).toBe('contraseña');
  });

  it('weighs the out-of-scope class like one average intent, each example at most 1', () => {
    expect(balancedOutOfScopeWeight(15_000, 150, 500)).toBeCloseTo(0.2);
    expect(balancedOutOfScopeWeight(300, 30, 500)).toBeCloseTo(0.02);
    expect(balancedOutOfScopeWeight(1_000, 2, 100)).toBe(1);
    expect(balancedOutOfScopeWeight(300, 30, 0)).toBe(1);
  });

  it('built in for English: off-topic requests the intents would have answered are out of scope, and builtIn: false turns it off', () => {
    const on = createBot(file, 'default.json');
    const off = createBot({ ...file, outOfScope: { builtIn: false } }, 'default.json');
    // (Since the shop's 27th intent, "what time is it in tokyo" stays just under the threshold even
    // without the list; New York still reads as opening hours.)
    for (const text of ['help me with my math homework', 'what time is it in new york']) {
      const r = on.classify(text, { explain: true });
      expect(r.intent, text).toBeNull();
      expect(r.outOfScope, text).toBeGreaterThan(0.5);
      expect(off.classify(text).intent, `${text} without the list`).not.toBeNull();
      expect(off.classify(text, { explain: true }).outOfScope).toBeUndefined();
    }
    for (const [text, intent] of [['where is my order', 'order_status'], ['I forgot my password', 'password_reset'], ['hi there', 'greeting']] as const) {
      expect(on.classify(text).intent, text).toBe(intent);
    }
  });

  it("learns the site's own out-of-scope examples, in any language", () => {
    const examples = ['do you sell wholesale', 'wholesale prices for my shop', 'can I buy in bulk for resale'];
    const without = createBot({ ...file, outOfScope: { builtIn: false } }, 'default.json');
    const withOwn = createBot({ ...file, outOfScope: { builtIn: false, examples } }, 'default.json');
    expect(without.classify('do you do wholesale prices').intent).not.toBeNull();
    expect(withOwn.classify('do you do wholesale prices').intent).toBeNull();
    expect(withOwn.classify('how much is shipping').intent).toBe(without.classify('how much is shipping').intent);

    const es: IntentsFile = {
      language: 'es',
      outOfScope: { examples: ['quién ganó el partido de fútbol', 'cuéntame un chiste', 'qué tiempo hace en madrid'] },
      intents: [
        { name: 'pedido', examples: ['dónde está mi pedido', 'mi paquete no ha llegado', 'seguimiento de mi envío'], responses: ['x'] },
        { name: 'reembolso', examples: ['quiero mi dinero', 'devolución del dinero', 'cómo pido un reembolso'], responses: ['y'] },
      ],
    };
    const bot = createBot(es, 'es.json');
    expect(bot.classify('quién ganó el partido de ayer').intent).toBeNull();
    expect(bot.classify('dónde está mi paquete').intent).toBe('pedido');
  });
});

describe('training without holding up the server', () => {
  it('trainClassifierAsync lets other work run while it trains, and gives the same classifier', async () => {
    const intents = file.intents.flatMap((intent) => Array.from({ length: 3 }, (_, k) => ({
      ...intent, name: `${intent.name}_${k}`, patterns: undefined, examples: intent.examples.map((e) => `${e} v${k}`),
    })));
    // As the engine trains English files: with the off-topic list (more than a quarter of these
    // 1,182 examples, so each pass samples it) and typo fixing.
    const options = { language: 'en' as const, threshold: 0.2, vectors: englishVectors(), outOfScope: offTopicExamples('en'), dictionary: englishWords() };
    // Other work: a chain of immediates, as a socket's callbacks would queue.
    let ran = 0;
    let running = true;
    const spin = () => { if (running) { ran++; setImmediate(spin); } };
    setImmediate(spin);
    const sync = trainClassifier(intents, options);
    const duringSync = ran;
    const async = await trainClassifierAsync(intents, options);
    running = false;
    expect(duringSync).toBe(0);
    expect(ran).toBeGreaterThan(10);
    for (const text of ['where is my order v1', 'I forgot my password v2', 'hello there', 'asdfgh', 'how much is my salary', 'wheres my pakage', 'who painted the sistine chapel']) {
      expect(async.classify(text, { explain: true }), text).toEqual(sync.classify(text, { explain: true }));
    }
  });
});

describe('Spanish shop file (intents/default.es.json)', () => {
  let esFile: IntentsFile;
  let esCases: LabelledCase[];
  beforeAll(async () => {
    esFile = await loadIntentsFile('intents/default.es.json');
    esCases = await loadCases('intents/default.es.cases.jsonl');
  });

  it('is measured on its own cases, written apart from the examples: in-scope ≥ 0.88, out-of-scope recall ≥ 0.8', () => {
    // Measured: 0.935 / 0.878 (without the Spanish off-topic list: 0.984 / 0.732). The floors
    // leave a margin so a small change to the examples does not flap the test.
    expect(esCases.length).toBeGreaterThanOrEqual(150);
    expect(esCases.filter((c) => c.intent === null).length).toBeGreaterThanOrEqual(30);
    const examples = new Set(esFile.intents.flatMap((i) => i.examples.map(exampleKey)));
    expect(esCases.filter((c) => examples.has(exampleKey(c.text))).map((c) => c.text)).toEqual([]);
    const taken = new Set(esCases.map((c) => exampleKey(c.text)));
    expect(offTopicExamples('es').filter((t) => taken.has(exampleKey(t)))).toEqual([]);
    const e = evaluate(createBot(esFile, 'default.es.json'), esCases);
    console.log(`Spanish: in-scope accuracy ${e.inScopeAccuracy.toFixed(3)} (${e.inScope}), out-of-scope recall ${e.outOfScopeRecall.toFixed(3)} (${e.outOfScope})`);
    expect(e.inScopeAccuracy).toBeGreaterThanOrEqual(0.88);
    expect(e.outOfScopeRecall).toBeGreaterThanOrEqual(0.8);
  });

  it('fixes Spanish typos with the Spanish dictionary, accents typed or not', () => {
    const options = classifierOptions(esFile);
    expect(options.dictionary).toBe(spanishWords());
    const fixing = trainClassifier(esFile.intents, options);
    const plain = trainClassifier(esFile.intents, { ...options, dictionary: undefined });
    expect(fixing.classify('como debuelvo un articulo').intent).toBe('returns');
    expect(plain.classify('como debuelvo un articulo').intent).toBeNull();
    expect(fixing.classify('cuando llega mi paqete').confidence).toBeGreaterThan(plain.classify('cuando llega mi paqete').confidence);
  });

  it('declines Spanish off-topic questions with the built-in Spanish list, and builtIn: false turns it off', () => {
    const on = createBot(esFile, 'default.es.json');
    const off = createBot({ ...esFile, outOfScope: { builtIn: false } }, 'default.es.json');
    for (const text of ['¿qué tiempo hará mañana en Madrid?', '¿cuántos habitantes tiene Japón?']) {
      expect(off.classify(text).intent, text).not.toBeNull();
      expect(on.classify(text).intent, text).toBeNull();
    }
    expect(on.classify('¿dónde está mi pedido?').intent).toBe('order_status');
  });
});

describe('Spanish', () => {
  it('uses the Spanish stemmer so inflected words match', () => {
    const c = trainClassifier(
      [
        { name: 'devoluciones', examples: ['quiero devolver un producto', 'cómo hago una devolución'], responses: ['x'] },
        { name: 'envios', examples: ['cuánto tarda el envío', 'plazos de entrega'], responses: ['y'] },
      ],
      { language: 'es', threshold: 0.2 },
    );
    expect(c.classify('¿cómo devuelvo los productos?').intent).toBe('devoluciones');
    expect(c.classify('cuanto tardan los envios').intent).toBe('envios');
  });

  it('hands asking for someone to look at it ("¿hay alguien que pueda ver el caso?") to `human` in the Spanish shop file', async () => {
    const es = await loadIntentsFile('intents/default.es.json');
    const human = es.intents.find((i) => i.name === 'human')!;
    const bot = createBot(es, 'default.es.json');
    for (const text of ['¿hay alguien que pueda ver el caso? gracias', 'esto es una vergüenza, quiero que alguien me llame hoy mismo',
      '¿Podría alguien contactar con ellos?', 'Perdona, ¿hay alguien que lo pueda comprobar con el fabricante?',
      'Buenos días, ¿me podéis pasar con una persona? Es para un pedido grande', 'disculpa, ¿lo podría revisar alguien del equipo?',
      'hola, me pasas con una persona por favor?', 'che, hay alguien humano ahí?', '¿Habría alguien que me lo pudiera confirmar?',
      '¿Hay algún farmacéutico con el que pueda hablar?']) {
      const r = bot.classify(text);
      expect(r.intent, text).toBe('human');
      expect(human.patterns, text).toContain(r.pattern);
    }
    for (const text of ['¿hay alguien que pueda recibir el paquete?', '¿puede alguien recoger el paquete por mí?', 'me pasa con frecuencia que no llega el código']) {
      expect(bot.classify(text).intent, text).not.toBe('human');
    }
  });
});
