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

/** CSV of exactly the rows shown, raw numbers (yuan) rather than formatted text; empty for 未披露. */
export function tableCsv(columns: readonly TableColumn[], rows: readonly TableRow[]): string {
  const header = columns.map((c) => (c.kind === 'yuan' ? `${c.label}（元）` : c.label));
  const body = rows.map((r) => columns.map((c) => r[c.key] ?? ''));
  return `\uFEFF${Papa.unparse([header, ...body], { newline: '\r\n' })}\r\n`;
}

export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}
