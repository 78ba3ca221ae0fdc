// Browser side of ChartFigure.astro: puts a freshly rendered chart and its
// table into the figure the build rendered.

import { chartRole } from './plot.ts';
import { chartWidth } from './width.ts';
import { fill, h } from '../dom.ts';
import { csvDataUrl, formatCell, tableCsv, type TableColumn, type TableRow } from './table.ts';

export function updateFigure(figure: HTMLElement, chart: Element | null, columns: readonly TableColumn[], rows: readonly TableRow[], renderedBy = 'duckdb'): void {
  const plot = figure.querySelector('.plot');
  if (plot) {
    plot.replaceChildren();
    plot.setAttribute('role', chartRole(chart && rows.length ? chart : null));
    if (chart && rows.length) plot.append(chart);
    else plot.append(h(document, 'p', { class: 'missing' }, '当前筛选条件下没有数据。'));
  }
  const csv = figure.querySelector<HTMLAnchorElement>('a.csv');
  if (csv) csv.href = csvDataUrl(tableCsv(columns, rows));
  const tbody = figure.querySelector('table.data tbody');
  if (tbody) {
    fill(tbody, rows.map((r) => h(document, 'tr', {}, columns.map((c) => h(document, 'td', { class: c.kind !== 'text' && c.kind !== 'year' ? 'num' : undefined }, formatCell(r[c.key], c.kind))))));
  }
  const json = figure.querySelector('script.chart-rows');
  if (json) json.textContent = JSON.stringify(rows);
  if (chart) figure.dataset.width = String(chartWidth(figure));
  figure.dataset.renderedBy = renderedBy;
}

export { chartWidth };
