// Text recognition around PaddleOCR's CRNN/SVTR model: each detected box is
// cut out, scaled to 48 pixels high, and read as a sequence of frames, each a
// probability over the dictionary (index 0: blank). CTC decoding keeps, for
// every character, its probability and the frames it spans, so that a box
// can later be split at its gaps and a doubtful digit told from a sure one.

import { resize, type Raster } from './raster.ts';
import type { Box } from './detect.ts';

export const LINE_HEIGHT = 48;
/** The longest crop fed to the model, in pixels after scaling (a full-width line of prose). */
const MAX_LINE_WIDTH = 3200;

export interface Glyph {
  char: string;
  /** Probability the model gave the character. */
  p: number;
  /** Left and right edge, in source pixels. */
  x0: number;
  x1: number;
}

export interface ReadBox extends Box {
  text: string;
  glyphs: Glyph[];
}

/** A glyph whose middle is further than this many box heights outside the detected text is not text. */
const EDGE_MARGIN = 0.1;

export interface LineInput {
  /** [3, 48, width] as a flat array, normalised to [-1, 1]. */
  data: Float32Array;
  width: number;
}

/** One box cut out of the page as a recognition input. */
export function lineInput(page: Raster, box: Box): LineInput {
  const width = Math.max(8, Math.min(MAX_LINE_WIDTH, Math.round((box.w * LINE_HEIGHT) / Math.max(1, box.h))));
  const crop = resize(page, width, LINE_HEIGHT, { x: box.x, y: box.y, width: box.w, height: box.h });
  const plane = width * LINE_HEIGHT;
  const data = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    const v = crop.gray[i] / 127.5 - 1;
    data[i] = v;
    data[plane + i] = v;
    data[2 * plane + i] = v;
  }
  return { data, width };
}

/**
 * The narrowest input, as PaddleOCR feeds its model (48 × 320): a lone glyph alone in a short
 * input fills one frame, and the model, trained on padded lines, is unsure of it there.
 */
const MIN_INPUT_WIDTH = 320;
/** Model pixels per output frame of the recognition model. */
export const FRAME_PX = 8;
/** Blank space between boxes read side by side in one input, in model pixels (a multiple of FRAME_PX). */
const GAP = 48;
/** Short boxes are read side by side in inputs up to this wide. */
const PACKED_WIDTH = 960;

/** Where one box stands in a packed input: from `offset`, `width` model pixels (offset a multiple of FRAME_PX). */
export interface Part {
  box: number;
  offset: number;
  width: number;
}

/** One model input: a long box alone, or short boxes side by side with white space between. */
export interface Packed {
  parts: Part[];
  width: number;
}

/**
 * Short boxes (lone figures of a table, most of a report page) are packed side by side into
 * inputs of about PACKED_WIDTH: each short box alone would cost a full MIN_INPUT_WIDTH input.
 */
export function pack(lines: readonly LineInput[]): Packed[] {
  const order = lines.map((_, i) => i).sort((a, b) => lines[a].width - lines[b].width);
  const out: Packed[] = [];
  let open: Packed | null = null;
  for (const i of order) {
    const width = lines[i].width;
    if (width >= PACKED_WIDTH / 2) {
      out.push({ parts: [{ box: i, offset: 0, width }], width });
      continue;
    }
    const at: number = open ? Math.ceil((open.width + GAP) / FRAME_PX) * FRAME_PX : 0;
    if (!open || at + width > PACKED_WIDTH) {
      open = { parts: [{ box: i, offset: 0, width }], width };
      out.push(open);
    } else {
      open.parts.push({ box: i, offset: at, width });
      open.width = at + width;
    }
  }
  return out.sort((a, b) => a.width - b.width);
}

/** Stacks packed inputs into one batch [n, 3, 48, width]: white between boxes, 0 after the last (as PaddleOCR pads). */
export function batchInput(runs: readonly Packed[], lines: readonly LineInput[]): { data: Float32Array; width: number } {
  const width = Math.max(MIN_INPUT_WIDTH, ...runs.map((r) => r.width));
  const plane = width * LINE_HEIGHT;
  const data = new Float32Array(runs.length * 3 * plane);
  runs.forEach((run, n) => {
    for (let c = 0; c < 3; c++) {
      const base = n * 3 * plane + c * plane;
      for (let y = 0; y < LINE_HEIGHT; y++) data.fill(1, base + y * width, base + y * width + run.width);
      for (const part of run.parts) {
        const line = lines[part.box];
        for (let y = 0; y < LINE_HEIGHT; y++) {
          const from = c * line.width * LINE_HEIGHT + y * line.width;
          data.set(line.data.subarray(from, from + line.width), base + y * width + part.offset);
        }
      }
    }
  });
  return { data, width };
}

/**
 * Characters read as one digit or separator in a figure: the model often hesitates between
 * '0', 'O', 'o' and '〇' over the same round glyph, and only their sum says how sure it is
 * that the glyph is a zero.
 */
const FIGURE_SHAPES: Record<string, string> = {
  '0': '0０OoＯｏ〇○', '1': '1１lIＩｌ', '2': '2２', '3': '3３', '4': '4４', '5': '5５', '6': '6６', '7': '7７', '8': '8８', '9': '9９',
  ',': ',，', '.': '.．',
};
/** Shapes that add to a digit's probability but do not make a box a figure on their own ('。' alone is a full stop). */
const ALSO_SHAPES: Record<string, string> = { '0': '。' };
const FIGURE = /^\d[\d,]*(?:\.\d+)?$/;

/** Class indices of each figure character's shapes, for a dictionary (class k is dictionary[k - 1]). */
export interface FigureClasses {
  chars: string[];
  classes: number[][];
}

export function figureClasses(dictionary: readonly string[]): FigureClasses {
  const index = new Map<string, number>();
  dictionary.forEach((c, i) => index.set(c, i + 1));
  const chars = Object.keys(FIGURE_SHAPES);
  const classes = chars.map((c) => [...FIGURE_SHAPES[c], ...(ALSO_SHAPES[c] ?? '')].map((s) => index.get(s)).filter((k): k is number => k !== undefined));
  return { chars, classes };
}

function asFigure(text: string): string {
  let out = '';
  for (const ch of text) {
    let mapped = ch;
    for (const [digit, shapes] of Object.entries(FIGURE_SHAPES)) if (shapes.includes(ch)) mapped = digit;
    out += mapped;
  }
  return out;
}

interface Frames {
  data: Float32Array;
  steps: number;
  classes: number;
}

/** A glyph while decoding: with the frames it spans. */
interface Decoded extends Glyph {
  t0: number;
  t1: number;
}

/** Table rules read as characters: never report text in a cell. */
const RULES = new Set([...'|丨」「』『】【[]']);
/** Below this summed probability a figure character's rivals are not compared: it is simply unsure. */
const SURE_ENOUGH = 0.5;

/** Greedy CTC decoding of frames t0..t1: per frame the likeliest class (0 is blank), repeats merged. */
function greedy(t0: number, t1: number, pick: (t: number) => { k: number; p: number }, label: (k: number) => string): Decoded[] {
  const glyphs: Decoded[] = [];
  let prev = 0;
  for (let t = t0; t < t1; t++) {
    const { k, p } = pick(t);
    if (k !== 0 && k === prev) {
      // The same character over several frames: one glyph, as sure as its surest frame.
      const g = glyphs[glyphs.length - 1];
      g.t1 = t + 1;
      if (p > g.p) g.p = p;
    } else if (k !== 0) {
      glyphs.push({ char: label(k), p, x0: 0, x1: 0, t0: t, t1: t + 1 });
    }
    prev = k;
  }
  return glyphs;
}

/** Runs of glyphs between spaces (and dropped rules). */
function runs(glyphs: readonly Decoded[]): Decoded[][] {
  const out: Decoded[][] = [];
  let run: Decoded[] = [];
  for (const g of glyphs) {
    if (g.char.trim() === '' || RULES.has(g.char)) {
      if (run.length) out.push(run);
      run = [];
    } else run.push(g);
  }
  if (run.length) out.push(run);
  return out;
}

/**
 * Decodes one line's frames ([steps × classes]). `inputWidth` is the width of the (padded)
 * input in model pixels, `lineWidth` the line's own, `box` where it stands on the page.
 * Each run of characters that reads as a figure is decoded again over figure characters only:
 * a digit's probability is the sum over its shapes, and its confidence how far it stands above
 * the next likeliest figure character (the risk that matters is a 6 read for an 8, not an 'o'
 * for a '0').
 */
export function decodeLine(frames: Float32Array, steps: number, classes: number, dictionary: readonly string[], figures: FigureClasses, box: Box, lineWidth: number, inputWidth: number): ReadBox {
  const free = greedy(
    0,
    steps,
    (t) => {
      let k = 0;
      let p = frames[t * classes];
      for (let c = 1; c < classes; c++) if (frames[t * classes + c] > p) (p = frames[t * classes + c]), (k = c);
      return { k, p };
    },
    (k) => dictionary[k - 1] ?? ' ',
  );
  const figure = (t: number) => {
    let best = 0;
    let second = 0;
    let k = 0;
    figures.classes.forEach((shapes, i) => {
      let sum = 0;
      for (const c of shapes) sum += frames[t * classes + c];
      if (sum > best) (second = best), (best = sum), (k = i + 1);
      else if (sum > second) second = sum;
    });
    if (best <= frames[t * classes]) return { k: 0, p: frames[t * classes] };
    return { k, p: best >= SURE_ENOUGH ? best / (best + second) : best };
  };
  const glyphs: Decoded[] = [];
  for (const run of runs(free)) {
    if (glyphs.length) glyphs.push({ char: ' ', p: 1, x0: 0, x1: 0, t0: run[0].t0, t1: run[0].t0 });
    if (FIGURE.test(asFigure(run.map((g) => g.char).join('')))) glyphs.push(...greedy(run[0].t0, run[run.length - 1].t1, figure, (k) => figures.chars[k - 1]));
    else glyphs.push(...run);
  }
  // Frames to source pixels; glyphs read in the room added around the detected text are table
  // rules and neighbours' edges.
  const px = (inputWidth / steps) * (box.w / lineWidth);
  const margin = EDGE_MARGIN * box.h;
  const [from, to] = box.found ?? [box.x, box.x + box.w];
  const inside: Glyph[] = [];
  for (const g of glyphs) {
    const x0 = box.x + g.t0 * px;
    const x1 = box.x + g.t1 * px;
    const middle = (x0 + x1) / 2;
    if (g.char !== ' ' && (middle < from - margin || middle > to + margin)) continue;
    inside.push({ char: g.char, p: g.p, x0, x1 });
  }
  while (inside.length && inside[0].char === ' ') inside.shift();
  while (inside.length && inside[inside.length - 1].char === ' ') inside.pop();
  return { x: box.x, y: box.y, w: box.w, h: box.h, score: box.score, text: inside.map((g) => g.char).join(''), glyphs: inside };
}
