// The table behind every chart: what the chart shows, as rows a screen
// reader can read and a spreadsheet can open (CSV, UTF-8 with a BOM).

import Papa from 'papaparse';
import { formatCount, formatShare, formatYuan } from './format.ts';

export type ColumnKind = 'text' | 'year' | 'count' | 'yuan' | 'share';

export interface TableColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export type TableRow = Record<string, string | number | boolean | null>;

export function formatCell(value: TableRow[string], kind: ColumnKind): string {
  if (kind === 'text' || kind === 'year') return value === null || value === undefined ? '' : String(value);
  const n = value === null || value === undefined ? null : Number(value);
  if (kind === 'yuan') return formatYuan(n);
  if (kind === 'share') return formatShare(n);
  return formatCount(n);
}

/** Decimals a CSV keeps: fen for money, four for a share (0.1234 = 12.34%), two for anything else derived. */
const CSV_DECIMALS: Record<ColumnKind, number | null> = { text: null, year: null, yuan: 2, share: 4, count: 2 };

/** A figure as a spreadsheet should get it: a plain number, rounded (an average of 1612333.3333333333 元 is 1612333.33). */
export function csvValue(value: TableRow[string] | undefined, kind: ColumnKind): string | number | boolean {
  if (value === null || value === undefined) return '';
  const decimals = CSV_DECIMALS[kind];
  if (decimals === null || typeof value !== 'number') return value;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** CSV of exactly the rows shown, raw numbers (yuan) rather than formatted text; empty for 未披露. */
export function tableCsv(columns: readonly TableColumn[], rows: readonly TableRow[]): string {
  const header = columns.map((c) => (c.kind === 'yuan' ? `${c.label}（元）` : c.label));
  const body = rows.map((r) => columns.map((c) => csvValue(r[c.key], c.kind)));
  return `\uFEFF${Papa.unparse([header, ...body], { newline: '\r\n' })}\r\n`;
}

export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** Sorted rows: numbers by value, text by its Chinese collation; a missing figure last either way. */
export function sortRows(rows: readonly TableRow[], sort: { key: string; descending: boolean } | null): TableRow[] {
  if (!sort) return [...rows];
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const [x, y] = [a[sort.key], b[sort.key]];
    if (x === null || x === undefined || x === '') return y === null || y === undefined || y === '' ? 0 : 1;
    if (y === null || y === undefined || y === '') return -1;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN'));
  });
}
