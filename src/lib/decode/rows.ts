// Rebuilding a page's lines and table rows from text positions, not from the
// order the text was drawn in: a PDF's text layer and OCR's boxes alike.
//
// Rows: items taken top to bottom by the middle of their glyphs join the row
// above while the step from the previous item is at most ROW_TOLERANCE and
// the row's whole height at most ROW_SPAN (both × the smaller font size).
// Middles rather than baselines, because table cells centre their text
// vertically: a 9 pt label and its 14 pt figures share a middle, not a
// baseline. Steps rather than distance to the row's first item, because a
// stray character a little above (a letter of a vertical label) must not
// push the row's figures out of it. A label wrapped over two
// lines with its figures centred between them gives three rows (label, figures,
// label), each kept as it is: the parser matches label prefixes and passes
// over fragments.
//
// Cells: within a row, items are put in x order; a horizontal gap wider than
// CELL_GAP × the font size (about one character) starts a new cell (joined
// by TAB), a narrower one is a space between Latin letters or digits and
// nothing between Chinese characters.

/** A positioned piece of text on a page as shown (y grows downwards): from a PDF's text layer (pdf/items.ts) or an OCR box (ocr/). */
export interface PageItem {
  str: string;
  /** Left edge, in points. */
  x: number;
  /** Baseline, in points from the top. For a run: its top. */
  y: number;
  /** Advance width (for a run: its length along the text). */
  width: number;
  /** Font size in points. */
  size: number;
  /** Not horizontal text: placed on a line of its own. */
  run: boolean;
}

export interface Row {
  /** Vertical middle of the row, in points from the top of the page. */
  y: number;
  /** Smallest font size in the row. */
  size: number;
  /** Cells, left to right (prose and runs have one). */
  cells: string[];
  /** The items each cell was made of (for provenance: an OCR'd cell's boxes and confidence). */
  parts: PageItem[][];
}

/** Items of one row follow each other (top to bottom) by at most this many font sizes. */
export const ROW_TOLERANCE = 0.5;
/** A row is at most this many font sizes high (middle of its top item to middle of its bottom one). */
export const ROW_SPAN = 0.9;
/** A gap of more than this many font sizes between two items separates cells. */
export const CELL_GAP = 0.8;
/** A gap of more than this many font sizes is a space (unless both sides are Chinese). */
const SPACE_GAP = 0.15;
/** Where a glyph's middle stands above the baseline, in font sizes. */
const MIDDLE = 0.35;
/** A repeat of the previous item's text this close is overprinting (fake bold), not text. */
const OVERPRINT = 0.3;

interface Group {
  /** Middle of the top item. */
  top: number;
  /** Middle of the last item added. */
  last: number;
  size: number;
  items: PageItem[];
}

/** True for characters of the CJK blocks (and fullwidth forms), where no space is put between words. */
function wide(code: number): boolean {
  return code >= 0x2e80;
}

/** The cells of one row: items ordered by x, split at wide gaps; `parts` receives each cell's items. */
export function rowCells(items: PageItem[], parts: PageItem[][] = []): string[] {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  const cells: string[] = [];
  let prev = sorted[0];
  let cell = prev.str;
  let part = [prev];
  let end = prev.x + prev.width;
  for (let i = 1; i < sorted.length; i++) {
    const next = sorted[i];
    const size = Math.min(prev.size, next.size);
    if (next.str === prev.str && Math.abs(next.x - prev.x) < OVERPRINT * size) continue;
    const gap = next.x - end;
    if (gap > CELL_GAP * size) {
      cells.push(cell);
      parts.push(part);
      cell = next.str;
      part = [next];
      end = Math.max(end, next.x + next.width);
      prev = next;
      continue;
    }
    part.push(next);
    if (gap > SPACE_GAP * size && !(wide(cell.charCodeAt(cell.length - 1)) && wide(next.str.charCodeAt(0)))) {
      cell += ` ${next.str}`;
    } else {
      cell += next.str;
    }
    end = Math.max(end, next.x + next.width);
    prev = next;
  }
  cells.push(cell);
  parts.push(part);
  return cells;
}

/** A page's rows, top to bottom. Runs (vertical or turned text) are rows of their own. */
export function buildRows(items: PageItem[]): Row[] {
  const rows: Row[] = [];
  const flowing = items
    .filter((it) => !it.run)
    .map((it) => ({ it, mid: it.y - MIDDLE * it.size }))
    .sort((a, b) => a.mid - b.mid || a.it.x - b.it.x);
  let group: Group | null = null;
  const groups: Group[] = [];
  for (const { it, mid } of flowing) {
    const size = group ? Math.min(it.size, group.size) : it.size;
    if (group && mid - group.last <= ROW_TOLERANCE * size && mid - group.top <= ROW_SPAN * size) {
      group.items.push(it);
      group.last = mid;
      group.size = size;
    } else {
      group = { top: mid, last: mid, size: it.size, items: [it] };
      groups.push(group);
    }
  }
  for (const g of groups) {
    const parts: PageItem[][] = [];
    rows.push({ y: (g.top + g.last) / 2, size: g.size, cells: rowCells(g.items, parts), parts });
  }
  for (const it of items) {
    if (it.run) rows.push({ y: it.y, size: it.size, cells: [it.str], parts: [[it]] });
  }
  return rows.sort((a, b) => a.y - b.y);
}
