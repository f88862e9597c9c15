// The shipped off-topic examples (server/bot/off-topic/<language>.txt): messages no business's
// support chat answers, learned by the classifier as one "none of my intents" class.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from './types';

export const OFF_TOPIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'off-topic');

const cache = new Map<Language, readonly string[]>();

/** Parses an off-topic list: one message per line; blank lines and lines starting with # are skipped. */
export function parseOffTopic(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** The built-in off-topic examples for a language (en.txt, es.txt); empty when none ship for it. */
export function offTopicExamples(language: Language): readonly string[] {
  let list = cache.get(language);
  if (!list) {
    const path = join(OFF_TOPIC_DIR, `${language}.txt`);
    list = Object.freeze(existsSync(path) ? parseOffTopic(readFileSync(path, 'utf8')) : []);
    cache.set(language, list);
  }
  return list;
}
