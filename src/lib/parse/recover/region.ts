// Where each template table stands in the cell stream, and what it holds:
// its figures in text order and, for each figure, the labels read since the
// figure before it. Converters and careless websites move labels away from
// their figures, renumber the sections and cut tables in pieces, so a table's
// region is found by its own labels as much as by its heading.

import type { Cell, Cells } from '../cells.ts';
import { labelsOf as catalogLabels, type LabelEntry, type Labels, type Table } from '../labels.ts';
import type { Slot } from '../tables.ts';
import { readFigures, type FigureToken } from '../numbers.ts';
import { TABLE_CODES, type Catalog } from '../../template/model.ts';
import { labelKey } from '../text.ts';

/** A figure of a region, with the labels met since the figure before it. */
export interface RegionFigure {
  slot: Slot;
  /** Index of the cell in the stream. */
  cell: number;
  /** Labels (template entries) between the previous figure and this one. */
  gap: readonly LabelEntry[];
  /** The words (text cells, as written) between the previous figure and this one. */
  words: readonly string[];
  /** Some text (a label, a header word, any words) stands between the previous figure and this one. */
  textBefore: boolean;
  /** The figure stands in a delimited row (tabs, pipes, wide gaps): a table row is one such line. */
  delimited: boolean;
}

export interface Region {
  table: Table;
  /** First and one-past-last cell. */
  start: number;
  end: number;
  figures: RegionFigure[];
  /** Every template label met in the region, in order (also those after its last figure). */
  labels: LabelEntry[];
  /** The labels after the region's last figure. */
  tail: readonly LabelEntry[];
  /** The words after the region's last figure. */
  tailWords: readonly string[];
}

/** What finding regions needs of a catalog: its labels and its sections' key phrases. */
interface Sections {
  labels: Labels;
  keys: readonly { number: number; keys: readonly string[]; table: Table | null }[];
}

const SECTIONS_OF = new WeakMap<Catalog, Sections>();

function sectionsOf(catalog: Catalog): Sections {
  let hit = SECTIONS_OF.get(catalog);
  if (!hit) {
    const keys = catalog.sections.map((s) => ({ number: s.number, keys: s.keys.map((k) => labelKey(k).key), table: (TABLE_CODES as readonly string[]).includes(s.code) ? (s.code as Table) : null }));
    SECTIONS_OF.set(catalog, (hit = { labels: catalogLabels(catalog), keys }));
  }
  return hit;
}

/**
 * The section a cell heads, whatever its numbering: the cell reader accepts a heading only with its
 * own number ('三、…'), but converters renumber sections ('二、收到和处理…' for the template's 三).
 */
export function sectionOf(cell: Cell, sections: Sections): number | null {
  if (cell.kind === 'heading') return cell.section ?? null;
  if (cell.kind !== 'text' || cell.long || !cell.label || cell.label.bracketed) return null;
  const key = cell.label.key;
  for (const { number, keys } of sections.keys) {
    for (const k of keys) if (key.endsWith(k) && key.length <= k.length + 8) return number;
  }
  return null;
}

/** The template labels a text cell is, in any table (exact, or the start of a row label). */
export function labelsOf(cell: Cell, labels: Labels, depth = 0): readonly LabelEntry[] {
  if (cell.kind !== 'text') return NONE;
  // Long words without a full stop may be labels run together; a sentence is not.
  if (cell.long || !cell.label) return depth === 0 && cell.raw.length <= 120 && !cell.raw.includes('。') ? partLabels(cell.raw, labels, depth) : NONE;
  if (cell.label.key.length === 0) return NONE;
  const exact = labels.exact(cell.label.key);
  // '总计' and '其他' are column words too: they name a row only with the row's numbering ('（七）总计').
  const number = cell.label.number;
  if (exact) return exact.filter((e) => !e.row?.ambiguous || (number !== null && e.row.ambiguous.numbers.includes(number)));
  const hits: LabelEntry[] = [];
  for (const table of ['disclosure', 'applications'] as const) {
    const p = labels.prefixRow(cell.label.key, table);
    if (p) hits.push(p);
  }
  return hits.length > 0 || depth > 0 ? hits : partLabels(cell.raw, labels, depth);
}

/** Labels of two rows run together in one cell ('三、本年度办理结果 (一)予以公开'). */
function partLabels(raw: string, labels: Labels, depth: number): LabelEntry[] {
  const parts = raw.trim().split(/\s+/);
  if (parts.length < 2) return [];
  return parts.flatMap((part) => labelsOf(textCell(part), labels, depth + 1));
}

const NONE: readonly LabelEntry[] = [];

/** Whether a label belongs to a table and marks where it starts. */
function opens(entry: LabelEntry, table: Table): boolean {
  if (entry.table !== table) return false;
  // '其他', '总计' are words of every table's header: they open none.
  if (entry.kind === 'app_column' || entry.kind === 'outcome') return false;
  return true;
}

/**
 * The regions of the three tables. Each starts at its heading or at its first label, whichever
 * comes first, and ends where another table or section starts, or at prose after its figures.
 */
export function findRegions({ cells, lines }: Cells, catalog: Catalog): Partial<Record<Table, Region>> {
  const sections = sectionsOf(catalog);
  const { labels } = sections;
  // Boundaries: every section heading, and the first label of each table.
  const starts: { at: number; table: Table | null }[] = [];
  const firstLabel: Partial<Record<Table, number>> = {};
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const section = sectionOf(cell, sections);
    if (section !== null) {
      starts.push({ at: i, table: sections.keys.find((k) => k.number === section)?.table ?? null });
      continue;
    }
    if (cell.kind !== 'text') continue;
    if (cell.raw.includes('勾稽')) {
      firstLabel.applications ??= i;
      continue;
    }
    // Where a table starts is told by its own labels; prose is passed over here.
    if (cell.long) continue;
    for (const entry of labelsOf(cell, labels)) {
      for (const table of ['disclosure', 'applications', 'reviews'] as const) {
        if (firstLabel[table] === undefined && opens(entry, table)) firstLabel[table] = i;
      }
    }
  }
  const out: Partial<Record<Table, Region>> = {};
  for (const table of ['disclosure', 'applications', 'reviews'] as const) {
    const label = firstLabel[table];
    const heading = starts.find((s) => s.table === table)?.at;
    // The table's labels may stand far after its heading (a table moved to the end of the report).
    const start = label === undefined ? heading : heading !== undefined && heading < label && !starts.some((s) => s.at > heading && s.at < label) ? heading : label;
    if (start === undefined) continue;
    out[table] = readRegion(cells, lines, table, start, regionEnd(cells, table, start, starts, firstLabel), labels);
  }
  return out;
}

function regionEnd(cells: readonly Cell[], table: Table, start: number, starts: { at: number }[], firstLabel: Partial<Record<Table, number>>): number {
  let end = cells.length;
  for (const s of starts) if (s.at > start && s.at < end) end = s.at;
  for (const [other, at] of Object.entries(firstLabel)) if (other !== table && at > start && at < end) end = at;
  return end;
}

/**
 * A label followed by figures with single spaces between ('行政许可 447228', '（七）总计 2932 53 0 0 61 4
 * 3050'): the cell reader splits cells only at tabs, pipes and wider gaps.
 */
function splitRow(raw: string): { label: string; figures: FigureToken[] } | null {
  if (raw.includes('。') || !/\d/.test(raw)) return null;
  const parts = raw.trim().split(/\s+/);
  let best: { label: string; figures: FigureToken[] } | null = null;
  // The figures may end in a unit written apart ('103648 元'): try every split, keep the first.
  for (let j = 1; j < parts.length && !best; j++) {
    const figures = readFigures(parts.slice(j).join(' '));
    if (figures) best = { label: parts.slice(0, j).join(' '), figures };
  }
  return best && /[\u4e00-\u9fff]/.test(best.label) ? best : null;
}

/** A text cell for a piece of a line, to look its label up. */
function textCell(raw: string): Cell {
  return { kind: 'text', delimited: false, raw, label: labelKey(raw), long: false };
}

function readRegion(cells: readonly Cell[], lines: Int32Array, table: Table, start: number, end: number, labelIndex: Labels): Region {
  const figures: RegionFigure[] = [];
  const labels: LabelEntry[] = [];
  let gap: LabelEntry[] = [];
  let words: string[] = [];
  let textBefore = false;
  let last = end;
  for (let i = start; i < end; i++) {
    const cell = cells[i];
    if (cell.kind === 'figure') {
      figures.push({ slot: { kind: 'figure', figure: cell.figure!, line: lines[i] }, cell: i, gap, words, textBefore, delimited: cell.delimited });
      gap = [];
      words = [];
      textBefore = false;
      continue;
    }
    if (cell.kind !== 'text' && cell.kind !== 'heading') continue;
    // A row copied from a PDF viewer: label and figures separated by single spaces, one text cell.
    const row = cell.kind === 'text' ? splitRow(cell.raw) : null;
    // A sentence after the table's figures ends it (a table printed last, before the signature).
    // Long words without a full stop may be labels run together.
    if (!row && cell.long && figures.length > 0 && cell.raw.includes('。')) {
      last = i;
      break;
    }
    textBefore = true;
    words.push(row ? row.label : cell.raw);
    const entries = row ? labelsOf(textCell(row.label), labelIndex) : labelsOf(cell, labelIndex);
    if (entries.length > 0) {
      gap = [...gap, ...entries];
      labels.push(...entries);
    }
    if (!row) continue;
    for (const figure of row.figures) {
      figures.push({ slot: { kind: 'figure', figure, line: lines[i] }, cell: i, gap, words, textBefore, delimited: false });
      gap = [];
      words = [];
      textBefore = false;
    }
  }
  return { table, start, end: last, figures, labels, tail: gap, tailWords: words };
}
