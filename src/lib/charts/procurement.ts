// Procurement charts (政府集中采购, 2019 template): amounts by place and year.

import * as Plot from '@observablehq/plot';
import { plot } from './plot.ts';
import { formatCount, formatYuan, wanTick } from './format.ts';

/** One accent colour, legible on light and dark backgrounds. */
export const ACCENT = '#4e79a7';

export interface ProcurementRow {
  place: string;
  year: number;
  amount: number | null;
  projects: number | null;
}

export interface ChartOptions {
  width: number;
  /** A DOM document to render into (linkedom at build time); the browser's by default. */
  document?: Document;
}

/** Horizontal bars, one per place and year with a figure; longest first. */
export function procurementBars(rows: readonly ProcurementRow[], { width, document }: ChartOptions): SVGSVGElement | HTMLElement {
  const data = rows.filter((r) => r.amount !== null).map((r) => ({ ...r, label: `${r.place}（${r.year}）` }));
  const max = Math.max(0, ...data.map((d) => d.amount ?? 0));
  return plot({
    ...(document ? { document } : {}),
    width,
    height: 40 + 28 * Math.max(data.length, 1),
    marginLeft: Math.min(160, 14 * Math.max(4, ...data.map((d) => d.label.length))),
    marginRight: 70,
    x: { label: '采购总金额（万元）', tickFormat: wanTick, grid: true, domain: [0, max * 1.05 || 1] },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: 'amount', y: 'label', fill: ACCENT, title: (d) => `${d.place} ${d.year} 年\n采购总金额：${formatYuan(d.amount)}\n采购项目：${formatCount(d.projects)} 个` }),
      Plot.text(data, { x: 'amount', y: 'label', text: (d) => formatYuan(d.amount), dx: 4, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  });
}
