// Browser side of ChartFigure.astro: puts a freshly rendered chart and its
// table into the figure the build rendered.

import { chartRole } from './plot.ts';
import { chartWidth } from './width.ts';
import { csvDataUrl, formatCell, tableCsv, type TableColumn, type TableRow } from './table.ts';

export function updateFigure(figure: HTMLElement, chart: Element | null, columns: readonly TableColumn[], rows: readonly TableRow[], renderedBy = 'duckdb'): void {
  const plot = figure.querySelector('.plot');
  if (plot) {
    plot.replaceChildren();
    plot.setAttribute('role', chartRole(chart && rows.length ? chart : null));
    if (chart && rows.length) plot.append(chart);
    else {
      const p = document.createElement('p');
      p.className = 'missing';
      p.textContent = '当前筛选条件下没有数据。';
      plot.append(p);
    }
  }
  const csv = figure.querySelector<HTMLAnchorElement>('a.csv');
  if (csv) csv.href = csvDataUrl(tableCsv(columns, rows));
  const tbody = figure.querySelector('table.data tbody');
  if (tbody) {
    tbody.replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        for (const c of columns) {
          const td = document.createElement('td');
          if (c.kind !== 'text' && c.kind !== 'year') td.className = 'num';
          td.textContent = formatCell(r[c.key], c.kind);
          tr.append(td);
        }
        return tr;
      }),
    );
  }
  const json = figure.querySelector('script.chart-rows');
  if (json) json.textContent = JSON.stringify(rows);
  if (chart) figure.dataset.width = String(chartWidth(figure));
  figure.dataset.renderedBy = renderedBy;
}

export { chartWidth };
