// Assembly: staging files (and, for unchanged files, the previous build's
// rows) into DuckDB, duplicates marked, summary tables derived, and every
// table written as sorted Parquet.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { APPLICANTS, APPLICATION_ROWS, DISCLOSURE_ITEMS, MEASURES, OUTCOMES, PROCEEDINGS } from '../template/model.ts';
import { BASE_TABLES, CHECKS, FINDINGS, REPORTS, type TableSpec } from './schema.ts';
import { AGENCY_KEY, CROSS_CHECK_CODES, crossReportChecks } from './cross-checks.ts';
import { qualityIndex } from './quality-index.ts';
import { STAGING, readStagingSql } from './staging.ts';
import { PLACES, REGION_YEAR, SUMMARY, placesSql, regionYearSql, summarySql } from './summary.ts';
import { sqlString } from '../sql.ts';

export interface AssembleOptions {
  /** Staging CSV files by table name. */
  staging: Record<string, string[]>;
  /** Report ids whose rows are taken over from the previous build. */
  unchanged: readonly string[];
  /** Folder of the previous build's Parquet files, when there is one to take rows from. */
  previousDir: string | null;
  /** Where the new Parquet files go. */
  outDir: string;
  tempDir: string;
  threads: number;
  memoryLimit: string;
}

export interface TableOutput {
  table: string;
  rows: number;
}

/** Row group sizes: see docs/data-build.md ("Sort order and row groups"). */
export const ROW_GROUP_ROWS: Record<string, number> = {
  reports: 4096,
  summary: 4096,
  region_year: 4096,
  places: 8192,
  // A place page reads one town's rows: smaller groups for the tables with few rows per report.
  disclosures: 16384,
  applications: 65536,
  reviews: 16384,
  findings: 8192,
  checks: 65536,
  narratives: 16384,
};

export const SITE_TABLES: readonly TableSpec[] = [SUMMARY, REGION_YEAR, PLACES];
export const ALL_TABLES: readonly TableSpec[] = [...BASE_TABLES, ...SITE_TABLES];

const ident = (s: string) => `"${s}"`;

function createSql(spec: TableSpec): string {
  return `CREATE TABLE ${spec.name} (${spec.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`;
}

function orderBy(spec: TableSpec): string {
  return spec.sortBy.map((c) => `${ident(c)} NULLS LAST`).join(', ');
}

/**
 * A DuckDB for a build step. With a `tempDir` the database is a file there rather than memory, so
 * that tables larger than the memory limit (45 million application rows at national scale) are
 * paged out instead of failing.
 */
export async function withDuckDb<T>(options: { tempDir?: string; threads?: number; memoryLimit?: string }, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const settings: Record<string, string> = {};
  if (options.tempDir) settings.temp_directory = options.tempDir;
  if (options.threads) settings.threads = String(options.threads);
  if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
  // Every output is written with ORDER BY, so row order need not be kept along the way (less memory).
  settings.preserve_insertion_order = 'false';
  if (options.tempDir) mkdirSync(options.tempDir, { recursive: true });
  const instance = await DuckDBInstance.create(options.tempDir ? join(options.tempDir, 'build.duckdb') : ':memory:', settings);
  const conn = await instance.connect();
  // A failing statement names itself: at national scale 'Out of Memory' alone says little.
  const run = conn.run.bind(conn);
  conn.run = (async (sql: string, ...rest: unknown[]) => {
    try {
      return await (run as (...a: unknown[]) => ReturnType<typeof run>)(sql, ...rest);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n  in: ${sql.replace(/\s+/g, ' ').trim().slice(0, 160)}…`);
    }
  }) as typeof conn.run;
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function assemble(options: AssembleOptions): Promise<TableOutput[]> {
  return withDuckDb(options, async (conn) => {
    for (const spec of BASE_TABLES) await conn.run(createSql(spec));
    await loadStaging(conn, options.staging);
    await takeOverUnchanged(conn, options);
    // Written out to the database file, the loaded rows can leave memory; until then they cannot.
    await conn.run('CHECKPOINT');
    await markDuplicates(conn);
    await crossReportChecks(conn);
    await countFindings(conn);
    await qualityIndex(conn);
    for (const sql of summarySql()) await conn.run(sql);
    await conn.run('CHECKPOINT');
    await conn.run(`CREATE TABLE region_year AS ${regionYearSql()}`);
    await conn.run(`CREATE TABLE places AS ${placesSql()}`);
    const outputs: TableOutput[] = [];
    for (const spec of ALL_TABLES) {
      const path = join(options.outDir, `${spec.name}.parquet`);
      const columns = spec.columns.map((c) => ident(c.name)).join(', ');
      await conn.run(`COPY (SELECT ${columns} FROM ${spec.name} ORDER BY ${orderBy(spec)}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${ROW_GROUP_ROWS[spec.name] ?? 65536})`);
      const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM ${spec.name}`);
      outputs.push({ table: spec.name, rows: Number(count.getRows()[0][0]) });
    }
    return outputs;
  });
}

const values = (rows: readonly (string | number)[][]) => rows.map((r) => `(${r.map((v) => (typeof v === 'number' ? v : sqlString(v))).join(', ')})`).join(', ');

/** The template model as small tables, to turn the staging files' indexes back into codes. */
async function createDimensions(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE dim_items (idx INTEGER, code VARCHAR); INSERT INTO dim_items VALUES ${values(DISCLOSURE_ITEMS.map((x, i) => [i, x.code]))}`);
  await conn.run(`CREATE TABLE dim_measures (idx INTEGER, code VARCHAR); INSERT INTO dim_measures VALUES ${values(MEASURES.map((x, i) => [i, x.code]))}`);
  await conn.run(`CREATE TABLE dim_rows (idx INTEGER, code VARCHAR); INSERT INTO dim_rows VALUES ${values(APPLICATION_ROWS.map((x, i) => [i, x.code]))}`);
  await conn.run(`CREATE TABLE dim_applicants (idx INTEGER, code VARCHAR); INSERT INTO dim_applicants VALUES ${values(APPLICANTS.map((x, i) => [i, x.code]))}`);
  await conn.run(`CREATE TABLE dim_proceedings (idx INTEGER, code VARCHAR); INSERT INTO dim_proceedings VALUES ${values(PROCEEDINGS.map((x, i) => [i, x.code]))}`);
  await conn.run(`CREATE TABLE dim_outcomes (idx INTEGER, code VARCHAR); INSERT INTO dim_outcomes VALUES ${values(OUTCOMES.map((x, i) => [i, x.code]))}`);
}

/** `CASE i WHEN 0 THEN v0 … END`: the i-th of the side-by-side figures of a staged row. */
const pickColumn = (index: string, prefix: 'v' | 'l', n: number) => `CASE ${index} ${Array.from({ length: n }, (_, k) => `WHEN ${k} THEN s.${prefix}${k}`).join(' ')} END`;

const PLACE = 'r.province_code, r.city_code, r.county_code, r.town_code, r.year';

/** Staging files into the tables: the compact rows get back their report's id and place, and their codes. */
async function loadStaging(conn: DuckDBConnection, staging: Record<string, string[]>): Promise<void> {
  const read = (name: string) => {
    const files = staging[name] ?? [];
    return files.length ? readStagingSql(STAGING.find((t) => t.name === name)!, files) : null;
  };
  const reports = read('reports');
  if (!reports) return;
  await createDimensions(conn);
  await conn.run(`CREATE TABLE staged_reports AS SELECT * FROM ${reports}`);
  await conn.run(`INSERT INTO reports SELECT ${REPORTS.columns.map((c) => ident(c.name)).join(', ')} FROM staged_reports`);
  const from = (name: string) => `${read(name)} s JOIN staged_reports r USING (rseq)`;
  if (read('disclosures')) {
    await conn.run(`INSERT INTO disclosures SELECT r.report_id, i.code, m.code, s.value, s.unit, s.unit_inferred, s.raw, s.line, ${PLACE}, s.item_idx, s.measure_order
      FROM ${from('disclosures')} JOIN dim_items i ON i.idx = s.item_idx JOIN dim_measures m ON m.idx = s.measure_idx`);
  }
  if (read('applications')) {
    await conn.run(`INSERT INTO applications SELECT r.report_id, d.code, a.code, ${pickColumn('a.idx', 'v', APPLICANTS.length)}, ${pickColumn('a.idx', 'l', APPLICANTS.length)}, ${PLACE}, s.row_idx, a.idx
      FROM ${from('applications')} JOIN dim_rows d ON d.idx = s.row_idx CROSS JOIN dim_applicants a`);
  }
  if (read('reviews')) {
    await conn.run(`INSERT INTO reviews SELECT r.report_id, p.code, o.code, ${pickColumn('o.idx', 'v', OUTCOMES.length)}, ${pickColumn('o.idx', 'l', OUTCOMES.length)}, ${PLACE}, s.proceeding_idx, o.idx
      FROM ${from('reviews')} JOIN dim_proceedings p ON p.idx = s.proceeding_idx CROSS JOIN dim_outcomes o`);
  }
  if (read('findings')) {
    await conn.run(`INSERT INTO findings SELECT r.report_id, s.seq, s.rule, s.severity, s.message, s.section, s."row", s."column", s.line, ${PLACE} FROM ${from('findings')}`);
  }
  if (read('checks')) {
    await conn.run(`INSERT INTO checks SELECT r.report_id, s.seq, s."check", s.scope, s.status, s.left_value, s.right_value, s.detail, s.line, NULL, ${PLACE} FROM ${from('checks')}`);
  }
  if (read('narratives')) {
    await conn.run(`INSERT INTO narratives SELECT r.report_id, s.shingles, s.signature, ${PLACE} FROM ${from('narratives')}`);
  }
  await conn.run('DROP TABLE staged_reports');
}

/** Rows of files whose hash did not change come from the previous build's Parquet, unparsed. */
async function takeOverUnchanged(conn: DuckDBConnection, options: AssembleOptions): Promise<void> {
  if (options.unchanged.length === 0 || !options.previousDir) return;
  await conn.run('CREATE TABLE unchanged (report_id VARCHAR PRIMARY KEY)');
  const appender = await conn.createAppender('unchanged');
  for (const id of options.unchanged) {
    appender.appendVarchar(id);
    appender.endRow();
  }
  appender.closeSync();
  for (const spec of BASE_TABLES) {
    const path = join(options.previousDir, `${spec.name}.parquet`);
    if (!existsSync(path)) throw new Error(`previous build has no ${spec.name}.parquet; rebuild without the cache`);
    // Build-level findings (duplicates, checks across reports) and the checks across reports are
    // recomputed below over the whole set: a change to one report may change its neighbours'.
    const keep =
      spec === FINDINGS ? ` AND section IS DISTINCT FROM 'build'` : spec === CHECKS ? ` AND "check" NOT IN (${CROSS_CHECK_CODES.map(sqlString).join(', ')})` : '';
    const columns = spec.columns.map((c) => ident(c.name)).join(', ');
    await conn.run(`INSERT INTO ${spec.name} SELECT ${columns} FROM read_parquet(${sqlString(path)}) WHERE report_id IN (SELECT report_id FROM unchanged)${keep}`);
  }
}

/**
 * The same body and year reported twice: all reports stay; the site uses the one published
 * last, else the more complete one; each member of the group gets a finding naming the others.
 */
async function markDuplicates(conn: DuckDBConnection): Promise<void> {
  const ranking = `published_on DESC NULLS LAST, completeness DESC NULLS LAST, checks_failed ASC, source_file`;
  await conn.run(`
    CREATE TABLE grouped AS
    SELECT report_id, source_file, agency, year, key,
      count(*) OVER w AS n,
      row_number() OVER (PARTITION BY key ORDER BY ${ranking}) AS rank,
      first_value(report_id) OVER (PARTITION BY key ORDER BY ${ranking}) AS primary_id,
      first_value(source_file) OVER (PARTITION BY key ORDER BY ${ranking}) AS primary_file
    FROM (
      SELECT *, ${AGENCY_KEY} || ':' || year AS key
      FROM reports WHERE status <> 'failed' AND year IS NOT NULL AND ${AGENCY_KEY} IS NOT NULL
    )
    WINDOW w AS (PARTITION BY key)`);
  await conn.run(`UPDATE reports SET is_primary = false, duplicate_of = NULL`);
  await conn.run(`UPDATE reports SET is_primary = (g.rank = 1), duplicate_of = CASE WHEN g.rank > 1 THEN g.primary_id END FROM grouped g WHERE reports.report_id = g.report_id`);
  await conn.run(`
    INSERT INTO findings (report_id, seq, rule, severity, message, section, "row", "column", line, province_code, city_code, county_code, town_code, year)
    SELECT g.report_id, coalesce(s.next_seq, 0), 'duplicate_report', 'info',
      '同一机关同一年度（' || coalesce(g.agency, '') || ' ' || g.year || ' 年）共有 ' || g.n || ' 份报告：' ||
      (SELECT string_agg(o.source_file, '、' ORDER BY o.source_file) FROM grouped o WHERE o.key = g.key) ||
      '。网站采用“' || g.primary_file || '”（发布较晚的；日期相同或未写则取较完整的）。',
      'build', NULL, NULL, NULL, r.province_code, r.city_code, r.county_code, r.town_code, r.year
    FROM grouped g JOIN reports r USING (report_id)
    LEFT JOIN (SELECT report_id, max(seq) + 1 AS next_seq FROM findings GROUP BY report_id) s USING (report_id)
    WHERE g.n > 1`);
}

/** The findings counts of every report, after the build's own findings are added. */
async function countFindings(conn: DuckDBConnection): Promise<void> {
  // Counted afresh for every report: rows taken over from the cache may have lost a duplicate finding.
  await conn.run(`UPDATE reports SET findings_error = 0, findings_warning = 0, findings_info = 0`);
  await conn.run(`
    UPDATE reports SET
      findings_error = f.e, findings_warning = f.w, findings_info = f.i
    FROM (SELECT report_id, count(*) FILTER (WHERE severity = 'error') AS e, count(*) FILTER (WHERE severity = 'warning') AS w, count(*) FILTER (WHERE severity = 'info') AS i FROM findings GROUP BY report_id) f
    WHERE reports.report_id = f.report_id`);
}
