// The quality page's queries. They run unchanged on DuckDB in Node (the first
// paint, at build time, over the whole Parquet files) and in DuckDB-WASM (over
// the rows of one province, or of the whole country when the files are small).
//
// Two tables are read: findings (every problem found) and reports (one row per
// file: its place, year and completeness). A failed check is a finding whose
// rule is the check's code (see template/checks.ts): the same row, line and
// arithmetic as checks.detail, followed by the rule's advice. The browser
// therefore never reads the checks table (ten million rows at national scale).
//
// At national scale with no province chosen, the page works from a build-time
// summary (summarySqls below), grouped by province and year.

import { RULES } from '../../findings.ts';
import type { QualityFilter } from '../quality-filter.ts';
import { CHECK_NAMES } from '../../template/model.ts';
import type { TableRequest } from '../parquet.ts';
import { sqlString } from '../../sql.ts';
import { leagueSql, type LeagueGrain } from './league.ts';
import { one, regionValues, type Batch } from '../batch.ts';

const list = (xs: readonly string[]) => xs.map(sqlString).join(', ');

/** The checks' codes: a finding with one of these rules is a failed check. */
export const CHECK_RULES = Object.keys(CHECK_NAMES).filter((c) => Object.hasOwn(RULES, c));

/** The tables a view reads (DuckDB names): the whole files' views in Node, the loaded rows in the browser. */
export interface QualityTables {
  findings: string;
  reports: string;
}

/** The whole tables under their own names (the build, and the first answers it computed so). */
export const WHOLE_TABLES: QualityTables = { findings: 'findings', reports: 'reports' };

/** The columns the page reads: the place comes from the report, so of the findings' own place columns only those a filter uses. */
export const FINDINGS_COLUMNS = ['report_id', 'seq', 'rule', 'severity', 'message', 'row', 'column', 'line', 'province_code', 'city_code', 'county_code', 'year'] as const;

export const REPORTS_COLUMNS = [
  'report_id', 'source_file', 'status', 'level', 'agency', 'town', 'county', 'city', 'province',
  'province_code', 'city_code', 'county_code', 'town_code', 'year', 'completeness', 'figures_given', 'figures_expected', 'is_primary', 'quality_index',
] as const;

/** What the browser loads for a province (or, with null, the whole country when the files are small). */
export function qualityTables(province: string | null): { tables: QualityTables; requests: TableRequest[] } {
  const suffix = province ?? 'all';
  const where = province ? { province_code: [province] } : null;
  const tables = { findings: `q_findings_${suffix}`, reports: `q_reports_${suffix}` };
  return {
    tables,
    requests: [
      { name: tables.findings, table: 'findings', columns: FINDINGS_COLUMNS, where },
      { name: tables.reports, table: 'reports', columns: REPORTS_COLUMNS, where },
    ],
  };
}

/** The code of a report's own place (as in the places table), and a name for it. */
const PLACE_CODE = `CASE level WHEN 'town' THEN town_code WHEN 'county' THEN county_code WHEN 'city' THEN city_code WHEN 'province' THEN province_code END`;
const PLACE_NAME = `coalesce(CASE level WHEN 'town' THEN town WHEN 'county' THEN county WHEN 'city' THEN city WHEN 'province' THEN province END, agency, source_file)`;

function regionConditions(f: QualityFilter, b: Batch, alias = ''): string[] {
  const a = alias ? `${alias}.` : '';
  const out: string[] = [];
  if (f.province) out.push(`${a}province_code = ${b.v('province')}`);
  if (f.city) out.push(`${a}city_code = ${b.v('city')}`);
  if (f.county) out.push(`${a}county_code = ${b.v('county')}`);
  if (f.year !== null) out.push(`${a}year = ${f.year}`);
  return out;
}

const where = (parts: string[]) => (parts.length ? parts.join(' AND ') : 'TRUE');

/** The reports of the view's region and year, with their place code and name. */
function reportsCte(f: QualityFilter, t: QualityTables, b: Batch): string {
  return `${b.with}r AS (
    SELECT ${b.k}report_id, source_file, status, level, agency, town, county, city, province, province_code, city_code, county_code, town_code,
      CAST(year AS INTEGER) AS year, CAST(completeness AS DOUBLE) AS completeness, figures_given, figures_expected, is_primary, CAST(quality_index AS DOUBLE) AS quality_index,
      ${PLACE_CODE} AS place_code, ${PLACE_NAME} AS place
    FROM ${t.reports}${b.from} WHERE ${where(regionConditions(f, b))})`;
}

/** The view's findings (rule and severity too), joined to their reports. */
function findingsCte(f: QualityFilter, t: QualityTables, b: Batch, only?: readonly string[]): string {
  const parts = regionConditions(f, b, 'x');
  if (f.rule) parts.push(`x.rule = ${sqlString(f.rule)}`);
  if (f.severity) parts.push(`x.severity = ${sqlString(f.severity)}`);
  if (only) parts.push(`x.rule IN (${list(only)})`);
  return `f AS (
    SELECT ${b.many ? 'r.__key, ' : ''}x.report_id, CAST(x.seq AS INTEGER) AS seq, x.rule, x.severity, x.message, x."row" AS row_code, x."column" AS column_code, CAST(x.line AS INTEGER) AS line,
      r.source_file, r.status, r.level, r.place_code, r.place, r.town, r.county, r.city, r.province, r.province_code, r.city_code, r.county_code, r.year, r.completeness
    FROM ${t.findings} x JOIN r USING (report_id)${b.join} WHERE ${where(parts)})`;
}

const PLACE_ORDER = 'province_code NULLS LAST, city_code NULLS LAST, county_code NULLS LAST, place_code NULLS LAST, place, year, report_id';

/** Headline figures: reports, completeness, reports failing the 勾稽关系 or another check, findings under the filter. */
export function headlineSql(f: QualityFilter, t: QualityTables, b: Batch = one(regionValues(f))): string {
  const checks = list(CHECK_RULES);
  const unfiltered: QualityFilter = { ...f, rule: null, severity: null };
  // In a batch each figure is its target's: the subqueries read the rows of the target's key.
  const of = (table: string, cond?: string) => `FROM ${table}${b.many ? ` WHERE ${table}.__key = __targets.__key${cond ? ` AND ${cond}` : ''}` : cond ? ` WHERE ${cond}` : ''}`;
  return `WITH ${reportsCte(f, t, b)}, ${findingsCte(f, t, b)},
    fa AS (SELECT ${b.many ? 'r.__key, ' : ''}x.report_id, x.rule FROM ${t.findings} x JOIN r USING (report_id)${b.join} WHERE ${where(regionConditions(unfiltered, b, 'x'))})
    SELECT ${b.many ? '__targets.__key, ' : ''}
      (SELECT count(*) ${of('r')})::INTEGER AS reports,
      (SELECT count(*) FILTER (WHERE status = 'failed') ${of('r')})::INTEGER AS failed,
      (SELECT sum(completeness) ${of('r')})::DOUBLE AS completeness_sum,
      (SELECT count(completeness) ${of('r')})::INTEGER AS completeness_n,
      (SELECT count(DISTINCT report_id) ${of('fa', "rule = 'balance'")})::INTEGER AS failing_balance,
      (SELECT count(DISTINCT report_id) ${of('fa', `rule IN (${checks})`)})::INTEGER AS failing_checks,
      (SELECT count(*) ${of('f')})::INTEGER AS findings,
      (SELECT count(DISTINCT report_id) ${of('f')})::INTEGER AS findings_reports${b.many ? '\n    FROM __targets ORDER BY __targets.__key' : ''}`;
}

/** Findings and reports by rule and severity. */
export function ruleCountsSql(f: QualityFilter, t: QualityTables, b: Batch = one(regionValues(f))): string {
  return `WITH ${reportsCte(f, t, b)}, ${findingsCte(f, t, b)}
    SELECT ${b.k}rule, severity, count(*)::INTEGER AS findings, count(DISTINCT report_id)::INTEGER AS reports
    FROM f GROUP BY ${b.k}rule, severity
    ORDER BY ${b.k}CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, findings DESC, rule`;
}

/**
 * The reports with a failed check, those failing the 勾稽关系 first, each with every failed check
 * (one row per check, as a finding: its line, scope and message). `limit` reports at most;
 * `total` is how many there are.
 */
export function failingSql(f: QualityFilter, t: QualityTables, limit: number, b: Batch = one(regionValues(f))): string {
  return `WITH ${reportsCte(f, t, b)}, ${findingsCte(f, t, b, CHECK_RULES)},
    rep AS (SELECT ${b.k}report_id, bool_or(rule = 'balance') AS has_balance, any_value(province_code) AS province_code, any_value(city_code) AS city_code,
        any_value(county_code) AS county_code, any_value(place_code) AS place_code, any_value(place) AS place, any_value(year) AS year
      FROM f GROUP BY ${b.k}report_id),
    ranked AS (SELECT ${b.k}report_id, row_number() OVER (${b.part} ORDER BY has_balance DESC, ${PLACE_ORDER}) AS rank, count(*) OVER (${b.part}) AS total FROM rep)
    SELECT f.*, ranked.rank::INTEGER AS rank, ranked.total::INTEGER AS total
    FROM f JOIN ranked USING (${b.k}report_id)
    WHERE ranked.rank <= ${Math.max(0, Math.floor(limit))}
    ORDER BY ${b.k}ranked.rank, rule <> 'balance', seq`;
}

/** The findings themselves, in report order; `limit` rows at most, `total` the count. */
export function findingsSql(f: QualityFilter, t: QualityTables, limit: number, b: Batch = one(regionValues(f))): string {
  return b.limit(`WITH ${reportsCte(f, t, b)}, ${findingsCte(f, t, b)}
    SELECT *, count(*) OVER (${b.part})::INTEGER AS total FROM f`, `${PLACE_ORDER}, seq`, Math.max(0, Math.floor(limit)));
}

/** How many places (or, for reports with no place code, reports) the view has. */
export function placeCountSql(f: QualityFilter, t: QualityTables, b: Batch = one(regionValues(f))): string {
  // A batch's region without reports counts 0, as the statement alone does.
  return `WITH ${reportsCte(f, t, b)} SELECT ${b.k}count(DISTINCT coalesce(place_code, report_id))::INTEGER AS places FROM ${b.many ? '__targets LEFT JOIN r USING (__key) GROUP BY __key ORDER BY __key' : 'r'}`;
}

export type CompletenessGrain = 'province' | 'city' | 'county' | 'place';

/** The grain of the completeness grid under a filter, when its places are too many to list one by one. */
export function regionGrain(f: QualityFilter): CompletenessGrain {
  if (f.county) return 'place';
  if (f.city) return 'county';
  if (f.province) return 'city';
  return 'province';
}

/**
 * Completeness by place (or region) and year. For a place: its report's score (the one the site uses
 * when there are several); for a region: the mean of its reports' scores.
 */
export function completenessSql(f: QualityFilter, t: QualityTables, grain: CompletenessGrain, b: Batch = one(regionValues(f))): string {
  if (grain === 'place') {
    return `WITH ${reportsCte(f, t, b)},
      ranked AS (SELECT *, row_number() OVER (PARTITION BY ${b.k}coalesce(place_code, report_id), year ORDER BY is_primary DESC NULLS LAST, completeness DESC NULLS LAST, report_id) AS k,
        count(*) OVER (PARTITION BY ${b.k}coalesce(place_code, report_id), year) AS reports FROM r)
      SELECT ${b.k}coalesce(place_code, report_id) AS key, place AS name, level, place_code, report_id, source_file, status, year,
        reports::INTEGER AS reports, completeness, figures_given::INTEGER AS figures_given, figures_expected::INTEGER AS figures_expected,
        province_code, city_code, county_code
      FROM ranked WHERE k = 1
      ORDER BY ${b.k}${PLACE_ORDER}`;
  }
  const code = `${grain}_code`;
  return `WITH ${reportsCte(f, t, b)}
    SELECT ${b.k}${code} AS key, coalesce(any_value(${grain}), '未定位') AS name, year, count(*)::INTEGER AS reports,
      sum(completeness)::DOUBLE AS completeness_sum, count(completeness)::INTEGER AS completeness_n,
      any_value(province_code) AS province_code, any_value(city_code) AS city_code
    FROM r GROUP BY ${b.k}${code}, year
    ORDER BY ${b.k}${code} NULLS LAST, year`;
}

/** The view's cities or counties by the mean report-quality index of their reports (quality/league.ts). */
export function leagueQuerySql(f: QualityFilter, t: QualityTables, grain: LeagueGrain, b: Batch = one(regionValues(f))): string {
  return `WITH ${reportsCte(f, t, b)} ${leagueSql(grain, 'r', b.k)}`;
}

/** The cities of a province, or the counties of a city, that have reports (for the selects). */
export function regionOptionsSql(grain: 'city' | 'county', f: QualityFilter, t: QualityTables, b: Batch = one(regionValues(f))): string {
  const code = `${grain}_code`;
  const scope: QualityFilter = { ...f, city: grain === 'county' ? f.city : null, county: null, year: null, rule: null, severity: null };
  return `WITH ${reportsCte(scope, t, b)}
    SELECT ${b.k}${code} AS code, coalesce(any_value(${grain}), ${code}) AS name, count(*)::INTEGER AS reports
    FROM r WHERE ${code} IS NOT NULL GROUP BY ${b.k}${code} ORDER BY ${b.k}${code}`;
}

// ---------------------------------------------------------------------------
// The build-time summary: what the page needs for the whole country without reading a row of findings.

/** Reports by province and year: counts, completeness and failures. */
export function summaryReportsSql(t: QualityTables): string {
  return `WITH fr AS (
      SELECT report_id, count(*) AS n, bool_or(severity = 'error') AS e, bool_or(severity = 'warning') AS w, bool_or(severity = 'info') AS i,
        bool_or(rule = 'balance') AS b, bool_or(rule IN (${list(CHECK_RULES)})) AS c
      FROM ${t.findings} GROUP BY report_id)
    SELECT r.province_code AS p, any_value(r.province) AS name, CAST(r.year AS INTEGER) AS y, count(*)::INTEGER AS reports,
      count(*) FILTER (WHERE r.status = 'failed')::INTEGER AS failed,
      sum(r.completeness)::DOUBLE AS completeness_sum, count(r.completeness)::INTEGER AS completeness_n,
      count(fr.report_id)::INTEGER AS with_findings,
      count(*) FILTER (WHERE fr.e)::INTEGER AS with_error, count(*) FILTER (WHERE fr.w)::INTEGER AS with_warning, count(*) FILTER (WHERE fr.i)::INTEGER AS with_info,
      count(*) FILTER (WHERE fr.b)::INTEGER AS failing_balance, count(*) FILTER (WHERE fr.c)::INTEGER AS failing_checks,
      coalesce(sum(fr.n), 0)::INTEGER AS findings
    FROM ${t.reports} r LEFT JOIN fr USING (report_id)
    GROUP BY r.province_code, r.year
    ORDER BY p NULLS LAST, y NULLS LAST`;
}

/** Findings by rule, severity, province and year. */
export function summaryRulesSql(t: QualityTables): string {
  return `SELECT rule, severity, province_code AS p, CAST(year AS INTEGER) AS y, count(*)::INTEGER AS findings, count(DISTINCT report_id)::INTEGER AS reports
    FROM ${t.findings} GROUP BY rule, severity, province_code, year
    ORDER BY rule, severity, p NULLS LAST, y NULLS LAST`;
}
