// The overview's panels: for each chart, its query, how its rows become the
// chart and the table beside it, and its words. The page renders them at
// build time for the default view; the browser renders them again for any
// other filter. Nothing here knows which of the two it is in.

import { barsByPlace, barsByYear, dotsByPlace, gridPlaceYear, groupedBars, stackedByYear, type Datum, type RenderOptions } from '../charts/basic.ts';
import { formatCount, formatYuan, wanTick } from '../charts/format.ts';
import type { TableColumn, TableRow } from '../charts/table.ts';
import { filterToParams, groupingOf, type Filter, type Grouping } from '../db/filter.ts';
import { byPlaceSql, byYearSql, gridSql, type DashboardFigure } from '../db/queries/overview.ts';
import { APPLICANTS, OUTCOMES, PROCEEDINGS } from '../template/model.ts';
import { url } from '../site.ts';

export type Section = 'procurement' | 'disclosure' | 'applications';

export interface Panel {
  id: string;
  section: Section;
  title: string;
  unit: string;
  note: string;
  columns: readonly TableColumn[];
  sql(f: Filter): string;
  /** The rows the chart draws and the table lists (the same rows: the table is what the chart shows). */
  shape?(rows: Datum[], f: Filter): Datum[];
  render(rows: readonly Datum[], o: RenderOptions, f: Filter): Element;
}

const GROUP_NAMES: Record<Grouping, string> = { province: '省份', city: '地市', county: '县区', town: '乡镇街道' };

/** Where a click on a place leads: the view one level down, or the place's own page for a town. */
export function drillHref(f: Filter, placeKey: string | null): string | null {
  if (!placeKey) return null;
  const grouping = groupingOf(f);
  if (grouping === 'town') return /^\d{9}$/.test(placeKey) ? url(`place/?code=${placeKey}`) : null;
  const next: Filter = { ...f, q: null };
  if (grouping === 'province') next.province = placeKey;
  else if (grouping === 'city') next.city = placeKey;
  else next.county = placeKey;
  const params = filterToParams(next).toString();
  return `${url('')}${params ? `?${params}` : ''}`;
}

const yuanTick = (v: number) => wanTick(v);
const countTick = (v: number) => formatCount(v);
const gave = (d: Datum, key: string, of: string) => `${formatCount(Number(d[`n_${key}`] ?? 0))}/${formatCount(Number(d[of] ?? 0))} 份报告给出`;
const lacking = (d: Datum, key: string, of: string) => Math.max(0, Number(d[of] ?? 0) - Number(d[`n_${key}`] ?? 0));

/** A figure's total, null when no report gives it (未披露, not 0). */
function total(d: Datum, key: string): number | null {
  return Number(d[`n_${key}`] ?? 0) > 0 ? Number(d[key]) : null;
}

function withTotals(rows: Datum[], keys: readonly string[]): Datum[] {
  return rows.map((d) => ({ ...d, ...Object.fromEntries(keys.map((k) => [k, total(d, k)])) }));
}

// ---------------------------------------------------------------------------
// 政府集中采购

const procurementByYear: Panel = {
  id: 'procurement-by-year',
  section: 'procurement',
  title: '政府集中采购总金额（按年度）',
  unit: '单位：万元；柱上为金额，表中另列项目数',
  note: '只有 2019 年版模板（2019、2020 年度报告）有“政府集中采购”一行。未披露金额的报告不计入合计，表中列出缺少的份数。',
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    { key: 'procurement__amount_yuan', label: '采购总金额', kind: 'yuan' },
    { key: 'procurement__projects', label: '采购项目数', kind: 'count' },
    { key: 'reports_2019', label: '2019 年版报告', kind: 'count' },
    { key: 'lacking', label: '其中未披露金额', kind: 'count' },
  ],
  sql: (f) => byYearSql(f),
  shape: (rows) =>
    withTotals(rows, ['procurement__amount_yuan', 'procurement__projects'])
      .filter((d) => Number(d.reports_2019) > 0)
      .map((d) => ({ ...d, lacking: lacking(d, 'procurement__amount_yuan', 'reports_2019') })),
  render: (rows, o) =>
    barsByYear(rows, {
      ...o,
      value: 'procurement__amount_yuan',
      label: '万元',
      tick: yuanTick,
      text: formatYuan,
      title: (d) => `${d.year} 年\n采购总金额：${formatYuan(d.procurement__amount_yuan as number | null)}\n采购项目：${formatCount(d.procurement__projects as number | null)} 个\n${gave(d, 'procurement__amount_yuan', 'reports_2019')}`,
    }),
};

const procurementByPlace: Panel = {
  id: 'procurement-by-place',
  section: 'procurement',
  title: '政府集中采购总金额（按地区）',
  unit: '单位：万元；所选年度合计，金额最大的 40 个',
  note: '点击某一地区可查看其下一级。未披露金额的报告不计入合计。',
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: 'procurement__amount_yuan', label: '采购总金额', kind: 'yuan' },
    { key: 'procurement__projects', label: '采购项目数', kind: 'count' },
    { key: 'per_project', label: '平均每个项目', kind: 'yuan' },
    { key: 'lacking', label: '未披露金额的报告', kind: 'count' },
  ],
  sql: (f) => byPlaceSql(f, 'procurement__amount_yuan'),
  shape: (rows) =>
    withTotals(rows, ['procurement__amount_yuan', 'procurement__projects']).map((d) => {
      const amount = d.procurement__amount_yuan as number | null;
      const projects = d.procurement__projects as number | null;
      return { ...d, per_project: amount !== null && projects ? amount / projects : null, lacking: lacking(d, 'procurement__amount_yuan', 'reports_2019') };
    }),
  render: (rows, o, f) =>
    barsByPlace(rows, {
      ...o,
      value: 'procurement__amount_yuan',
      label: '万元',
      tick: yuanTick,
      text: formatYuan,
      title: (d) => `${d.place}\n采购总金额：${formatYuan(d.procurement__amount_yuan as number | null)}\n采购项目：${formatCount(d.procurement__projects as number | null)} 个\n${gave(d, 'procurement__amount_yuan', 'reports_2019')}`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};

const procurementPerProject: Panel = {
  id: 'procurement-per-project',
  section: 'procurement',
  title: '平均每个采购项目的金额',
  unit: '单位：元（对数刻度）',
  note: '采购总金额除以采购项目数，只计两者都给出的报告。过小或过大的数值往往是金额单位（元、万元）填错。',
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: 'per_project', label: '平均每个项目', kind: 'yuan' },
    { key: 'procurement__amount_yuan', label: '采购总金额', kind: 'yuan' },
    { key: 'procurement__projects', label: '采购项目数', kind: 'count' },
  ],
  sql: (f) => byPlaceSql(f, 'procurement__amount_yuan'),
  shape: (rows) =>
    withTotals(rows, ['procurement__amount_yuan', 'procurement__projects'])
      .map((d) => {
        const amount = d.procurement__amount_yuan as number | null;
        const projects = d.procurement__projects as number | null;
        return { ...d, per_project: amount !== null && projects ? amount / projects : null };
      })
      .filter((d) => d.per_project !== null && (d.per_project as number) > 0)
      .sort((a, b) => (b.per_project as number) - (a.per_project as number)),
  render: (rows, o, f) =>
    dotsByPlace(rows, {
      ...o,
      value: 'per_project',
      label: '元',
      tick: (v) => formatYuan(v),
      text: formatYuan,
      title: (d) => `${d.place}\n平均每个项目：${formatYuan(d.per_project as number)}\n（${formatYuan(d.procurement__amount_yuan as number)} ÷ ${formatCount(d.procurement__projects as number)} 个）`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};

const procurementGrid: Panel = {
  id: 'procurement-grid',
  section: 'procurement',
  title: '政府集中采购金额：地区 × 年度',
  unit: '颜色越深金额越大；灰色为报告未披露',
  note: '金额最大的 30 个地区。空白表示该年没有使用 2019 年版模板的报告（2021 年起的模板没有这一行）。',
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: 'year', label: '年度', kind: 'year' },
    { key: 'value', label: '采购总金额', kind: 'yuan' },
    { key: 'reports_2019', label: '2019 年版报告', kind: 'count' },
    { key: 'n_value', label: '给出金额的报告', kind: 'count' },
  ],
  sql: (f) => gridSql(f, 'procurement__amount_yuan'),
  render: (rows, o, f) =>
    gridPlaceYear(rows, {
      ...o,
      label: '采购总金额',
      text: (v) => (v === null ? '未披露' : formatYuan(v)),
      title: (d) => `${d.place} ${d.year} 年\n采购总金额：${formatYuan(d.value as number | null)}\n${formatCount(d.n_value as number)}/${formatCount(d.reports_2019 as number)} 份报告给出`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};

// ---------------------------------------------------------------------------
// 主动公开

const proactiveByYear: Panel = {
  id: 'proactive-by-year',
  section: 'disclosure',
  title: '主动公开政府信息条数（按年度）',
  unit: '单位：条；报告正文所述全年主动公开总条数',
  note: '取自各报告第一部分的叙述（“主动公开政府信息 N 条”；“余条”按所写数字计）。未写明条数的报告不计入。',
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    { key: 'proactive_items', label: '主动公开条数', kind: 'count' },
    { key: 'reports', label: '报告', kind: 'count' },
    { key: 'lacking', label: '其中未写明条数', kind: 'count' },
  ],
  sql: (f) => byYearSql(f),
  shape: (rows) => withTotals(rows, ['proactive_items']).map((d) => ({ ...d, lacking: lacking(d, 'proactive_items', 'reports') })),
  render: (rows, o) =>
    barsByYear(rows, {
      ...o,
      value: 'proactive_items',
      label: '条',
      tick: countTick,
      text: formatCount,
      title: (d) => `${d.year} 年\n主动公开：${formatCount(d.proactive_items as number | null)} 条\n${gave(d, 'proactive_items', 'reports')}`,
    }),
};

const proactiveByPlace: Panel = {
  id: 'proactive-by-place',
  section: 'disclosure',
  title: '主动公开政府信息条数（按地区）',
  unit: '单位：条；所选年度合计，最多的 40 个',
  note: '点击某一地区可查看其下一级。',
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: 'proactive_items', label: '主动公开条数', kind: 'count' },
    { key: 'reports', label: '报告', kind: 'count' },
    { key: 'lacking', label: '未写明条数的报告', kind: 'count' },
  ],
  sql: (f) => byPlaceSql(f, 'proactive_items'),
  shape: (rows) => withTotals(rows, ['proactive_items']).map((d) => ({ ...d, lacking: lacking(d, 'proactive_items', 'reports') })),
  render: (rows, o, f) =>
    barsByPlace(rows, {
      ...o,
      value: 'proactive_items',
      label: '条',
      tick: countTick,
      text: formatCount,
      title: (d) => `${d.place}\n主动公开：${formatCount(d.proactive_items as number | null)} 条\n${gave(d, 'proactive_items', 'reports')}`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};

/** Section 二 counts, each template's measure on its own (they count different things). */
const SECTION_2_MEASURES: { key: DashboardFigure; label: string }[] = [
  { key: 'regulations__new_made', label: '规章·本年新制作（2019版）' },
  { key: 'regulations__issued', label: '规章·本年制发（2021版）' },
  { key: 'normative_docs__new_made', label: '规范性文件·本年新制作（2019版）' },
  { key: 'normative_docs__issued', label: '规范性文件·本年制发（2021版）' },
];

const DECISIONS: { key: DashboardFigure; label: string }[] = [
  { key: 'licensing__decisions', label: '行政许可' },
  { key: 'penalty__decisions', label: '行政处罚' },
  { key: 'coercion__decisions', label: '行政强制' },
];

function longByYear(rows: Datum[], measures: readonly { key: string; label: string }[]): Datum[] {
  return rows.flatMap((d) => measures.map((m) => ({ year: String(d.year), measure: m.label, value: total(d, m.key), given: Number(d[`n_${m.key}`] ?? 0), reports: d.reports })));
}

/** Grouped bars of a few measures by year, each template's measure kept apart where they differ. */
function measuresByYear(spec: { id: string; section: Section; title: string; unit: string; note: string; measures: readonly { key: DashboardFigure; label: string }[]; measureLabel: string; valueLabel: string }): Panel {
  return {
    id: spec.id,
    section: spec.section,
    title: spec.title,
    unit: spec.unit,
    note: spec.note,
    columns: [
      { key: 'year', label: '年度', kind: 'year' },
      { key: 'measure', label: spec.measureLabel, kind: 'text' },
      { key: 'value', label: spec.valueLabel, kind: 'count' },
      { key: 'given', label: '给出该数的报告', kind: 'count' },
    ],
    sql: (f) => byYearSql(f),
    shape: (rows) => longByYear(rows, spec.measures).filter((d) => d.given !== 0),
    render: (rows, o) =>
      groupedBars(rows, {
        ...o,
        group: 'year',
        bar: 'measure',
        groups: [...new Set(rows.map((d) => String(d.year)))],
        bars: spec.measures.map((m) => m.label).filter((l) => rows.some((d) => d.measure === l)),
        label: '件',
        tick: countTick,
        text: formatCount,
        title: (d) => `${d.year} 年 ${d.measure}\n${formatCount(d.value as number | null)} 件（${formatCount(d.given as number)} 份报告给出）`,
      }),
  };
}

const documentsByYear = measuresByYear({
  id: 'documents-by-year',
  section: 'disclosure',
  title: '规章与规范性文件（按年度）',
  unit: '单位：件；两版模板的指标不同，分开列出',
  note: '2019 年版模板填“本年新制作数量”，2021 年版填“本年制发件数”，两者不可相加。',
  measures: SECTION_2_MEASURES,
  measureLabel: '指标',
  valueLabel: '件数',
});

const decisionsByYear = measuresByYear({
  id: 'decisions-by-year',
  section: 'disclosure',
  title: '行政许可、行政处罚、行政强制决定（按年度）',
  unit: '单位：件',
  note: '两版模板都要求填写本年处理决定数量。',
  measures: DECISIONS,
  measureLabel: '事项',
  valueLabel: '决定数量',
});

// ---------------------------------------------------------------------------
// 依申请公开

const APPLICANT_SERIES = APPLICANTS.filter((a) => a.code !== 'total').map((a) => ({ key: `new_received__${a.code}`, label: a.label }));

const requestsByApplicant: Panel = {
  id: 'requests-by-applicant',
  section: 'applications',
  title: '本年新收政府信息公开申请（按申请人类型）',
  unit: '单位：件',
  note: '第三部分“一、本年新收政府信息公开申请数量”一行。',
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    ...APPLICANT_SERIES.map((s) => ({ key: s.key, label: s.label, kind: 'count' as const })),
    { key: 'new_received__total', label: '总计', kind: 'count' },
    { key: 'lacking', label: '未披露的报告', kind: 'count' },
  ],
  sql: (f) => byYearSql(f),
  shape: (rows) => withTotals(rows, [...APPLICANT_SERIES.map((s) => s.key), 'new_received__total']).map((d) => ({ ...d, lacking: lacking(d, 'new_received__total', 'reports') })),
  render: (rows, o) =>
    stackedByYear(rows, {
      ...o,
      series: APPLICANT_SERIES,
      label: '件',
      tick: countTick,
      title: (d) => `${d.year} 年 ${d.series}\n${formatCount(d.value as number)} 件`,
    }),
};

const OUTCOME_SERIES = [
  { key: 'granted__total', label: '予以公开' },
  { key: 'partly_granted__total', label: '部分公开' },
  { key: 'denied__total', label: '不予公开' },
  { key: 'unavailable__total', label: '无法提供' },
  { key: 'not_processed__total', label: '不予处理' },
  { key: 'other_handling_any__total', label: '其他处理' },
];

const outcomesShare: Panel = {
  id: 'outcomes-share',
  section: 'applications',
  title: '申请的办理结果（占比）',
  unit: '各年办理结果的构成；表中为件数',
  note: '第三部分“三、本年度办理结果”。“不予公开”“无法提供”“不予处理”为其下各项之和；任一项未披露的报告不计入该项。',
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    ...OUTCOME_SERIES.map((s) => ({ key: s.key, label: s.label, kind: 'count' as const })),
    { key: 'total_handled__total', label: '办理结果总计', kind: 'count' },
  ],
  sql: (f) => byYearSql(f),
  shape: (rows) => withTotals(rows, [...OUTCOME_SERIES.map((s) => s.key), 'total_handled__total']).filter((d) => OUTCOME_SERIES.some((s) => (d[s.key] as number | null) !== null)),
  render: (rows, o) =>
    stackedByYear(rows, {
      ...o,
      series: OUTCOME_SERIES,
      label: '占比（%）',
      tick: (v) => `${v}`,
      normalize: true,
      title: (d) => `${d.year} 年 ${d.series}\n${formatCount(d.value as number)} 件`,
    }),
};

const CARRIED: { key: DashboardFigure; label: string }[] = [
  { key: 'carried_over_in__total', label: '上年结转' },
  { key: 'carried_over_out__total', label: '结转下年度' },
];

const carriedOver = measuresByYear({
  id: 'carried-over',
  section: 'applications',
  title: '结转的申请（按年度）',
  unit: '单位：件',
  note: '“二、上年结转”与“四、结转下年度继续办理”。',
  measures: CARRIED,
  measureLabel: '',
  valueLabel: '件数',
});

const REVIEW_KEYS = PROCEEDINGS.flatMap((p) => OUTCOMES.map((o) => `${p.code}__${o.code}` as DashboardFigure));

const reviewsByOutcome: Panel = {
  id: 'reviews-by-outcome',
  section: 'applications',
  title: '行政复议和行政诉讼（按结果）',
  unit: '单位：件；所选年度合计',
  note: '第四部分。行政诉讼分“未经复议直接起诉”和“复议后起诉”。',
  columns: [
    { key: 'proceeding', label: '程序', kind: 'text' },
    { key: 'outcome', label: '结果', kind: 'text' },
    { key: 'value', label: '件数', kind: 'count' },
    { key: 'given', label: '给出该数的报告', kind: 'count' },
  ],
  sql: (f) => byYearSql(f),
  shape: (rows) =>
    PROCEEDINGS.flatMap((p) =>
      OUTCOMES.filter((o) => o.code !== 'total').map((o) => {
        const key = `${p.code}__${o.code}`;
        const given = rows.reduce((s, d) => s + Number(d[`n_${key}`] ?? 0), 0);
        const value = given > 0 ? rows.reduce((s, d) => s + Number(d[key] ?? 0), 0) : null;
        return { proceeding: p.short ?? p.label, outcome: o.label, value, given };
      }),
    ),
  render: (rows, o) =>
    groupedBars(rows, {
      ...o,
      group: 'proceeding',
      bar: 'outcome',
      groups: PROCEEDINGS.map((p) => p.short ?? p.label),
      bars: OUTCOMES.filter((x) => x.code !== 'total').map((x) => x.label),
      label: '件',
      tick: countTick,
      text: formatCount,
      title: (d) => `${d.proceeding}·${d.outcome}\n${formatCount(d.value as number | null)} 件（${formatCount(d.given as number)} 份报告给出）`,
    }),
};

export const PANELS: readonly Panel[] = [
  procurementByYear,
  procurementByPlace,
  procurementPerProject,
  procurementGrid,
  proactiveByYear,
  proactiveByPlace,
  documentsByYear,
  decisionsByYear,
  requestsByApplicant,
  outcomesShare,
  carriedOver,
  reviewsByOutcome,
];

export const SECTIONS: { id: Section; title: string; lede: string }[] = [
  { id: 'procurement', title: '政府集中采购', lede: '乡镇街道通过政府集中采购花了多少钱（2019 年版模板第二部分第二十条第（九）项）。' },
  { id: 'disclosure', title: '主动公开', lede: '主动公开了多少信息，制发了多少规章和规范性文件，作出了多少许可、处罚和强制决定（第一、二部分）。' },
  { id: 'applications', title: '依申请公开', lede: '收到多少信息公开申请、来自谁、结果如何，以及由此引起的行政复议和诉讼（第三、四部分）。' },
];

export function groupName(f: Filter): string {
  return GROUP_NAMES[groupingOf(f)];
}

/** Runs a panel's query through a runner and shapes the rows. */
export async function panelRows(panel: Panel, f: Filter, query: (sql: string) => Promise<Datum[]>): Promise<TableRow[]> {
  const rows = await query(panel.sql(f));
  return (panel.shape ? panel.shape(rows, f) : rows) as TableRow[];
}

/**
 * A query function that runs each distinct statement once: the panels share three queries (by year,
 * by place, the grid), so a view costs a handful of round trips to the engine, not one per chart.
 */
export function sharedQueries(query: (sql: string) => Promise<Datum[]>): (sql: string) => Promise<Datum[]> {
  const seen = new Map<string, Promise<Datum[]>>();
  return (sql) => {
    let pending = seen.get(sql);
    if (!pending) {
      pending = query(sql);
      seen.set(sql, pending);
    }
    // Each panel shapes its own copy.
    return pending.then((rows) => rows.map((r) => ({ ...r })));
  };
}

