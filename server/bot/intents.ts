// Loading and validating intents files. Validation reports every problem, each with the
// file, a JSON path like `$.intents[3].examples[0]` and a reason a person can act on.
import { readFile } from 'node:fs/promises';
import type { IntentSettings, IntentsFile, IntentsProblem, Language } from './types';

export const LANGUAGES: readonly Language[] = ['en', 'es'];

/** Used for every setting an intents file leaves out. */
export const DEFAULT_SETTINGS: Readonly<IntentSettings> = Object.freeze({
  confidenceThreshold: 0.3,
  sentimentThreshold: 1.5,
  fallbacksBeforeHandoff: 4,
  sentimentDecay: 0.6,
  handoverThreshold: 0.6,
  offerThreshold: 0.15,
});

/** Allowed range of each setting (inclusive) and whether it must be an integer. */
export const SETTING_RANGES: Readonly<Record<keyof IntentSettings, { min: number; max: number; integer?: boolean }>> = {
  confidenceThreshold: { min: 0, max: 1 },
  sentimentThreshold: { min: 0.05, max: 5 },
  fallbacksBeforeHandoff: { min: 1, max: 20, integer: true },
  sentimentDecay: { min: 0, max: 0.99 },
  handoverThreshold: { min: 0.05, max: 1 },
  offerThreshold: { min: 0.05, max: 1 },
};

export function resolveSettings(settings: Partial<IntentSettings> | undefined): IntentSettings {
  return { ...DEFAULT_SETTINGS, ...settings };
}

export class IntentsError extends Error {
  constructor(readonly problems: IntentsProblem[]) {
    super(`Invalid intents file (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.map(formatProblem).join('\n'));
    this.name = 'IntentsError';
  }
}

export function formatProblem(p: IntentsProblem): string {
  return `${p.file}:${p.path}: ${p.reason}`;
}

/** Reads, parses and validates an intents file; throws IntentsError listing every problem. */
export async function loadIntentsFile(path: string): Promise<IntentsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new IntentsError([{ file: path, path: '$', reason: `cannot read the file (${(err as Error).message})` }]);
  }
  return parseIntents(text, path);
}

/** Parses and validates the text of an intents file; throws IntentsError listing every problem. */
export function parseIntents(text: string, file: string): IntentsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new IntentsError([{ file, path: '$', reason: describeJsonError(text, err as Error) }]);
  }
  const problems = validateIntents(json, file);
  if (problems.length > 0) throw new IntentsError(problems);
  return json as IntentsFile;
}

function describeJsonError(text: string, err: Error): string {
  const position = jsonErrorPosition(text, err.message);
  const before = text.slice(0, position).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  const message = err.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  return `not valid JSON at line ${line}, column ${column}: ${message}`;
}

/**
 * Offset of a JSON.parse error. V8 says either "at position N" or, for an unexpected token, quotes
 * about ten characters either side: `Unexpected token ',', ..."ntents": [,]\n}" is not valid JSON`
 * (`...` marks a cut).
 */
function jsonErrorPosition(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const quoted = /^Unexpected token '(.+?)', (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
  if (quoted) {
    const [, token, cut, context] = quoted as unknown as [string, string, string | undefined, string];
    const start = text.indexOf(context);
    if (start >= 0) return cut === '...' ? start + 10 : start + Math.max(0, context.indexOf(token));
  }
  return text.length;
}

type Report = (path: string, reason: string) => void;

const TOP_FIELDS = ['$schema', 'language', 'settings', 'fallback', 'outOfScope', 'intents'];
const INTENT_FIELDS = ['name', 'examples', 'responses', 'quickReplies', 'patterns', 'escalate'];
const FALLBACK_FIELDS = ['responses', 'quickReplies'];
const OUT_OF_SCOPE_FIELDS = ['builtIn', 'examples'];

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function typeName(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** Lower-cased, punctuation-free form used to spot the same example written twice. */
export function exampleKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function unknownFields(obj: Record<string, unknown>, allowed: readonly string[], path: string, report: Report): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) report(`${path}.${key}`, `unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

/** Checks an array of non-empty strings; returns the valid strings with their index. */
function stringList(value: unknown, path: string, what: string, report: Report, required: boolean): Array<[number, string]> {
  if (value === undefined) {
    if (required) report(path, `missing: needs a list of ${what}`);
    return [];
  }
  if (!Array.isArray(value)) {
    report(path, `must be an array of strings (${what}), got ${typeName(value)}`);
    return [];
  }
  if (value.length === 0) report(path, `is empty: add at least one of the ${what}`);
  const out: Array<[number, string]> = [];
  value.forEach((item, i) => {
    if (typeof item !== 'string') report(`${path}[${i}]`, `must be a string, got ${typeName(item)}`);
    else if (item.trim() === '') report(`${path}[${i}]`, 'must not be blank');
    else out.push([i, item]);
  });
  return out;
}

/** Every problem in a parsed intents file; an empty list means the file is valid. */
export function validateIntents(json: unknown, file: string): IntentsProblem[] {
  const problems: IntentsProblem[] = [];
  const report: Report = (path, reason) => problems.push({ file, path, reason });

  if (!isObject(json)) {
    report('$', `must be a JSON object with "language" and "intents", got ${typeName(json)}`);
    return problems;
  }
  unknownFields(json, TOP_FIELDS, '$', report);

  if (json.$schema !== undefined && typeof json.$schema !== 'string') {
    report('$.$schema', `must be a string, got ${typeName(json.$schema)}`);
  }

  if (json.language === undefined) report('$.language', `missing: one of ${LANGUAGES.join(', ')}`);
  else if (typeof json.language !== 'string') report('$.language', `must be a string, got ${typeName(json.language)}`);
  else if (!LANGUAGES.includes(json.language as Language)) {
    report('$.language', `unknown language "${json.language}" (supported: ${LANGUAGES.join(', ')})`);
  }

  validateSettings(json.settings, report);
  validateFallback(json.fallback, report);
  const examples = validateIntentList(json.intents, report);
  validateOutOfScope(json.outOfScope, examples, report);
  return problems;
}

function validateSettings(settings: unknown, report: Report): void {
  if (settings === undefined) return;
  if (!isObject(settings)) {
    report('$.settings', `must be an object, got ${typeName(settings)}`);
    return;
  }
  const keys = Object.keys(SETTING_RANGES) as Array<keyof IntentSettings>;
  unknownFields(settings, keys, '$.settings', report);
  for (const key of keys) {
    const value = settings[key];
    if (value === undefined) continue;
    const path = `$.settings.${key}`;
    const range = SETTING_RANGES[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      report(path, `must be a number, got ${typeName(value)}`);
    } else if (value < range.min || value > range.max) {
      report(path, `${value} is out of range ${range.min}..${range.max} (default ${DEFAULT_SETTINGS[key]})`);
    } else if (range.integer && !Number.isInteger(value)) {
      report(path, `must be a whole number, got ${value}`);
    }
  }
}

function validateFallback(fallback: unknown, report: Report): void {
  if (fallback === undefined) return;
  if (!isObject(fallback)) {
    report('$.fallback', `must be an object with "responses", got ${typeName(fallback)}`);
    return;
  }
  unknownFields(fallback, FALLBACK_FIELDS, '$.fallback', report);
  stringList(fallback.responses, '$.fallback.responses', 'responses', report, true);
  stringList(fallback.quickReplies, '$.fallback.quickReplies', 'quick replies', report, false);
}

type ExampleOwners = Map<string, { intent: string; path: string }>;

function validateOutOfScope(outOfScope: unknown, intentExamples: ExampleOwners, report: Report): void {
  if (outOfScope === undefined) return;
  if (!isObject(outOfScope)) {
    report('$.outOfScope', `must be an object with "builtIn" and/or "examples", got ${typeName(outOfScope)}`);
    return;
  }
  unknownFields(outOfScope, OUT_OF_SCOPE_FIELDS, '$.outOfScope', report);
  if (outOfScope.builtIn !== undefined && typeof outOfScope.builtIn !== 'boolean') {
    report('$.outOfScope.builtIn', `must be true or false, got ${typeName(outOfScope.builtIn)}`);
  }
  const seen = new Map<string, string>();
  for (const [j, example] of stringList(outOfScope.examples, '$.outOfScope.examples', 'out-of-scope examples', report, false)) {
    const path = `$.outOfScope.examples[${j}]`;
    const key = exampleKey(example);
    const owner = intentExamples.get(key);
    if (owner) report(path, `"${example}" is also an example of intent "${owner.intent}" (${owner.path}); a message cannot be both in and out of scope`);
    else if (seen.has(key)) report(path, `duplicate example "${example}" (same as ${seen.get(key)})`);
    else seen.set(key, path);
  }
}

function validateIntentList(intents: unknown, report: Report): ExampleOwners {
  const examples: ExampleOwners = new Map();
  if (intents === undefined) {
    report('$.intents', 'missing: needs a list of intents');
    return examples;
  }
  if (!Array.isArray(intents)) {
    report('$.intents', `must be an array of intents, got ${typeName(intents)}`);
    return examples;
  }
  if (intents.length === 0) report('$.intents', 'is empty: add at least one intent');

  const names = new Map<string, number>();
  intents.forEach((intent, i) => {
    const at = `$.intents[${i}]`;
    if (!isObject(intent)) {
      report(at, `must be an object with name, examples and responses, got ${typeName(intent)}`);
      return;
    }
    unknownFields(intent, INTENT_FIELDS, at, report);

    let name = `#${i}`;
    if (intent.name === undefined) report(`${at}.name`, 'missing: every intent needs a name');
    else if (typeof intent.name !== 'string') report(`${at}.name`, `must be a string, got ${typeName(intent.name)}`);
    else if (!/^[A-Za-z0-9_.-]+$/.test(intent.name)) {
      report(`${at}.name`, `"${intent.name}" is not a valid name (use letters, digits, _ . -)`);
    } else {
      name = intent.name;
      const first = names.get(name);
      if (first !== undefined) report(`${at}.name`, `duplicate intent name "${name}" (first at $.intents[${first}])`);
      else names.set(name, i);
    }

    for (const [j, example] of stringList(intent.examples, `${at}.examples`, 'examples', report, true)) {
      const path = `${at}.examples[${j}]`;
      const key = exampleKey(example);
      const seen = examples.get(key);
      if (seen === undefined) examples.set(key, { intent: name, path });
      else if (seen.intent !== name) {
        report(path, `example "${example}" also appears under intent "${seen.intent}" (${seen.path}); an example must belong to one intent`);
      } else report(path, `duplicate example "${example}" (same as ${seen.path})`);
    }
    stringList(intent.responses, `${at}.responses`, 'responses', report, true);
    stringList(intent.quickReplies, `${at}.quickReplies`, 'quick replies', report, false);
    for (const [j, source] of stringList(intent.patterns, `${at}.patterns`, 'patterns', report, false)) {
      try {
        const re = new RegExp(source, 'i');
        if (re.test('')) report(`${at}.patterns[${j}]`, `pattern /${source}/ matches an empty message, so it would match everything`);
      } catch (err) {
        report(`${at}.patterns[${j}]`, `bad regular expression: ${(err as Error).message}`);
      }
    }
    if (intent.escalate !== undefined && typeof intent.escalate !== 'boolean') {
      report(`${at}.escalate`, `must be true or false, got ${typeName(intent.escalate)}`);
    }
  });
  return examples;
}
