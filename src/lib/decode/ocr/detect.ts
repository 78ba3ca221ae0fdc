// Text detection around PaddleOCR's DB model: the page image in (scaled so
// that both sides are multiples of 32), a map of "text here" probabilities
// out, and that map turned into boxes — one per run of text, which in a
// table is one per cell. Boxes are upright rectangles: reports are printed
// and scanned upright (a page turned sideways is turned back before this).
//
// Post-processing follows PaddleOCR's DBPostProcess: pixels above BINARY are
// text; each connected region whose mean probability reaches BOX_SCORE is a
// box; the model predicts text shrunk towards its middle, so each box is
// grown back by area × UNCLIP / perimeter.

import { resize, type Raster } from './raster.ts';

export interface Box {
  /** Left, top, width and height in pixels of the source image. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Mean text probability inside the region. */
  score: number;
  /** For a box with room added around it for reading: the left and right edge of the text found. */
  found?: [number, number];
}

const BINARY = 0.3;
const BOX_SCORE = 0.6;
const UNCLIP = 1.5;
/** Regions shorter than this (pixels of the map) are noise; narrower ones may be a '1'. */
const MIN_HEIGHT = 2;
const MIN_AREA = 4;
/**
 * The model sees the page at most this many pixels on its longer side, and at least MIN_SIDE_PX:
 * a small picture is enlarged, or the thin stroke of a '1' in its table is lost.
 */
const MAX_SIDE_PX = 2016;
const MIN_SIDE_PX = 1600;
/** ImageNet normalisation the model was trained with (per channel, BGR order as PaddleOCR feeds it). */
const MEAN = [0.406, 0.456, 0.485];
const STD = [0.225, 0.224, 0.229];

export interface DetectionInput {
  data: Float32Array;
  width: number;
  height: number;
  /** Source pixels per model pixel, x and y. */
  scaleX: number;
  scaleY: number;
}

function multipleOf32(n: number): number {
  return Math.max(32, Math.round(n / 32) * 32);
}

/** The page as the detection model's input tensor [1, 3, H, W]. */
export function detectionInput(page: Raster): DetectionInput {
  const longer = Math.max(page.width, page.height);
  let scale = Math.min(1, MAX_SIDE_PX / longer);
  if (longer * scale < MIN_SIDE_PX) scale = MIN_SIDE_PX / longer;
  const width = multipleOf32(page.width * scale);
  const height = multipleOf32(page.height * scale);
  const small = resize(page, width, height);
  const plane = width * height;
  const data = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const mean = MEAN[c];
    const std = STD[c];
    const offset = c * plane;
    for (let i = 0; i < plane; i++) data[offset + i] = (small.gray[i] / 255 - mean) / std;
  }
  return { data, width, height, scaleX: page.width / width, scaleY: page.height / height };
}

/** Boxes from the probability map (model resolution), in source pixels, top to bottom. */
export function boxesFromMap(map: Float32Array, input: DetectionInput, source: { width: number; height: number }): Box[] {
  const { width, height } = input;
  // A thin upright stroke (a '1') can come out of the model broken by a one-pixel gap: close such gaps.
  const prob = new Float32Array(map);
  for (let p = width; p < map.length - width; p++) {
    if (map[p] <= BINARY && map[p - width] > BINARY && map[p + width] > BINARY) prob[p] = (map[p - width] + map[p + width]) / 2;
  }
  // Connected regions of text pixels (4-neighbourhood), found with an explicit stack.
  const label = new Int32Array(width * height);
  const stack: number[] = [];
  const boxes: Box[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start++) {
    if (label[start] !== 0 || prob[start] <= BINARY) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    let sum = 0;
    let count = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      sum += prob[p];
      count++;
      if (x > 0 && label[p - 1] === 0 && prob[p - 1] > BINARY) (label[p - 1] = next), stack.push(p - 1);
      if (x < width - 1 && label[p + 1] === 0 && prob[p + 1] > BINARY) (label[p + 1] = next), stack.push(p + 1);
      if (y > 0 && label[p - width] === 0 && prob[p - width] > BINARY) (label[p - width] = next), stack.push(p - width);
      if (y < height - 1 && label[p + width] === 0 && prob[p + width] > BINARY) (label[p + width] = next), stack.push(p + width);
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (h < MIN_HEIGHT || count < MIN_AREA) continue;
    const score = sum / count;
    if (score < BOX_SCORE) continue;
    const grow = (w * h * UNCLIP) / (2 * (w + h));
    const x0 = Math.max(0, (minX - grow) * input.scaleX);
    const y0 = Math.max(0, (minY - grow) * input.scaleY);
    const x1 = Math.min(source.width, (maxX + 1 + grow) * input.scaleX);
    const y1 = Math.min(source.height, (maxY + 1 + grow) * input.scaleY);
    boxes.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, score });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Boxes this much shorter than the page's usual line are lone small glyphs ('0', '1'): they are read with room around them. */
const SHORT_BOX = 0.9;
/** Room left and right of every box read, in line heights: a glyph cut at its edge is misread. */
const SIDE_ROOM = 0.2;

/**
 * Boxes as they are cut out for reading. The model finds a lone digit in a table cell as a
 * region smaller than the digit itself; read as found it is often misread ('0' as 'Q') or not
 * read at all. Every box is given at least the page's median line height and a little room on
 * both sides, within the page.
 */
export function readingBoxes(boxes: readonly Box[], page: { width: number; height: number }): Box[] {
  if (boxes.length === 0) return [];
  const heights = boxes.map((b) => b.h).sort((a, b) => a - b);
  const line = heights[Math.floor(heights.length / 2)];
  return boxes.map((b) => {
    const h = Math.max(b.h, SHORT_BOX * line);
    const side = SIDE_ROOM * h + Math.max(0, h - b.w) / 2;
    const x = Math.max(0, b.x - side);
    const y = Math.max(0, b.y - (h - b.h) / 2);
    return { ...b, x, y, w: Math.min(page.width, b.x + b.w + side) - x, h: Math.min(page.height, y + h) - y, found: [b.x, b.x + b.w] };
  });
}
