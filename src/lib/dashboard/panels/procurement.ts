// 政府集中采购: the procurement panels (only the templates that have the row; the model says which).

import { barsByPlace, barsByYear, dotsByPlace, gridPlaceYear, type Datum } from '../../charts/basic.ts';
import { formatCount, formatYuan } from '../../charts/format.ts';
import { PROCUREMENT_TEMPLATES, byPlaceSql, byYearSql, dashboardFigure, gridSql } from '../../db/queries/overview.ts';
import { templateShortName } from '../../template/capabilities.ts';
import { TEMPLATE_NAMES, disclosureItem, measure } from '../../template/model.ts';
import { drillHref, gave, lacking, withTotals, yuanTick, type Panel } from '../panel.ts';

const ITEM = disclosureItem('procurement').label;
const AMOUNT = dashboardFigure('procurement', 'amount_yuan');
const PROJECTS = dashboardFigure('procurement', 'projects');
const AMOUNT_LABEL = measure('amount_yuan').label;
const PROJECTS_LABEL = measure('projects').label;
/** The reports whose template has the row: every procurement total is out of these. */
const OF = 'procurement_reports';
const OF_LABEL = `${PROCUREMENT_TEMPLATES.map(templateShortName).join('、')}报告`;
const TEMPLATES_TEXT = PROCUREMENT_TEMPLATES.map((t) => TEMPLATE_NAMES[t]).join('、');

/** Totals with the amount per project beside them (only where both are given). */
function withPerProject(rows: Datum[]): Datum[] {
  return withTotals(rows, [AMOUNT, PROJECTS]).map((d) => {
    const amount = d[AMOUNT] as number | null;
    const projects = d[PROJECTS] as number | null;
    return { ...d, per_project: amount !== null && projects ? amount / projects : null };
  });
}

const amountTitle = (d: Datum, where: string) =>
  `${where}\n${AMOUNT_LABEL}：${formatYuan(d[AMOUNT] as number | null)}\n${PROJECTS_LABEL}：${formatCount(d[PROJECTS] as number | null)} 个\n${gave(d, AMOUNT, OF)}`;

export const procurementByYear: Panel = {
  id: 'procurement-by-year',
  section: 'procurement',
  title: `${ITEM}总金额（按年度）`,
  unit: '单位：万元；柱上为金额，表中另列项目数',
  note: `只有 ${TEMPLATES_TEXT}有“${ITEM}”一行。未披露金额的报告不计入合计，表中列出缺少的份数。`,
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    { key: AMOUNT, label: AMOUNT_LABEL, kind: 'yuan' },
    { key: PROJECTS, label: PROJECTS_LABEL, kind: 'count' },
    { key: OF, label: OF_LABEL, kind: 'count' },
    { key: 'lacking', label: '其中未披露金额', kind: 'count' },
  ],
  sql: (f, b) => byYearSql(f, b),
  shape: (rows) =>
    withTotals(rows, [AMOUNT, PROJECTS])
      .filter((d) => Number(d[OF]) > 0)
      .map((d) => ({ ...d, lacking: lacking(d, AMOUNT, OF) })),
  render: (rows, o) =>
    barsByYear(rows, {
      ...o,
      value: AMOUNT,
      label: '万元',
      tick: yuanTick,
      text: formatYuan,
      title: (d) => amountTitle(d, `${d.year} 年`),
    }),
};

export const procurementByPlace: Panel = {
  id: 'procurement-by-place',
  section: 'procurement',
  title: `${ITEM}总金额（按地区）`,
  unit: '单位：万元；所选年度合计，金额最大的 40 个',
  note: '点击某一地区可查看其下一级。未披露金额的报告不计入合计。',
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: AMOUNT, label: AMOUNT_LABEL, kind: 'yuan' },
    { key: PROJECTS, label: PROJECTS_LABEL, kind: 'count' },
    { key: 'per_project', label: '平均每个项目', kind: 'yuan' },
    { key: 'lacking', label: '未披露金额的报告', kind: 'count' },
  ],
  sql: (f, b) => byPlaceSql(f, AMOUNT, undefined, b),
  shape: (rows) =>
    withPerProject(rows).map((d) => ({ ...d, lacking: lacking(d, AMOUNT, OF) })),
  render: (rows, o, f) =>
    barsByPlace(rows, {
      ...o,
      value: AMOUNT,
      label: '万元',
      tick: yuanTick,
      text: formatYuan,
      title: (d) => amountTitle(d, String(d.place)),
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};

export const procurementPerProject: Panel = {
  id: 'procurement-per-project',
  section: 'procurement',
  title: '平均每个采购项目的金额',
  unit: '单位：元（对数刻度）',
  note: '采购总金额除以采购项目数，只计两者都给出的报告。过小或过大的数值往往是金额单位（元、万元）填错。',
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: 'per_project', label: '平均每个项目', kind: 'yuan' },
    { key: AMOUNT, label: AMOUNT_LABEL, kind: 'yuan' },
    { key: PROJECTS, label: PROJECTS_LABEL, kind: 'count' },
  ],
  sql: (f, b) => byPlaceSql(f, AMOUNT, undefined, b),
  shape: (rows) =>
    withPerProject(rows)
      .filter((d) => d.per_project !== null && (d.per_project as number) > 0)
      .sort((a, b) => (b.per_project as number) - (a.per_project as number)),
  render: (rows, o, f) =>
    dotsByPlace(rows, {
      ...o,
      value: 'per_project',
      label: '元',
      tick: (v) => formatYuan(v),
      text: formatYuan,
      title: (d) => `${d.place}\n平均每个项目：${formatYuan(d.per_project as number)}\n（${formatYuan(d[AMOUNT] as number)} ÷ ${formatCount(d[PROJECTS] as number)} 个）`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};

export const procurementGrid: Panel = {
  id: 'procurement-grid',
  section: 'procurement',
  title: `${ITEM}金额：地区 × 年度`,
  unit: '颜色越深金额越大；灰色为报告未披露',
  note: `金额最大的 30 个地区。空白表示该年没有使用 ${TEMPLATES_TEXT} 的报告（其他模板没有这一行）。`,
  columns: [
    { key: 'place', label: '地区', kind: 'text' },
    { key: 'year', label: '年度', kind: 'year' },
    { key: 'value', label: AMOUNT_LABEL, kind: 'yuan' },
    { key: OF, label: OF_LABEL, kind: 'count' },
    { key: 'n_value', label: '给出金额的报告', kind: 'count' },
  ],
  sql: (f, b) => gridSql(f, AMOUNT, undefined, b),
  render: (rows, o, f) =>
    gridPlaceYear(rows, {
      ...o,
      label: AMOUNT_LABEL,
      text: (v) => (v === null ? '未披露' : formatYuan(v)),
      title: (d) => `${d.place} ${d.year} 年\n${AMOUNT_LABEL}：${formatYuan(d.value as number | null)}\n${formatCount(d.n_value as number)}/${formatCount(d[OF] as number)} 份报告给出`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};
