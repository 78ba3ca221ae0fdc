// Shared by the data-build tests (build*.test.ts): the sample folder, what the parser makes of a
// file as a build worker calls it, the status a report should get, and reads of a build's Parquet.

import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ALL_TABLES } from '../../src/lib/build/assemble.ts';
import { decodeReportAsync, type DecodedReport } from '../../src/lib/decode/index.ts';
import { parseReport, type ParsedReport } from '../../src/lib/validate/index.ts';
import type { Figure } from '../../src/lib/parse/record.ts';
import { APPLICANT_CODES, applicationRows, DISCLOSURE_ITEMS, measuresOf, OUTCOME_CODES, PROCEEDINGS } from '../../src/lib/template/model.ts';
import { buildData } from '../../src/lib/build/index.ts';
import { Db, parquet, removeTempDirs, ROOT, type RowObject, sha256, sqlString, tempDir } from './build.ts';

export const RAW = join(ROOT, 'data/raw');
/** The build and the in-process parser must agree on "today" (it bounds plausible dates). */
export const TODAY = new Date('2026-06-01T00:00:00Z');
export const TABLE_NAMES = ALL_TABLES.map((t) => t.name);
export const FIGURE_TABLES = ['disclosures', 'applications', 'reviews'] as const;
export const PLACE = ['province_code', 'city_code', 'county_code', 'town_code', 'year'] as const;

/** A clean sample: a town report whose decode and parse give no error-level finding (checked in build.test.ts). */
export const CLEAN_SAMPLE = '003_2945165e826adaca.txt';
/** The 洪泽区 report: section 四's totals do not add up (two review_total errors). */
export const HONGZE = '001_huaian_hongze_district_2023.txt';

/** After a test file: its DuckDB closed and its temporary folders removed. */
export function closeDb(db: Db | undefined): void {
  db?.close();
  removeTempDirs();
}

/** The stable report id: the first 16 hex digits of the sha256 of the path relative to the raw folder. */
export const idOf = (sourceFile: string) => sha256(sourceFile).slice(0, 16);

export interface Parsed {
  file: string;
  bytes: Buffer;
  decoded: DecodedReport;
  parsed: ParsedReport | null;
}

/** What the parser makes of a file, exactly as a build worker calls it. */
export async function parseFile(raw: string, file: string): Promise<Parsed> {
  const bytes = readFileSync(join(raw, file));
  const decoded = await decodeReportAsync(bytes, file);
  const parsed = decoded.ok ? parseReport(decoded.text, file, { today: TODAY }) : null;
  return { file, bytes, decoded, parsed };
}

/**
 * The status a report should have, worked out here from the record: failed when there is no
 * record or it is not a report; ok when all three tables are there and every figure of the
 * template is given ((六) counts as given in either of its printed forms); else partial.
 */
export function expectedStatus(p: Parsed): 'ok' | 'partial' | 'failed' {
  if (!p.parsed) return 'failed';
  const r = p.parsed.record;
  if ([...p.decoded.findings, ...r.findings].some((f) => f.rule === 'input_not_report')) return 'failed';
  if (!r.template || !r.tables_found.disclosure || !r.tables_found.applications || !r.tables_found.reviews) return 'partial';
  const complete = (row: Record<string, Figure> | undefined, codes: readonly string[]) => codes.every((c) => (row?.[c]?.value ?? null) !== null);
  for (const item of DISCLOSURE_ITEMS) if (!complete(r.disclosure[item.code], measuresOf(item, r.template))) return 'partial';
  for (const p2 of PROCEEDINGS) if (!complete(r.reviews[p2.code], OUTCOME_CODES)) return 'partial';
  const rows = applicationRows(r.template);
  for (const row of rows) {
    if (row.code === 'other_handling' || row.parent) continue;
    if (!complete(r.applications[row.code], APPLICANT_CODES)) return 'partial';
  }
  const subRows = rows.filter((x) => x.parent === 'other_handling');
  const parentGiven = complete(r.applications.other_handling, APPLICANT_CODES);
  const subRowsGiven = subRows.length > 0 && subRows.every((s) => complete(r.applications[s.code], APPLICANT_CODES));
  return parentGiven || subRowsGiven ? 'ok' : 'partial';
}

/** Every table of a build as rows in file order. */
export async function readAllTables(db: Db, out: string): Promise<Record<string, { columns: string[]; rows: unknown[][] }>> {
  const tables: Record<string, { columns: string[]; rows: unknown[][] }> = {};
  for (const name of TABLE_NAMES) tables[name] = await db.table(`SELECT * FROM ${parquet(out, name)}`);
  return tables;
}

/** Rows of the three figure tables for one report, without the report id (to compare copies of a report). */
export async function figuresOf(db: Db, out: string, reportId: string): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const t of FIGURE_TABLES) {
    const order = ALL_TABLES.find((s) => s.name === t)!.sortBy.map((c) => `"${c}"`).join(', ');
    result[t] = await db.objects(`SELECT * EXCLUDE (report_id) FROM ${parquet(out, t)} WHERE report_id = ${sqlString(reportId)} ORDER BY ${order}`);
  }
  return result;
}

/** Number of rows whose place in the file differs from their place in the table's sort order (NULLS LAST). */
export async function unsortedRows(db: Db, out: string, table: string): Promise<{ rows: number; misplaced: number }> {
  const spec = ALL_TABLES.find((t) => t.name === table)!;
  const keys = spec.sortBy.map((c) => `"${c}" NULLS LAST`).join(', ');
  // Ties keep their file order (file_row_number breaks them), so only a real disorder counts.
  const [row] = await db.rows(`
    WITH t AS (SELECT * FROM ${parquet(out, table, 'file_row_number = true')}),
    r AS (SELECT file_row_number AS in_file, row_number() OVER (ORDER BY ${keys}, file_row_number) - 1 AS in_order FROM t)
    SELECT count(*), count(*) FILTER (WHERE in_file <> in_order) FROM r`);
  return { rows: Number(row[0]), misplaced: Number(row[1]) };
}

export async function expectSorted(db: Db, out: string): Promise<void> {
  for (const name of TABLE_NAMES) {
    const { misplaced } = await unsortedRows(db, out, name);
    expect(misplaced, `${name}.parquet sorted by ${ALL_TABLES.find((t) => t.name === name)!.sortBy.join(', ')}`).toBe(0);
  }
}

/** CSV cell for a Parquet value as DuckDB returns it in JSON (null → empty). */
export const csvCell = (v: unknown) => (v === null ? '' : String(v));

// ---------------------------------------------------------------------------

/** The place columns of a report row or record. */
export function placeOf(rec: { province_code: string | null; city_code: string | null; county_code: string | null; town_code: string | null; year: number | null }) {
  return { province_code: rec.province_code, city_code: rec.city_code, county_code: rec.county_code, town_code: rec.town_code, year: rec.year };
}

/** A raw folder holding copies of the samples, an output folder, and a build of the samples alone to compare with. */
export async function samplesAndReference(prefix: string): Promise<{ raw: string; out: string; reference: string }> {
  const raw = tempDir(`${prefix}-raw`);
  const reference = tempDir(`${prefix}-ref`);
  for (const f of readdirSync(RAW)) copyFileSync(join(RAW, f), join(raw, f));
  await buildData({ raw, out: reference, today: TODAY, workers: 2 });
  return { raw, out: tempDir(`${prefix}-out`), reference };
}

/** The rows of a build's reports table by source file. */
export async function reportsByFile(db: Db, out: string): Promise<Map<string, RowObject>> {
  return new Map((await db.objects(`SELECT * FROM ${parquet(out, 'reports')}`)).map((r) => [String(r.source_file), r]));
}
