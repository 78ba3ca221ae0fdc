// Build time: a set's answers as Parquet, one file per province, sorted by
// key. Two columns: the key (with exact min/max statistics, so a reader skips
// every row group but the key's) and the view's answers as JSON. Row groups
// end on a key and hold about ROW_GROUP_BYTES of answers, so a view is one
// range request after the footer, and the footer stays small (two columns a
// group). Files are named by their content's hash: they can be cached forever.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { partOf, type AnswerPart } from './payload.ts';

/** Uncompressed answers per row group: a view costs about this (a third of it, compressed). */
export const ROW_GROUP_BYTES = 48 * 1024;

export interface KeyedAnswers {
  key: string;
  /** The view's answers (Answers) as JSON. */
  json: string;
}

/** Row group sizes: consecutive keys until their answers reach `target` bytes. */
export function rowGroupSizes(sizes: readonly number[], target = ROW_GROUP_BYTES): number[] {
  const groups: number[] = [];
  let rows = 0;
  let bytes = 0;
  for (const size of sizes) {
    rows++;
    bytes += size;
    if (bytes >= target) {
      groups.push(rows);
      rows = 0;
      bytes = 0;
    }
  }
  if (rows) groups.push(rows);
  return groups;
}

function parquetOf(entries: readonly { key: string; json: string }[]): Uint8Array {
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    columnData: [
      { name: 'key', data: entries.map((e) => e.key), type: 'STRING', nullable: false, offsetIndex: false },
      { name: 'answers', data: entries.map((e) => e.json), type: 'STRING', nullable: false, statistics: false, offsetIndex: false },
    ],
    statisticsTruncateLength: Infinity,
    rowGroupSize: rowGroupSizes(entries.map((e) => e.json.length)),
    createdBy: 'gov-disclosure-reports first answers',
  });
  return new Uint8Array(writer.getBuffer());
}

/** Writes a set's answers under `dir/<set>/` and returns its files by part. */
export function writeAnswerSet(dir: string, set: string, views: readonly KeyedAnswers[]): Record<string, AnswerPart> {
  const byPart = new Map<string, { key: string; json: string }[]>();
  for (const v of [...views].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const part = partOf(v.key);
    if (!byPart.has(part)) byPart.set(part, []);
    byPart.get(part)!.push(v);
  }
  mkdirSync(join(dir, set), { recursive: true });
  const parts: Record<string, AnswerPart> = {};
  for (const [part, entries] of byPart) {
    const bytes = parquetOf(entries);
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const file = `${set}/${part}.${hash}.parquet`;
    writeFileSync(join(dir, file), bytes);
    parts[part] = { file, bytes: bytes.byteLength };
  }
  return parts;
}
