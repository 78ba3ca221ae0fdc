// Section 四 from its figures in text order: the three proceedings as blocks
// (row by row or a column at a time), and the fifteen cells of the one-line
// table tiled by runs of figures that PDF reading order takes a column group
// at a time. Kept when each proceeding's 总计 equals its four outcomes.

import type { Catalog } from '../../template/model.ts';
import { placeBlocks } from './blocks.ts';
import { decide, exactly, type Placement } from './decide.ts';
import { isCount, proceedingHolds, reviewsHold, valueOf } from './identities.ts';
import type { SectionOutcome } from './applications.ts';
import type { Region, RegionFigure } from './region.ts';
import { placeRuns, type Run } from './runs.ts';
import type { Slot } from '../tables.ts';

export function recoverReviews(region: Region, catalog: Catalog): SectionOutcome {
  const WIDTH = catalog.outcomeCodes.length;
  const PROCEEDING_CODES = catalog.proceedingCodes;
  const tokens = region.figures.map((f) => f.slot.figure!);
  const values = tokens.map(valueOf);
  if (values.length !== WIDTH * PROCEEDING_CODES.length || !tokens.every(isCount)) return { kind: 'none' };
  const candidates: Placement[] = [];
  const asPlacement = (cells: readonly number[]) => new Map(PROCEEDING_CODES.map((p, r) => [p, cells.slice(r * WIDTH, (r + 1) * WIDTH)]));

  const blocks = placeBlocks(values, {
    // One row of fifteen cells in the template: its figures are never given a column at a time.
    rows: PROCEEDING_CODES.map((p) => ({ width: WIDTH, group: p })),
    rowHolds: (_row, rowValues) => proceedingHolds(rowValues, catalog),
    lineOf: (i) => region.figures[i].slot.line,
    delimitedAt: (i) => region.figures[i].delimited,
    tableHolds: (grid) => reviewsHold(grid, catalog),
  });
  if (blocks?.kind === 'too_many') return { kind: 'too_many' };
  for (const c of blocks?.candidates ?? []) candidates.push(asPlacement(c.cells.flat()));

  const runs = runsOf(region.figures, PROCEEDING_CODES);
  if (runs.length > 1) {
    const groups = PROCEEDING_CODES.map((_, p): [number, number] => [p * WIDTH, (p + 1) * WIDTH]);
    const tilings = placeRuns(values, runs, { width: values.length, groups, holds: (row) => reviewsHold(PROCEEDING_CODES.map((_, p) => row.slice(p * WIDTH, (p + 1) * WIDTH)), catalog) });
    if (tilings === null) return { kind: 'too_many' };
    for (const t of tilings) candidates.push(asPlacement(t.cells));
  }
  const unique = dedupe(candidates, values);
  const decision = decide(unique, region.figures, (i) => values[i]);
  if (decision) return { kind: 'decided', decision: exactly(decision) };
  // Nothing fits (the table's totals fail), and the text order itself puts a run outside the
  // proceeding its header names: the figures read in text order are not to be trusted.
  if (pinsBroken(runs, WIDTH)) {
    const empty = (): Slot[] => Array.from({ length: WIDTH }, () => ({ kind: 'empty', figure: null, line: region.figures[0].slot.line }));
    return { kind: 'decided', decision: { rows: new Map(PROCEEDING_CODES.map((p) => [p, empty()])), disputed: [...PROCEEDING_CODES], placed: 0, contested: new Set(PROCEEDING_CODES), audit: true } };
  }
  return { kind: 'none' };
}

/** Whether a run named by a proceeding's header starts, in text order, outside that proceeding's cells. */
function pinsBroken(runs: readonly Run[], width: number): boolean {
  let at = 0;
  for (const run of runs) {
    if (run.pin !== null && Math.floor(at / width) !== run.pin) return true;
    at += run.figures.length;
  }
  return false;
}

/** Runs of figures with no words between them; a run is pinned to a proceeding when the labels before it name exactly one. */
function runsOf(figures: readonly RegionFigure[], proceedings: readonly string[]): Run[] {
  const runs: Run[] = [];
  figures.forEach((f, i) => {
    if (i === 0 || f.textBefore) {
      const named = new Set(f.gap.filter((e) => e.kind === 'proceeding').map((e) => proceedings.indexOf(e.code)));
      runs.push({ figures: [], pin: named.size === 1 ? [...named][0] : null });
    }
    runs[runs.length - 1].figures.push(i);
  });
  return runs;
}

/** Candidates that give the same figures are one. */
function dedupe(candidates: readonly Placement[], values: readonly (number | null)[]): Placement[] {
  const seen = new Map<string, Placement>();
  for (const c of candidates) {
    const key = [...c.values()].map((cells) => cells.map((i) => values[i]).join(',')).join(';');
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}
