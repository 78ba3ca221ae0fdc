// What happens to tables on their way into a report's text: cells lost from
// a row, a row that lost its leading empty cells, a misspelt row label, a cell
// filled with a placeholder ('—', '/') instead of a figure.

import type { Rng } from './prng.ts';
import type { Table, TableId, TRow } from './tables.ts';

/** A printed row: `${table}:${code}` ('reviews:reviews' for section 四). */
export type RowKey = `${TableId}:${string}`;
/** One figure cell: `${table}:${code}:${index of the figure in its row}`. */
export type CellKey = `${RowKey}:${number}`;

const dataRow = (tables: Record<TableId, Table>, key: RowKey): TRow | undefined => {
  const [table, code] = key.split(':') as [TableId, string];
  return tables[table].rows.find((r) => r.kind === 'data' && r.code === code);
};

/** A row printed with fewer figures than columns: some cells are simply gone. */
export function loseCells(rng: Rng, tables: Record<TableId, Table>, key: RowKey): void {
  const row = dataRow(tables, key);
  if (!row) return;
  const n = row.figures.length;
  const drop = new Set<number>();
  const k = n === 1 ? 1 : rng.int(1, n - 1);
  while (drop.size < k) drop.add(rng.int(0, n - 1));
  row.figures = row.figures.filter((_, i) => !drop.has(i));
}

/** One row of section 三 lost its leading empty cells (data/raw/000: '7. 属于行政执法案卷⇥⇥0⇥…⇥0⇥'). */
export function shiftRow(rng: Rng, table: Table): void {
  const rows = table.rows.filter((r) => r.kind === 'data' && r.depth === 2 && r.labels[0] === '' && r.labels[1] === '');
  if (rows.length === 0) return;
  const row = rng.pick(rows);
  row.labels = [row.labels[2], ''];
  row.figures = [...row.figures, ''];
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]\s*|\d+[.、]\s*)?/;

/**
 * A character dropped from one row label of sections 二 and 三, as in data/raw/001_huaian
 * ('2.其他法律行政止公开'). Only labels of at least eight characters that are not wrapped.
 * Returns false when no row qualifies.
 */
export function misspell(rng: Rng, tables: Record<TableId, Table>): boolean {
  const candidates: { row: TRow; at: number }[] = [];
  for (const t of [tables.disclosure, tables.applications]) {
    for (const row of t.rows) {
      if (row.kind !== 'data') continue;
      const at = row.labels.findLastIndex((l) => l !== '');
      const label = row.labels[at] ?? '';
      const words = label.slice(NUMBERING.exec(label)![0].length);
      if (label.length <= 18 && words.replace(/[“”"]/g, '').length >= 8) candidates.push({ row, at });
    }
  }
  if (candidates.length === 0) return false;
  const { row, at } = rng.pick(candidates);
  const label = row.labels[at];
  const start = NUMBERING.exec(label)![0].length;
  const positions: number[] = [];
  for (let i = start + 2; i < label.length - 1; i++) if (/[\u4e00-\u9fff]/.test(label[i])) positions.push(i);
  const i = rng.pick(positions);
  row.labels = row.labels.map((l, k) => (k === at ? l.slice(0, i) + l.slice(i + 1) : l));
  return true;
}

const PLACEHOLDERS = ['—', '/', '-', '无', '——', '/'];

/** Writes a placeholder instead of the figure in each of `cells` (zero figures only: '—' for nothing). */
export function placeholders(rng: Rng, tables: Record<TableId, Table>, cells: Iterable<CellKey>): void {
  const mark = rng.pick(PLACEHOLDERS);
  for (const cell of cells) {
    const cut = cell.lastIndexOf(':');
    const row = dataRow(tables, cell.slice(0, cut) as RowKey);
    const index = Number(cell.slice(cut + 1));
    if (row) row.figures = row.figures.map((f, k) => (k === index ? mark : f));
  }
}
