// Page furniture: page numbers ('-3-', '第3页', '3/6') and running headers
// and footers (the same line at the same height on most pages). They are
// dropped, so that a table continuing over a page break simply flows on.

import type { Row } from '../rows.ts';

export interface PageRows {
  /** 1-based page number. */
  page: number;
  /** Page height in points. */
  height: number;
  rows: Row[];
}

/** Running headers and footers stand in this share of the page at the top or bottom. */
const RUNNING_BAND = 0.12;
/** Page numbers stand in this share of the page at the top or bottom, outermost. */
const NUMBER_BAND = 0.15;
/** Rows looked at on each side of a page for running lines. */
const RUNNING_ROWS = 3;
/** A running line repeats at the same height within this many points. */
const SAME_HEIGHT = 4;

/** Row text without spaces, fullwidth digits and dashes made ASCII. */
function compact(row: Row): string {
  return row.cells
    .join('')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–‒―−]/g, '-');
}

const DECORATED_NUMBER = /^(?:[-~·•_]+\d{1,4}[-~·•_]+|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|\d{1,4}\/\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;
const BARE_NUMBER = /^\d{1,4}$/;

function side(row: Row, height: number, band: number): 'top' | 'bottom' | null {
  if (row.y < height * band) return 'top';
  if (row.y > height * (1 - band)) return 'bottom';
  return null;
}

/** Drops running headers and footers: lines repeated near the same edge, at the same height, on most pages. */
function dropRunning(pages: PageRows[]): void {
  const withText = pages.filter((p) => p.rows.length > 0);
  const needed = Math.max(2, Math.ceil(withText.length / 2));
  if (withText.length < 2) return;
  const seen = new Map<string, Array<{ page: PageRows; row: Row }>>();
  for (const page of withText) {
    const n = page.rows.length;
    const candidates = new Set([...page.rows.slice(0, RUNNING_ROWS), ...page.rows.slice(Math.max(0, n - RUNNING_ROWS))]);
    for (const row of candidates) {
      const where = side(row, page.height, RUNNING_BAND);
      if (!where) continue;
      const key = `${where}|${compact(row).replace(/\d+/g, '#')}`;
      let list = seen.get(key);
      if (!list) seen.set(key, (list = []));
      list.push({ page, row });
    }
  }
  const drop = new Set<Row>();
  for (const list of seen.values()) {
    if (list.length < needed) continue;
    const heights = list.map((e) => e.row.y).sort((a, b) => a - b);
    const median = heights[heights.length >> 1];
    const same = list.filter((e) => Math.abs(e.row.y - median) <= SAME_HEIGHT);
    if (new Set(same.map((e) => e.page)).size < needed) continue;
    for (const e of same) drop.add(e.row);
  }
  if (drop.size === 0) return;
  for (const page of pages) page.rows = page.rows.filter((r) => !drop.has(r));
}

/** Drops page numbers: the first or last row of a page, near the edge, that is a page number. */
function dropPageNumbers(pages: PageRows[]): void {
  const bare: Array<{ page: PageRows; row: Row; offset: number }> = [];
  const drop = new Set<Row>();
  for (const page of pages) {
    const n = page.rows.length;
    if (n === 0) continue;
    for (const row of n === 1 ? [page.rows[0]] : [page.rows[0], page.rows[n - 1]]) {
      if (!side(row, page.height, NUMBER_BAND)) continue;
      const text = compact(row);
      if (DECORATED_NUMBER.test(text)) drop.add(row);
      else if (BARE_NUMBER.test(text)) bare.push({ page, row, offset: Number(text) - page.page });
    }
  }
  // A bare number is a page number when it counts with the pages: equal to the
  // page number, or off by the same amount on at least two pages.
  const offsets = new Map<number, number>();
  for (const b of bare) offsets.set(b.offset, (offsets.get(b.offset) ?? 0) + 1);
  for (const b of bare) if (b.offset === 0 || (offsets.get(b.offset) ?? 0) >= 2) drop.add(b.row);
  if (drop.size === 0) return;
  for (const page of pages) page.rows = page.rows.filter((r) => !drop.has(r));
}

/** Removes page furniture from the pages' rows (in place). */
export function dropFurniture(pages: PageRows[]): void {
  dropRunning(pages);
  dropPageNumbers(pages);
}
