// 依申请公开: requests, their outcomes, carry-overs, reviews and litigation.

import { groupedBars, stackedByYear } from '../../charts/basic.ts';
import { formatCount } from '../../charts/format.ts';
import { byYearSql, dashboardFigure, type DashboardFigure } from '../../db/queries/overview.ts';
import { outcomeTotals } from '../../template/capabilities.ts';
import { APPLICANTS, CARRY_OVER, OUTCOMES, PROCEEDINGS, applicationRow } from '../../template/model.ts';
import { countTick, lacking, measuresByYear, withTotals, type Panel } from '../panel.ts';

const APPLICANT_SERIES = APPLICANTS.filter((a) => a.code !== 'total').map((a) => ({ key: dashboardFigure('new_received', a.code), label: a.label }));
const RECEIVED = dashboardFigure('new_received', 'total');

export const requestsByApplicant: Panel = {
  id: 'requests-by-applicant',
  section: 'applications',
  title: '本年新收政府信息公开申请（按申请人类型）',
  unit: '单位：件',
  note: '第三部分“一、本年新收政府信息公开申请数量”一行。',
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    ...APPLICANT_SERIES.map((s) => ({ key: s.key, label: s.label, kind: 'count' as const })),
    { key: RECEIVED, label: APPLICANTS.find((a) => a.code === 'total')!.label, kind: 'count' },
    { key: 'lacking', label: '未披露的报告', kind: 'count' },
  ],
  sql: (f, b) => byYearSql(f, b),
  shape: (rows) => withTotals(rows, [...APPLICANT_SERIES.map((s) => s.key), RECEIVED]).map((d) => ({ ...d, lacking: lacking(d, RECEIVED, 'reports') })),
  render: (rows, o) =>
    stackedByYear(rows, {
      ...o,
      series: APPLICANT_SERIES,
      label: '件',
      tick: countTick,
      title: (d) => `${d.year} 年 ${d.series}\n${formatCount(d.value as number)} 件`,
    }),
};

const rowName = (code: string) => applicationRow(code).short ?? applicationRow(code).label;

/** The outcomes of section 三: rows on their own, groups of rows summed, 其他处理 with its parts. */
const OUTCOME_SERIES = outcomeTotals().map((o) => ({ key: dashboardFigure(o.row, 'total'), label: o.label }));

export const outcomesShare: Panel = {
  id: 'outcomes-share',
  section: 'applications',
  title: '申请的办理结果（占比）',
  unit: '各年办理结果的构成；表中为件数',
  note: '第三部分“三、本年度办理结果”。“不予公开”“无法提供”“不予处理”为其下各项之和；任一项未披露的报告不计入该项。',
  columns: [
    { key: 'year', label: '年度', kind: 'year' },
    ...OUTCOME_SERIES.map((s) => ({ key: s.key, label: s.label, kind: 'count' as const })),
    { key: dashboardFigure('total_handled', 'total'), label: rowName('total_handled'), kind: 'count' },
  ],
  sql: (f, b) => byYearSql(f, b),
  shape: (rows) => withTotals(rows, [...OUTCOME_SERIES.map((s) => s.key), dashboardFigure('total_handled', 'total')]).filter((d) => OUTCOME_SERIES.some((s) => (d[s.key] as number | null) !== null)),
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

const CARRIED: { key: DashboardFigure; label: string }[] = [CARRY_OVER.in, CARRY_OVER.out].map((row) => ({ key: dashboardFigure(row, 'total'), label: rowName(row) }));

export const carriedOver = measuresByYear({
  id: 'carried-over',
  section: 'applications',
  title: '结转的申请（按年度）',
  unit: '单位：件',
  note: '“二、上年结转”与“四、结转下年度继续办理”。',
  measures: CARRIED,
  measureLabel: '',
  valueLabel: '件数',
});

export const reviewsByOutcome: Panel = {
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
  sql: (f, b) => byYearSql(f, b),
  shape: (rows) =>
    PROCEEDINGS.flatMap((p) =>
      OUTCOMES.filter((o) => o.code !== 'total').map((o) => {
        const key = dashboardFigure(p.code, o.code);
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
