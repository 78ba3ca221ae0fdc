// Every query the site runs, in one place. They read the summary tables of
// the data build (summary, region_year, places) and run unchanged on DuckDB
// in Node (the first paint, at build time) and DuckDB-WASM (in the browser).
//
// A view is built on `facts`: one row per place and year at the grain the
// filter asks for — provinces, cities or counties from region_year, towns
// from summary — with every figure summed and, beside it, how many reports
// gave it. Sums leave out reports that do not give a figure (未披露); the
// count of reports left out is shown next to every total.

import { groupingOf, type Filter, type Grouping } from '../filter.ts';
import type { TableRequest } from '../parquet.ts';
import { sqlString } from '../../sql.ts';
import { APPLICANT_CODES, CARRY_OVER, OUTCOME_CODES, PROCEEDING_CODES, measure } from '../../template/model.ts';
import { figureName, itemMeasures, leadingMeasures, outcomeTotals, reportsWithColumn, templateIn, templatesWith } from '../../template/capabilities.ts';
import { one, regionValues, type Batch } from '../batch.ts';

/** Section 二's items whose decisions the dashboard shows, and those whose new documents it shows (each template's own count). */
const DECISION_ITEMS = ['licensing', 'penalty', 'coercion'];
const DOCUMENT_ITEMS = ['regulations', 'normative_docs'];
/** Section 三's rows (and groups of rows, and the summary's 其他处理 with its parts) whose totals the dashboard shows. */
const APPLICATION_TOTALS = [CARRY_OVER.in, ...outcomeTotals().map((o) => o.row), 'total_handled', CARRY_OVER.out];

/** The templates whose reports give 政府集中采购, and the region_year columns counting their reports. */
export const PROCUREMENT_TEMPLATES = templatesWith('procurement', 'amount_yuan');
/** region_year's count of the reports whose template has 政府集中采购 (build/summary.ts writes it). */
const PROCUREMENT_REPORT_COLUMNS = [reportsWithColumn('procurement')];

/**
 * The figures the dashboard shows, by the model's codes; each is a column of the summary (and of
 * region_year, with a count of reports giving it beside it). test/dashboard-figures.test.ts ties
 * them to the summary's columns.
 */
export const DASHBOARD_FIGURES: readonly string[] = [
  // The amount leads (the by-place table lists the figures in this order).
  ...itemMeasures('procurement')
    .sort((a, b) => Number(measure(b.measure).kind === 'money') - Number(measure(a.measure).kind === 'money'))
    .map((m) => figureName('procurement', m.measure)),
  'proactive_items',
  ...DOCUMENT_ITEMS.flatMap((item) => leadingMeasures(item).map((m) => figureName(item, m.measure))),
  ...DECISION_ITEMS.map((item) => figureName(item, 'decisions')),
  ...APPLICANT_CODES.map((a) => figureName('new_received', a)),
  ...APPLICATION_TOTALS.map((row) => figureName(row, 'total')),
  ...PROCEEDING_CODES.flatMap((p) => OUTCOME_CODES.map((o) => figureName(p, o))),
];

/** A figure of the dashboard, by name; a name the dashboard does not load is an error where it is written. */
export type DashboardFigure = string;
export function dashboardFigure(row: string, column: string): DashboardFigure {
  const name = figureName(row, column);
  if (!DASHBOARD_FIGURES.includes(name)) throw new Error(`${name} is not a dashboard figure`);
  return name;
}

const PLACE_COLUMNS = ['level', 'province_code', 'province', 'city_code', 'city', 'county_code', 'county', 'year'];

/** The rows and columns the browser loads for a filter: one grain of region_year, or one county's reports. */
export function tableFor(f: Filter, matches: readonly PlaceMatch[] | null = null): TableRequest {
  const grouping = groupingOf(f);
  if (grouping === 'town') {
    // The province always goes with the narrower code: a split table is read by province.
    let where: Record<string, readonly string[]> | null = f.province ? { province_code: [f.province], ...(f.county ? { county_code: [f.county] } : f.city ? { city_code: [f.city] } : {}) } : null;
    // A name search reads only the reports of the places whose names match (found in `places` first).
    if (f.q && matches) {
      const provinces = [...new Set(matches.map((m) => m.province_code).filter((p): p is string => p !== null))];
      where = { ...(where ?? {}), province_code: where?.province_code ?? provinces, town_code: matches.map((m) => m.place_code) };
    }
    return {
      name: 'summary',
      table: 'summary',
      columns: ['report_id', 'is_primary', 'template', 'agency', 'town', 'town_code', ...PLACE_COLUMNS, ...DASHBOARD_FIGURES],
      where,
    };
  }
  const parent: Record<string, readonly string[]> = { grain: [grouping] };
  if (f.city) parent.city_code = [f.city];
  else if (f.province) parent.province_code = [f.province];
  return {
    name: 'region_year',
    table: 'region_year',
    columns: ['grain', ...PLACE_COLUMNS, 'reports', ...PROCUREMENT_REPORT_COLUMNS, 'towns', ...DASHBOARD_FIGURES.flatMap((c) => [c, `n_${c}`])],
    where: parent,
  };
}

export interface PlaceMatch {
  place_code: string;
  province_code: string | null;
}

/** What a name search reads: the names and codes of every place with a report. */
export const PLACES_TABLE: TableRequest = { name: 'places', table: 'places', columns: ['place_code', 'level', 'name', 'province_code', 'county', 'city', 'province'], where: null };

/** Towns whose name contains the search text (at most 200). */
export function placeMatchesSql(q: string): string {
  return `SELECT place_code, province_code FROM places WHERE level = 'town' AND name LIKE ${sqlString(`%${q.replace(/[%_\\]/g, '')}%`)} ORDER BY place_code LIMIT 200`;
}

function conditions(f: Filter, grouping: Grouping, b: Batch): string[] {
  const out: string[] = [];
  if (f.from !== null) out.push(`year >= ${f.from}`);
  if (f.to !== null) out.push(`year <= ${f.to}`);
  if (f.province) out.push(`province_code = ${b.v('province')}`);
  if (f.city) out.push(`city_code = ${b.v('city')}`);
  if (f.county) out.push(`county_code = ${b.v('county')}`);
  if (f.level !== 'all') out.push(`level = ${sqlString(f.level)}`);
  if (grouping === 'town') {
    out.push('is_primary');
    if (f.q) {
      const like = sqlString(`%${f.q.replace(/[%_\\]/g, '')}%`);
      out.push(`(town LIKE ${like} OR agency LIKE ${like})`);
    }
  } else out.push(`grain = ${sqlString(grouping)}`);
  return out;
}

const PLACE_OF: Record<Grouping, { key: string; label: string }> = {
  province: { key: 'province_code', label: "coalesce(province, '未定位')" },
  city: { key: 'city_code', label: "coalesce(city, '未定位')" },
  county: { key: 'county_code', label: "coalesce(county, city, '未定位')" },
  town: { key: 'coalesce(town_code, report_id)', label: "coalesce(town, county, city, agency, '未定位')" },
};

/**
 * One row per place, level and year at the filter's grain, with every dashboard figure as a sum
 * and `n_` the number of reports that gave it.
 */
export function factsSql(f: Filter, b: Batch = one(regionValues(f))): string {
  const grouping = groupingOf(f);
  const place = PLACE_OF[grouping];
  const where = conditions(f, grouping, b).join(' AND ') || 'TRUE';
  if (grouping === 'town') {
    const figures = DASHBOARD_FIGURES.map((c) => `CAST(${c} AS DOUBLE) AS ${c}, CAST(${c} IS NOT NULL AS INTEGER) AS n_${c}`).join(', ');
    return `SELECT ${b.k}${place.key} AS place_key, ${place.label} AS place, level, CAST(year AS INTEGER) AS year, 1 AS reports,
      CAST(${templateIn(PROCUREMENT_TEMPLATES)} AS INTEGER) AS procurement_reports, CAST(town_code IS NOT NULL AS INTEGER) AS towns, ${figures}
      FROM summary${b.from} WHERE ${where}`;
  }
  const figures = DASHBOARD_FIGURES.map((c) => `CAST(${c} AS DOUBLE) AS ${c}, CAST(n_${c} AS INTEGER) AS n_${c}`).join(', ');
  return `SELECT ${b.k}${place.key} AS place_key, ${place.label} AS place, level, CAST(year AS INTEGER) AS year, CAST(reports AS INTEGER) AS reports,
    CAST(${PROCUREMENT_REPORT_COLUMNS.join(' + ') || '0'} AS INTEGER) AS procurement_reports, CAST(towns AS INTEGER) AS towns, ${figures}
    FROM region_year${b.from} WHERE ${where}`;
}

const sum = (c: string) => `CAST(sum(${c}) AS DOUBLE)`;
const given = (c: string) => `CAST(sum(n_${c}) AS INTEGER)`;

/** Headline figures: reports, towns, years, requests, procurement — each with how many reports lack it. */
export function headlineSql(f: Filter, b: Batch = one(regionValues(f))): string {
  // A batch's region without facts has its row of nulls, as the statement alone gives.
  return `WITH ${b.with}facts AS (${factsSql(f, b)})
    SELECT ${b.k}CAST(sum(reports) AS INTEGER) AS reports, CAST(sum(towns) AS INTEGER) AS towns,
      min(year) AS first_year, max(year) AS last_year, count(DISTINCT level) AS levels,
      ${sum('new_received__total')} AS requests, ${given('new_received__total')} AS requests_given,
      ${sum('procurement__amount_yuan')} AS procurement, ${given('procurement__amount_yuan')} AS procurement_given,
      CAST(sum(procurement_reports) AS INTEGER) AS procurement_reports,
      ${sum('proactive_items')} AS proactive, ${given('proactive_items')} AS proactive_given
    FROM ${b.many ? '__targets LEFT JOIN facts USING (__key) GROUP BY __key ORDER BY __key' : 'facts'}`;
}

/** Reports by level under the filter, to say when a chart adds up different levels. */
export function levelsSql(f: Filter, b: Batch = one(regionValues(f))): string {
  return `WITH ${b.with}facts AS (${factsSql(f, b)}) SELECT ${b.k}level, CAST(sum(reports) AS INTEGER) AS reports FROM facts GROUP BY ${b.k}level ORDER BY ${b.k}reports DESC`;
}

/** Totals of every dashboard figure by year (one query serves every by-year panel). */
export function byYearSql(f: Filter, b: Batch = one(regionValues(f))): string {
  return `WITH ${b.with}facts AS (${factsSql(f, b)})
    SELECT ${b.k}year, CAST(sum(reports) AS INTEGER) AS reports, CAST(sum(procurement_reports) AS INTEGER) AS procurement_reports,
      ${DASHBOARD_FIGURES.map((c) => `${sum(c)} AS ${c}, ${given(c)} AS n_${c}`).join(', ')}
    FROM facts GROUP BY ${b.k}year ORDER BY ${b.k}year`;
}

/** Totals of every dashboard figure by place (over the filter's years), the largest `orderBy` first. */
export function byPlaceSql(f: Filter, orderBy: DashboardFigure, limit = 40, b: Batch = one(regionValues(f))): string {
  return b.limit(`WITH ${b.with}facts AS (${factsSql(f, b)})
    SELECT ${b.k}place_key, any_value(place) AS place, string_agg(DISTINCT level, ',') AS levels, CAST(sum(reports) AS INTEGER) AS reports,
      CAST(sum(procurement_reports) AS INTEGER) AS procurement_reports,
      ${DASHBOARD_FIGURES.map((c) => `${sum(c)} AS ${c}, ${given(c)} AS n_${c}`).join(', ')}
    FROM facts GROUP BY ${b.k}place_key
    HAVING ${given(orderBy)} > 0`, `${orderBy} DESC NULLS LAST, place`, limit);
}

/**
 * Every dashboard figure by place and year, for the by-place table: a row per place and year, the
 * place's code beside its name (a town's; a region's), `n_` the reports that gave each figure.
 */
export function placeTableSql(f: Filter, b: Batch = one(regionValues(f))): string {
  return `WITH ${b.with}facts AS (${factsSql(f, b)})
    SELECT ${b.k}place_key, any_value(place) AS place, string_agg(DISTINCT level, ',' ORDER BY level) AS levels, year,
      CAST(sum(reports) AS INTEGER) AS reports,
      ${DASHBOARD_FIGURES.map((c) => `CASE WHEN sum(n_${c}) > 0 THEN ${sum(c)} END AS ${c}, ${given(c)} AS n_${c}`).join(', ')}
    FROM facts GROUP BY ${b.k}place_key, year ORDER BY ${b.k}place_key, year`;
}

/** One figure by place and year, for a grid; a place-year with reports that do not give it is null. */
export function gridSql(f: Filter, figure: DashboardFigure, places = 30, b: Batch = one(regionValues(f))): string {
  const top = `SELECT ${b.k}place_key, sum(${figure}) AS total, any_value(place) AS place FROM facts GROUP BY ${b.k}place_key HAVING sum(procurement_reports) > 0`;
  return `WITH ${b.with}facts AS (${factsSql(f, b)}),
    top AS (SELECT ${b.k}place_key FROM (${b.limit(top, 'total DESC NULLS LAST, place', places)}))
    SELECT ${b.k}place_key, any_value(place) AS place, year, CAST(sum(procurement_reports) AS INTEGER) AS procurement_reports,
      CASE WHEN sum(n_${figure}) > 0 THEN ${sum(figure)} END AS value, ${given(figure)} AS n_value
    FROM facts${b.many ? ' SEMI JOIN top USING (__key, place_key) WHERE' : ' WHERE place_key IN (SELECT place_key FROM top) AND'} procurement_reports > 0
    GROUP BY ${b.k}place_key, year ORDER BY ${b.k}place, year`;
}

/** The regions a select can offer under a parent (provinces, a province's cities, a city's counties). Batch values: parent. */
export function regionsSql(grain: 'province' | 'city' | 'county', parent: string | null, table = 'region_year', b: Batch = one({ parent })): string {
  const code = `${grain}_code`;
  const parentCode = grain === 'city' ? 'province_code' : grain === 'county' ? 'city_code' : null;
  const where = [`grain = ${sqlString(grain)}`, `${code} IS NOT NULL`, ...(parentCode && parent ? [`${parentCode} = ${b.v('parent')}`] : [])];
  return `${b.lead}SELECT ${b.k}${code} AS code, any_value(${grain}) AS name, CAST(sum(reports) AS INTEGER) AS reports FROM ${table}${b.from} WHERE ${where.join(' AND ')} GROUP BY ${b.k}${code} ORDER BY ${b.k}${code}`;
}

/** The table a region select needs in the browser. */
export function regionsTable(grain: 'province' | 'city' | 'county', parent: string | null): TableRequest {
  const parentCode = grain === 'city' ? 'province_code' : grain === 'county' ? 'city_code' : null;
  return {
    name: `regions_${grain}`,
    table: 'region_year',
    columns: ['grain', 'province_code', 'province', 'city_code', 'city', 'county_code', 'county', 'reports'],
    where: parentCode && parent ? { grain: [grain], [parentCode]: [parent] } : { grain: [grain] },
  };
}

/** The years that have reports, for the year selects. */
export function yearsSql(table = 'region_year'): string {
  return `SELECT DISTINCT CAST(year AS INTEGER) AS year FROM ${table} WHERE grain = 'province' AND year IS NOT NULL ORDER BY year`;
}
