// Summary tables for the site, derived from the long tables with SQL that the
// template model writes: one wide row per report (summary) and totals by
// region and year (region_year). The browser reads these, a few columns and
// row groups at a time, instead of the long tables.

import {
  APPLICANTS,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  DISCLOSURE_ITEMS,
  OUTCOMES,
  PROCEEDINGS,
  TEMPLATES,
  measure,
  measuresOf,
} from '../template/model.ts';
import { REPORTS, type Column, type TableSpec } from './schema.ts';
import { sqlString } from '../sql.ts';

/** A figure column of the summary: where it comes from, or how it is derived. */
export interface FigureColumn extends Column {
  source: { table: 'disclosures'; item: string; measure: string } | { table: 'applications'; row: string; applicant: string } | { table: 'reviews'; proceeding: string; outcome: string } | { derivedFrom: readonly string[] };
}

const figure = (name: string, label: string, meaning: string, source: FigureColumn['source'], derived = false): FigureColumn => ({ name, type: 'DOUBLE', label, meaning, source, ...(derived ? { derived } : {}) });

function disclosureColumns(): FigureColumn[] {
  const out: FigureColumn[] = [];
  for (const item of DISCLOSURE_ITEMS) {
    const codes = [...new Set(TEMPLATES.flatMap((t) => measuresOf(item, t)))];
    for (const code of codes) {
      const m = measure(code);
      const templates = TEMPLATES.filter((t) => measuresOf(item, t).includes(code));
      out.push(figure(`${item.code}__${code}`, `${item.short ?? item.label}·${m.short ?? m.label}`, `第二部分 ${item.label}“${m.label}”${m.kind === 'money' ? '（元）' : ''}；仅 ${templates.join('、')} 年版模板`, { table: 'disclosures', item: item.code, measure: code }));
    }
  }
  return out;
}

const GROUP_ROWS: Record<string, string[]> = {
  denied: APPLICATION_ROWS.filter((r) => r.group === 'denied').map((r) => r.code),
  unavailable: APPLICATION_ROWS.filter((r) => r.group === 'unavailable').map((r) => r.code),
  not_processed: APPLICATION_ROWS.filter((r) => r.group === 'not_processed').map((r) => r.code),
};

function applicationColumns(): FigureColumn[] {
  const out: FigureColumn[] = [];
  for (const row of APPLICATION_ROWS) {
    out.push(figure(`${row.code}__total`, row.short ?? row.label, `第三部分“${row.label.replace(/（.*$/, '')}”的总计栏`, { table: 'applications', row: row.code, applicant: 'total' }));
  }
  for (const a of APPLICANTS) {
    if (a.code === 'total') continue;
    out.push(figure(`new_received__${a.code}`, `本年新收·${a.label}`, `第三部分“本年新收”中${a.label}的申请`, { table: 'applications', row: 'new_received', applicant: a.code }));
  }
  for (const [group, rows] of Object.entries(GROUP_ROWS)) {
    const g = APPLICATION_GROUPS.find((x) => x.code === group)!;
    out.push(figure(`${group}__total`, `${g.label.replace(/^（.）/, '')}（合计）`, `推算：${g.label}下各项总计之和；任一项未披露则为空`, { derivedFrom: rows.map((r) => `${r}__total`) }, true));
  }
  const subRows = APPLICATION_ROWS.filter((r) => r.parent === 'other_handling').map((r) => `${r.code}__total`);
  out.push(figure('other_handling_any__total', '其他处理（含子项）', '推算：（六）其他处理的总计；2021 年版只列三个子项时为子项之和', { derivedFrom: ['other_handling__total', ...subRows] }, true));
  return out;
}

function reviewColumns(): FigureColumn[] {
  return PROCEEDINGS.flatMap((p) => OUTCOMES.map((o) => figure(`${p.code}__${o.code}`, `${p.short ?? p.label}·${o.label}`, `第四部分 ${p.label}“${o.label}”`, { table: 'reviews', proceeding: p.code, outcome: o.code })));
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [...disclosureColumns(), ...applicationColumns(), ...reviewColumns()];

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
  const s = col.source as { derivedFrom: readonly string[] };
  if (col.name === 'other_handling_any__total') {
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

export const SUMMARY: TableSpec = {
  name: 'summary',
  label: '报告摘要（宽表）',
  meaning: '每份成功解析的报告一行，主要数字各占一列；网站读取此表。带“推算”的列由构建计算，不是报告原文',
  sortBy: ['province_code', 'city_code', 'county_code', 'town_code', 'year', 'report_id'],
  columns: [
    ...SUMMARY_REPORT_COLUMNS.map((name) => REPORTS.columns.find((c) => c.name === name)!),
    ...FIGURE_COLUMNS,
  ],
};

export type Grain = 'province' | 'city' | 'county';
export const GRAINS: readonly Grain[] = ['province', 'city', 'county'];

/**
 * The figures totalled by region and year at three grains (by province, by city, by county),
 * with, beside every figure, how many reports gave it. The site reads the few rows of one grain
 * and one region for a view, instead of every report.
 */
export function regionYearSql(): string {
  const sums = FIGURE_COLUMNS.map((c) => `CAST(sum(${c.name}) AS DOUBLE) AS ${c.name}, count(${c.name}) AS n_${c.name}`).join(', ');
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
      count(*) AS reports, count(*) FILTER (WHERE template = '2019') AS reports_2019, count(DISTINCT town_code) AS towns,
      CAST(sum(proactive_items) AS DOUBLE) AS proactive_items, count(proactive_items) AS n_proactive_items,
      ${sums}
    FROM summary WHERE is_primary
    GROUP BY level, ${kept.join(', ')}, year`;
  };
  return GRAINS.map(part).join('\n    UNION ALL');
}

const count = (name: string, label: string, meaning: string): Column => ({ name, type: 'BIGINT', label, meaning });

export const REGION_YEAR: TableSpec = {
  name: 'region_year',
  label: '按地区和年度汇总',
  meaning: '网站采用的报告按层级、地区和年度汇总，分省、地、县三种粒度（grain）；每个数字列旁的 n_ 列是给出该数字的报告数（未披露的不计入合计）',
  sortBy: ['grain', 'province_code', 'city_code', 'county_code', 'year', 'level'],
  columns: [
    { name: 'grain', type: 'VARCHAR', label: '粒度', meaning: 'province 按省、city 按地市、county 按县区汇总' },
    ...['level', 'province_code', 'province', 'city_code', 'city', 'county_code', 'county', 'year'].map((name) => REPORTS.columns.find((c) => c.name === name)!),
    count('reports', '报告数', '网站采用的报告数'),
    count('reports_2019', '2019 年版报告数', '使用 2019 年版模板的报告数（只有这一版有政府集中采购一行）'),
    count('towns', '乡镇数', '有报告的乡镇街道数'),
    // A sum of reports' counts: the plausible range of one report's count does not bound it.
    { ...REPORTS.columns.find((c) => c.name === 'proactive_items')!, type: 'DOUBLE', meaning: '主动公开信息条数合计', range: undefined },
    count('n_proactive_items', '给出条数的报告数', '正文写明主动公开条数的报告数'),
    ...FIGURE_COLUMNS.flatMap((c) => [{ ...c, meaning: `${c.meaning}；合计` }, count(`n_${c.name}`, `${c.label}（报告数）`, `给出“${c.label}”的报告数`)]),
  ],
};

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
