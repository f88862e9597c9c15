import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { DEFAULT_SETTINGS, IntentsError, loadIntentsFile, resolveSettings, validateIntents } from '../../server/bot/intents';
import type { IntentsFile } from '../../server/bot/types';

const F = 'bad.json';
const minimal = () => ({ language: 'en', intents: [{ name: 'x', examples: ['hello there'], responses: ['Hi!'] }] });
const reasonsAt = (json: unknown, path: string) => validateIntents(json, F).filter((p) => p.path === path).map((p) => p.reason);

async function writeTemp(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'heed-intents-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('validateIntents', () => {
  it('accepts the smallest valid file and fills in documented defaults', () => {
    expect(validateIntents(minimal(), F)).toEqual([]);
    expect(resolveSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings({ sentimentDecay: 0.3 })).toEqual({ ...DEFAULT_SETTINGS, sentimentDecay: 0.3 });
  });

  it('reports a non-object root', () => {
    expect(validateIntents([1, 2], F)).toEqual([{ file: F, path: '$', reason: expect.stringMatching(/JSON object/) }]);
  });

  it('reports missing and wrong-typed fields with their paths', () => {
    expect(reasonsAt({ intents: minimal().intents }, '$.language')[0]).toMatch(/missing/);
    expect(reasonsAt({ language: 'en' }, '$.intents')[0]).toMatch(/missing/);
    expect(reasonsAt({ language: 'en', intents: {} }, '$.intents')[0]).toMatch(/must be an array.*an object/);
    const json = { language: 'en', intents: [{ name: 3, examples: 'hi', responses: [''], escalate: 'yes' }] };
    expect(reasonsAt(json, '$.intents[0].name')[0]).toMatch(/must be a string, got a number/);
    expect(reasonsAt(json, '$.intents[0].examples')[0]).toMatch(/must be an array.*got a string/);
    expect(reasonsAt(json, '$.intents[0].responses[0]')[0]).toMatch(/blank/);
    expect(reasonsAt(json, '$.intents[0].escalate')[0]).toMatch(/true or false/);
    expect(reasonsAt({ language: 'en', intents: [{ examples: ['a b'] }] }, '$.intents[0].responses')[0]).toMatch(/missing/);
  });

  it('reports unknown fields, but allows $schema', () => {
    const json = { ...minimal(), $schema: './intents.schema.json', colour: 'red' } as Record<string, unknown>;
    (json.intents as Array<Record<string, unknown>>)[0]!.synonyms = [];
    const problems = validateIntents(json, F);
    expect(problems.map((p) => p.path).sort()).toEqual(['$.colour', '$.intents[0].synonyms']);
    expect(problems[0]!.reason).toMatch(/unknown field "colour"/);
  });

  it('reports duplicate intent names, empty lists and an example under two intents', () => {
    const json = {
      language: 'en',
      intents: [
        { name: 'a', examples: ['Where is my order?'], responses: ['x'] },
        { name: 'a', examples: [], responses: [] },
        { name: 'b', examples: ['where is my order'], responses: ['y'] },
      ],
    };
    expect(reasonsAt(json, '$.intents[1].name')[0]).toMatch(/duplicate intent name "a".*\$\.intents\[0\]/);
    expect(reasonsAt(json, '$.intents[1].examples')[0]).toMatch(/empty/);
    expect(reasonsAt(json, '$.intents[1].responses')[0]).toMatch(/empty/);
    expect(reasonsAt(json, '$.intents[2].examples[0]')[0]).toMatch(/also appears under intent "a".*\$\.intents\[0\]\.examples\[0\]/);
  });

  it('reports bad regular expressions and patterns that match everything', () => {
    const json = minimal() as { language: string; intents: Array<Record<string, unknown>> };
    json.intents[0]!.patterns = ['(unclosed', 'ok\\b', '.*'];
    expect(reasonsAt(json, '$.intents[0].patterns[0]')[0]).toMatch(/bad regular expression/);
    expect(reasonsAt(json, '$.intents[0].patterns[1]')).toEqual([]);
    expect(reasonsAt(json, '$.intents[0].patterns[2]')[0]).toMatch(/matches an empty message/);
  });

  it('reports settings out of range, wrong type, unknown settings and unknown language', () => {
    const json = {
      ...minimal(),
      language: 'fr',
      settings: { confidenceThreshold: 1.5, sentimentThreshold: 'high', fallbacksBeforeHandoff: 1.5, sentimentDecay: -0.1, speed: 3 },
    };
    expect(reasonsAt(json, '$.language')[0]).toMatch(/unknown language "fr".*en, es/);
    expect(reasonsAt(json, '$.settings.confidenceThreshold')[0]).toMatch(/out of range 0\.\.1/);
    expect(reasonsAt(json, '$.settings.sentimentThreshold')[0]).toMatch(/must be a number/);
    expect(reasonsAt(json, '$.settings.fallbacksBeforeHandoff')[0]).toMatch(/whole number/);
    expect(reasonsAt(json, '$.settings.sentimentDecay')[0]).toMatch(/out of range/);
    expect(reasonsAt(json, '$.settings.speed')[0]).toMatch(/unknown field/);
  });

  it('checks outOfScope: its fields, builtIn, blank and duplicate examples, and an example that is also an intent\'s', () => {
    expect(validateIntents({ ...minimal(), outOfScope: { builtIn: false, examples: ['who won the match'] } }, F)).toEqual([]);
    expect(reasonsAt({ ...minimal(), outOfScope: [] }, '$.outOfScope')[0]).toMatch(/must be an object.*an array/);
    expect(reasonsAt({ ...minimal(), outOfScope: { colour: 1 } }, '$.outOfScope.colour')[0]).toMatch(/unknown field "colour" \(allowed: builtIn, examples\)/);
    expect(reasonsAt({ ...minimal(), outOfScope: { builtIn: 'no' } }, '$.outOfScope.builtIn')[0]).toMatch(/true or false, got a string/);
    expect(reasonsAt({ ...minimal(), outOfScope: { examples: 'tell me a joke' } }, '$.outOfScope.examples')[0]).toMatch(/must be an array of strings/);
    const json = { ...minimal(), outOfScope: { examples: ['tell me a joke', ' ', 'Tell me a joke!', 'Hello there'] } };
    expect(reasonsAt(json, '$.outOfScope.examples[1]')[0]).toMatch(/blank/);
    expect(reasonsAt(json, '$.outOfScope.examples[2]')[0]).toMatch(/duplicate example "Tell me a joke!" \(same as \$\.outOfScope\.examples\[0\]\)/);
    expect(reasonsAt(json, '$.outOfScope.examples[3]')[0]).toMatch(/also an example of intent "x" \(\$\.intents\[0\]\.examples\[0\]\); a message cannot be both in and out of scope/);
  });

  it('reports every problem at once, each with the file name', () => {
    const json = {
      language: 'xx',
      extra: true,
      intents: [
        { name: 'a', examples: [], responses: ['r'], patterns: ['['] },
        { name: 'a', examples: ['hi'], responses: [] },
      ],
    };
    const problems = validateIntents(json, F);
    expect(problems.length).toBe(6);
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set([F]));
  });
});

describe('loadIntentsFile', () => {
  it('throws an IntentsError whose message lists file:path: reason lines', async () => {
    const path = await writeTemp('two.json', JSON.stringify({ language: 'de', intents: [{ name: 'x', examples: ['a'], responses: [] }] }));
    const err = await loadIntentsFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntentsError);
    const problems = (err as IntentsError).problems;
    expect(problems).toHaveLength(2);
    expect((err as IntentsError).message).toContain(`${path}:$.language: unknown language "de"`);
    expect((err as IntentsError).message).toContain(`${path}:$.intents[0].responses: is empty`);
  });

  it('reports invalid JSON with line and column', async () => {
    const path = await writeTemp('broken.json', '{\n  "language": "en",\n  "intents": [,]\n}');
    const err = (await loadIntentsFile(path).catch((e: unknown) => e)) as IntentsError;
    expect(err).toBeInstanceOf(IntentsError);
    expect(err.problems).toEqual([{ file: path, path: '$', reason: expect.stringMatching(/not valid JSON at line 3, column 15/) }]);
  });

  it('reports a missing file', async () => {
    const err = (await loadIntentsFile('/nonexistent/heed.json').catch((e: unknown) => e)) as IntentsError;
    expect(err.problems[0]!.reason).toMatch(/cannot read/);
  });

  it('loads the shipped default.json, which is valid and well stocked', async () => {
    const file = await loadIntentsFile('intents/default.json');
    expect(file.$schema).toBe('./intents.schema.json');
    const names = file.intents.map((i) => i.name);
    for (const n of ['greeting', 'goodbye', 'thanks', 'order_status', 'shipping_times', 'returns', 'refund', 'cancel_order',
      'opening_hours', 'payment_methods', 'password_reset', 'pricing', 'human']) expect(names).toContain(n);
    for (const i of file.intents) {
      expect(i.examples.length, i.name).toBeGreaterThanOrEqual(12);
      expect(i.responses.length, i.name).toBeGreaterThanOrEqual(i.name === 'human' ? 1 : 2);
    }
    expect(file.intents.find((i) => i.name === 'human')?.escalate).toBe(true);
  });
});

describe('intents.schema.json', () => {
  const schema = JSON.parse(readFileSync('intents/intents.schema.json', 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const check = ajv.compile(schema);

  it('accepts default.json, default.es.json and the minimal file', () => {
    expect(check(JSON.parse(readFileSync('intents/default.json', 'utf8'))), JSON.stringify(check.errors)).toBe(true);
    expect(check(JSON.parse(readFileSync('intents/default.es.json', 'utf8'))), JSON.stringify(check.errors)).toBe(true);
    expect(check(minimal())).toBe(true);
  });

  it('rejects what the validator rejects: unknown fields, languages, settings out of range', () => {
    expect(check({ ...minimal(), colour: 1 })).toBe(false);
    expect(check({ ...minimal(), language: 'fr' })).toBe(false);
    expect(check({ ...minimal(), settings: { confidenceThreshold: 2 } })).toBe(false);
    expect(check({ language: 'en', intents: [{ name: 'x', examples: [], responses: ['r'] }] })).toBe(false);
    expect(check({ ...minimal(), outOfScope: { builtIn: false, examples: ['who won the match'] } })).toBe(true);
    expect(check({ ...minimal(), outOfScope: { builtIn: 'no' } })).toBe(false);
    expect(check({ ...minimal(), outOfScope: { colour: 1 } })).toBe(false);
  });
});

describe('reloading an engine', () => {
  it('keeps the classifier when only responses or settings it does not read change, and trains again otherwise', async () => {
    const { createBotAsync, sharesClassifier } = await import('../../server/bot/engine');
    const base: IntentsFile = { language: 'en', intents: [{ name: 'hours', examples: ['when are you open', 'opening hours'], responses: ['9 to 5'] }] };
    const first = await createBotAsync(base, 'a.json');
    const reworded = await createBotAsync({ ...base, intents: [{ ...base.intents[0]!, responses: ['8 to 6'], quickReplies: ['Talk to a person'] }], settings: { handoverThreshold: 0.5, fallbacksBeforeHandoff: 4 } }, 'a.json', first);
    expect(sharesClassifier(first, reworded)).toBe(true);
    expect(reworded.respond('hours').text).toBe('8 to 6');
    expect(reworded.settings.handoverThreshold).toBe(0.5);
    for (const changed of [
      { ...base, intents: [{ ...base.intents[0]!, examples: ['when are you open', 'opening times'] }] },
      { ...base, intents: [{ ...base.intents[0]!, patterns: ['\\bhours\\b'] }] },
      { ...base, settings: { confidenceThreshold: 0.5 } },
      { ...base, outOfScope: { builtIn: false } },
    ] as IntentsFile[]) {
      expect(sharesClassifier(first, await createBotAsync(changed, 'a.json', first)), JSON.stringify(changed)).toBe(false);
    }
  });
});
