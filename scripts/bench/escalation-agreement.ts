// How far is the escalation target (precision and recall ≥ 0.9 against the writers' labels) from
// what a person scores on the same conversations? Reads the second opinions in
// intents/escalation.second-opinions.json and prints, per set and pooled:
// - a second person labelling whole conversations, scored against the writer exactly as the bot
//   is (their `by` taken as the message they would hand over at), and the bot beside them;
// - a person deciding message by message without seeing what comes next ("online": the position
//   the bot is in), beside the bot on the same conversations;
// - the bot scored against the second person's labels instead of the writer's.
// Since session 8 the bot's handover model is trained on these conversations (with the writers'
// labels), so the bot's columns here are in-sample; session 7's figures (BENCHMARKS.md) are the
// ones measured before.
//   npx tsx scripts/bench/escalation-agreement.ts
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadBot } from '../../server/bot/engine';
import type { BotEngine } from '../../server/bot/types';
import { loadEscalationFile, replay, type EscalationCase } from '../intents-cli/escalation';
import { f3 } from './stats';

export interface Verdict { escalate: boolean; by?: number }
export interface OfflineLabel extends Verdict { name: string; clear: boolean }
export interface OnlineLabel { name: string; now: boolean[]; clear: boolean[] }
export interface SecondOpinions {
  offline: Array<{ cases: string; set: string; labeller: string; labels: OfflineLabel[] }>;
  online: Array<{ cases: string; set: string; labels: OnlineLabel[] }>;
}

export interface Score { precision: number; recall: number; recallAnyTime: number; handed: number; due: number }

/**
 * Scores hand-over turns (null = never) against verdicts the way `npm run intents -- escalation`
 * scores the bot: precision over the conversations handed over, recall over those that should be,
 * in time when the hand-over comes at or before `by`.
 */
export function score(at: ReadonlyArray<number | null>, truth: readonly Verdict[]): Score {
  let handed = 0, right = 0, due = 0, inTime = 0, anyTime = 0;
  truth.forEach((t, i) => {
    const a = at[i] ?? null;
    if (a !== null) { handed++; if (t.escalate) right++; }
    if (t.escalate) { due++; if (a !== null) { anyTime++; if (a <= t.by!) inTime++; } }
  });
  return { precision: handed ? right / handed : 1, recall: due ? inTime / due : 1, recallAnyTime: due ? anyTime / due : 1, handed, due };
}

/** Cohen's kappa of two yes/no label lists. */
export function kappa(a: readonly boolean[], b: readonly boolean[]): number {
  const n = a.length;
  const agree = a.filter((x, i) => x === b[i]).length / n;
  const pa = a.filter(Boolean).length / n, pb = b.filter(Boolean).length / n;
  const chance = pa * pb + (1 - pa) * (1 - pb);
  return chance === 1 ? 1 : (agree - chance) / (1 - chance);
}

/** The online person hands over at the first message after which they said "now". */
export function onlineTurn(label: OnlineLabel): number | null {
  const k = label.now.indexOf(true);
  return k < 0 ? null : k + 1;
}

export function validateSecondOpinions(file: string, opinions: SecondOpinions, cases: Map<string, EscalationCase[]>): string[] {
  const problems: string[] = [];
  const check = (group: { cases: string; set: string }, i: number, what: string, name: string, turns: (c: EscalationCase) => string | null) => {
    const c = cases.get(group.cases)?.find((x) => x.name === name);
    if (!c) problems.push(`${file}:$.${what}[${i}] (${group.set}): no conversation named "${name}" in ${group.cases}`);
    else { const p = turns(c); if (p) problems.push(`${file}:$.${what}[${i}] (${group.set}) "${name}": ${p}`); }
  };
  opinions.offline.forEach((g, i) => g.labels.forEach((l) => check(g, i, 'offline', l.name, (c) =>
    l.escalate && !(Number.isInteger(l.by) && l.by! >= 1 && l.by! <= c.turns.length) ? `by must be 1..${c.turns.length}` : null)));
  opinions.online.forEach((g, i) => g.labels.forEach((l) => check(g, i, 'online', l.name, (c) =>
    l.now.length !== c.turns.length || l.clear.length !== c.turns.length ? `needs one answer per message (${c.turns.length})` : null)));
  return problems;
}

const pr = (s: Score) => `${f3(s.precision)} / ${f3(s.recall)}`;

async function main(): Promise<void> {
  const root = new URL('../..', import.meta.url).pathname;
  const path = resolve(root, 'intents/escalation.second-opinions.json');
  const opinions = JSON.parse(readFileSync(path, 'utf8')) as SecondOpinions;
  const files = new Set([...opinions.offline, ...opinions.online].map((g) => g.cases));
  const cases = new Map<string, EscalationCase[]>();
  const bots = new Map<string, BotEngine>();
  for (const f of files) {
    const file = await loadEscalationFile(resolve(dirname(path), f));
    cases.set(f, file.conversations);
    bots.set(f, await loadBot(file.intents));
  }
  const problems = validateSecondOpinions(path, opinions, cases);
  if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
  const botAt = new Map<string, number | null>();
  const at = (f: string, c: EscalationCase) => {
    const key = `${f}\u0000${c.name}`;
    if (!botAt.has(key)) botAt.set(key, replay(bots.get(f)!, c.turns).at);
    return botAt.get(key)!;
  };
  const find = (f: string, name: string) => cases.get(f)!.find((c) => c.name === name)!;

  console.log('Offline: a second person labels whole conversations (precision / recall in time, against the writer)');
  console.log('(the bot\'s columns are in-sample: its handover model is trained on these conversations)');
  console.log(`${'set'.padEnd(16)} ${'labeller'.padEnd(8)} ${'person vs writer'.padEnd(17)} ${'untimed R'.padEnd(9)} ${'kappa'.padEnd(5)}  ${'bot vs writer'.padEnd(13)}  ${'bot vs person'.padEnd(13)}  borderline`);
  const pooled = new Map<string, { person: Array<number | null>; bot: Array<number | null>; writer: Verdict[]; second: Verdict[] }>();
  for (const g of opinions.offline) {
    const convs = g.labels.map((l) => find(g.cases, l.name));
    const writer = convs.map((c) => ({ escalate: c.escalate, by: c.by }));
    const person = g.labels.map((l) => (l.escalate ? l.by! : null));
    const bot = convs.map((c) => at(g.cases, c));
    const s = score(person, writer);
    const k = kappa(g.labels.map((l) => l.escalate), writer.map((w) => w.escalate));
    console.log(`${g.set.padEnd(16)} ${g.labeller.padEnd(8)} ${pr(s).padEnd(17)} ${f3(s.recallAnyTime).padEnd(9)} ${k.toFixed(2).padEnd(5)}  ${pr(score(bot, writer)).padEnd(13)}  ${pr(score(bot, g.labels)).padEnd(13)}  ${g.labels.filter((l) => !l.clear).length}`);
    const kind = `${g.set.split(' ')[1]!.endsWith('b') ? 'b' : 'plain'} ${g.set.split(' ')[2]}`;
    const p = pooled.get(kind) ?? { person: [], bot: [], writer: [], second: [] };
    p.person.push(...person); p.bot.push(...bot); p.writer.push(...writer); p.second.push(...g.labels);
    pooled.set(kind, p);
  }
  console.log('\nPooled (each labelling counted once; a conversation read by two people counts twice):');
  for (const [kind, p] of pooled) {
    const s = score(p.person, p.writer);
    console.log(`  ${kind.padEnd(9)} person vs writer ${pr(s)} (untimed recall ${f3(s.recallAnyTime)}), bot vs writer ${pr(score(p.bot, p.writer))}, bot vs person ${pr(score(p.bot, p.second))}  (${p.writer.length} labellings)`);
  }

  console.log('\nOnline: a person decides after each message without seeing the rest (the bot\'s position), against the writer');
  for (const g of opinions.online) {
    const convs = g.labels.map((l) => find(g.cases, l.name));
    const writer = convs.map((c) => ({ escalate: c.escalate, by: c.by }));
    const person = score(g.labels.map(onlineTurn), writer);
    const bot = score(convs.map((c) => at(g.cases, c)), writer);
    const borderline = g.labels.reduce((n, l) => n + l.clear.filter((x) => !x).length, 0);
    const answers = g.labels.reduce((n, l) => n + l.now.length, 0);
    console.log(`  ${g.set.padEnd(14)} person ${pr(person)} (handed ${person.handed}, due ${person.due}; ${borderline} of ${answers} answers borderline)   bot ${pr(bot)} (handed ${bot.handed})   conversations=${convs.length}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
