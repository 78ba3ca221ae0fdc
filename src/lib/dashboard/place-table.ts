// The overview's by-place table: every figure of the dashboard for each place
// and year of the view, sortable, and as a CSV a spreadsheet opens as it is
// (Chinese headers with the data dictionary's codes beside them, place names
// and codes, money in yuan). The columns and their words come from the
// summary's figure columns, which the template model writes.

import { csvValue, formatCell, sortRows, type ColumnKind, type TableRow } from '../charts/table.ts';
import { FIGURE_COLUMNS } from '../build/summary.ts';
import { REPORTS } from '../build/schema.ts';
import { DASHBOARD_FIGURES, type DashboardFigure } from '../db/queries/overview.ts';
import { LEVEL_NAMES, type Filter, type LevelFilter } from '../db/filter.ts';
import { h } from '../dom.ts';
import Papa from 'papaparse';

export interface TableGroup {
  id: string;
  label: string;
}

/** The table shows one group of figures at a time (a phone has room for a few columns); the CSV has them all. */
export const TABLE_GROUPS: readonly TableGroup[] = [
  { id: 'procurement', label: '政府集中采购' },
  { id: 'disclosure', label: '主动公开' },
  { id: 'applications', label: '依申请公开' },
  { id: 'reviews', label: '行政复议和诉讼' },
];

export interface FigureColumnView {
  code: DashboardFigure;
  label: string;
  kind: ColumnKind;
  group: string;
}

function groupOf(code: string): string {
  const source = FIGURE_COLUMNS.find((c) => c.name === code)?.source;
  if (!source || ('table' in source && source.table === 'disclosures')) return code.startsWith('procurement__') ? 'procurement' : 'disclosure';
  if ('table' in source && source.table === 'reviews') return 'reviews';
  return 'applications';
}

/** Every dashboard figure, with its Chinese name, its kind and its group. */
export const FIGURES: readonly FigureColumnView[] = DASHBOARD_FIGURES.map((code) => {
  const column = FIGURE_COLUMNS.find((c) => c.name === code) ?? REPORTS.columns.find((c) => c.name === code);
  return { code, label: column?.label ?? code, kind: code.endsWith('_yuan') ? 'yuan' : 'count', group: groupOf(code) };
});

/** The columns every row starts with. */
const PLACE_COLUMNS = [
  { key: 'place', label: '地方', kind: 'text' },
  { key: 'code', label: '代码', kind: 'text' },
  { key: 'year', label: '年度', kind: 'year' },
  { key: 'reports', label: '报告', kind: 'count' },
] as const satisfies readonly { key: string; label: string; kind: ColumnKind }[];

/** How many rows the page shows (all of them go into the CSV). */
export const SHOWN_ROWS = 300;

/** A place's code: a region's, or a town's nine digits; none for a report placed nowhere. */
const placeCode = (key: unknown) => (typeof key === 'string' && /^\d{2,12}$/.test(key) ? key : '');

/** Rows of the by-place query, with the code column and the levels in Chinese. */
export function tableRows(rows: readonly Record<string, unknown>[]): TableRow[] {
  return rows.map((r) => ({
    ...(r as TableRow),
    code: placeCode(r.place_key),
    levels: String(r.levels ?? '')
      .split(',')
      .filter(Boolean)
      .map((l) => LEVEL_NAMES[l as LevelFilter] ?? l)
      .join('、'),
  }));
}

export function groupFigures(group: string | null | undefined): readonly FigureColumnView[] {
  const id = TABLE_GROUPS.some((g) => g.id === group) ? group : TABLE_GROUPS[0].id;
  return FIGURES.filter((f) => f.group === id);
}

/** The sort a view asks for, if it names a column of the table; else the place, then the year. */
export function sortOf(f: Pick<Filter, 'sort'>): { key: string; descending: boolean } | null {
  if (!f.sort) return null;
  const descending = f.sort.startsWith('-');
  const key = descending ? f.sort.slice(1) : f.sort;
  return PLACE_COLUMNS.some((c) => c.key === key) || FIGURES.some((c) => c.code === key) ? { key, descending } : null;
}

export interface PlaceTableOptions {
  document: Document;
  group: string | null | undefined;
  sort: { key: string; descending: boolean } | null;
  /** The href of the view sorted by a column (a link, so that the sort lives in the URL and works without a script). */
  sortHref: (sort: string) => string;
}

/** The table of one group of figures, sorted, at most SHOWN_ROWS rows. */
export function placeTable(rows: readonly TableRow[], o: PlaceTableOptions): HTMLElement {
  const doc = o.document;
  const figures = groupFigures(o.group);
  const columns = [...PLACE_COLUMNS, ...figures.map((f) => ({ key: f.code, label: f.label, kind: f.kind }))];
  const numeric = (kind: ColumnKind) => kind !== 'text' && kind !== 'year';
  const header = columns.map((c) => {
    const active = o.sort?.key === c.key;
    // A first press sorts figures largest first and names in order; a second press reverses it.
    const next = active ? (o.sort!.descending ? c.key : `-${c.key}`) : numeric(c.kind) ? `-${c.key}` : c.key;
    return h(
      doc,
      'th',
      { scope: 'col', class: numeric(c.kind) ? 'num' : null, 'aria-sort': active ? (o.sort!.descending ? 'descending' : 'ascending') : null },
      h(doc, 'a', { href: o.sortHref(next), 'data-sort': next, title: `按“${c.label}”排序` }, c.label, active ? (o.sort!.descending ? ' ▼' : ' ▲') : ''),
    );
  });
  const shown = sortRows(rows, o.sort).slice(0, SHOWN_ROWS);
  return h(
    doc,
    'table',
    { class: 'data place-table' },
    h(doc, 'caption', { class: 'sr-only' }, `按地方列出的${TABLE_GROUPS.find((g) => g.id === (figures[0]?.group ?? ''))?.label ?? ''}数字`),
    h(doc, 'thead', {}, h(doc, 'tr', {}, header)),
    h(
      doc,
      'tbody',
      {},
      shown.map((r) => h(doc, 'tr', {}, columns.map((c) => h(doc, c.key === 'place' ? 'th' : 'td', { scope: c.key === 'place' ? 'row' : null, class: numeric(c.kind) ? 'num' : null }, c.key === 'code' ? String(r.code ?? '') : formatCell(r[c.key], c.kind))))),
    ),
  );
}

/** A line on the rows: how many, and how many the page shows. */
export function rowsNote(count: number): string {
  if (count === 0) return '所选范围内没有报告。';
  return count > SHOWN_ROWS ? `共 ${count.toLocaleString('zh-CN')} 行，页面显示排序后的前 ${SHOWN_ROWS} 行；CSV 包含全部行和全部指标。` : `共 ${count.toLocaleString('zh-CN')} 行；CSV 另含其他各组指标。`;
}

/**
 * Every row with every figure, as CSV with a BOM: 地方, 代码, 层级, 年度, 报告数, then each figure
 * as “名称（元） code”. Money is in yuan, to the fen; a figure no report gave is empty, never 0.
 */
export function placeTableCsv(rows: readonly TableRow[]): string {
  const header = ['地方', '代码', '层级', '年度', '报告数', ...FIGURES.map((f) => `${f.label}${f.kind === 'yuan' ? '（元）' : ''} ${f.code}`)];
  const body = rows.map((r) => [
    String(r.place ?? ''),
    String(r.code ?? ''),
    String(r.levels ?? ''),
    r.year ?? '',
    r.reports ?? '',
    ...FIGURES.map((f) => csvValue(r[f.code], f.kind)),
  ]);
  return `\uFEFF${Papa.unparse([header, ...body], { newline: '\r\n' })}\r\n`;
}
