// 主动公开: proactive disclosure and the section 二 counts.

import { barsByPlace, barsByYear } from '../../charts/basic.ts';
import { formatCount } from '../../charts/format.ts';
import { byPlaceSql, byYearSql, dashboardFigure, type DashboardFigure } from '../../db/queries/overview.ts';
import { leadingMeasures, templateShortName } from '../../template/capabilities.ts';
import { disclosureItem, measure } from '../../template/model.ts';
import { countTick, drillHref, gave, lacking, measuresByYear, withTotals, type Panel } from '../panel.ts';

export const proactiveByYear: Panel = {
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
  sql: (f, b) => byYearSql(f, b),
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

export const proactiveByPlace: Panel = {
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
  sql: (f, b) => byPlaceSql(f, 'proactive_items', undefined, b),
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

const itemName = (code: string) => disclosureItem(code).short ?? disclosureItem(code).label;

/** Section 二 counts of new documents, each template's measure on its own (they count different things). */
const DOCUMENT_ITEMS = ['regulations', 'normative_docs'];
const SECTION_2_MEASURES: { key: DashboardFigure; label: string }[] = DOCUMENT_ITEMS.flatMap((item) =>
  leadingMeasures(item).map((m) => ({
    key: dashboardFigure(item, m.measure),
    label: `${itemName(item)}·${measure(m.measure).short ?? measure(m.measure).label}（${m.templates.map(templateShortName).join('、')}）`,
  })),
);
/** What each template calls its count of new documents, for the note. */
const DOCUMENT_MEASURES_TEXT = leadingMeasures(DOCUMENT_ITEMS[0])
  .map((m) => `${m.templates.map(templateShortName).join('、')}模板填“${measure(m.measure).label}”`)
  .join('，');

const DECISIONS: { key: DashboardFigure; label: string }[] = ['licensing', 'penalty', 'coercion'].map((item) => ({ key: dashboardFigure(item, 'decisions'), label: itemName(item) }));

export const documentsByYear = measuresByYear({
  id: 'documents-by-year',
  section: 'disclosure',
  title: '规章与规范性文件（按年度）',
  unit: '单位：件；两版模板的指标不同，分开列出',
  note: `${DOCUMENT_MEASURES_TEXT}，不同版本的数字不可相加。`,
  measures: SECTION_2_MEASURES,
  measureLabel: '指标',
  valueLabel: '件数',
});

export const decisionsByYear = measuresByYear({
  id: 'decisions-by-year',
  section: 'disclosure',
  title: '行政许可、行政处罚、行政强制决定（按年度）',
  unit: '单位：件',
  note: '两版模板都要求填写本年处理决定数量。',
  measures: DECISIONS,
  measureLabel: '事项',
  valueLabel: '决定数量',
});
