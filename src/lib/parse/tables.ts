// Reads the template tables out of the cell stream. A row is found by its
// label, wherever the table stands, and takes the figures that follow it up to
// the next label, heading or prose; fragments of wrapped labels, vertical
// group labels and page footers in between are passed over. What the figures
// mean is decided later (interpret.ts): this module only finds them.

import type { Cell, Cells } from './cells.ts';
import type { FigureToken } from './numbers.ts';
import { isRowKind, labelsOf, type LabelEntry, type Labels, type Table } from './labels.ts';
import { CATALOG, TABLE_CODES, type Catalog, type MoneyUnit, type TemplateId } from '../template/model.ts';
import { moneyUnitsIn } from './header-units.ts';

export interface Slot {
  /** 'empty' is a blank cell inside a delimited row: it holds a column's place. */
  kind: 'figure' | 'empty';
  figure: FigureToken | null;
  line: number;
}

export type MatchHow = 'exact' | 'prefix' | 'fuzzy';

export interface RowRead {
  table: 'disclosure' | 'applications';
  code: string;
  line: number;
  how: MatchHow;
  label: string;
  slots: Slot[];
  /** The figures come from a table row's line and from another line: they are not one row's. */
  spansRows?: boolean;
}

export interface ReviewsRead {
  line: number;
  slots: Slot[];
}

export interface TablesRead {
  rows: RowRead[];
  reviews: ReviewsRead | null;
  votes: Record<TemplateId, number>;
  /** Units printed in section 二 headers, by measure code: '采购总金额（万元）'. */
  headerUnits: Map<string, MoneyUnit>;
  /** Sections whose heading was seen. */
  headings: Set<number>;
  /** First line where each table showed itself, by heading or label. */
  seen: Partial<Record<Table, number>>;
}

interface Hit {
  entry: LabelEntry;
  how: MatchHow;
}

interface State {
  labels: Labels;
  region: Table | null;
  lastAppRow: string | null;
}

/** The table a section's heading opens, by section number. */
function regionOf(catalog: Catalog, section: number): Table | null {
  const code = catalog.sections.find((s) => s.number === section)?.code;
  return (TABLE_CODES as readonly string[]).includes(code ?? '') ? (code as Table) : null;
}

export function readTables(read: Cells, catalog: Catalog = CATALOG): TablesRead {
  const { cells, lines } = read;
  const votes = Object.fromEntries(catalog.templateIds.map((t) => [t, 0]));
  const out: TablesRead = { rows: [], reviews: null, votes, headerUnits: new Map(), headings: new Set(), seen: {} };
  const state: State = { labels: labelsOf(catalog), region: null, lastAppRow: null };
  let previousWords = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell.kind === 'heading') {
      const section = cell.section!;
      out.headings.add(section);
      state.region = regionOf(catalog, section);
      if (state.region) out.seen[state.region] ??= lines[i];
      if (state.region === 'reviews' && !out.reviews?.slots.length) out.reviews = { line: lines[i], slots: collectReviews(read, i, state.labels) };
      continue;
    }
    if (cell.kind !== 'text' || cell.long) continue;
    if (cell.raw.includes('勾稽')) {
      state.region = 'applications';
      out.seen.applications ??= lines[i];
      continue;
    }
    const hit = classify(cell, state);
    // A header run together in one cell ('信息内容 采购项目数量 采购总金额(万元)'), or cut in two ('采购',
    // '总金额(万元)'), still gives its units.
    if (!hit && state.region === 'disclosure') {
      for (const [code, unit] of moneyUnitsIn(previousWords + cell.raw)) if (!out.headerUnits.has(code)) out.headerUnits.set(code, unit);
      previousWords = cell.raw;
    }
    if (!hit) continue;
    const { entry } = hit;
    if (hit.how === 'exact') state.region = entry.table;
    out.seen[entry.table] ??= lines[i];
    if (entry.vote) for (const t of entry.vote) out.votes[t]++;
    if (entry.kind === 'measure') {
      const unit = unitInHeader(cell.raw);
      if (unit && catalog.measure(entry.code).kind === 'money') out.headerUnits.set(entry.code, unit);
    }
    if (isRowKind(entry.kind)) {
      const { slots, spansRows } = collectRow(read, i, state);
      out.rows.push({ table: entry.table as RowRead['table'], code: entry.code, line: lines[i], how: hit.how, label: cell.raw, slots, ...(spansRows ? { spansRows } : {}) });
      if (entry.kind === 'app_row') state.lastAppRow = entry.code;
    } else if (entry.kind === 'proceeding' && entry.code === 'review' && !out.reviews?.slots.length) {
      out.reviews = { line: lines[i], slots: collectReviews(read, i, state.labels) };
    }
  }
  return out;
}

/** Which label a text cell is, in the reader's current table. */
function classify(cell: Cell, state: State): Hit | null {
  const label = cell.label;
  if (!label || label.key.length === 0) return null;
  const entries = state.labels.exact(label.key);
  if (entries) {
    const row = entryOfKind(entries, 'app_row');
    const ambiguous = row?.row?.ambiguous;
    if (row && ambiguous) {
      const byNumber = label.number !== null && ambiguous.numbers.includes(label.number);
      const byPlace = state.region === 'applications' && state.lastAppRow !== null && ambiguous.after.includes(state.lastAppRow);
      if (byNumber || byPlace) return { entry: row, how: 'exact' };
      const header = entryInTable(entries, state.region, row) ?? entryInTable(entries, undefined, row);
      return header ? { entry: header, how: 'exact' } : null;
    }
    return { entry: entryInTable(entries, state.region) ?? entries[0], how: 'exact' };
  }
  if (state.region === 'disclosure' || state.region === 'applications') {
    const prefix = state.labels.prefixRow(label.key, state.region);
    if (prefix) return { entry: prefix, how: 'prefix' };
    const fuzzy = state.labels.fuzzyRow(label.key, state.region);
    if (fuzzy) return { entry: fuzzy, how: 'fuzzy' };
  }
  return null;
}

// Plain loops rather than find() with a closure: classify runs for every text cell, twice.
function entryOfKind(entries: readonly LabelEntry[], kind: LabelEntry['kind']): LabelEntry | undefined {
  for (const e of entries) if (e.kind === kind) return e;
  return undefined;
}

/** The first entry of `table` (any table when undefined) other than `except`. */
function entryInTable(entries: readonly LabelEntry[], table: Table | null | undefined, except?: LabelEntry): LabelEntry | undefined {
  for (const e of entries) if (e !== except && (table === undefined || e.table === table)) return e;
  return undefined;
}

/** The figures after a row label, up to the next label, heading or prose. */
function collectRow(read: Cells, at: number, state: State): { slots: Slot[]; spansRows: boolean } {
  const { cells, lines } = read;
  const labelLine = lines[at];
  const slots: Slot[] = [];
  let last = -1;
  let spansRows = false;
  for (let j = at + 1; j < cells.length; j++) {
    const c = cells[j];
    if (c.kind === 'figure') {
      // A line of several cells is a table row (or rows run together): figures from it and from another line are not one row.
      if (last !== -1 && !spansRows && lines[j] !== lines[last] && (isRowLine(read, last) || isRowLine(read, j))) spansRows = true;
      slots.push({ kind: 'figure', figure: c.figure!, line: lines[j] });
      last = j;
    } else if (c.kind === 'empty') {
      if (lines[j] === labelLine) slots.push({ kind: 'empty', figure: null, line: labelLine });
    } else if (c.kind === 'heading') break;
    else if (c.kind === 'text' && endsRow(c, state)) break;
  }
  return { slots: trimEmpty(slots), spansRows };
}

/** Whether the line of cell `j` holds two cells or more (a delimited row, not one cell on its own). */
function isRowLine({ cells, lines }: Cells, j: number): boolean {
  const line = lines[j];
  let n = 0;
  for (let k = j; k >= 0 && lines[k] === line; k--) if (cells[k].kind !== 'empty') n++;
  for (let k = j + 1; k < cells.length && lines[k] === line; k++) if (cells[k].kind !== 'empty') n++;
  return n >= 2 && cells[j].delimited;
}

function endsRow(c: Cell, state: State): boolean {
  if (c.long || c.raw.includes('勾稽')) return true;
  return classify(c, state) !== null;
}

/**
 * Section 四 is one row of fifteen figures under a three-level header. The figures are
 * taken in order after the heading (or the 行政复议 header), passing over the header words.
 */
function collectReviews({ cells, lines }: Cells, at: number, labels: Labels): Slot[] {
  const slots: Slot[] = [];
  const state: State = { labels, region: 'reviews', lastAppRow: null };
  for (let j = at + 1; j < cells.length; j++) {
    const c = cells[j];
    if (c.kind === 'figure') slots.push({ kind: 'figure', figure: c.figure!, line: lines[j] });
    else if (c.kind === 'heading') break;
    else if (c.kind === 'text') {
      if (c.long || c.raw.includes('勾稽')) break;
      const hit = classify(c, state);
      if (hit && isRowKind(hit.entry.kind)) break;
    }
  }
  return slots;
}

function trimEmpty(slots: Slot[]): Slot[] {
  let a = 0;
  let b = slots.length;
  while (a < b && slots[a].kind === 'empty') a++;
  while (b > a && slots[b - 1].kind === 'empty') b--;
  return a === 0 && b === slots.length ? slots : slots.slice(a, b);
}

const HEADER_UNIT = /[(（]\s*(?:单位\s*[:：]?\s*)?(万元|亿元|元)\s*[)）]?/;

function unitInHeader(raw: string): MoneyUnit | null {
  const m = HEADER_UNIT.exec(raw);
  return m ? (m[1] as MoneyUnit) : null;
}
