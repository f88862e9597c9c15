// Public evaluation datasets, read in place from ../shared/datasets (or $HEED_DATASETS). They are
// never copied into the repo: the airline tweets are CC BY-NC-SA, an evaluation fixture only.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function datasetsDir(): string {
  return process.env.HEED_DATASETS ? resolve(process.env.HEED_DATASETS) : resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

export type ClincSetting = 'full' | 'small';
export type ClincSplit = 'train' | 'val' | 'test' | 'oos_train' | 'oos_val' | 'oos_test';
export type Clinc = Record<ClincSplit, Array<[string, string]>>;

export async function loadClinc(setting: ClincSetting): Promise<Clinc> {
  const path = join(datasetsDir(), 'clinc150', `data_${setting}.json`);
  return JSON.parse(await readFile(path, 'utf8')) as Clinc;
}

export interface Tweet { id: bigint; label: 'negative' | 'neutral' | 'positive'; text: string }

/** Parses RFC 4180 CSV (quoted fields, "" escapes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** The Twitter US airline sentiment tweets, one per tweet_id (duplicate rows dropped). */
export async function loadAirline(): Promise<Tweet[]> {
  const rows = parseCsv(await readFile(join(datasetsDir(), 'airline-sentiment', 'Tweets.csv'), 'utf8'));
  const header = rows[0]!;
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`Tweets.csv has no column ${name}`);
    return i;
  };
  const [idCol, labelCol, textCol] = [col('tweet_id'), col('airline_sentiment'), col('text')];
  const seen = new Set<bigint>();
  const out: Tweet[] = [];
  for (const r of rows.slice(1)) {
    if (r.length < header.length) continue;
    const id = BigInt(r[idCol]!);
    if (seen.has(id)) continue;
    seen.add(id);
    const label = r[labelCol] as Tweet['label'];
    if (!['negative', 'neutral', 'positive'].includes(label)) throw new Error(`tweet ${id}: unknown label ${label}`);
    out.push({ id, label, text: r[textCol]! });
  }
  return out;
}

/** The fixed split: tweet_id % 5 == 0 is test (never tuned on), the rest is train/tune. */
export function isAirlineTest(t: Tweet): boolean {
  return t.id % 5n === 0n;
}
