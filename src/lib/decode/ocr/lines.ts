// OCR'd boxes of one image to the reader's output: rows rebuilt from
// positions (rows.ts), one line per row with TAB-separated cells, and a
// source location per line with the row's boxes and confidence.

import { buildRows, type PageItem, type Row } from '../rows.ts';
import type { SourceLocation } from '../types.ts';
import { isOcrItem, ocrItems, ocrLocation } from './layout.ts';
import type { ReadBox } from './recognize.ts';

export interface OcrLines {
  lines: string[];
  sourceMap: SourceLocation[];
  /** Digits written as U+FFFD. */
  doubtful: number;
}

/** `place` as for ocrItems; `where` says which page or picture every line comes from. */
export function ocrLines(boxes: readonly ReadBox[], place: { scale: number; left?: number; top?: number }, where: Omit<SourceLocation, 'ocr'>): OcrLines {
  const items = ocrItems(boxes, place);
  const rows = mergeSplitRows(buildRows(items));
  const lines: string[] = [];
  const sourceMap: SourceLocation[] = [];
  for (const row of rows) {
    lines.push(row.cells.join('\t'));
    const ocr = ocrLocation(row);
    sourceMap.push(ocr ? { ...where, ocr } : where);
  }
  const doubtful = items.reduce((n, it) => n + (isOcrItem(it) ? it.doubtful : 0), 0);
  return { lines, sourceMap, doubtful };
}

/** Two rows whose middles are closer than this many font sizes may be one row split in two. */
const SPLIT_ROW = 0.9;

function extent(part: readonly PageItem[]): [number, number] {
  return [Math.min(...part.map((i) => i.x)), Math.max(...part.map((i) => i.x + i.width))];
}

function overlaps(a: Row, b: Row): boolean {
  const bs = b.parts.map(extent);
  return a.parts.some((p) => {
    const [a0, a1] = extent(p);
    return bs.some(([b0, b1]) => a0 < b1 && b0 < a1);
  });
}

/**
 * Rows rebuilt from OCR boxes can split one table row in two: a letter of a vertical label
 * ('结果' written downwards) or a wrapped label pulls some of the row's cells up, the rest
 * land on the next row, and the parser, taking figures in reading order, would give one
 * column's figure to another. Two rows this close whose cells do not overlap side by side
 * are one row, cells in x order.
 */
export function mergeSplitRows(rows: readonly Row[]): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && row.y - last.y <= SPLIT_ROW * Math.min(last.size, row.size) && !overlaps(last, row)) {
      const cells = [...last.cells.map((c, i) => ({ c, p: last.parts[i] })), ...row.cells.map((c, i) => ({ c, p: row.parts[i] }))].sort((a, b) => extent(a.p)[0] - extent(b.p)[0]);
      out[out.length - 1] = { y: (last.y + row.y) / 2, size: Math.min(last.size, row.size), cells: cells.map((x) => x.c), parts: cells.map((x) => x.p) };
    } else {
      out.push(row);
    }
  }
  return out;
}
