// The arithmetic the templates imply (勾稽关系 and totals), run on a parsed
// record. Every check yields a result row, passed or not: users see the checks
// themselves, not only the failures. A check whose figures are missing is
// 'not_checkable', never a pass.

import {
  APPLICANTS,
  APPLICANT_PARTS,
  OUTCOME_PARTS,
  PROCEEDINGS,
  applicationRows,
  applicationRow,
  type TemplateId,
} from '../template/model.ts';
import type { Figure } from '../parse/record.ts';

export type CheckCode = 'balance' | 'applicant_total' | 'outcome_total' | 'review_total' | 'published_exceeds_total' | 'amount_per_project';
export type CheckStatus = 'pass' | 'fail' | 'not_checkable';

export interface CheckResult {
  check: CheckCode;
  /** What the check is about: an applicant column, a row, a proceeding or an item. */
  scope: string;
  status: CheckStatus;
  /** The two sides as computed (null where a figure is missing). */
  left: number | null;
  right: number | null;
  /** Chinese, readable on its own: the arithmetic with the report's figures. Only for checks that did not pass (a pass is the figures themselves). */
  detail: string | null;
  line: number | null;
}

type Grid = Record<string, Record<string, Figure>>;

const v = (grid: Grid, row: string, col: string): number | null => grid[row]?.[col]?.value ?? null;
const lineOf = (grid: Grid, row: string, col: string): number | null => grid[row]?.[col]?.line ?? null;

function sum(values: (number | null)[]): number | null {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === null) return null;
    total += x;
  }
  return total;
}

const fmt = (x: number | null) => (x === null ? '未披露' : String(x));

function result(check: CheckCode, scope: string, left: number | null, right: number | null, line: number | null): CheckResult {
  const status: CheckStatus = left === null || right === null ? 'not_checkable' : Math.abs(left - right) < 1e-9 ? 'pass' : 'fail';
  return { check, scope, status, left, right, detail: null, line };
}

// The arithmetic is spelt out only where someone needs to read it: 45 checks a report, most of them
// passes. Callers write it after the fact rather than through a closure, which would be built for every check.
const explained = (r: CheckResult) => r.status !== 'pass';

/** 一 + 二 = （七）总计 + 四, in every applicant column. */
export function balanceChecks(grid: Grid): CheckResult[] {
  return APPLICANTS.map(({ code, label }) => {
    const received = v(grid, 'new_received', code);
    const carriedIn = v(grid, 'carried_over_in', code);
    const handled = v(grid, 'total_handled', code);
    const carriedOut = v(grid, 'carried_over_out', code);
    const left = sum([received, carriedIn]);
    const right = sum([handled, carriedOut]);
    const r = result('balance', code, left, right, lineOf(grid, 'total_handled', code) ?? lineOf(grid, 'new_received', code));
    if (explained(r)) r.detail = `${label}：本年新收 ${fmt(received)} + 上年结转 ${fmt(carriedIn)} = ${fmt(left)}；办理结果总计 ${fmt(handled)} + 结转下年度 ${fmt(carriedOut)} = ${fmt(right)}`;
    return r;
  });
}

export const blank = (grid: Grid, row: string) => APPLICANTS.every(({ code }) => v(grid, row, code) === null);

/**
 * The 2021 template lets （六）其他处理 be printed either as one row or as its three sub-rows.
 * The form not printed is not a missing figure.
 */
export function unprintedAlternatives(grid: Grid, template: TemplateId): Set<string> {
  const subRows = applicationRows(template).filter((r) => r.parent === 'other_handling').map((r) => r.code);
  if (subRows.length === 0) return new Set();
  if (blank(grid, 'other_handling') && subRows.some((r) => !blank(grid, r))) return new Set(['other_handling']);
  if (!blank(grid, 'other_handling') && subRows.every((r) => blank(grid, r))) return new Set(subRows);
  return new Set();
}

/** 总计 = the six applicant columns, in every row. */
export function applicantTotalChecks(grid: Grid, template: TemplateId): CheckResult[] {
  const skip = unprintedAlternatives(grid, template);
  return applicationRows(template).filter((row) => !skip.has(row.code)).map((row) => {
    const parts = APPLICANT_PARTS.map((c) => v(grid, row.code, c));
    const total = v(grid, row.code, 'total');
    const left = sum(parts);
    const r = result('applicant_total', row.code, left, total, lineOf(grid, row.code, 'total'));
    if (explained(r)) r.detail = `${row.label.replace(/（.*$/, '')}：六类申请人 ${parts.map(fmt).join(' + ')} = ${fmt(left)}；总计栏 ${fmt(total)}`;
    return r;
  });
}

/**
 * （七）总计 = （一） to （六）, in every column. Under the 2021 template （六） may be printed
 * only through its three sub-rows; their sum then stands for it.
 */
export function outcomeTotalChecks(grid: Grid, template: TemplateId): CheckResult[] {
  const rows = applicationRows(template);
  const outcomes = rows.filter((r) => r.outcome && !r.parent);
  const subRows = rows.filter((r) => r.parent === 'other_handling');
  return APPLICANTS.map(({ code, label }) => {
    const values = outcomes.map((r) => {
      const own = v(grid, r.code, code);
      if (own !== null || r.code !== 'other_handling' || subRows.length === 0) return own;
      return sum(subRows.map((s) => v(grid, s.code, code)));
    });
    const left = sum(values);
    const total = v(grid, 'total_handled', code);
    const r = result('outcome_total', code, left, total, lineOf(grid, 'total_handled', code));
    if (explained(r)) {
      const missing = outcomes.filter((_, k) => values[k] === null).map((o) => applicationRow(o.code).short ?? o.label);
      r.detail =
        left === null
          ? `${label}：办理结果各项中 ${missing.slice(0, 3).join('、')}${missing.length > 3 ? ` 等 ${missing.length} 项` : ''}未披露；总计 ${fmt(total)}`
          : `${label}：办理结果（一）至（六）之和 ${left}；（七）总计 ${fmt(total)}`;
    }
    return r;
  });
}

/** Each proceeding's 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
export function reviewTotalChecks(grid: Grid): CheckResult[] {
  return PROCEEDINGS.map(({ code, label }) => {
    const parts = OUTCOME_PARTS.map((o) => v(grid, code, o));
    const left = sum(parts);
    const total = v(grid, code, 'total');
    const r = result('review_total', code, left, total, lineOf(grid, code, 'total'));
    if (explained(r)) r.detail = `${label}：结果维持 ${fmt(parts[0])} + 结果纠正 ${fmt(parts[1])} + 其他结果 ${fmt(parts[2])} + 尚未审结 ${fmt(parts[3])} = ${fmt(left)}；总计 ${fmt(total)}`;
    return r;
  });
}
