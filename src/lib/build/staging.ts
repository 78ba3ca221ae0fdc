// Staging files: the parse workers append rows as CSV to files of their own;
// DuckDB reads them all at once when the parsing is done. Rows leave the
// JavaScript heap as soon as a report is parsed, so memory does not grow with
// the number of reports.

import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell, FlatReport, Row } from './flatten.ts';
import { APPLICANTS, OUTCOMES } from '../template/model.ts';
import { REPORTS, type SqlType } from './schema.ts';
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

const FLUSH_BYTES = 1 << 20;

class Sink {
  private fd: number;
  private buffer = '';
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  write(rows: readonly Row[]): void {
    for (const row of rows) this.buffer += csvLine(row);
    if (this.buffer.length > FLUSH_BYTES) this.flush();
  }
  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
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

const figures = (prefix: 'v' | 'l', n: number): [string, SqlType][] => Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'INTEGER']);

export const STAGING: readonly StagingSpec[] = [
  { name: 'reports', columns: [['rseq', 'INTEGER'], ...REPORTS.columns.map((c): [string, SqlType] => [c.name, c.type])] },
  { name: 'disclosures', columns: [['rseq', 'INTEGER'], ['item_idx', 'INTEGER'], ['measure_idx', 'INTEGER'], ['measure_order', 'INTEGER'], ['value', 'DOUBLE'], ['unit', 'VARCHAR'], ['unit_inferred', 'BOOLEAN'], ['raw', 'VARCHAR'], ['line', 'INTEGER']] },
  { name: 'applications', columns: [['rseq', 'INTEGER'], ['row_idx', 'INTEGER'], ...figures('v', APPLICANTS.length), ...figures('l', APPLICANTS.length)] },
  { name: 'reviews', columns: [['rseq', 'INTEGER'], ['proceeding_idx', 'INTEGER'], ...figures('v', OUTCOMES.length), ...figures('l', OUTCOMES.length)] },
  { name: 'findings', columns: [['rseq', 'INTEGER'], ['seq', 'INTEGER'], ['rule', 'VARCHAR'], ['severity', 'VARCHAR'], ['message', 'VARCHAR'], ['section', 'VARCHAR'], ['row', 'VARCHAR'], ['column', 'VARCHAR'], ['line', 'INTEGER']] },
  { name: 'checks', columns: [['rseq', 'INTEGER'], ['seq', 'INTEGER'], ['check', 'VARCHAR'], ['scope', 'VARCHAR'], ['status', 'VARCHAR'], ['left_value', 'DOUBLE'], ['right_value', 'DOUBLE'], ['detail', 'VARCHAR'], ['line', 'INTEGER']] },
  { name: 'narratives', columns: [['rseq', 'INTEGER'], ['shingles', 'INTEGER'], ['signature', 'VARCHAR']] },
];

export function stagingFile(dir: string, table: string, worker: number): string {
  return join(dir, `${table}.${worker}.csv`);
}

/** One worker's staging files, one per table. */
export class StagingWriter {
  private sinks: Map<string, Sink>;
  constructor(dir: string, worker: number) {
    this.sinks = new Map(STAGING.map((t) => [t.name, new Sink(stagingFile(dir, t.name, worker))]));
  }
  write(flat: FlatReport): void {
    this.sinks.get('reports')!.write([flat.reports]);
    this.sinks.get('disclosures')!.write(flat.disclosures);
    this.sinks.get('applications')!.write(flat.applications);
    this.sinks.get('reviews')!.write(flat.reviews);
    this.sinks.get('findings')!.write(flat.findings);
    this.sinks.get('checks')!.write(flat.checks);
    this.sinks.get('narratives')!.write(flat.narratives);
  }
  close(): void {
    for (const sink of this.sinks.values()) sink.close();
  }
}

/** DuckDB's read_csv call for a table's staging files. */
export function readStagingSql(spec: StagingSpec, files: readonly string[]): string {
  const columns = spec.columns.map(([name, type]) => `'${name}': '${type}'`).join(', ');
  const list = files.map(sqlString).join(', ');
  return `read_csv([${list}], header = false, delim = ',', quote = '"', escape = '"', nullstr = '${NULL_TOKEN}', columns = {${columns}}, parallel = true)`;
}
