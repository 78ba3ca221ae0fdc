// The template's identities as evidence for placing figures: the same
// arithmetic the validator checks (validate/checks.ts), asked of candidate
// placements before any figure is accepted. A null (a placeholder such as '—')
// is unknown: an identity it takes part in cannot be checked and does not
// count against a candidate.

import type { Figure } from '../record.ts';
import type { FigureToken } from '../numbers.ts';
import { APPLICANT_CODES, APPLICANT_PARTS, OUTCOME_CODES, OUTCOME_PARTS, PROCEEDING_CODES, measure, type TemplateId } from '../../template/model.ts';
import { applicantTotalChecks, balanceChecks, outcomeTotalChecks, reviewTotalChecks, type CheckResult } from '../../validate/checks.ts';

export type Values = readonly (number | null)[];

/** The value a token stands for in the arithmetic: null for a placeholder. */
export function valueOf(token: FigureToken): number | null {
  return token.kind === 'number' ? token.value : null;
}

/** A figure that can stand in a count column: whole, not negative, no money unit. */
export function isCount(token: FigureToken): boolean {
  return token.kind === 'blank' || (!token.decimal && token.unit === null && token.value >= 0 && !(token.signed && token.value !== 0));
}

/** parts[0] + … = total, where every figure is known. */
function sumHolds(values: Values, parts: readonly number[], total: number): boolean {
  const t = values[total];
  if (t === null) return true;
  let sum = 0;
  for (const p of parts) {
    const v = values[p];
    if (v === null) return true;
    sum += v;
  }
  return sum === t;
}

const APPLICANT_PART_INDEXES = APPLICANT_PARTS.map((c) => APPLICANT_CODES.indexOf(c));
const APPLICANT_TOTAL = APPLICANT_CODES.indexOf('total');
const OUTCOME_PART_INDEXES = OUTCOME_PARTS.map((c) => OUTCOME_CODES.indexOf(c));
const OUTCOME_TOTAL = OUTCOME_CODES.indexOf('total');

/** Section 三, one row: 总计 = the six applicant columns. */
export const applicantRowHolds = (values: Values): boolean => sumHolds(values, APPLICANT_PART_INDEXES, APPLICANT_TOTAL);

/** Section 四, one proceeding: 总计 = its four outcomes. */
export const proceedingHolds = (values: Values): boolean => sumHolds(values, OUTCOME_PART_INDEXES, OUTCOME_TOTAL);

function gridOf(codes: readonly string[], columns: readonly string[], values: readonly Values[]): Record<string, Record<string, Figure>> {
  const grid: Record<string, Record<string, Figure>> = {};
  codes.forEach((code, r) => {
    const row: Record<string, Figure> = {};
    columns.forEach((c, k) => (row[c] = { value: values[r][k], raw: null, line: null }));
    grid[code] = row;
  });
  return grid;
}

const noneFails = (checks: readonly CheckResult[]) => checks.every((c) => c.status !== 'fail');

/** Section 三, the whole table: 勾稽 per column, every row's 总计 and （七）总计 = the outcome rows. */
export function applicationsHold(template: TemplateId, codes: readonly string[], values: readonly Values[]): boolean {
  const grid = gridOf(codes, APPLICANT_CODES, values);
  return noneFails(balanceChecks(grid)) && noneFails(applicantTotalChecks(grid, template)) && noneFails(outcomeTotalChecks(grid, template));
}

/** Section 四, the whole table. */
export function reviewsHold(values: readonly Values[]): boolean {
  return noneFails(reviewTotalChecks(gridOf(PROCEEDING_CODES, OUTCOME_CODES, values)));
}

/** Section 二, one item: each figure fits its measure (a count is whole and not negative, a money unit only in a money column). */
export function disclosureRowHolds(measures: readonly string[], tokens: readonly FigureToken[]): boolean {
  for (let k = 0; k < measures.length; k++) {
    const kind = measure(measures[k]).kind;
    const t = tokens[k];
    if (kind === 'count' && !isCount(t)) return false;
    if (kind === 'change' && t.kind === 'number' && (t.decimal || t.unit !== null)) return false;
  }
  return true;
}

/**
 * Section 二 under the 2019 template: 本年新公开 ≤ 对外公开总数量. Real reports break it now and then (the
 * validator warns), so it only chooses between placements that fit otherwise, never rules out the only one.
 */
export function publishedWithinTotal(measures: readonly string[], values: Values): boolean {
  const published = measures.indexOf('new_published');
  const total = measures.indexOf('total_published');
  if (published < 0 || total < 0) return true;
  const p = values[published];
  const t = values[total];
  return p === null || t === null || p <= t;
}
