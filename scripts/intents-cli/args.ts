// Minimal argument parsing for the intents CLI: `--name value`, `--flag`, and positionals.
export interface Args { positional: string[]; options: Map<string, string | true> }

export function parseArgs(argv: readonly string[], flags: readonly string[] = []): Args {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (flags.includes(name) || i + 1 >= argv.length) options.set(name, true);
      else options.set(name, argv[++i]!);
    } else positional.push(a);
  }
  return { positional, options };
}

export function option(args: Args, name: string, fallback?: string): string {
  const v = args.options.get(name);
  if (typeof v === 'string') return v;
  if (fallback !== undefined) return fallback;
  throw new UsageError(`missing --${name}`);
}

export class UsageError extends Error {}

export const DEFAULT_INTENTS = 'intents/default.json';

export const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
