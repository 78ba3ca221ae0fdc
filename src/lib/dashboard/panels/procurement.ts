// 政府集中采购: the procurement panels (2019 template only).

import { barsByPlace, barsByYear, dotsByPlace, gridPlaceYear } from '../../charts/basic.ts';
import { formatCount, formatYuan } from '../../charts/format.ts';
import { byPlaceSql, byYearSql, gridSql } from '../../db/queries/overview.ts';
import { drillHref, gave, lacking, withTotals, yuanTick, type Panel } from '../panel.ts';

export const procurementByYear: Panel = {
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
  sql: (f, b) => byYearSql(f, b),
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

export const procurementByPlace: Panel = {
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
  sql: (f, b) => byPlaceSql(f, 'procurement__amount_yuan', undefined, b),
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

export const procurementPerProject: Panel = {
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
  sql: (f, b) => byPlaceSql(f, 'procurement__amount_yuan', undefined, b),
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

export const procurementGrid: Panel = {
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
  sql: (f, b) => gridSql(f, 'procurement__amount_yuan', undefined, b),
  render: (rows, o, f) =>
    gridPlaceYear(rows, {
      ...o,
      label: '采购总金额',
      text: (v) => (v === null ? '未披露' : formatYuan(v)),
      title: (d) => `${d.place} ${d.year} 年\n采购总金额：${formatYuan(d.value as number | null)}\n${formatCount(d.n_value as number)}/${formatCount(d.reports_2019 as number)} 份报告给出`,
      href: (d) => drillHref(f, d.place_key as string | null),
    }),
};
