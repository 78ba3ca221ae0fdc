// The peer comparison's small multiples: one figure across the towns of a
// group, the picked town highlighted and the peers' median marked. Up to 40
// towns are bars with their names; a larger group (a province) is a strip of
// dots, one a town. Towns whose report does not give the figure are not drawn
// (the caption counts them); they are never drawn as 0.

import * as Plot from '@observablehq/plot';
import { plot } from './plot.ts';
import { ACCENT, type Datum, type RenderOptions } from './basic.ts';
import { formatCount, formatYuan, wanTick } from './format.ts';
import { PEER_COLOUR } from './place.ts';

export interface PeerChartOptions extends RenderOptions {
  kind: 'count' | 'yuan';
  label: string;
  median: number | null;
}

const MAX_BARS = 40;

/** Rows: name, value, is_self (the picked town), rank, n. */
export function peerChart(rows: readonly Datum[], o: PeerChartOptions): Element {
  const text = (v: number | null) => (o.kind === 'yuan' ? formatYuan(v) : formatCount(v));
  // Counts are whole: no 0.2, 0.4 … ticks on a small scale.
  const tick = o.kind === 'yuan' ? wanTick : (v: number) => (Number.isInteger(v) ? formatCount(v) : '');
  const data = rows.filter((d) => d.value !== null).sort((a, b) => Number(b.value) - Number(a.value));
  const fill = (d: Datum) => (d.is_self ? ACCENT : PEER_COLOUR);
  const title = (d: Datum) => `${d.name}\n${text(d.value as number)}\n第 ${d.rank} 名（共 ${d.n} 个给出）`;
  // All zeros (common: no requests, no penalties) still need a scale with some width.
  const top = Math.max(0, o.median ?? 0, ...data.map((d) => Number(d.value))) || 1;
  const domain = [Math.min(0, ...data.map((d) => Number(d.value))), top];
  const medianMarks = o.median === null ? [] : [Plot.ruleX([o.median], { stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.8 })];
  const base = { ...(o.document ? { document: o.document } : {}), width: o.width, style: { fontSize: '11px', overflow: 'visible' } };
  if (data.length <= MAX_BARS) {
    const self = data.filter((d) => d.is_self);
    const others = data.filter((d) => !d.is_self);
    const label = (d: Datum) => text(d.value as number);
    const longest = Math.max(3, ...data.map((d) => String(d.name).length));
    return plot({
      ...base,
      height: 40 + 22 * Math.max(1, data.length),
      marginTop: 32,
      marginBottom: 8,
      marginLeft: Math.min(140, 12 * longest + 10),
      marginRight: 64,
      x: { label: o.label, grid: true, nice: true, axis: 'top', tickFormat: tick, ticks: 4, domain },
      y: { label: null, domain: data.map((d) => String(d.name)) },
      marks: [
        Plot.barX(data, { x: 'value', y: 'name', fill, title }),
        Plot.text(others, { x: 'value', y: 'name', text: label, dx: 4, textAnchor: 'start', fill: 'currentColor' }),
        Plot.text(self, { x: 'value', y: 'name', text: label, dx: 4, textAnchor: 'start', fill: 'currentColor', fontWeight: 'bold' }),
        ...medianMarks,
        Plot.ruleX([0]),
      ],
    }) as Element;
  }
  const self = data.filter((d) => d.is_self);
  return plot({
    ...base,
    height: 90,
    marginLeft: 12,
    marginRight: 24,
    x: { label: o.label, grid: true, nice: true, tickFormat: tick, ticks: 5, domain },
    marks: [
      Plot.dotX(data.filter((d) => !d.is_self), { x: 'value', fill: PEER_COLOUR, fillOpacity: 0.35, r: 3, title }),
      ...medianMarks,
      Plot.dotX(self, { x: 'value', fill: ACCENT, stroke: 'white', r: 6, title }),
      // The label runs away from the nearer edge, so that it is never cut off.
      Plot.text(self, {
        x: 'value',
        text: (d: Datum) => `${d.name} ${text(d.value as number)}`,
        dy: -14,
        textAnchor: self.length && Number(self[0].value) > (domain[0] + domain[1]) / 2 ? 'end' : 'start',
        dx: self.length && Number(self[0].value) > (domain[0] + domain[1]) / 2 ? 6 : -6,
        fill: 'currentColor',
        fontWeight: 'bold',
      }),
    ],
  }) as Element;
}
