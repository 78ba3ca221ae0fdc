// Staging files: the parse workers append rows as CSV to files of their own;
// DuckDB reads them all at once when the parsing is done. Rows leave the
// JavaScript heap as soon as a report is parsed, so memory does not grow with
// the number of reports.

import { closeSync, existsSync, fstatSync, openSync, readdirSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell, FlatReport, Row } from './flatten.ts';
import { APPLICANTS, OUTCOMES } from '../template/model.ts';
import { APPLICATIONS, DISCLOSURES, REPORTS, REVIEWS, type SqlType, type TableSpec } from './schema.ts';
import { sqlString } from '../sql.ts';

export const NULL_TOKEN = '\\N';

function field(v: Cell): string {
  if (v === null) return NULL_TOKEN;
  if (typeof v === 'string') return `"${v.includes('"') ? v.replaceAll('"', '""') : v}"`;
  return String(v);
}

export function csvLine(row: Row): string {
  let s = '';
  for (let i = 0; i < row.length; i++) s += (i ? ',' : '') + field(row[i]);
  return s + '\n';
}

/**
 * An append-only staging file. Rows are buffered and written when their report is committed, and
 * the file's length after each commit is known: when a parse process dies in the middle of a
 * report, the parent cuts its files back to the last commit, so no torn or partial report stays.
 */
class Sink {
  private fd: number;
  private buffer = '';
  private length = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
    this.length = fstatSync(this.fd).size;
  }
  write(rows: readonly Row[]): void {
    for (const row of rows) this.buffer += csvLine(row);
  }
  /** Writes what is buffered; the file's length after it. */
  flush(): number {
    if (this.buffer.length > 0) {
      const bytes = Buffer.from(this.buffer);
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
      this.length += bytes.length;
      this.buffer = '';
    }
    return this.length;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The staging files' columns: compact forms of the tables (see flatten.ts), expanded by assemble.ts. */
export interface StagingSpec {
  name: string;
  columns: readonly [string, SqlType][];
}

/** A figure table's column type, from its spec (which derives it from the figures' plausible range). */
const typeOf = (spec: TableSpec, column: string): SqlType => spec.columns.find((c) => c.name === column)!.type;
const figures = (prefix: 'v' | 'l', n: number, type: SqlType): [string, SqlType][] => Array.from({ length: n }, (_, i) => [`${prefix}${i}`, type]);

export const STAGING: readonly StagingSpec[] = [
  { name: 'reports', columns: [['rseq', 'INTEGER'], ...REPORTS.columns.map((c): [string, SqlType] => [c.name, c.type])] },
  { name: 'disclosures', columns: [['rseq', 'INTEGER'], ['item_idx', 'INTEGER'], ['measure_idx', 'INTEGER'], ['measure_order', 'INTEGER'], ['value', typeOf(DISCLOSURES, 'value')], ['unit', 'VARCHAR'], ['unit_inferred', 'BOOLEAN'], ['raw', 'VARCHAR'], ['line', 'INTEGER']] },
  { name: 'applications', columns: [['rseq', 'INTEGER'], ['row_idx', 'INTEGER'], ...figures('v', APPLICANTS.length, typeOf(APPLICATIONS, 'value')), ...figures('l', APPLICANTS.length, 'INTEGER')] },
  { name: 'reviews', columns: [['rseq', 'INTEGER'], ['proceeding_idx', 'INTEGER'], ...figures('v', OUTCOMES.length, typeOf(REVIEWS, 'value')), ...figures('l', OUTCOMES.length, 'INTEGER')] },
  { name: 'findings', columns: [['rseq', 'INTEGER'], ['seq', 'INTEGER'], ['rule', 'VARCHAR'], ['severity', 'VARCHAR'], ['message', 'VARCHAR'], ['section', 'VARCHAR'], ['row', 'VARCHAR'], ['column', 'VARCHAR'], ['line', 'INTEGER']] },
  { name: 'checks', columns: [['rseq', 'INTEGER'], ['seq', 'INTEGER'], ['check', 'VARCHAR'], ['scope', 'VARCHAR'], ['status', 'VARCHAR'], ['left_value', 'DOUBLE'], ['right_value', 'DOUBLE'], ['detail', 'VARCHAR'], ['line', 'INTEGER']] },
  { name: 'narratives', columns: [['rseq', 'INTEGER'], ['shingles', 'INTEGER'], ['signature', 'VARCHAR']] },
];

/** `writer` names one parse process (or the pool itself): each writes files of its own. */
export function stagingFile(dir: string, table: string, writer: string): string {
  return join(dir, `${table}.${writer}.csv`);
}

/** Every non-empty staging file of a table, whoever wrote it. */
export function stagingFiles(dir: string, table: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${table}.`) && f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).size > 0);
}

/** Byte lengths of a writer's staging files after its last committed report, in STAGING order. */
export type StagingOffsets = number[];

/** Cuts a writer's staging files back to `offsets`: what a dead process wrote after its last commit goes. */
export function truncateStaging(dir: string, writer: string, offsets: StagingOffsets | null): void {
  STAGING.forEach((t, i) => {
    const file = stagingFile(dir, t.name, writer);
    if (existsSync(file)) truncateSync(file, offsets?.[i] ?? 0);
  });
}

/** One writer's staging files, one per table. */
export class StagingWriter {
  private sinks: Map<string, Sink>;
  constructor(dir: string, writer: string) {
    this.sinks = new Map(STAGING.map((t) => [t.name, new Sink(stagingFile(dir, t.name, writer))]));
  }
  /** Writes one report's rows and commits them: the files' lengths after it. */
  write(flat: FlatReport): StagingOffsets {
    this.sinks.get('reports')!.write([flat.reports]);
    this.sinks.get('disclosures')!.write(flat.disclosures);
    this.sinks.get('applications')!.write(flat.applications);
    this.sinks.get('reviews')!.write(flat.reviews);
    this.sinks.get('findings')!.write(flat.findings);
    this.sinks.get('checks')!.write(flat.checks);
    this.sinks.get('narratives')!.write(flat.narratives);
    return STAGING.map((t) => this.sinks.get(t.name)!.flush());
  }
  close(): void {
    for (const sink of this.sinks.values()) sink.close();
  }
}

const INTEGER_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;

function fits(v: Cell, type: SqlType): boolean {
  if (typeof v !== 'number') return true;
  if (type === 'INTEGER') return Number.isInteger(v) && v >= INTEGER_RANGE[0] && v <= INTEGER_RANGE[1];
  if (type === 'BIGINT') return Number.isSafeInteger(v);
  return Number.isFinite(v);
}

/** The line-number column beside a figure column of the staging files: l3 for v3, else `line`. */
const lineColumn = (name: string) => (/^v\d+$/.test(name) ? `l${name.slice(1)}` : 'line');

/**
 * The first value of a report's rows that its staging column cannot hold (a count past
 * 2,147,483,647 in an INTEGER column), with the source line it was read from when the row says.
 * The parser is meant to keep such figures out; this is the guard that keeps one file's value
 * from failing the whole assembly if it does not.
 */
export function firstUnstorable(flat: FlatReport): { table: string; column: string; value: number; line: number | null } | null {
  for (const spec of STAGING) {
    const rows = spec.name === 'reports' ? [flat.reports] : flat[spec.name as Exclude<keyof FlatReport, 'status' | 'reports'>];
    for (const row of rows) {
      for (let i = 0; i < spec.columns.length; i++) {
        const [column, type] = spec.columns[i];
        if (fits(row[i], type)) continue;
        const at = spec.columns.findIndex(([name]) => name === lineColumn(column));
        const line = at >= 0 && typeof row[at] === 'number' ? (row[at] as number) : null;
        return { table: spec.name, column, value: row[i] as number, line };
      }
    }
  }
  return null;
}

/** DuckDB's read_csv call for a table's staging files. */
export function readStagingSql(spec: StagingSpec, files: readonly string[]): string {
  const columns = spec.columns.map(([name, type]) => `'${name}': '${type}'`).join(', ');
  const list = files.map(sqlString).join(', ');
  return `read_csv([${list}], header = false, delim = ',', quote = '"', escape = '"', nullstr = '${NULL_TOKEN}', columns = {${columns}}, parallel = true)`;
}
