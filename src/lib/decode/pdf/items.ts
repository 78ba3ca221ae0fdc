// pdfjs text items to positioned pieces of text on the page as it is shown
// (y grows downwards, the page's /Rotate applied). A page whose text mostly
// runs sideways (a landscape table put on a portrait page) is turned so that
// its main text reads left to right. Text that still does not (vertical
// writing, labels turned 90°) becomes a "run": a line of its own. Skewed text
// (diagonal watermarks) is left out.

import type { TextItem, TextStyle } from 'pdfjs-dist/types/src/display/api';
import type { PageItem } from '../rows.ts';

type Matrix = number[];

/** The product of two PDF transformation matrices [a b c d e f]. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** Text turned further than this from a multiple of 90° is decoration (watermarks, stamps). */
const MAX_SKEW_DEGREES = 3;

interface Placed {
  str: string;
  /** Quarter turns of the text direction (0: left to right). */
  quarter: number;
  vertical: boolean;
  e: number;
  f: number;
  width: number;
  height: number;
  size: number;
}

/** Rotates a point by -quarter × 90° (so that text of that direction reads left to right). */
function turn(x: number, y: number, quarter: number): [number, number] {
  switch (quarter) {
    case 1:
      return [y, -x];
    case 2:
      return [-x, -y];
    case 3:
      return [-y, x];
    default:
      return [x, y];
  }
}

export interface PageText {
  items: PageItem[];
  /** Page size in points, as the text is read (a turned page has width and height swapped). */
  width: number;
  height: number;
}

export interface Viewport {
  /** The page's viewport transform at scale 1. */
  transform: Matrix;
  width: number;
  height: number;
}

/** The text items of one page as PageItems; `styles` are the text content's font styles. */
export function pageItems(items: ReadonlyArray<TextItem | object>, styles: Record<string, TextStyle>, viewport: Viewport): PageText {
  const placed: Placed[] = [];
  const weight = [0, 0, 0, 0];
  for (const raw of items) {
    if (!('str' in raw)) continue;
    const item = raw as TextItem;
    if (item.str.trim().length === 0) continue;
    const str = /[\t\n\r]/.test(item.str) ? item.str.replace(/[\t\n\r]/g, ' ') : item.str;
    const m = multiply(viewport.transform, item.transform as Matrix);
    const angle = (Math.atan2(m[1], m[0]) * 180) / Math.PI;
    const quarter = ((Math.round(angle / 90) % 4) + 4) % 4;
    if (Math.abs(angle - Math.round(angle / 90) * 90) > MAX_SKEW_DEGREES) continue;
    const size = Math.hypot(m[2], m[3]);
    if (!(size > 0)) continue;
    const vertical = item.dir === 'ttb' || styles[item.fontName]?.vertical === true;
    placed.push({ str, quarter, vertical, e: m[4], f: m[5], width: item.width, height: item.height, size });
    if (!vertical) weight[quarter] += str.length;
  }
  // The direction most of the page's text reads in becomes left to right.
  let main = 0;
  for (let q = 1; q < 4; q++) if (weight[q] > weight[main]) main = q;
  // The page box turned the same way; coordinates start again at its top left corner.
  const [x0, y0] = turn(0, 0, main);
  const [x1, y1] = turn(viewport.width, viewport.height, main);
  const left = Math.min(x0, x1);
  const top = Math.min(y0, y1);
  const out: PageItem[] = [];
  for (const p of placed) {
    let [x, y] = turn(p.e, p.f, main);
    x -= left;
    y -= top;
    let { str, width } = p;
    if (p.vertical) {
      // Vertical writing: the origin is the top of the column; it runs down by `height`.
      out.push({ str: str.trim(), x, y, width: p.height, size: p.size, run: true });
      continue;
    }
    if (str.trim() !== str) {
      // Spaces at either end: keep the visible text's own extent, sharing the advance evenly.
      const per = width / str.length;
      const lead = str.length - str.trimStart().length;
      const trail = str.length - str.trimEnd().length;
      x += lead * per;
      width -= (lead + trail) * per;
      str = str.trim();
    }
    out.push({ str, x, y, width, size: p.size, run: p.quarter !== main });
  }
  return { items: out, width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}
