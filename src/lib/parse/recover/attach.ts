// Row labels and figures in the order PDF text gives them: a row's label
// stands now before its figures, now after them ('7153', '行政许可'), and
// converters list several labels before their figures. The text is a series
// of label lists and runs of figures (figures with no row label between
// them). Each label takes its figures from the run just after it or the run
// just before it; a run is shared by the labels that take it, in order. A
// reading is valid when every label gets exactly its row's figures and every
// figure of the table goes to exactly one label (an exact cover). A row is
// placed when all valid readings give it the same figures.

import type { LabelEntry, LabelKind } from '../labels.ts';
import type { Slot } from '../tables.ts';
import type { Decision } from './decide.ts';
import type { Region } from './region.ts';

export interface RunSolver {
  /** The candidate placements of rows `codes` (in order) over region figures from … to; null when none fits. */
  (codes: readonly string[], from: number, to: number): { cells: number[][] }[] | 'too_many' | null;
}

export interface AttachOptions {
  kind: LabelKind;
  /** The row's width, or null for a code that is not a row of this template. */
  width: (code: string) => number | null;
  solve: RunSolver;
  valueAt: (figure: number) => number | null;
  /** Row labels that stand as headings here, taking no figures (a parent printed over its parts). */
  headings?: ReadonlySet<string>;
}

interface Run {
  from: number;
  to: number;
}

/** More label positions than this in one list are not split every way (a heading block of labels, not rows). */
const MAX_LIST = 12;

export function attachLabels(region: Region, options: AttachOptions): Decision | 'too_many' | null {
  const { runs, lists } = runsAndLists(region, options);
  if (runs.length === 0 || lists.some((l) => l.length > MAX_LIST)) return null;
  const m = runs.length;
  // Transitions: run i takes lists[i] from s on and lists[i + 1] up to t.
  type Transition = { s: number; t: number; codes: string[]; candidates: { cells: number[][] }[] };
  const transitions: Transition[][] = [];
  for (let i = 0; i < m; i++) {
    const list: Transition[] = [];
    // The labels before the first run can only take it; those after the last, only the last.
    for (let s = 0; s <= (i === 0 ? 0 : lists[i].length); s++) {
      for (let t = 0; t <= lists[i + 1].length; t++) {
        if (i === m - 1 && t !== lists[m].length) continue;
        const codes = [...lists[i].slice(s), ...lists[i + 1].slice(0, t)];
        const width = codes.reduce((n, c) => n + options.width(c)!, 0);
        if (codes.length === 0 || width !== runs[i].to - runs[i].from) continue;
        const candidates = options.solve(codes, runs[i].from, runs[i].to);
        if (candidates === 'too_many') return 'too_many';
        if (candidates && candidates.length > 0) list.push({ s, t, codes, candidates });
      }
    }
    transitions.push(list);
  }
  // Forward and backward reachability of split points.
  const reachable: Set<number>[] = [new Set([0])];
  for (let i = 0; i < m; i++) reachable.push(new Set(transitions[i].filter((x) => reachable[i].has(x.s)).map((x) => x.t)));
  const coReachable: Set<number>[] = [];
  coReachable[m] = new Set([lists[m].length]);
  for (let i = m - 1; i >= 0; i--) coReachable[i] = new Set(transitions[i].filter((x) => coReachable[i + 1].has(x.t)).map((x) => x.s));
  const valid = transitions.map((list, i) => list.filter((x) => reachable[i].has(x.s) && coReachable[i + 1].has(x.t)));
  if (valid.some((list) => list.length === 0)) return null;

  // Every value each row gets in some valid reading.
  const seen = new Map<string, { key: string; cells: number[] }[]>();
  for (const list of valid) {
    for (const x of list) {
      for (const c of x.candidates) {
        x.codes.forEach((code, r) => {
          const key = c.cells[r].map((at) => (at < 0 ? '?' : options.valueAt(at))).join(',');
          const known = seen.get(code) ?? [];
          if (!known.some((k) => k.key === key)) known.push({ key, cells: c.cells[r] });
          seen.set(code, known);
        });
      }
    }
  }
  const rows = new Map<string, Slot[]>();
  const disputed: string[] = [];
  let placed = 0;
  for (const [code, readings] of seen) {
    const cells = readings[0].cells;
    if (readings.length !== 1 || cells.some((at) => at < 0)) {
      disputed.push(code);
      rows.set(code, cells.map(() => ({ kind: 'empty', figure: null, line: 0 })));
      continue;
    }
    rows.set(code, cells.map((i) => region.figures[i].slot));
    placed += cells.length;
  }
  return { rows, disputed, placed, exact: new Set([...rows.keys()].filter((c) => !disputed.includes(c))), contested: new Set(disputed), covers: true };
}

/** The region as runs of figures and the row-label lists around them: lists[i] before runs[i], lists[m] after the last. */
function runsAndLists(region: Region, options: AttachOptions): { runs: Run[]; lists: string[][] } {
  const rowLabels = (gap: readonly LabelEntry[]) => {
    const codes: string[] = [];
    for (const e of gap) if (e.kind === options.kind && options.width(e.code) !== null && !options.headings?.has(e.code) && codes[codes.length - 1] !== e.code) codes.push(e.code);
    return codes;
  };
  const runs: Run[] = [];
  const lists: string[][] = [];
  region.figures.forEach((f, i) => {
    const labels = rowLabels(f.gap);
    if (i === 0 || labels.length > 0) {
      lists.push(labels);
      runs.push({ from: i, to: i + 1 });
    } else runs[runs.length - 1].to = i + 1;
  });
  lists.push(rowLabels(region.tail));
  return { runs, lists };
}

/**
 * The same readings by counts alone, figures taken row by row, no identity asked: for a table whose
 * own arithmetic fails. It places nothing; it tells which rows a reading row by row cannot be sure
 * of (the decision is an audit: every row with more than one reading is contested).
 */
export function auditLabels(region: Region, options: Omit<AttachOptions, 'solve'>): Decision | null {
  const inOrder: RunSolver = (codes, from) => {
    let at = from;
    return [{ cells: codes.map((code) => Array.from({ length: options.width(code)! }, () => at++)) }];
  };
  const result = attachLabels(region, { ...options, solve: inOrder });
  if (result === null || result === 'too_many') return null;
  // A heading over its parts takes no figures: any it was read with are another row's.
  const rows = new Map(result.rows);
  for (const code of options.headings ?? []) rows.set(code, Array.from({ length: options.width(code) ?? 0 }, () => ({ kind: 'empty', figure: null, line: 0 })));
  return { ...result, rows, exact: new Set(), audit: true, covers: false, contested: new Set([...(result.contested ?? []), ...(options.headings ?? [])]) };
}
