// Section 三 from its figures in text order: the rows of the template (in
// either printed form of the 2021 template's （六）), cut into blocks read
// row by row or a column at a time, kept when every row's 总计, the 勾稽 of
// every column and （七）总计 hold.

import { APPLICANT_CODES, applicationRows, type ApplicationRow, type TemplateId } from '../../template/model.ts';
import { placeBlocks } from './blocks.ts';
import { decide, type Decision, type Placement } from './decide.ts';
import { applicantRowHolds, applicationsHold, isCount, valueOf } from './identities.ts';
import type { Region } from './region.ts';

/** The row sets a report may print: one, or for （六） the parent row, its sub-rows, or both. */
export function printedForms(template: TemplateId): ApplicationRow[][] {
  const rows = applicationRows(template);
  const parents = new Set(rows.filter((r) => r.parent).map((r) => r.parent!));
  if (parents.size === 0) return [[...rows]];
  return [rows.filter((r) => !r.parent), rows.filter((r) => !parents.has(r.code)), [...rows]];
}

export type SectionOutcome = { kind: 'decided'; decision: Decision } | { kind: 'too_many' } | { kind: 'none' };

export function recoverApplications(region: Region, template: TemplateId): SectionOutcome {
  const tokens = region.figures.map((f) => f.slot.figure!);
  const values = tokens.map(valueOf);
  const width = APPLICANT_CODES.length;
  const candidates: Placement[] = [];
  for (const form of printedForms(template)) {
    if (form.length * width !== values.length) continue;
    const codes = form.map((r) => r.code);
    const result = placeBlocks(values, {
      rows: form.map(() => ({ width, group: 'applications' })),
      rowHolds: (_row, rowValues, cells) => cells.every((i) => isCount(tokens[i])) && applicantRowHolds(rowValues),
      lineOf: (i) => region.figures[i].slot.line,
      tableHolds: (grid) => applicationsHold(template, codes, grid),
    });
    if (!result) continue;
    if (result.kind === 'too_many') return { kind: 'too_many' };
    for (const c of result.candidates) candidates.push(new Map(codes.map((code, r) => [code, c.cells[r]])));
  }
  const decision = decide(candidates, region.figures, (i) => values[i]);
  return decision ? { kind: 'decided', decision } : { kind: 'none' };
}
