// The intents CLI for site developers: `npm run intents -- <command>`.
//   validate [files…]                              every problem as file:path: reason; exit 1 if any
//   test --intents F --cases C.jsonl [--json]      accuracy, out-of-scope recall, per-intent P/R, confusions
//   sentiment --cases C.jsonl [--language en|es]   sentiment F1 on labelled lines
//   explain "text" [--intents F]                   scores, pattern, sentiment per token, decision
//   chat [--intents F]                             a terminal chat with the bot
//   escalation [--cases F] [--intents F]           escalation precision/recall on labelled conversations
import { IntentsError, formatProblem } from '../server/bot/intents';
import type { Language } from '../server/bot/types';
import { DEFAULT_INTENTS, UsageError, option, parseArgs } from './intents-cli/args';
import { chatCommand } from './intents-cli/chat';
import { escalationCommand } from './intents-cli/escalation';
import { explainCommand } from './intents-cli/explain';
import { sentimentCommand } from './intents-cli/sentiment-cases';
import { testCommand } from './intents-cli/test-cases';
import { validateCommand } from './intents-cli/validate';

const USAGE = `usage: npm run intents -- <command>
  validate [files…]                              (default: ${DEFAULT_INTENTS})
  test --intents F --cases C.jsonl [--json]
  sentiment --cases C.jsonl [--language en|es]
  explain "text" [--intents F]
  chat [--intents F]
  escalation [--cases intents/escalation.cases.json] [--intents F]`;

export async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest, ['json']);
  const out = (line: string) => console.log(line);
  switch (command) {
    case 'validate':
      return validateCommand(args.positional.length > 0 ? args.positional : [DEFAULT_INTENTS], out);
    case 'test':
      return testCommand(option(args, 'intents', DEFAULT_INTENTS), option(args, 'cases'), args.options.has('json'), out);
    case 'sentiment':
      return sentimentCommand(option(args, 'cases'), option(args, 'language', 'en') as Language, out);
    case 'explain':
      if (args.positional.length === 0) throw new UsageError('explain needs the text of a message');
      return explainCommand(option(args, 'intents', DEFAULT_INTENTS), args.positional.join(' '), out);
    case 'chat':
      return chatCommand(option(args, 'intents', DEFAULT_INTENTS), process.stdin, process.stdout);
    case 'escalation':
      return escalationCommand(option(args, 'cases', 'intents/escalation.cases.json'), args.options.get('intents') as string | undefined, out);
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else if (err instanceof IntentsError) for (const p of err.problems) console.error(formatProblem(p));
    else console.error(err instanceof Error ? err.message : err);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
