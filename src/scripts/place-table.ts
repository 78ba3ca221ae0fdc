// The overview's by-place table in the browser. Its year and "list towns"
// controls change the view (a new query, through the page's `go`); choosing
// the figures shown or a sort changes only the table (the page's `go` sees
// that the data are the same and redraws the rows it has). All of it lives in
// the URL. The CSV is made from the rows whenever they change.

import type { TableRow } from '../lib/charts/table';
import type { Filter } from '../lib/db/filter';
import { h } from '../lib/dom';

export interface PlaceTableHost {
  current(): Filter;
  go(f: Filter, push: boolean): void;
  hrefOf(f: Filter): string;
}

const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel);
let rows: TableRow[] = JSON.parse($('#place-table-rows')?.textContent || '[]') as TableRow[];
let csvUrl: string | null = null;
let host: PlaceTableHost;

const control = (name: string) => $<HTMLSelectElement>(`#place-table-controls select[name="${name}"]`)!;

/** The year select shows a single year, 全部年度, or the filter's range as an extra option. */
function syncControls(f: Filter) {
  const year = control('year');
  year.querySelector('option[data-range]')?.remove();
  if (f.from === null && f.to === null) year.value = '';
  else if (f.from !== null && f.from === f.to) year.value = String(f.from);
  else {
    year.add(h(document, 'option', { value: 'range', selected: true, 'data-range': true }, `所选年度（${f.from ?? '最早'}–${f.to ?? '最近'}）`) as HTMLOptionElement, 1);
    year.value = 'range';
  }
  control('by').value = f.by ?? '';
  control('t').value = f.table ?? control('t').options[0].value;
}

async function draw(f: Filter) {
  const { placeTable, rowsNote, sortOf } = await import('../lib/dashboard/place-table');
  const wrap = $('#place-table-wrap')!;
  wrap.replaceChildren(placeTable(rows, { document, group: f.table, sort: sortOf(f), sortHref: (sort) => host.hrefOf({ ...f, sort }) }));
  $('#place-table-note')!.textContent = rowsNote(rows.length);
  syncControls(f);
}


export function bindPlaceTable(h: PlaceTableHost): void {
  host = h;
  const controls = $('#place-table-controls')!;
  controls.addEventListener('change', (e) => {
    const select = e.target as HTMLSelectElement;
    const f = host.current();
    if (select.name === 't') host.go({ ...f, table: select.value }, true);
    else if (select.name === 'by') host.go({ ...f, by: select.value === 'town' ? 'town' : null }, true);
    else if (select.name === 'year' && select.value !== 'range') {
      const year = select.value ? Number(select.value) : null;
      host.go({ ...f, from: year, to: year }, true);
    }
  });
  // A sort link is followed here, without a query (the page's own link handling would run one).
  $<HTMLElement>('#place-table-wrap')!.addEventListener('click', (e) => {
    const a = (e.target as Element).closest<HTMLAnchorElement>('a[data-sort]');
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    host.go({ ...host.current(), sort: a.dataset.sort! }, true);
  });
}

/** New rows for a view (after its query), or the same rows for a new sort or group. */
export async function showPlaceTable(f: Filter, next: TableRow[] | null = null): Promise<void> {
  const link = $<HTMLAnchorElement>('#place-table-csv')!;
  if (next) {
    rows = next;
    const { placeTableCsv } = await import('../lib/dashboard/place-table');
    // A blob, not a data: URL: every town of a country for a year is some megabytes of CSV.
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = URL.createObjectURL(new Blob([placeTableCsv(rows)], { type: 'text/csv;charset=utf-8' }));
    link.href = csvUrl;
  }
  // Named for what it holds, so that downloads of different views do not overwrite each other.
  link.download = `按地方列表${f.by ? '-乡镇街道' : ''}${f.from !== null && f.from === f.to ? `-${f.from}` : ''}.csv`;
  await draw(f);
}
