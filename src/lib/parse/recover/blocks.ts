// Placing a table's figures when the text gives them in order but not row by
// row: the figures of one row in turn (row-major), or a block of rows given a
// column at a time (column-major: PDF text takes a tall cell's column down the
// page before the next). Every way of cutting the figures into such blocks,
// top to bottom, is a candidate; the template's identities decide between
// them. Candidates that give the same figures are one candidate: a table of
// zeros is placed however its zeros are cut.

export interface BlockRow {
  width: number;
  /** Rows of one group (a sub-table) may share a column-major block; rows of different groups may not. */
  group: string;
}

export interface BlockSpec {
  rows: readonly BlockRow[];
  /**
   * The row's own identity (a total equal to its parts) and whether each figure can stand in its
   * column; `cells` are the figures' indexes, null values unknown (they pass).
   */
  rowHolds: (row: number, values: readonly (number | null)[], cells: readonly number[]) => boolean;
  /**
   * The source line of each figure. Figures on one line stand side by side in one row (or in two
   * rows run together): a block read a column at a time never takes two of them.
   */
  lineOf: (figure: number) => number;
  /**
   * Whether a figure stands in a delimited row (tabs, pipes): such a line is one table row, or rows
   * run together, so one row never takes figures from two of them.
   */
  delimitedAt: (figure: number) => boolean;
  /** The identities between rows, on a whole candidate (values row by row). */
  tableHolds: (values: readonly (readonly (number | null)[])[]) => boolean;
}

export interface Candidate {
  /**
   * Per row, per column: the index of the figure placed there; AMBIGUOUS where placements alike in
   * every figure value put a placeholder ('—') there in one and a figure in another.
   */
  cells: number[][];
  values: (number | null)[][];
}

/** A cell some equally good placement fills with a placeholder and another with a figure. */
export const AMBIGUOUS = -1;

export type BlockResult = { kind: 'placed'; candidates: Candidate[] } | { kind: 'too_many' };

/** Distinct partial placements kept per row boundary; beyond it the figures are too ambiguous to place. */
const MAX_PARTIALS = 128;

interface Partial {
  cells: number[][];
  values: (number | null)[][];
  key: string;
}

/**
 * Every distinct placement of `figures` (values in text order) over the rows of `spec`, cut into
 * blocks top to bottom, each block row-major or column-major, that satisfies every identity.
 * The figures must fill the rows exactly.
 */
export function placeBlocks(given: readonly (number | null)[], spec: BlockSpec): BlockResult | null {
  const { rows } = spec;
  // A placeholder ('—', '/', '无') stands for nothing: it counts as 0 in the arithmetic, and placements
  // that differ only in where placeholders land are one, those cells left ambiguous.
  const blank = given.map((v) => v === null);
  const figures = given.map((v) => v ?? 0);
  const offsets: number[] = [0];
  for (const r of rows) offsets.push(offsets[offsets.length - 1] + r.width);
  if (offsets[rows.length] !== figures.length) return null;

  const states: Map<string, Partial>[] = rows.map(() => new Map());
  states.push(new Map());
  states[0].set('', { cells: [], values: [], key: '' });
  for (let r = 0; r < rows.length; r++) {
    for (const partial of states[r].values()) {
      // One row, read in order.
      const one = readBlock(figures, spec, offsets, r, 1, false);
      if (one && !add(states[r + 1], partial, one, blank)) return { kind: 'too_many' };
      // Two rows or more of one group and width, a column at a time.
      for (let k = 2; r + k <= rows.length; k++) {
        const last = rows[r + k - 1];
        if (last.group !== rows[r].group || last.width !== rows[r].width) break;
        // A larger block holds these figures too.
        if (sharesLine(spec, offsets[r], offsets[r + k])) break;
        const block = readBlock(figures, spec, offsets, r, k, true);
        if (block && !add(states[r + k], partial, block, blank)) return { kind: 'too_many' };
      }
    }
    states[r] = new Map(); // done with it
  }
  const candidates = [...states[rows.length].values()].filter((p) => spec.tableHolds(p.values)).map(({ cells, values }) => ({ cells, values }));
  return { kind: 'placed', candidates };
}

interface Block {
  cells: number[][];
  values: (number | null)[][];
  key: string;
}

/** Rows r … r+k-1 read from their figures; null when a row's identity fails. */
function readBlock(figures: readonly (number | null)[], spec: BlockSpec, offsets: number[], r: number, k: number, columnMajor: boolean): Block | null {
  const base = offsets[r];
  const cells: number[][] = [];
  const values: (number | null)[][] = [];
  for (let i = 0; i < k; i++) {
    const width = spec.rows[r + i].width;
    const rowCells: number[] = [];
    for (let c = 0; c < width; c++) rowCells.push(columnMajor ? base + c * k + i : offsets[r + i] + c);
    if (spansRows(spec, rowCells)) return null;
    const rowValues = rowCells.map((at) => figures[at]);
    if (!spec.rowHolds(r + i, rowValues, rowCells)) return null;
    cells.push(rowCells);
    values.push(rowValues);
  }
  return { cells, values, key: values.map((v) => v.join(',')).join(';') };
}

function spansRows(spec: BlockSpec, cells: readonly number[]): boolean {
  let line = -1;
  for (const at of cells) {
    if (!spec.delimitedAt(at)) continue;
    const l = spec.lineOf(at);
    if (line !== -1 && l !== line) return true;
    line = l;
  }
  return false;
}

function sharesLine(spec: BlockSpec, from: number, to: number): boolean {
  const seen = new Set<number>();
  for (let i = from; i < to; i++) {
    const line = spec.lineOf(i);
    if (seen.has(line)) return true;
    seen.add(line);
  }
  return false;
}

/**
 * Adds partial + block to a state, unless the same figure values are there already (then the cells
 * where the two put a placeholder differently become ambiguous). False when the state is full.
 */
function add(state: Map<string, Partial>, partial: Partial, block: Block, blank: readonly boolean[]): boolean {
  const key = partial.key === '' ? block.key : `${partial.key};${block.key}`;
  const known = state.get(key);
  if (known) {
    const cells = [...partial.cells, ...block.cells];
    known.cells.forEach((row, r) => {
      if (!row.some((at, c) => at !== AMBIGUOUS && blank[at] !== blank[cells[r][c]])) return;
      known.cells[r] = row.map((at, c) => (at !== AMBIGUOUS && blank[at] !== blank[cells[r][c]] ? AMBIGUOUS : at));
    });
    return true;
  }
  if (state.size >= MAX_PARTIALS) return false;
  state.set(key, { cells: [...partial.cells, ...block.cells], values: [...partial.values, ...block.values], key });
  return true;
}
