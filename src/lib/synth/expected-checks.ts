// Which checks must fail on a truth record, worked out here from the truth
// figures rather than by calling the validator, so that the accuracy check
// also tests the validator's arithmetic. The rules are the documented ones
// (validate/checks.ts): a check with a missing figure is not checkable, never
// failed; under 2021 （六）其他处理 may be printed as one row or as its three
// sub-rows, and the form not printed is not checked.

import { APPLICANT_CODES, PROCEEDING_CODES, applicationRows, type TemplateId } from '../template/model.ts';
import { PER_PROJECT_YUAN } from '../parse/interpret.ts';
import type { Cells, FailingCheck } from './truth.ts';

type Grid = Record<string, Cells>;

function sum(values: (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

const fails = (left: number | null, right: number | null) => left !== null && right !== null && left !== right;
const blank = (grid: Grid, row: string) => (grid[row] ?? []).every((v) => v === null);

export function expectedFailures(
  template: TemplateId,
  disclosure: Record<string, Record<string, number | null>>,
  applications: Grid,
  reviews: Grid,
): FailingCheck[] {
  const out: FailingCheck[] = [];
  const rows = applicationRows(template);
  const at = (row: string, c: number): number | null => applications[row]?.[c] ?? null;

  APPLICANT_CODES.forEach((code, c) => {
    if (fails(sum([at('new_received', c), at('carried_over_in', c)]), sum([at('total_handled', c), at('carried_over_out', c)]))) out.push({ check: 'balance', scope: code });
  });

  const subRows = rows.filter((r) => r.parent === 'other_handling').map((r) => r.code);
  const skip = new Set<string>();
  if (subRows.length > 0) {
    if (blank(applications, 'other_handling') && subRows.some((r) => !blank(applications, r))) skip.add('other_handling');
    if (!blank(applications, 'other_handling') && subRows.every((r) => blank(applications, r))) subRows.forEach((r) => skip.add(r));
  }
  for (const row of rows) {
    if (skip.has(row.code)) continue;
    if (fails(sum([0, 1, 2, 3, 4, 5].map((c) => at(row.code, c))), at(row.code, 6))) out.push({ check: 'applicant_total', scope: row.code });
  }

  const outcomes = rows.filter((r) => r.outcome && !r.parent);
  APPLICANT_CODES.forEach((code, c) => {
    const values = outcomes.map((r) => {
      const own = at(r.code, c);
      if (own !== null || r.code !== 'other_handling' || subRows.length === 0) return own;
      return sum(subRows.map((s) => at(s, c)));
    });
    if (fails(sum(values), at('total_handled', c))) out.push({ check: 'outcome_total', scope: code });
  });

  for (const p of PROCEEDING_CODES) {
    const v = reviews[p] ?? [];
    if (fails(sum(v.slice(0, 4)), v[4] ?? null)) out.push({ check: 'review_total', scope: p });
  }

  if (template === '2019') {
    for (const item of ['regulations', 'normative_docs']) {
      const published = disclosure[item]?.new_published ?? null;
      const total = disclosure[item]?.total_published ?? null;
      if (published !== null && total !== null && total < published) out.push({ check: 'published_exceeds_total', scope: item });
    }
    const projects = disclosure.procurement?.projects ?? null;
    const amount = disclosure.procurement?.amount_yuan ?? null;
    if (projects !== null && amount !== null) {
      const bad = projects === 0 || amount === 0 ? projects !== amount : amount / projects < PER_PROJECT_YUAN.min || amount / projects > PER_PROJECT_YUAN.max;
      if (bad) out.push({ check: 'amount_per_project', scope: 'procurement' });
    }
  }
  return out;
}
