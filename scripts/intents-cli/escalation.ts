// `escalation [--cases intents/escalation.cases.json] [--intents F]`: replays labelled multi-turn
// conversations through the bot's turn policy (decideTurn) and reports precision, recall and the
// mean number of visitor turns before escalation.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadBot } from '../../server/bot/engine';
import type { BotEngine } from '../../server/bot/types';
import { replayWith, type Replay } from '../../server/bot/handover-train';
import { f3 } from './args';

export interface EscalationCase {
  name: string;
  kind: 'calm' | 'annoyed-then-helped' | 'sarcastic' | 'angry' | 'polite-stuck' | 'requested';
  /** Visitor messages, in order. */
  turns: string[];
  escalate: boolean;
  /** When escalate: the visitor turn (1-based) by which it must have happened. */
  by?: number;
}

export interface EscalationFile { intents: string; conversations: EscalationCase[] }

/** What a scored conversation needs: whether it should reach a person, by which turn, and its kind. */
type Labelled = Pick<EscalationCase, 'escalate' | 'by'> & { kind?: string };

export interface EscalationOutcome<C extends Labelled = EscalationCase> {
  c: C;
  at: number | null;
  reason?: string;
  /** Turns whose answer offered a person by the offer band, and turns answered with the fallback (which offers one too). */
  offered?: number[];
  fallback?: number[];
}

export interface EscalationReport<C extends Labelled = EscalationCase> {
  outcomes: EscalationOutcome<C>[];
  precision: number;
  recall: number;
  meanTurns: number;
  angryByThird: number;
  angry: number;
}

export async function loadEscalationFile(path: string): Promise<EscalationFile> {
  const json = JSON.parse(await readFile(path, 'utf8')) as EscalationFile;
  const problems: string[] = [];
  if (typeof json.intents !== 'string') problems.push(`${path}:$.intents: must be the path of the intents file`);
  if (!Array.isArray(json.conversations)) problems.push(`${path}:$.conversations: must be an array`);
  (json.conversations ?? []).forEach((c, i) => {
    const at = `${path}:$.conversations[${i}]`;
    if (!Array.isArray(c.turns) || c.turns.length === 0) problems.push(`${at}.turns: needs at least one message`);
    if (typeof c.escalate !== 'boolean') problems.push(`${at}.escalate: must be true or false`);
    if (c.escalate && !(Number.isInteger(c.by) && c.by! >= 1 && c.by! <= c.turns.length)) problems.push(`${at}.by: must be a turn number 1..${c.turns?.length}`);
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { ...json, intents: resolve(dirname(path), json.intents) };
}

/** Where the bot hands over (the turn, 1-based, or null if it never does), and the answers before it that offered a person. */
export const replay = (bot: BotEngine, turns: readonly string[]): Replay => replayWith(bot, turns);

export function scoreEscalations(bot: BotEngine, cases: readonly EscalationCase[]): EscalationReport {
  return scoreOutcomes(cases.map((c) => ({ c, ...replay(bot, c.turns) })));
}

/**
 * Precision (handed over and should have been, over handed over), recall in time (handed over by
 * `by`, over should have been), the mean turn of those in time, and angry visitors by their third.
 */
export function scoreOutcomes<C extends Labelled>(outcomes: EscalationOutcome<C>[]): EscalationReport<C> {
  const escalated = outcomes.filter((o) => o.at !== null);
  const shouldEscalate = outcomes.filter((o) => o.c.escalate);
  const inTime = shouldEscalate.filter((o) => o.at !== null && o.at <= o.c.by!);
  const angry = outcomes.filter((o) => o.c.kind === 'angry' && o.c.escalate);
  return {
    outcomes,
    precision: escalated.length ? escalated.filter((o) => o.c.escalate).length / escalated.length : 1,
    recall: shouldEscalate.length ? inTime.length / shouldEscalate.length : 1,
    meanTurns: inTime.length ? inTime.reduce((n, o) => n + o.at!, 0) / inTime.length : NaN,
    angryByThird: angry.filter((o) => o.at !== null && o.at <= 3).length,
    angry: angry.length,
  };
}

export interface OfferReport {
  /** Chats that should reach a person and were not handed over by their turn. */
  late: number;
  /** Of those, the ones offered a person by then (the offer band or the fallback answer), and by the band. */
  lateOffered: number;
  lateOfferedByBand: number;
  /** Chats that should stay with the bot, and those the offer band offered a person anyway. */
  stay: number;
  stayOffered: number;
}

/**
 * The offer band (offerThreshold) measured: for visitors who needed a person and did not get one
 * in time, whether the bot had at least offered one by their turn; for visitors who needed none,
 * how often the band offered one all the same.
 */
export function scoreOffers<C extends Labelled>(outcomes: readonly EscalationOutcome<C>[]): OfferReport {
  const late = outcomes.filter((o) => o.c.escalate && (o.at === null || o.at > o.c.by!));
  const upTo = (turns: number[] | undefined, by: number) => (turns ?? []).some((t) => t <= by);
  const stay = outcomes.filter((o) => !o.c.escalate);
  return {
    late: late.length,
    lateOffered: late.filter((o) => upTo(o.offered, o.c.by!) || upTo(o.fallback, o.c.by!)).length,
    lateOfferedByBand: late.filter((o) => upTo(o.offered, o.c.by!)).length,
    stay: stay.length,
    stayOffered: stay.filter((o) => (o.offered ?? []).length > 0).length,
  };
}

export async function escalationCommand(casesPath: string, intentsOverride: string | undefined, out: (line: string) => void): Promise<number> {
  const file = await loadEscalationFile(casesPath);
  const bot = await loadBot(intentsOverride ?? file.intents);
  const r = scoreEscalations(bot, file.conversations);
  const kinds = [...new Set(file.conversations.map((c) => c.kind))];
  for (const kind of kinds) {
    const os = r.outcomes.filter((o) => o.c.kind === kind);
    const right = os.filter((o) => (o.c.escalate ? o.at !== null && o.at <= o.c.by! : o.at === null)).length;
    out(`${kind.padEnd(20)} ${right}/${os.length} right`);
  }
  const wrong = r.outcomes.filter((o) => (o.c.escalate ? o.at === null || o.at > o.c.by! : o.at !== null));
  if (wrong.length > 0) out('wrong:');
  for (const o of wrong) {
    const firstOffer = Math.min(...(o.offered ?? []), ...(o.fallback ?? []));
    const got = (o.at === null ? 'never escalated' : `escalated at turn ${o.at} (${o.reason})`) +
      (o.c.escalate && Number.isFinite(firstOffer) ? `; offered a person at turn ${firstOffer}` : '') +
      (!o.c.escalate && (o.offered ?? []).length > 0 ? `; the offer band offered a person at turn ${o.offered![0]}` : '');
    out(`  ${o.c.name}: expected ${o.c.escalate ? `escalation by turn ${o.c.by}` : 'no escalation'}, ${got}`);
  }
  out(`plainly angry escalated by their third message: ${r.angryByThird}/${r.angry}`);
  const o = scoreOffers(r.outcomes);
  out(`offered a person first: ${o.lateOffered}/${o.late} of those not handed over in time (${o.lateOfferedByBand} by the offer band at offerThreshold ${bot.settings.offerThreshold}, the rest by the fallback answer); the band offered one in ${o.stayOffered}/${o.stay} chats that should stay with the bot`);
  out(`precision=${f3(r.precision)} recall=${f3(r.recall)} mean_turns_to_escalation=${f3(r.meanTurns)} conversations=${r.outcomes.length}`);
  return 0;
}
