// A place's key figure over the years beside the median of its peers (the
// place page's small multiples). A year whose report does not give the figure
// is marked 未披露 on the axis, not drawn as 0; a year whose template has no
// such figure is marked 模板无此项; a year without a report, 无报告.

import * as Plot from '@observablehq/plot';
import { plot } from './plot.ts';
import { ACCENT, type Datum, type RenderOptions } from './basic.ts';
import { fewFigures } from './few.ts';
import { MISSING, formatCount, formatYuan, wanTick } from './format.ts';

export const PEER_COLOUR = '#8c8c8c';

export interface TrendOptions extends RenderOptions {
  kind: 'count' | 'yuan';
  /** Axis label (万元, 条, 件). */
  label: string;
  place: string;
  peers: string;
}

/**
 * Rows: year, value (the place's), median (its peers'), n (peers giving it), has_report, in_template.
 * The place is a solid line with dots and labels; the peers' median a dashed grey line.
 */
export function trendChart(rows: readonly Datum[], o: TrendOptions): Element {
  const data: Datum[] = rows.map((d) => ({ ...d, year: String(d.year) }));
  const text = (v: number | null) => (o.kind === 'yuan' ? formatYuan(v) : formatCount(v));
  const present = data.filter((d) => d.value !== null);
  const gaps = data
    .filter((d) => d.value === null)
    .map((d) => ({ ...d, why: !d.has_report ? '无报告' : d.in_template === false ? '模板无此项' : MISSING }));
  const medians = data.filter((d) => d.median !== null);
  // One year of the place's own figure is not a trend: say it, with the peers' median beside it.
  if (present.length < 2)
    return fewFigures(
      data.map((d) => ({
        label: `${d.year} 年`,
        text: d.value === null ? (d.has_report ? (d.in_template === false ? '模板无此项' : MISSING) : '无报告') : text(d.value as number),
        ...(d.median === null ? {} : { detail: `${o.peers}中位数 ${text(d.median as number)}` }),
      })),
      { document: o.document, note: present.length ? '只有一年的数字，不画趋势。' : '各年都没有这个数字。' },
    );
  const title = (d: Datum) =>
    `${d.year} 年\n${o.place}：${d.value === null ? (d.has_report ? MISSING : '无报告') : text(d.value as number)}\n${o.peers}中位数：${d.median === null ? '—' : text(d.median as number)}（${formatCount(Number(d.n ?? 0))} 个给出）`;
  return plot({
    ...(o.document ? { document: o.document } : {}),
    width: o.width,
    height: 210,
    marginLeft: 56,
    marginTop: 24,
    style: { fontSize: '12px', overflow: 'visible' },
    x: { label: null, type: 'point', domain: data.map((d) => d.year), inset: 24 },
    y: { label: o.label, grid: true, nice: true, zero: true, tickFormat: o.kind === 'yuan' ? wanTick : (v: number) => formatCount(v) },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(medians, { x: 'year', y: 'median', stroke: PEER_COLOUR, strokeDasharray: '5 4', strokeWidth: 1.5 }),
      Plot.dot(medians, { x: 'year', y: 'median', stroke: PEER_COLOUR, fill: 'var(--panel, white)', r: 3.5, title }),
      Plot.lineY(data, { x: 'year', y: 'value', stroke: ACCENT, strokeWidth: 2 }),
      Plot.dot(present, { x: 'year', y: 'value', fill: ACCENT, r: 4.5, title }),
      Plot.text(present, { x: 'year', y: 'value', text: (d: Datum) => text(d.value as number), dy: -11, fill: 'currentColor', fontSize: 11 }),
      Plot.text(gaps, { x: 'year', y: 0, text: 'why', dy: -8, fill: 'currentColor', fillOpacity: 0.65, fontSize: 11, title }),
    ],
  }) as Element;
}
