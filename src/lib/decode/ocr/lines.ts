// OCR'd boxes of one image to the reader's output: rows rebuilt from
// positions (pdf/rows.ts), one line per row with TAB-separated cells, and a
// source location per line with the row's boxes and confidence.

import { buildRows } from '../pdf/rows.ts';
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
  const rows = buildRows(items);
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
