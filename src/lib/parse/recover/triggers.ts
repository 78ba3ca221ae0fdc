// When recovery can help, judged from the row reader's own reads before any
// region is looked for: a table read in full (or with rows simply absent, as a
// cut table) has nothing left over to place, and a table laid out row by row
// whose arithmetic fails is the report's own inconsistency. Recovery runs
// when a row's label came without its figures, or with figures that do not
// fit it, or when figures read one a line (PDF reading order) break the
// arithmetic; so the common report costs nothing more.

import type { Catalog, TemplateId } from '../../template/model.ts';
import { tableChecks, unprintedAlternatives, type CheckResult } from '../../template/rules.ts';
import type { Cells } from '../cells.ts';
import { fitSlots, type Placed } from '../interpret.ts';
import type { Figure } from '../record.ts';
import type { RowRead, TablesRead } from '../tables.ts';

export interface Needs {
  /** Section 二 items to recover (with null cells, in a table some row of which did not fit). */
  disclosure: Set<string>;
  applications: boolean;
  reviews: boolean;
}

const hasNull = (row: Record<string, Figure> | undefined) => row !== undefined && Object.values(row).some((f) => f.value === null && f.raw === null);
export const fails = (checks: readonly CheckResult[]) => checks.some((c) => c.status === 'fail');

/** A row read whose figures do not make its row: none, too few or many, or from two table rows' lines. */
function loose(row: RowRead, width: number): boolean {
  return row.slots.length === 0 || row.spansRows === true || fitSlots(row.slots, width) === null;
}

/** A row read whose figures stand on more lines than one: text giving a figure a line. */
const spread = (row: RowRead) => row.slots.length > 1 && row.slots.some((s) => s.line !== row.slots[0].line);

export function recoveryNeeds(cells: Cells, read: TablesRead, template: TemplateId | null, placed: { disclosure: Placed; applications: Placed; reviews: Placed }, catalog: Catalog): Needs {
  const appTemplate = template ?? catalog.latest;
  const rows = (table: RowRead['table']) => read.rows.filter((r) => r.table === table);
  const disclosure = new Set<string>();
  if (template) {
    // Items with null cells, when some row did not fit or the item's label was never read as one.
    const reads = rows('disclosure');
    const anyLoose = reads.some((r) => loose(r, catalog.measuresOf(catalog.disclosureItem(r.code), template).length));
    for (const [item, cells] of Object.entries(placed.disclosure.grid)) if (hasNull(cells) && (anyLoose || !reads.some((r) => r.code === item))) disclosure.add(item);
  }
  const appReads = rows('applications');
  const skip = unprintedAlternatives(placed.applications.grid, appTemplate, catalog);
  const appNulls = Object.entries(placed.applications.grid).some(([code, row]) => !skip.has(code) && hasNull(row));
  const appLoose = appReads.some((r) => loose(r, catalog.applicantCodes.length));
  const applications =
    (appNulls && (appLoose || appReads.length === 0)) || (appReads.some(spread) && failsApplications(placed.applications, appTemplate, catalog));
  return { disclosure, applications, reviews: reviewsNeed(cells, read, placed.reviews, catalog) };
}

export function failsApplications(placed: Placed, template: TemplateId, catalog: Catalog): boolean {
  return fails(tableChecks(placed.grid, 'applications', template, catalog, false));
}

/**
 * Section 四: not read as fifteen figures (or not found: a renumbered heading), or read from runs
 * of figures with words between them (PDF reading order may put the runs out of order, even where
 * every total holds).
 */
function reviewsNeed(cells: Cells, read: TablesRead, placed: Placed, catalog: Catalog): boolean {
  const slots = read.reviews?.slots ?? [];
  if (slots.length !== catalog.proceedingCodes.length * catalog.outcomeCodes.length) return true;
  if (!hasWordsBetween(cells, slots[0].line, slots[slots.length - 1].line)) return false;
  return new Set(slots.map((s) => s.line)).size > catalog.proceedingCodes.length || fails(tableChecks(placed.grid, 'reviews', catalog.latest, catalog, false));
}

/** Whether a text cell stands on the lines from `first` to `last` (inclusive) between figures. */
function hasWordsBetween({ cells, lines }: Cells, first: number, last: number): boolean {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  let seenFigure = false;
  for (let i = lo; i < cells.length && lines[i] <= last; i++) {
    if (cells[i].kind === 'figure') seenFigure = true;
    else if (seenFigure && (cells[i].kind === 'text' || cells[i].kind === 'heading')) return true;
  }
  return false;
}
