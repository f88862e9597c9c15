// `explain "text"`: top intents with scores, the pattern that matched, each token's sentiment
// with negations and modifiers, and what the bot would do as the first message of a chat.
import { PERSON_OFFER, loadBot } from '../../server/bot/engine';
import { createSentimentScorer, sentimentLabel, type SentimentStep } from '../../server/bot/sentiment';
import { decideTurn, initialMemory, readTurn } from '../../server/chat/escalation';
import { handoverContributions, handoverFeatures } from '../../server/bot/handover';
import { PERSON_AT, REPAIR_AT, RESOLVED_AT, SARCASTIC_AT, personProbability, repairByModel, resolvedProbability, sarcasm } from '../../server/bot/cues';

export async function explainCommand(intentsPath: string, text: string, out: (line: string) => void): Promise<number> {
  const bot = await loadBot(intentsPath);
  const c = bot.classify(text, { explain: true });
  out(`message: ${JSON.stringify(text)}`);
  out(`intents (confidence threshold ${bot.settings.confidenceThreshold}):`);
  if (c.ranking.length === 0) out('  (no known word: nothing to compare)');
  for (const r of c.ranking) {
    const halves = r.lexical !== undefined ? `   (lexical ${r.lexical.toFixed(3)}, sentence vectors ${r.vectors!.toFixed(3)})` : '';
    out(`  ${r.score.toFixed(3)}  ${r.intent}${halves}`);
  }
  if (c.coverage !== undefined) {
    out(`  confidence = fused probability × coverage^${c.coverageExponent}; coverage ${c.coverage.toFixed(3)} (how much of the message the examples know)`);
  }
  if (c.outOfScope !== undefined) {
    out(`  out of scope: ${c.outOfScope.toFixed(3)} (probability of the out-of-scope examples' class, taken from the intents above)`);
  }
  out(c.pattern ? `pattern: /${c.pattern}/i matched, so ${c.intent} wins over the classifier` : 'pattern: none matched');
  // The top intent's own probability is its score before the coverage factor.
  const topProbability = c.ranking.length > 0 && c.coverage ? c.ranking[0]!.score / Math.pow(c.coverage, c.coverageExponent ?? 0) : 0;
  const offTopic = c.outOfScope !== undefined && c.ranking.length > 0 && c.outOfScope > topProbability;
  out(`intent: ${c.intent ?? `(not understood: below the threshold${offTopic ? '; the message resembles the out-of-scope examples' : ''})`}`);

  const steps: SentimentStep[] = [];
  const s = createSentimentScorer(bot.language)(text, steps);
  out('sentiment, token by token:');
  if (steps.length === 0) out('  (no sentiment words)');
  for (const step of steps) out(`  ${describeStep(step)}`);
  out(`sentiment: ${s.score.toFixed(3)} (${sentimentLabel(s.score)})`);

  const d = decideTurn(bot, initialMemory(), text);
  const sarcastic = sarcasm(text, bot.language);
  out(`sarcasm model: P(sarcastic) ${sarcastic.toFixed(2)}${d.sarcastic !== undefined
    ? ` ≥ ${SARCASTIC_AT}: read as a complaint, sentiment ${s.score.toFixed(3)} → ${d.sentiment.toFixed(3)}`
    : ` (below ${SARCASTIC_AT}: taken at its word)`}`);
  const later = repairByModel(text, bot.language);
  out(`repair model (read from the second message on): ${later ? `${later.cue}: would count as not understood` : `below ${REPAIR_AT}`}`);
  const settledP = resolvedProbability(text, bot.language);
  out(`resolved model (read from the second message on): P(settled) ${settledP.toFixed(2)}${settledP >= RESOLVED_AT
    ? ` ≥ ${RESOLVED_AT}: would never count towards a handoff, and reads no worse than neutral` : ` (below ${RESOLVED_AT})`}`);
  if (bot.language === 'en') {
    const personP = personProbability(text, bot.language);
    out(`person model: P(only a person can settle it) ${personP.toFixed(2)}${personP >= PERSON_AT
      ? ` ≥ ${PERSON_AT}: the console says so if the chat goes to a person` : ` (below ${PERSON_AT})`}`);
  }
  if (d.handover !== undefined) {
    const r = readTurn(bot, initialMemory(), text);
    const top = handoverContributions(bot.language, handoverFeatures(r.features, r.signals, bot.language), 6);
    out(`handover model: P(a person should take over now) ${d.handover.toFixed(3)} (hands over at ≥ ${bot.settings.handoverThreshold}; an answer offers a person at ≥ ${bot.settings.offerThreshold} when the visitor is unhappy); weighed most: ${
      top.map(([f, w]) => `${f} ${w > 0 ? '+' : ''}${w.toFixed(2)}`).join(', ')}`);
  }
  out(`running score after this message: ${d.memory.running} (escalates at ≤ -${bot.settings.sentimentThreshold})`);
  if (d.repair) out(`repair: ${JSON.stringify(d.repair)} (the visitor says the last answer missed: counts as not understood towards a handoff)`);
  if (d.hostile) out(`hostile: ${JSON.stringify(d.hostile)} (an insult, swearing, a threat, an accusation or shouting: a person takes over at once)`);
  if (d.offered) out(`offers a person: the answer adds ${JSON.stringify(PERSON_OFFER[bot.language].text)} and a ${JSON.stringify(PERSON_OFFER[bot.language].button)} button (handover ≥ ${bot.settings.offerThreshold}, below ${bot.settings.handoverThreshold}, and the message reads negative or says the last answer missed)`);
  if (d.declined) out(`declines a person: ${JSON.stringify(d.declined)} (not a request, not a miss; the handover model does not hand this message over)`);
  if (d.escalate) out(`decision: ESCALATE (${d.escalate}) — the chat goes to a person and the bot stops answering`);
  else out(`decision: reply ${JSON.stringify(d.reply?.text)}${d.reply?.quickReplies ? ` with quick replies ${JSON.stringify(d.reply.quickReplies)}` : ''}`);
  return 0;
}

function describeStep(step: SentimentStep): string {
  const parts: string[] = [JSON.stringify(step.text), step.role];
  if (step.score !== undefined) parts.push(`score ${step.score >= 0 ? '+' : ''}${step.score}`);
  if (step.negated) parts.push('negated');
  if (step.modifier !== undefined) parts.push(`${step.role === 'modifier' ? 'factor' : 'modified'} ×${step.modifier}`);
  if (step.caps) parts.push('ALL CAPS ×1.5');
  if (step.note) parts.push(`(${step.note})`);
  return parts.join('  ');
}
