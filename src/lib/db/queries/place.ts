// The place pages' queries: a place from the `places` table, its reports and
// every figure of them from the base tables (read for the place's own codes
// only: the files are sorted by the codes, so a page fetches a few row
// groups), and its key figures over the years beside the median of its peers.
// They run on DuckDB-WASM in the browser and on DuckDB in Node (the build and
// the tests) alike.

import { codeColumn, peerRule, type PlaceLevel } from '../levels.ts';
import type { ParentPlaces } from '../../parse/record.ts';
import type { TableRequest } from '../parquet.ts';
import { sqlString } from '../../sql.ts';
import { one, type Batch, type TargetValues } from '../batch.ts';
import { QUALITY_PARTS } from '../../quality-index.ts';

/** The report-quality index and its parts. */
export const QUALITY_COLUMNS = ['quality_index', ...QUALITY_PARTS.map((p) => p.column)];

const list = (values: readonly string[]) => values.map(sqlString).join(', ');

export interface PlaceRow extends ParentPlaces {
  place_code: string;
  level: PlaceLevel;
  name: string | null;
  agency: string | null;
  town: string | null;
  first_year: number | null;
  last_year: number | null;
  reports: number | null;
}

export const PLACE_COLUMNS = ['place_code', 'level', 'name', 'agency', 'town', 'county', 'county_code', 'city', 'city_code', 'province', 'province_code', 'first_year', 'last_year', 'reports'] as const;

/** The places of some provinces (a province's list). */
export function placesRequest(provinces: readonly string[]): TableRequest {
  return { name: `places_${provinces.join('_')}`, table: 'places', columns: PLACE_COLUMNS, where: { province_code: provinces } };
}

/**
 * Some places by code: a place and the regions above it (whether they have pages of their own), or
 * the towns of a comparison. Only the row groups holding these codes are read.
 */
export function placesByCodeRequest(codes: readonly string[]): TableRequest {
  const unique = [...new Set(codes)].sort();
  return { name: `places_${unique.join('_')}`, table: 'places', columns: PLACE_COLUMNS, where: { province_code: [...new Set(unique.map((c) => c.slice(0, 2)))].sort(), place_code: unique } };
}

/** A report's place code at its own level; null for departments and reports not placed. */
const PLACE_CODE = "(CASE level WHEN 'town' THEN town_code WHEN 'county' THEN county_code WHEN 'city' THEN city_code WHEN 'province' THEN province_code END)";

const LEVEL_ORDER = "CASE level WHEN 'town' THEN 0 WHEN 'county' THEN 1 WHEN 'city' THEN 2 ELSE 3 END";

/** placeSql's batch values. */
export function placeValues(code: string, level: PlaceLevel | null): TargetValues {
  return level ? { code, level } : { code };
}

/**
 * The place with this code (a 2-digit code can be a municipality and its province: the narrower first).
 * Batch values (db/batch.ts): code, and level when `level` is not null.
 */
export function placeSql(code: string, level: PlaceLevel | null, table = 'places', b: Batch = one(placeValues(code, level))): string {
  return `${b.lead}SELECT ${b.star(table)} FROM ${table}${b.from} WHERE place_code = ${b.v('code')}${level ? ` AND level = ${b.v('level')}` : ''} ORDER BY ${b.k}${LEVEL_ORDER}`;
}

/** Some towns by code (the comparison's picked town and its hand-picked peers). Batch values: codes. */
export function townsSql(codes: readonly string[], table = 'places', b: Batch = one({ codes })): string {
  return `${b.lead}SELECT ${b.star(table)} FROM ${table}${b.from} WHERE level = 'town' AND ${b.in('place_code', 'codes')} ORDER BY ${b.k}place_code`;
}

/** The codes a place page looks up: its own, and those of the regions above it (its code's prefixes). */
export function ownAndAbove(code: string): string[] {
  return [...new Set([code, code.slice(0, 6), code.slice(0, 4), code.slice(0, 2)])].sort();
}

/** Which of some codes are places (level and code): which regions above a place have pages of their own. Batch values: codes. */
export function placeCodesSql(codes: readonly string[], table = 'places', b: Batch = one({ codes })): string {
  return `${b.lead}SELECT ${b.k}level, place_code FROM ${table}${b.from} WHERE ${b.in('place_code', 'codes')} ORDER BY ${b.k}place_code, level`;
}

/** Every place of a province, grouped for a list: the city, then its counties, then their towns. */
export function provincePlacesSql(province: string, table = 'places'): string {
  return `SELECT * FROM ${table} WHERE province_code = ${sqlString(province)}
    ORDER BY city_code NULLS FIRST, county_code NULLS FIRST, ${LEVEL_ORDER} DESC, place_code`;
}

/** The provinces with places, and how many of each level (the place list's first page). */
export function provincesSql(table = 'places'): string {
  return `SELECT province_code, any_value(province) AS province, count(*)::INTEGER AS places,
      count(*) FILTER (WHERE level = 'town')::INTEGER AS towns, count(*) FILTER (WHERE level = 'county')::INTEGER AS counties,
      count(*) FILTER (WHERE level = 'city')::INTEGER AS cities, sum(reports)::INTEGER AS reports
    FROM ${table} WHERE province_code IS NOT NULL GROUP BY province_code ORDER BY province_code`;
}

/** The reports the site uses that have no place page: department reports and reports not placed in the division list. */
export function leftOutSql(table = 'summary'): string {
  return `SELECT count(*) FILTER (WHERE level = 'department')::INTEGER AS departments,
      count(*) FILTER (WHERE level IS DISTINCT FROM 'department' AND ${PLACE_CODE} IS NULL)::INTEGER AS unplaced
    FROM ${table} WHERE is_primary`;
}

/** The rows of a base table to read for a place: its province (the split), then its own code. */
export function placeWhere(p: PlaceRow): Record<string, readonly string[]> {
  const province = p.province_code ?? p.place_code.slice(0, 2);
  return p.level === 'province' ? { province_code: [province] } : { province_code: [province], [codeColumn(p.level)]: [p.place_code] };
}

export type PlaceTable = 'reports' | 'disclosures' | 'applications' | 'reviews' | 'findings';

const TABLE_COLUMNS: Record<PlaceTable, readonly string[]> = {
  reports: [
    'report_id', 'source_file', 'source_format', 'source_url', 'source_title', 'source_fetched_at', 'status', 'agency', 'level', 'town', 'county', 'city', 'province', 'province_code', 'city_code', 'county_code', 'town_code',
    'year', 'template', 'template_basis', 'published_on', 'proactive_items', 'proactive_items_approx', 'proactive_items_line', 'npc_suggestions', 'cppcc_proposals',
    'info_fees_yuan', 'has_disclosure', 'has_applications', 'has_reviews', 'figures_expected', 'figures_given', 'completeness', 'findings_error', 'findings_warning',
    'findings_info', 'checks_failed', 'checks_passed', 'checks_not_checkable', 'is_primary', 'duplicate_of',
    ...QUALITY_COLUMNS,
  ],
  disclosures: ['report_id', 'item', 'measure', 'value', 'unit', 'unit_inferred', 'raw', 'line', 'placement'],
  applications: ['report_id', 'row', 'applicant', 'value', 'line', 'placement'],
  reviews: ['report_id', 'proceeding', 'outcome', 'value', 'line', 'placement'],
  findings: ['report_id', 'seq', 'rule', 'severity', 'message', 'section', 'row', 'column', 'line'],
};

export function placeTableRequest(table: PlaceTable, p: PlaceRow): TableRequest {
  return { name: `place_${table}`, table, columns: TABLE_COLUMNS[table], where: placeWhere(p) };
}

/**
 * The place's own reports (not the towns' under a county or city), newest first; failed files are not
 * reports. `columns`: all, or some (the first view's years). Batch values: code (places of one level).
 */
export function placeReportsSql(p: PlaceRow, table = 'place_reports', columns: readonly string[] | null = null, b: Batch = one({ code: p.place_code })): string {
  return `${b.lead}SELECT ${columns ? b.k + columns.join(', ') : b.star(table)} FROM ${table}${b.from}
    WHERE status <> 'failed' AND level = ${sqlString(p.level)} AND ${codeColumn(p.level)} = ${b.v('code')}
    ORDER BY ${b.k}year DESC, is_primary DESC, report_id`;
}

/** Every row of a figure table (or the findings) for some reports, in template order. */
export function cellsSql(table: Exclude<PlaceTable, 'reports'>, reportIds: readonly string[], from = `place_${table}`): string {
  const where = reportIds.length ? `report_id IN (${list(reportIds)})` : 'FALSE';
  const order = table === 'findings' ? 'report_id, seq' : 'report_id';
  return `SELECT * FROM ${from} WHERE ${where} ORDER BY ${order}`;
}

/** The summary rows a place's trend needs: its peers' (its own among them). Null for a province: no peers. */
export function peersRequest(p: PlaceRow, measures: readonly string[]): TableRequest | null {
  const rule = peerRule(p.level);
  const parent = rule ? p[rule.column] : null;
  if (!rule || !parent) return null;
  const province = p.province_code ?? p.place_code.slice(0, 2);
  return {
    name: 'place_peers',
    table: 'summary',
    columns: ['is_primary', 'level', 'template', 'year', 'province_code', 'city_code', 'county_code', 'town_code', ...measures],
    where: rule.column === 'province_code' ? { province_code: [province] } : { province_code: [province], [rule.column]: [parent] },
  };
}

/** A trend's batch values (see trendSql): the place's code, and its peers' parent code. */
export function trendValues(p: PlaceRow): { code: string; parent: string | null } {
  const rule = peerRule(p.level);
  return { code: p.place_code, parent: rule ? p[rule.column] : null };
}

/**
 * By year: the place's figures (null when its report does not give them) and, beside each, the
 * median of its peers' figures over the peers that give it (`__median`, `__n`), and how many peers
 * have a report that year. A place with two reports the site uses in a year counts the larger figure.
 * Batch values: trendValues (places of one level, all with a parent or none).
 */
export function trendSql(p: PlaceRow, measures: readonly string[], table = 'place_peers', b: Batch = one(trendValues(p))): string {
  const rule = peerRule(p.level);
  const parent = rule ? p[rule.column] : null;
  const code = codeColumn(p.level);
  const scope = rule && parent ? `${rule.column} = ${b.v('parent')}` : `${code} = ${b.v('code')}`;
  const maxes = measures.map((m) => `CAST(max(${m}) AS DOUBLE) AS ${m}`).join(', ');
  // In a batch the target's code is read where the targets are joined, and carried as __self.
  const self = b.many ? '__self' : b.v('code');
  return `WITH ${b.with}s AS (
      SELECT ${b.k}CAST(year AS INTEGER) AS year, ${code} AS code, ${b.many ? `${b.v('code')} AS __self, ` : ''}template, ${measures.join(', ')}
      FROM ${table}${b.from} WHERE is_primary AND level = ${sqlString(p.level)} AND ${code} IS NOT NULL AND ${scope}
    ),
    own AS (SELECT ${b.k}year, string_agg(DISTINCT template, ',') AS template, ${maxes} FROM s WHERE code = ${self} GROUP BY ${b.k}year),
    peer AS (SELECT ${b.k}year, code, ${maxes} FROM s WHERE code <> ${self} GROUP BY ${b.k}year, code),
    med AS (
      SELECT ${b.k}year, count(*)::INTEGER AS peers, ${measures.map((m) => `CAST(median(${m}) AS DOUBLE) AS ${m}__median, count(${m})::INTEGER AS ${m}__n`).join(', ')}
      FROM peer GROUP BY ${b.k}year
    ),
    years AS (SELECT ${b.k}year FROM own UNION SELECT ${b.k}year FROM med)
    SELECT ${b.many ? 'years.__key, ' : ''}years.year, own.template, (own.year IS NOT NULL) AS has_report, ${measures.map((m) => `own.${m}`).join(', ')},
      coalesce(med.peers, 0) AS peers, ${measures.map((m) => `med.${m}__median, coalesce(med.${m}__n, 0) AS ${m}__n`).join(', ')}
    FROM years LEFT JOIN own USING (${b.k}year) LEFT JOIN med USING (${b.k}year)
    ORDER BY ${b.many ? 'years.__key, ' : ''}years.year`;
}

/**
 * Build time: every report a place page can show, with its source file and the bundle its text is
 * served in (one per county; a city's or a province's own reports: one per city or province).
 */
export function sourceFilesSql(table = 'reports'): string {
  return `SELECT report_id, source_file, source_sha256, coalesce(county_code, city_code, province_code) AS bundle
    FROM ${table} WHERE status <> 'failed' AND ${PLACE_CODE} IS NOT NULL
    ORDER BY bundle, report_id`;
}
