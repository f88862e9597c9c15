// `test --intents F --cases C.jsonl [--json]`: per-intent precision and recall, the most confused
// pairs, and one closing line `in_scope_accuracy=… oos_recall=… cases=N p50_ms=… p99_ms=…`.
import { loadBot } from '../../server/bot/engine';
import { evaluate, loadCases, quickReplyOutcomes, type Evaluation } from '../../server/bot/evaluate';
import { f3 } from './args';

export function summaryLine(e: Evaluation): string {
  return `in_scope_accuracy=${f3(e.inScopeAccuracy)} oos_recall=${f3(e.outOfScopeRecall)} cases=${e.cases} p50_ms=${f3(e.p50Ms)} p99_ms=${f3(e.p99Ms)}`;
}

export async function testCommand(intentsPath: string, casesPath: string, json: boolean, out: (line: string) => void): Promise<number> {
  const bot = await loadBot(intentsPath);
  const cases = await loadCases(casesPath);
  const e = evaluate(bot, cases);
  const quickReplies = quickReplyOutcomes(bot);
  if (json) {
    // One JSON document, so it can be piped; the summary line is its `summary` field.
    out(JSON.stringify({ summary: summaryLine(e), ...e, quickReplies }, null, 2));
    return 0;
  }
  {
    out('intent                     precision  recall  cases');
    for (const s of e.perIntent) out(`${s.intent.padEnd(26)} ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${String(s.support).padStart(5)}`);
    out('');
    out('most confused (expected → got):');
    for (const c of e.confusions.slice(0, 10)) out(`  ${c.count} × ${c.expected ?? '(out of scope)'} → ${c.got ?? '(out of scope)'}`);
    out('');
    out('misclassified:');
    for (const err of e.errors.slice(0, 30)) {
      out(`  ${JSON.stringify(err.text)}: expected ${err.expected ?? 'out of scope'}, got ${err.got ?? 'out of scope'} (${err.confidence.toFixed(2)})`);
    }
    if (e.errors.length > 30) out(`  … and ${e.errors.length - 30} more (--json lists all)`);
    out('');
    // A button the bot offers but does not understand sends the visitor to the fallback, and
    // counts towards a handoff for not understanding.
    const lost = quickReplies.filter((q) => q.intent === null);
    if (lost.length === 0) out(`quick replies: all ${quickReplies.length} understood`);
    else {
      out(`quick replies the bot does not understand (a visitor who taps one gets the fallback): ${lost.length} of ${quickReplies.length}`);
      for (const q of lost) out(`  ${JSON.stringify(q.text)} (best ${q.confidence.toFixed(2)}, under the threshold)`);
    }
    out('');
  }
  out(summaryLine(e));
  return 0;
}
