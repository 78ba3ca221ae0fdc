// Section 三 from its figures in text order: the rows of the template (in
// either printed form of a row the template splits into sub-rows, such as （六）), cut into blocks read
// row by row or a column at a time, kept when every row's 总计, the 勾稽 of
// every column and （七）总计 hold.

import type { ApplicationRow, Catalog, TemplateId } from '../../template/model.ts';
import { placeBlocks } from './blocks.ts';
import { attachLabels, auditLabels } from './attach.ts';
import { Accounted, claims, lineRows } from './claims.ts';
import { combine, decide, exactly, type Decision, type Placement } from './decide.ts';
import { applicantRowHolds, applicationsHold, isCount, valueOf } from './identities.ts';
import type { Region } from './region.ts';

/** The row sets a report may print: one, or for （六） the parent row, its sub-rows, or both. */
export function printedForms(template: TemplateId, catalog: Catalog): ApplicationRow[][] {
  const rows = catalog.rowsOf(template);
  const parents = new Set(rows.filter((r) => r.parent).map((r) => r.parent!));
  if (parents.size === 0) return [[...rows]];
  return [rows.filter((r) => !r.parent), rows.filter((r) => !parents.has(r.code)), [...rows]];
}

export type SectionOutcome = { kind: 'decided'; decision: Decision } | { kind: 'too_many' } | { kind: 'none' };

/**
 * The rows the figures may fill: a printed form of the whole table, or, for a table cut short (or
 * begun late), the rows of a form from the first to the last whose label the region shows.
 */
function rowSets(region: Region, template: TemplateId, figures: number, catalog: Catalog): ApplicationRow[][] {
  const labelled = new Set(region.labels.filter((e) => e.kind === 'app_row').map((e) => e.code));
  const out: ApplicationRow[][] = [];
  for (const form of printedForms(template, catalog)) {
    out.push(form);
    const first = form.findIndex((r) => labelled.has(r.code));
    const last = form.findLastIndex((r) => labelled.has(r.code));
    if (first >= 0 && (first > 0 || last < form.length - 1)) out.push(form.slice(first, last + 1));
  }
  // Of the sets the figures fill, those that agree best with the labels the region shows: rows of the
  // set without a label, and labelled rows the set leaves out (but for a heading over its labelled
  // parts), each count against a set. A cut table's labelled rows, not a whole form some of whose rows
  // have no label; （六） printed as three labelled rows, not as one. Sets that agree equally well stay
  // candidates together, and cells they place differently stay null.
  const fitting = out.filter((rows) => rows.length * catalog.applicantCodes.length === figures);
  const all = catalog.rowsOf(template);
  const headings = new Set(all.filter((r) => r.parent && labelled.has(r.code)).map((r) => r.parent!));
  // A heading given figures of its own while its parts are rows too is a reading the labels do not
  // show either: the text prints it over its parts, not as a row beside them.
  const disagreement = (rows: readonly ApplicationRow[]) => {
    const codes = new Set(rows.map((r) => r.code));
    const headingRows = rows.filter((r) => headings.has(r.code) && rows.some((x) => x.parent === r.code)).length;
    return rows.filter((r) => !labelled.has(r.code)).length + all.filter((r) => labelled.has(r.code) && !codes.has(r.code) && !headings.has(r.code)).length + headingRows;
  };
  const fewest = Math.min(...fitting.map(disagreement));
  return fitting.filter((rows) => disagreement(rows) === fewest);
}

/** `readLines`: the lines of the figures reading row by row placed. */
export function recoverApplications(region: Region, template: TemplateId, readLines: ReadonlySet<number>, catalog: Catalog): SectionOutcome {
  const tokens = region.figures.map((f) => f.slot.figure!);
  const values = tokens.map(valueOf);
  const width = catalog.applicantCodes.length;
  const candidates: Placement[] = [];
  for (const form of rowSets(region, template, values.length, catalog)) {
    const codes = form.map((r) => r.code);
    const result = placeBlocks(values, {
      rows: form.map(() => ({ width, group: 'applications' })),
      rowHolds: (_row, rowValues, cells) => cells.every((i) => isCount(tokens[i])) && applicantRowHolds(rowValues, catalog),
      lineOf: (i) => region.figures[i].slot.line,
      delimitedAt: (i) => region.figures[i].delimited,
      tableHolds: (grid) => applicationsHold(template, codes, grid, catalog),
    });
    if (!result) continue;
    if (result.kind === 'too_many') return { kind: 'too_many' };
    for (const c of result.candidates) candidates.push(new Map(codes.map((code, r) => [code, c.cells[r]])));
  }
  // Every candidate places every figure of the table: the rows they agree on are an exact cover.
  const decision = decide(candidates, region.figures, (i) => values[i]);
  if (decision) return { kind: 'decided', decision: exactly(decision) };
  // Not the whole table in order: each row label with the figures just before or after it …
  const rows = catalog.rowsOf(template);
  // A parent row whose parts are labelled too (（六）其他处理 over its three sub-rows) is their heading.
  const labelled = new Set(region.labels.filter((e) => e.kind === 'app_row').map((e) => e.code));
  const headings = new Set(rows.filter((r) => r.parent && labelled.has(r.code)).map((r) => r.parent!));
  const attached = attachLabels(region, {
    kind: 'app_row',
    headings,
    width: (code) => (rows.some((r) => r.code === code) ? width : null),
    solve: (codes, from, to) => rowCandidates(region, template, codes, from, to, values, catalog),
    valueAt: (i) => values[i],
  });
  if (attached === 'too_many') return { kind: 'too_many' };
  if (attached) return { kind: 'decided', decision: attached };
  // … or labels listed together before their figures, in a table that does not fit whole.
  const claimed = fromClaims(region, template, values, readLines, headings, catalog);
  if (claimed.kind !== 'none') return claimed;
  // Nothing places the figures (the table's arithmetic fails): which rows read row by row are sure?
  const audit = auditLabels(region, { kind: 'app_row', headings, width: (code) => (rows.some((r) => r.code === code) ? width : null), valueAt: (i) => values[i] });
  return audit ? { kind: 'decided', decision: audit } : { kind: 'none' };
}

/** Placements of rows `codes` (in order) over the region's figures from … to, each row's 总计 and the identities among them holding. */
function rowCandidates(region: Region, template: TemplateId, codes: readonly string[], from: number, to: number, values: readonly (number | null)[], catalog: Catalog): { cells: number[][] }[] | 'too_many' | null {
  const tokens = region.figures.map((f) => f.slot.figure!);
  const result = placeBlocks(values.slice(from, to), {
    rows: codes.map(() => ({ width: catalog.applicantCodes.length, group: 'applications' })),
    rowHolds: (_row, rowValues, cells) => cells.every((i) => isCount(tokens[from + i])) && applicantRowHolds(rowValues, catalog),
    lineOf: (i) => region.figures[from + i].slot.line,
    delimitedAt: (i) => region.figures[from + i].delimited,
    tableHolds: (grid) => applicationsHold(template, codes, grid, catalog),
  });
  if (!result) return null;
  if (result.kind === 'too_many') return 'too_many';
  return result.candidates.map((c) => ({ cells: c.cells.map((row) => row.map((i) => (i < 0 ? i : i + from))) }));
}

/** The whole table does not fit (cut short, or rows garbled): rows whose labels were listed before their figures. */
function fromClaims(region: Region, template: TemplateId, values: readonly (number | null)[], readLines: ReadonlySet<number>, headings: ReadonlySet<string>, catalog: Catalog): SectionOutcome {
  const tokens = region.figures.map((f) => f.slot.figure!);
  const rows = catalog.rowsOf(template);
  const decisions = [];
  const accounted = new Accounted(readLines);
  for (const claim of claims(region.figures, 'app_row', (code) => rows.some((r) => r.code === code) && !headings.has(code))) {
    if (!accounted.clears(region.figures, claim)) continue;
    const codes = claim.codes;
    const result = rowCandidates(region, template, codes, claim.from, claim.to, values, catalog);
    if (result === 'too_many') return { kind: 'too_many' };
    const placements: Placement[] = result ? result.map((c) => new Map(codes.map((code, r) => [code, c.cells[r]]))) : [];
    // Figures missing from a row: its line still pairs it with its label; the full rows are placed.
    const byLine = lineRows(region.figures, claim);
    if (placements.length === 0 && byLine) {
      const full = codes.map((code, r) => [code, byLine[r]] as const).filter(([, cells]) => cells.length === catalog.applicantCodes.length && applicantRowHolds(cells.map((i) => values[i]), catalog) && cells.every((i) => isCount(tokens[i])));
      if (full.length > 0) placements.push(new Map(full));
    }
    const decision = decide(placements, region.figures, (i) => values[i]);
    if (decision) {
      decisions.push(decision);
      accounted.add([...decision.rows.values()].flat());
    }
  }
  return decisions.length > 0 ? { kind: 'decided', decision: combine(decisions) } : { kind: 'none' };
}
