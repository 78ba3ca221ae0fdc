// HTML tables to grids: one row per <tr>, rowspan and colspan expanded so
// every cell lands in the column it stands under. A spanned cell's text is
// kept in its first (top-left) position; the other positions it covers get an
// empty cell, so figures further right keep their column.

import { descendants, type HtmlElement } from './html-tree.ts';

/** Largest spans honoured (as in browsers' table layout). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
/** A cell with more text than this is page layout, not a data table. */
const LAYOUT_CELL_CHARS = 600;

export interface TableParts {
  /** <caption> and any stray non-row content, in document order before the rows. */
  before: HtmlElement[];
  /** Rows in document order, each with its cell elements (td, th). */
  rows: HtmlElement[][];
}

/** The rows of a table: direct <tr> children and those of thead/tbody/tfoot, not of nested tables. */
export function tableParts(table: HtmlElement): TableParts {
  const before: HtmlElement[] = [];
  const rows: HtmlElement[][] = [];
  const addRow = (tr: HtmlElement) => {
    rows.push(tr.children.filter((c): c is HtmlElement => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th')));
  };
  for (const child of table.children) {
    if (typeof child === 'string') continue;
    if (child.tag === 'tr') addRow(child);
    else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') {
      for (const c of child.children) if (typeof c !== 'string' && c.tag === 'tr') addRow(c);
    } else if (child.tag === 'caption') before.push(child);
  }
  return { before, rows };
}

function containsTable(el: HtmlElement): boolean {
  for (const d of descendants(el)) if (d.tag === 'table') return true;
  return false;
}

/**
 * True when a table lays out a page rather than holding data: a cell holds
 * another table or a long stretch of text. Such tables are read as ordinary
 * blocks, cell after cell.
 */
export function isLayoutTable(parts: TableParts, cellText: (cell: HtmlElement) => string): boolean {
  for (const row of parts.rows) {
    for (const cell of row) {
      if (containsTable(cell) || cellText(cell).length > LAYOUT_CELL_CHARS) return true;
    }
  }
  return false;
}

/**
 * Lays the rows out on a grid. Returns one array of cell texts per row; a
 * row is as long as the positions it fills, its own cells or spans from
 * rows above.
 */
export function expandGrid(rows: string[][], spans: Array<Array<{ rowspan: number; colspan: number }>>): string[][] {
  const grid: string[][] = rows.map(() => []);
  for (let r = 0; r < rows.length; r++) {
    const line = grid[r];
    let c = 0;
    for (let i = 0; i < rows[r].length; i++) {
      while (line[c] !== undefined) c++;
      const { rowspan, colspan } = spans[r][i];
      const cs = Math.min(Math.max(colspan, 1), MAX_COLSPAN);
      // rowspan="0" spans to the end of the table.
      const rs = Math.min(rowspan === 0 ? rows.length - r : Math.max(rowspan, 1), MAX_ROWSPAN, rows.length - r);
      for (let dr = 0; dr < rs; dr++) {
        const target = grid[r + dr];
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc] === undefined) target[c + dc] = dr === 0 && dc === 0 ? rows[r][i] : '';
        }
      }
      c += cs;
    }
  }
  // Holes (a row with fewer cells than a span above skips) become empty cells.
  return grid.map((line) => Array.from(line, (v) => v ?? ''));
}

/** Cell text as one line: its lines joined (without a space between two hanzi), tabs made spaces. */
export function cellLine(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.replace(/\t/g, ' ');
    if (line === '') continue;
    if (out !== '') {
      const a = out.charCodeAt(out.length - 1);
      const b = line.charCodeAt(0);
      if (a < 0x2e80 || b < 0x2e80) out += ' ';
    }
    out += line;
  }
  return out;
}

/** Table rows as text lines with cells joined by TAB; rows without any text are left out. */
export function tableLines(parts: TableParts, cellText: (cell: HtmlElement) => string): string[] {
  const texts = parts.rows.map((row) => row.map(cellText));
  const spans = parts.rows.map((row) => row.map((cell) => ({ rowspan: cell.rowspan, colspan: cell.colspan })));
  const lines: string[] = [];
  for (const row of expandGrid(texts, spans)) {
    if (row.some((cell) => cell !== '')) lines.push(row.join('\t'));
  }
  return lines;
}
