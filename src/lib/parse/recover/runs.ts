// Placing one long row whose figures come in runs out of order: PDF text
// reading order takes a table column group at a time, so section 四's fifteen
// figures may come as '72 64 178 37', header words, '12 1 1 6', '351', …
// Each run (figures with no words between them) is a stretch of consecutive
// cells. Runs keep the text's order unless the words just before a run name the
// column group it stands under ('复议后起诉'): such a run may stand anywhere in
// that group. Every tiling of the row by the runs that obeys this is a
// candidate; the identities decide.

export interface Run {
  /** Indexes of the run's figures, in order. */
  figures: number[];
  /** The column group the words before the run name, if exactly one. */
  pin: number | null;
}

export interface RunSpec {
  /** Cells of the row. */
  width: number;
  /** Column groups as [start, end) cell ranges. */
  groups: readonly [number, number][];
  holds: (values: readonly (number | null)[]) => boolean;
}

export interface RunCandidate {
  /** Per cell: the index of the figure placed there. */
  cells: number[];
  values: (number | null)[];
}

/** More runs than this are not tried: the orders multiply and nothing would be left to decide. */
const MAX_RUNS = 10;

export function placeRuns(values: readonly (number | null)[], runs: readonly Run[], spec: RunSpec): RunCandidate[] | null {
  if (runs.length > MAX_RUNS || values.length !== spec.width) return null;
  const out = new Map<string, RunCandidate>();
  const used = new Array<boolean>(runs.length).fill(false);
  const cells: number[] = [];
  const visit = () => {
    const p = cells.length;
    if (p === spec.width) {
      const placed = cells.map((i) => values[i]);
      const key = placed.join(',');
      if (!out.has(key) && spec.holds(placed)) out.set(key, { cells: [...cells], values: placed });
      return;
    }
    const nextFree = runs.findIndex((r, i) => !used[i] && r.pin === null);
    for (let i = 0; i < runs.length; i++) {
      if (used[i]) continue;
      const run = runs[i];
      if (run.pin === null ? i !== nextFree : !inGroup(spec.groups[run.pin], p)) continue;
      if (p + run.figures.length > spec.width) continue;
      used[i] = true;
      cells.push(...run.figures);
      visit();
      cells.length = p;
      used[i] = false;
    }
  };
  visit();
  return [...out.values()];
}

const inGroup = ([start, end]: [number, number], p: number) => p >= start && p < end;
