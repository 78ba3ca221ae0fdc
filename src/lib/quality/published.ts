// Build time: what the site publishes, as the data, SQL and method pages need
// it — files.json, manifest.json and dictionary.json from public/data, and the
// provinces' names (for the parts of split tables).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dictionary } from '../build/dictionary.ts';
import { publicDataDir, readManifest, readPublished } from '../db/manifest.ts';
import { regionsSql } from '../db/queries/overview.ts';
import { serverRunner } from '../db/server.ts';
import type { ConsoleTable } from '../db/sql-console.ts';

export { readManifest, readPublished };

export function readDictionary(dir = publicDataDir()): Dictionary {
  return JSON.parse(readFileSync(join(dir, 'dictionary.json'), 'utf8')) as Dictionary;
}

/** Province code → name, from the data itself; '' is the part of reports placed nowhere. */
export async function provinceNames(): Promise<Map<string, string>> {
  const runner = await serverRunner();
  const rows = (await runner.query(regionsSql('province', null))) as { code: string; name: string }[];
  return new Map([['', '未定位'], ...rows.map((r) => [r.code, r.name] as [string, string])]);
}

/** The tables the SQL console can load: every published table, its columns (from the dictionary) and files. */
export function consoleTables(): ConsoleTable[] {
  const published = readPublished();
  const dictionary = readDictionary();
  return dictionary.tables
    .filter((t) => published.tables[t.name])
    .map((t) => {
      const files = published.tables[t.name];
      const whole = files.parquet.find((f) => f.province === undefined) ?? null;
      return {
        name: t.name,
        label: t.label,
        columns: t.columns.map((c) => c.name),
        rows: files.rows,
        bytes: whole?.bytes ?? null,
        split: whole === null,
        parts: whole ? [] : files.parquet.map((f) => ({ province: f.province ?? '', bytes: f.bytes })),
      };
    });
}
