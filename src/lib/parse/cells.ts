// From text to a stream of cells. Every layout the reports come in (tab rows,
// one cell per line, markdown and pipe tables, space-aligned columns from PDF
// extraction) becomes the same thing: cells in reading order, each knowing its
// line. The table reader works on this stream and never on layout.

import { labelsOf, type Labels } from './labels.ts';
import { MAX_FIGURE_CHARS, readFigures, type FigureToken } from './numbers.ts';
import { labelKey, splitLines, trimSpaces, type LabelKey } from './text.ts';
import { CATALOG, type Catalog } from '../template/model.ts';

export type CellKind = 'empty' | 'figure' | 'footer' | 'heading' | 'text';

/**
 * A cell as its text makes it. Cells are shared between every line (and report) with the same
 * text, so they are read-only and carry no line number: `Cells.lines` holds that.
 */
export interface Cell {
  readonly kind: CellKind;
  /** The line is a delimited row (tabs, pipes or aligned columns), not a line of prose. */
  readonly delimited: boolean;
  readonly raw: string;
  readonly figure?: FigureToken;
  /** Section number (1-6) for a heading. */
  readonly section?: number;
  /** For text cells short enough to be a label. */
  readonly label?: LabelKey;
  /** Prose rather than a label or a fragment of one. */
  readonly long?: boolean;
}

/** A text's cells in reading order, and the 1-based source line of each. */
export interface Cells {
  cells: readonly Cell[];
  lines: Int32Array;
}

/** Anything longer cannot be a label, a heading or a fragment of either. */
const MAX_LABEL_CHARS = 60;
/** Text this long, or with a full stop, is prose: it ends a table row (unless it is a template label). */
const PROSE_CHARS = 20;

// A report's cells are gathered in these buffers, kept between calls, and copied out at their
// exact count: growing two fresh arrays cell by cell made a fifth of a parse's garbage.
const cellBuffer: Cell[] = [];
let lineBuffer = new Int32Array(4096);

/** What reading a catalog's cells needs, and the plans remembered for it. */
interface Reader {
  labels: Labels;
  headingKeys: readonly { number: number; keys: readonly string[] }[];
  info: Map<string, CellInfo>;
  lines: Map<string, readonly Cell[]>;
}

const READERS = new WeakMap<Catalog, Reader>();

function readerOf(catalog: Catalog): Reader {
  let hit = READERS.get(catalog);
  if (!hit) {
    const headingKeys = catalog.sections.map((s) => ({ number: s.number, keys: s.keys.map((k) => labelKey(k).key) }));
    READERS.set(catalog, (hit = { labels: labelsOf(catalog), headingKeys, info: new Map(), lines: new Map() }));
  }
  return hit;
}

/** `lines` are the text's lines, when the caller has already split them. */
export function tokenize(text: string, lines: readonly string[] = splitLines(text), catalog: Catalog = CATALOG): Cells {
  const reader = readerOf(catalog);
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length === 0) continue;
    // A line's cells are the same objects wherever the line recurs: only their line numbers are new.
    for (const cell of planLine(reader, lines[i])) {
      if (n === lineBuffer.length) {
        const grown = new Int32Array(n * 2);
        grown.set(lineBuffer);
        lineBuffer = grown;
      }
      cellBuffer[n] = cell;
      lineBuffer[n++] = i + 1;
    }
  }
  const cells = cellBuffer.slice(0, n);
  // Let go of the cells of the longest report seen so far: they belong to the line cache anyway.
  cellBuffer.length = Math.min(cellBuffer.length, 4096);
  return { cells, lines: lineBuffer.slice(0, n) };
}

/** What a cell is depends on its text alone; the same texts recur in every report, so it is remembered. */
type CellInfo =
  | { kind: 'footer' }
  | { kind: 'figures'; figures: FigureToken[] }
  | { kind: 'heading'; section: number; label: LabelKey }
  | { kind: 'text'; label?: LabelKey; long: boolean };

const INFO_CACHE_MAX = 50_000;

function cellInfo(reader: Reader, raw: string): CellInfo {
  const cache = reader.info;
  const hit = cache.get(raw);
  if (hit) return hit;
  const info = classifyText(reader, raw);
  if (cache.size >= INFO_CACHE_MAX) cache.clear();
  cache.set(raw, info);
  return info;
}

function classifyText(reader: Reader, raw: string): CellInfo {
  if (isFooter(raw)) return { kind: 'footer' };
  const figures = raw.length <= MAX_FIGURE_CHARS ? readFigures(raw) : null;
  if (figures) return { kind: 'figures', figures };
  if (raw.length > MAX_LABEL_CHARS) return { kind: 'text', long: true };
  const label = labelKey(raw);
  const section = headingOf(reader, label, raw);
  if (section) return { kind: 'heading', section, label };
  return { kind: 'text', label, long: raw.includes('。') || (label.key.length >= PROSE_CHARS && !reader.labels.isLabelLike(label.key)) };
}

/** Every cell has every field, so that all have one shape (property reads stay monomorphic). */
function planned(kind: CellKind, delimited: boolean, raw: string, figure?: FigureToken, section?: number, label?: LabelKey, long?: boolean): Cell {
  return { kind, delimited, raw, figure, section, label, long };
}

/** Table lines recur from report to report ('\t0', '规章\t0\t0\t0'): a line's plan is remembered. */
const LINE_CACHE_MAX = 50_000;
const CACHED_LINE_CHARS = 120;

function planLine(reader: Reader, line: string): readonly Cell[] {
  const cacheable = line.length <= CACHED_LINE_CHARS;
  const LINE_CACHE = reader.lines;
  if (cacheable) {
    const hit = LINE_CACHE.get(line);
    if (hit) return hit;
  }
  const plan: Cell[] = [];
  const parts = splitLine(line);
  if (parts !== null) {
    const delimited = parts.length > 1;
    for (const part of parts) {
      const raw = trimSpaces(part);
      if (raw.length === 0) {
        if (delimited) plan.push(planned('empty', delimited, raw));
        continue;
      }
      // Prose is never a label: no need to remember it.
      const info = raw.length > MAX_LABEL_CHARS ? LONG_TEXT : cellInfo(reader, raw);
      switch (info.kind) {
        case 'footer':
          plan.push(planned('footer', delimited, raw));
          break;
        case 'figures':
          for (const figure of info.figures) plan.push(planned('figure', delimited || info.figures.length > 1, figure.raw, figure));
          break;
        case 'heading':
          plan.push(planned('heading', delimited, raw, undefined, info.section, info.label));
          break;
        default:
          plan.push(planned('text', delimited, raw, undefined, undefined, info.label, info.long));
      }
    }
  }
  if (cacheable) {
    if (LINE_CACHE.size >= LINE_CACHE_MAX) LINE_CACHE.clear();
    LINE_CACHE.set(line, plan);
  }
  return plan;
}

const LONG_TEXT: CellInfo = { kind: 'text', long: true };

const DOUBLE_SPACE = /[ \u00a0\u3000]{2}/;
const COLUMN_GAP = /[ \u00a0\u3000]{2,}/;

/** Splits a line into cells, or returns null for a line to skip (a markdown rule). */
function splitLine(line: string): string[] | null {
  if (line.indexOf('\t') !== -1) return line.split('\t');
  const pipe = line.indexOf('|');
  if (pipe !== -1 && (line.indexOf('|', pipe + 1) !== -1 || /^\s*\||\|\s*$/.test(line))) {
    const parts = line.split('|');
    if (parts.every((p) => /^\s*:?-{2,}:?\s*$/.test(p) || p.trim() === '')) return null;
    return parts;
  }
  // Space-aligned columns: two or more spaces (of any width) separate cells. Most lines have none:
  // looking for the characters first spares the regular expression.
  const maybe = line.indexOf('  ') !== -1 || line.indexOf('\u3000') !== -1 || line.indexOf('\u00a0') !== -1;
  return maybe && DOUBLE_SPACE.test(line) ? line.split(COLUMN_GAP) : [line];
}


const FOOTER = /^(?:[-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;

function isFooter(raw: string): boolean {
  return raw.length <= 16 && FOOTER.test(raw);
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'];

/**
 * A section heading: a short line carrying one of the section's key phrases and either the
 * section's own number ('四、' or '4、') or no number at all (numbering gets lost).
 * '（二）…' is a sub-heading, never a section.
 */
function headingOf(reader: Reader, label: LabelKey, raw: string): number | undefined {
  if (label.bracketed || raw.includes('。')) return undefined;
  const key = label.key;
  for (const { number, keys } of reader.headingKeys) {
    if (label.number && label.number !== SECTION_NUMERALS[number - 1] && label.number !== String(number)) continue;
    // The key phrase ends the line: a sentence wrapped mid-way ('…申请情况、政府') is not a heading.
    for (const k of keys) {
      if (key.length <= Math.max(k.length * 2, k.length + 12) && key.endsWith(k) && !/[、，,；;]$/.test(raw)) return number;
    }
  }
  return undefined;
}
