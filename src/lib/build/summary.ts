// Summary tables for the site, derived from the long tables with SQL that the
// template model writes: one wide row per report (summary) and totals by
// region and year (region_year). The browser reads these, a few columns and
// row groups at a time, instead of the long tables.

import { CATALOG, trimLabelNote, type Catalog, type TemplateId } from '../template/model.ts';
import { itemsNotInEvery, reportsWithColumn, templateIn, templatesWithItem } from '../template/capabilities.ts';
import { REPORTS, reportsTable, type Column, type TableSpec } from './schema.ts';
import { sqlString } from '../sql.ts';

/** A figure column of the summary: where it comes from, or how it is derived. */
export interface FigureColumn extends Column {
  source:
    | { table: 'disclosures'; item: string; measure: string }
    | { table: 'applications'; row: string; applicant: string }
    | { table: 'reviews'; proceeding: string; outcome: string }
    /** A sum of other columns; with `coalesce`, the first column, else the sum of the rest (a row printed as itself or as its sub-rows). */
    | { derivedFrom: readonly string[]; coalesce?: boolean };
}

const figure = (name: string, label: string, meaning: string, source: FigureColumn['source'], derived = false): FigureColumn => ({ name, type: 'DOUBLE', label, meaning, source, ...(derived ? { derived } : {}) });

/** The templates that print something, when not every template does. */
function onlyIn(catalog: Catalog, templates: readonly TemplateId[]): string {
  return templates.length < catalog.templateIds.length ? `；仅${templates.map((t) => catalog.template(t).name).join('、')}` : '';
}

function disclosureColumns(catalog: Catalog): FigureColumn[] {
  const out: FigureColumn[] = [];
  for (const item of catalog.disclosureItems) {
    const codes = [...new Set(catalog.templateIds.flatMap((t) => catalog.measuresOf(item, t)))];
    for (const code of codes) {
      const m = catalog.measure(code);
      const templates = catalog.templateIds.filter((t) => catalog.measuresOf(item, t).includes(code));
      out.push(figure(`${item.code}__${code}`, `${item.short ?? item.label}·${m.short ?? m.label}`, `第二部分 ${item.label}“${m.label}”${m.kind === 'money' ? '（元）' : ''}${onlyIn(catalog, templates)}`, { table: 'disclosures', item: item.code, measure: code }));
    }
  }
  return out;
}

function applicationColumns(catalog: Catalog): FigureColumn[] {
  const out: FigureColumn[] = [];
  for (const row of catalog.applicationRows) {
    const templates = catalog.templatesIn(row.templates);
    out.push(figure(`${row.code}__total`, row.short ?? row.label, `第三部分“${trimLabelNote(row.label)}”的总计栏${onlyIn(catalog, templates)}`, { table: 'applications', row: row.code, applicant: 'total' }));
  }
  for (const a of catalog.applicants) {
    if (a.code === 'total') continue;
    out.push(figure(`new_received__${a.code}`, `本年新收·${a.label}`, `第三部分“本年新收”中${a.label}的申请`, { table: 'applications', row: 'new_received', applicant: a.code }));
  }
  // Each printed group of rows (（三）不予公开 …) summed.
  for (const g of catalog.applicationGroups) {
    const rows = catalog.applicationRows.filter((r) => r.group === g.code).map((r) => `${r.code}__total`);
    if (rows.length === 0) continue;
    out.push(figure(`${g.code}__total`, `${g.label.replace(/^（.）/, '')}（合计）`, `推算：${g.label}下各项总计之和；任一项未披露则为空`, { derivedFrom: rows }, true));
  }
  // A row a template lets be printed as itself or as its sub-rows: one figure either way.
  for (const parent of catalog.applicationRows) {
    const parts = catalog.applicationRows.filter((r) => r.parent === parent.code).map((r) => `${r.code}__total`);
    if (parts.length === 0) continue;
    const label = parent.short ?? trimLabelNote(parent.label);
    out.push(figure(`${parent.code}_any__total`, `${label}（含子项）`, `推算：${parent.number}${label}的总计；只列子项时为子项之和`, { derivedFrom: [`${parent.code}__total`, ...parts], coalesce: true }, true));
  }
  return out;
}

function reviewColumns(catalog: Catalog): FigureColumn[] {
  return catalog.proceedings.flatMap((p) => catalog.outcomes.map((o) => figure(`${p.code}__${o.code}`, `${p.short ?? p.label}·${o.label}`, `第四部分 ${p.label}“${o.label}”`, { table: 'reviews', proceeding: p.code, outcome: o.code })));
}

/** The summary's figure columns for a catalog's templates. */
export function figureColumns(catalog: Catalog): readonly FigureColumn[] {
  return [...disclosureColumns(catalog), ...applicationColumns(catalog), ...reviewColumns(catalog)];
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = figureColumns(CATALOG);

/** Report columns copied into the summary. */
export const SUMMARY_REPORT_COLUMNS = [
  'report_id', 'source_file', 'is_primary', 'status', 'level', 'agency', 'town', 'town_code', 'county', 'county_code', 'city', 'city_code',
  'province', 'province_code', 'year', 'template', 'published_on', 'completeness', 'checks_failed', 'findings_error', 'findings_warning',
  'proactive_items', 'proactive_items_approx', 'quality_index',
] as const;


function pick(col: FigureColumn): string {
  const s = col.source;
  if ('derivedFrom' in s) return '';
  if (s.table === 'disclosures') return `max(value) FILTER (WHERE item = ${sqlString(s.item)} AND measure = ${sqlString(s.measure)})`;
  if (s.table === 'applications') return `max(value) FILTER (WHERE "row" = ${sqlString(s.row)} AND applicant = ${sqlString(s.applicant)})`;
  return `max(value) FILTER (WHERE proceeding = ${sqlString(s.proceeding)} AND outcome = ${sqlString(s.outcome)})`;
}

function derived(col: FigureColumn): string {
  const s = col.source as { derivedFrom: readonly string[]; coalesce?: boolean };
  if (s.coalesce) {
    const [own, ...parts] = s.derivedFrom;
    return `coalesce(${own}, ${parts.join(' + ')})`;
  }
  // A sum with any part missing is missing: NULL propagates through +.
  return s.derivedFrom.join(' + ');
}

/** Only the cells a summary column reads: the pivot then groups a seventh of the application rows. */
function cellsUsed(table: string): string {
  const cols = FIGURE_COLUMNS.filter((c) => 'table' in c.source && c.source.table === table);
  if (table === 'applications') {
    const applicants = [...new Set(cols.map((c) => (c.source as { applicant: string }).applicant))].filter((a) => a !== 'total');
    return `applicant = 'total' OR ("row" = 'new_received' AND applicant IN (${applicants.map(sqlString).join(', ')}))`;
  }
  return 'TRUE';
}

/**
 * Statements that build the summary table from reports, disclosures, applications and reviews.
 * Each table is pivoted on its own (one wide row per report) before the join, so that at national
 * scale only one pivot's hash table is in memory at a time.
 */
export function summarySql(): string[] {
  const byTable = (table: string) => FIGURE_COLUMNS.filter((c) => 'table' in c.source && c.source.table === table);
  const pivot = (table: string) =>
    `CREATE TABLE pivot_${table} AS SELECT report_id, ${byTable(table).map((c) => `CAST(${pick(c)} AS DOUBLE) AS ${c.name}`).join(', ')} FROM ${table} WHERE ${cellsUsed(table)} GROUP BY report_id`;
  const base = FIGURE_COLUMNS.filter((c) => !('derivedFrom' in c.source)).map((c) => c.name);
  const derivedCols = FIGURE_COLUMNS.filter((c) => 'derivedFrom' in c.source).map((c) => `${derived(c)} AS ${c.name}`);
  return [
    pivot('disclosures'),
    pivot('applications'),
    pivot('reviews'),
    `CREATE TABLE summary AS
    WITH wide AS (
      SELECT ${SUMMARY_REPORT_COLUMNS.map((c) => `rep.${c}`).join(', ')}, ${base.join(', ')}
      FROM reports rep LEFT JOIN pivot_disclosures USING (report_id) LEFT JOIN pivot_applications USING (report_id) LEFT JOIN pivot_reviews USING (report_id)
      WHERE rep.status <> 'failed'
    )
    SELECT *, ${derivedCols.join(', ')} FROM wide`,
    'DROP TABLE pivot_disclosures',
    'DROP TABLE pivot_applications',
    'DROP TABLE pivot_reviews',
  ];
}

const summaryTable = (catalog: Catalog): TableSpec => ({
  name: 'summary',
  label: '报告摘要（宽表）',
  meaning: '每份成功解析的报告一行，主要数字各占一列；网站读取此表。带“推算”的列由构建计算，不是报告原文',
  sortBy: ['province_code', 'city_code', 'county_code', 'town_code', 'year', 'report_id'],
  columns: [
    ...SUMMARY_REPORT_COLUMNS.map((name) => reportsTable(catalog).columns.find((c) => c.name === name)!),
    ...figureColumns(catalog),
  ],
});

export const SUMMARY: TableSpec = summaryTable(CATALOG);

export type Grain = 'province' | 'city' | 'county';
export const GRAINS: readonly Grain[] = ['province', 'city', 'county'];

/**
 * The figures totalled by region and year at three grains (by province, by city, by county),
 * with, beside every figure, how many reports gave it. The site reads the few rows of one grain
 * and one region for a view, instead of every report.
 */
export function regionYearSql(catalog: Catalog = CATALOG): string {
  const withItem = itemsNotInEvery(catalog)
    .map((item) => `count(*) FILTER (WHERE ${templateIn(templatesWithItem(item, catalog))}) AS ${reportsWithColumn(item)}`)
    .join(', ');
  const sums = figureColumns(catalog).map((c) => `CAST(sum(${c.name}) AS DOUBLE) AS ${c.name}, count(${c.name}) AS n_${c.name}`).join(', ');
  const keys: Record<Grain, string[]> = {
    province: ['province_code'],
    city: ['province_code', 'city_code'],
    county: ['province_code', 'city_code', 'county_code'],
  };
  const part = (grain: Grain) => {
    const kept = keys[grain];
    const place = (code: string, name: string) => (kept.includes(code) ? `${code}, any_value(${name}) AS ${name}` : `NULL::VARCHAR AS ${code}, NULL::VARCHAR AS ${name}`);
    return `
    SELECT '${grain}' AS grain, level, ${place('province_code', 'province')}, ${place('city_code', 'city')}, ${place('county_code', 'county')}, year,
      count(*) AS reports, ${withItem ? `${withItem}, ` : ''}count(DISTINCT town_code) AS towns,
      CAST(sum(proactive_items) AS DOUBLE) AS proactive_items, count(proactive_items) AS n_proactive_items,
      ${sums}
    FROM summary WHERE is_primary
    GROUP BY level, ${kept.join(', ')}, year`;
  };
  return GRAINS.map(part).join('\n    UNION ALL');
}

const count = (name: string, label: string, meaning: string): Column => ({ name, type: 'BIGINT', label, meaning });

const regionYearTable = (catalog: Catalog): TableSpec => ({
  name: 'region_year',
  label: '按地区和年度汇总',
  meaning: '网站采用的报告按层级、地区和年度汇总，分省、地、县三种粒度（grain）；每个数字列旁的 n_ 列是给出该数字的报告数（未披露的不计入合计）',
  sortBy: ['grain', 'province_code', 'city_code', 'county_code', 'year', 'level'],
  columns: [
    { name: 'grain', type: 'VARCHAR', label: '粒度', meaning: 'province 按省、city 按地市、county 按县区汇总' },
    ...['level', 'province_code', 'province', 'city_code', 'city', 'county_code', 'county', 'year'].map((name) => REPORTS.columns.find((c) => c.name === name)!),
    count('reports', '报告数', '网站采用的报告数'),
    ...itemsNotInEvery(catalog).map((item) => {
      const { label } = catalog.disclosureItem(item);
      const names = templatesWithItem(item, catalog).map((t) => catalog.template(t).name).join('、');
      return count(reportsWithColumn(item), `有“${label}”的报告数`, `所用模板有第二部分“${label}”一行的报告数（${names}）：该项数字的合计只来自这些报告`);
    }),
    count('towns', '乡镇数', '有报告的乡镇街道数'),
    // A sum of reports' counts: the plausible range of one report's count does not bound it.
    { ...REPORTS.columns.find((c) => c.name === 'proactive_items')!, type: 'DOUBLE', meaning: '主动公开信息条数合计', range: undefined },
    count('n_proactive_items', '给出条数的报告数', '正文写明主动公开条数的报告数'),
    ...figureColumns(catalog).flatMap((c) => [{ ...c, meaning: `${c.meaning}；合计` }, count(`n_${c.name}`, `${c.label}（报告数）`, `给出“${c.label}”的报告数`)]),
  ],
});

export const REGION_YEAR: TableSpec = regionYearTable(CATALOG);

/** One row per place that has a report the site uses: what the search box and the place pages list. */
export function placesSql(): string {
  return `
    SELECT
      CASE level WHEN 'town' THEN town_code WHEN 'county' THEN county_code WHEN 'city' THEN city_code WHEN 'province' THEN province_code END AS place_code,
      level,
      any_value(CASE level WHEN 'town' THEN town WHEN 'county' THEN county WHEN 'city' THEN city WHEN 'province' THEN province ELSE agency END) AS name,
      any_value(agency) AS agency,
      any_value(town) AS town, any_value(county) AS county, any_value(county_code) AS county_code,
      any_value(city) AS city, any_value(city_code) AS city_code, any_value(province) AS province, any_value(province_code) AS province_code,
      min(year)::INTEGER AS first_year, max(year)::INTEGER AS last_year, count(*)::INTEGER AS reports
    FROM summary
    WHERE is_primary AND level <> 'department'
      AND (CASE level WHEN 'town' THEN town_code WHEN 'county' THEN county_code WHEN 'city' THEN city_code WHEN 'province' THEN province_code END) IS NOT NULL
    GROUP BY level, place_code`;
}

/** The tables the site reads, for a catalog's templates. */
export const siteTables = (catalog: Catalog): readonly TableSpec[] => [summaryTable(catalog), regionYearTable(catalog), PLACES];

export const PLACES: TableSpec = {
  name: 'places',
  label: '有报告的地方',
  meaning: '每个有网站采用的报告、且已定位到区划代码的地方（乡镇街道、县、市、省）一行；部门报告和未定位的报告不在此表',
  sortBy: ['province_code', 'city_code', 'county_code', 'place_code'],
  columns: [
    { name: 'place_code', type: 'VARCHAR', label: '区划代码', meaning: '该地方在其层级的代码（乡镇 9 位、县 6 位、市 4 位、省 2 位）' },
    REPORTS.columns.find((c) => c.name === 'level')!,
    { name: 'name', type: 'VARCHAR', label: '名称', meaning: '该地方的名称' },
    REPORTS.columns.find((c) => c.name === 'agency')!,
    ...['town', 'county', 'county_code', 'city', 'city_code', 'province', 'province_code'].map((name) => REPORTS.columns.find((c) => c.name === name)!),
    { name: 'first_year', type: 'INTEGER', label: '最早年度', meaning: '最早一份报告的年度' },
    { name: 'last_year', type: 'INTEGER', label: '最近年度', meaning: '最近一份报告的年度' },
    { name: 'reports', type: 'INTEGER', label: '报告数', meaning: '网站采用的报告数' },
  ],
};
