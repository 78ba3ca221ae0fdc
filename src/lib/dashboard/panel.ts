// What a panel of the overview is, and the small helpers the panels share.

import { groupedBars, type Datum, type RenderOptions } from '../charts/basic.ts';
import { formatCount, wanTick } from '../charts/format.ts';
import type { TableColumn } from '../charts/table.ts';
import { filterToParams, groupingOf, type Filter, type Grouping } from '../db/filter.ts';
import { byYearSql, type DashboardFigure } from '../db/queries/overview.ts';
import { url } from '../site.ts';
import type { Batch } from '../db/batch.ts';

export type Section = 'procurement' | 'disclosure' | 'applications';

export interface Panel {
  id: string;
  section: Section;
  title: string;
  unit: string;
  note: string;
  columns: readonly TableColumn[];
  /** Its statement: for one view, or (with a batch, db/batch.ts) for many. */
  sql(f: Filter, b?: Batch): string;
  /** The rows the chart draws and the table lists (the same rows: the table is what the chart shows). */
  shape?(rows: Datum[], f: Filter): Datum[];
  render(rows: readonly Datum[], o: RenderOptions, f: Filter): Element;
}

export const GROUP_NAMES: Record<Grouping, string> = { province: '省份', city: '地市', county: '县区', town: '乡镇街道' };

/** Where a click on a place leads: the view one level down, or the place's own page for a town. */
export function drillHref(f: Filter, placeKey: string | null): string | null {
  if (!placeKey) return null;
  const grouping = groupingOf(f);
  if (grouping === 'town') return /^\d{9}$/.test(placeKey) ? url(`place/?code=${placeKey}`) : null;
  const next: Filter = { ...f, q: null, by: null };
  if (grouping === 'province') next.province = placeKey;
  else if (grouping === 'city') next.city = placeKey;
  else next.county = placeKey;
  const params = filterToParams(next).toString();
  return `${url('')}${params ? `?${params}` : ''}`;
}

export const yuanTick = (v: number) => wanTick(v);
export const countTick = (v: number) => formatCount(v);
export const gave = (d: Datum, key: string, of: string) => `${formatCount(Number(d[`n_${key}`] ?? 0))}/${formatCount(Number(d[of] ?? 0))} 份报告给出`;
export const lacking = (d: Datum, key: string, of: string) => Math.max(0, Number(d[of] ?? 0) - Number(d[`n_${key}`] ?? 0));

/** A figure's total, null when no report gives it (未披露, not 0). */
export function total(d: Datum, key: string): number | null {
  return Number(d[`n_${key}`] ?? 0) > 0 ? Number(d[key]) : null;
}

export function withTotals(rows: Datum[], keys: readonly string[]): Datum[] {
  return rows.map((d) => ({ ...d, ...Object.fromEntries(keys.map((k) => [k, total(d, k)])) }));
}

export function longByYear(rows: Datum[], measures: readonly { key: string; label: string }[]): Datum[] {
  return rows.flatMap((d) => measures.map((m) => ({ year: String(d.year), measure: m.label, value: total(d, m.key), given: Number(d[`n_${m.key}`] ?? 0), reports: d.reports })));
}

/** Grouped bars of a few measures by year, each template's measure kept apart where they differ. */
export function measuresByYear(spec: { id: string; section: Section; title: string; unit: string; note: string; measures: readonly { key: DashboardFigure; label: string }[]; measureLabel: string; valueLabel: string }): Panel {
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
    sql: (f, b) => byYearSql(f, b),
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
