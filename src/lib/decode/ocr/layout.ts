// OCR'd boxes as the PDF reader's positioned text (PageItem), so that a scan
// goes through the same table rebuilder (rows.ts), the same parser and
// the same identities as a PDF's text layer.
//
// A box holding several runs of text (cells the detector did not separate,
// words with a space between) is split at its gaps, from where the model
// placed each character. A digit the model is not sure of is written as
// U+FFFD: the parser reads a figure with one as unreadable, null with a
// finding — a misread figure is worse than a missing one.

import type { PageItem, Row } from '../rows.ts';
import type { OcrLocation } from '../types.ts';
import type { Glyph, ReadBox } from './recognize.ts';

/** A digit read with less probability than this is not trusted. */
export const DOUBTFUL_DIGIT = 0.8;
/** A gap of more than this many box heights between two characters splits a box (glyph places from CTC frames are rough: only a gap as wide as an empty cell counts). */
const SPLIT_GAP = 2;
/** Glyph height over box height: a detected box holds its text with room above and below. */
const TEXT_IN_BOX = 0.8;
/** Where a glyph's middle stands above the baseline, in font sizes (as rows.ts assumes). */
const MIDDLE = 0.35;

export const UNREADABLE = '\uFFFD';

/** A PageItem that came from OCR: where it was read, and how sure the model was. */
export interface OcrItem extends PageItem {
  /** Left, top, width, height, in the page's units. */
  box: [number, number, number, number];
  /** The least probability of any of its characters. */
  confidence: number;
  /** Digits replaced by U+FFFD because the model was unsure of them. */
  doubtful: number;
}

export function isOcrItem(item: PageItem): item is OcrItem {
  return 'confidence' in item;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** A box's characters in runs: split at spaces and at gaps wider than SPLIT_GAP × the box height. */
function runsOf(box: ReadBox): Glyph[][] {
  const runs: Glyph[][] = [];
  let run: Glyph[] = [];
  for (const g of box.glyphs) {
    const last = run[run.length - 1];
    if (g.char.trim() === '' || (last && g.x0 - last.x1 > SPLIT_GAP * box.h)) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (g.char.trim() !== '') run.push(g);
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * OCR'd boxes as PageItems in the page's units: `scale` page units per image pixel,
 * (`left`, `top`) where the image stands on the page.
 */
export function ocrItems(boxes: readonly ReadBox[], place: { scale: number; left?: number; top?: number }): OcrItem[] {
  const { scale, left = 0, top = 0 } = place;
  const items: OcrItem[] = [];
  for (const box of boxes) {
    const size = box.h * TEXT_IN_BOX * scale;
    const middle = top + (box.y + box.h / 2) * scale;
    for (const run of runsOf(box)) {
      let doubtful = 0;
      const str = run
        .map((g) => {
          if (isDigit(g.char) && g.p < DOUBTFUL_DIGIT) {
            doubtful++;
            return UNREADABLE;
          }
          return g.char;
        })
        .join('');
      const x = left + run[0].x0 * scale;
      const width = (run[run.length - 1].x1 - run[0].x0) * scale;
      items.push({
        str,
        x,
        y: middle + MIDDLE * size,
        width,
        size,
        run: false,
        box: [round(x), round(top + box.y * scale), round(width), round(box.h * scale)],
        confidence: Math.min(...run.map((g) => g.p)),
        doubtful,
      });
    }
  }
  return items;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function union(boxes: readonly [number, number, number, number][]): [number, number, number, number] {
  const x0 = Math.min(...boxes.map((b) => b[0]));
  const y0 = Math.min(...boxes.map((b) => b[1]));
  const x1 = Math.max(...boxes.map((b) => b[0] + b[2]));
  const y1 = Math.max(...boxes.map((b) => b[1] + b[3]));
  return [round(x0), round(y0), round(x1 - x0), round(y1 - y0)];
}

/** Where an output line built from a row stands, when any of it was OCR'd; null for a row of the text layer only. */
export function ocrLocation(row: Row): OcrLocation | null {
  const read = row.parts.flat().filter(isOcrItem);
  if (read.length === 0) return null;
  const cells = row.parts.map((part) => {
    const items = part.filter(isOcrItem);
    return items.length ? { box: union(items.map((i) => i.box)), confidence: Math.min(...items.map((i) => i.confidence)) } : null;
  });
  return {
    box: union(read.map((i) => i.box)),
    confidence: Math.min(...read.map((i) => i.confidence)),
    doubtful: read.reduce((n, i) => n + i.doubtful, 0),
    cells,
  };
}
