// `validate [files…]`: every problem of every file as `file:path: reason`; exit 1 if any.
import { IntentsError, formatProblem, loadIntentsFile } from '../../server/bot/intents';

export async function validateCommand(files: readonly string[], out: (line: string) => void): Promise<number> {
  let problems = 0;
  for (const file of files) {
    try {
      const intents = await loadIntentsFile(file);
      out(`${file}: ok (${intents.intents.length} intents, ${intents.intents.reduce((n, i) => n + i.examples.length, 0)} examples)`);
    } catch (err) {
      if (!(err instanceof IntentsError)) throw err;
      for (const p of err.problems) out(formatProblem(p));
      problems += err.problems.length;
    }
  }
  return problems > 0 ? 1 : 0;
}
