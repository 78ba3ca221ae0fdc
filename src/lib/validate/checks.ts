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
  type Labelled,
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
type Row = Record<string, Figure> | undefined;

// ≈45 checks a report: rows are looked up once and summed in place, without arrays or closures.
const valueIn = (row: Row, col: string): number | null => row?.[col]?.value ?? null;
const lineIn = (row: Row, col: string): number | null => row?.[col]?.line ?? null;
const add = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/** The sum of a row's figures in `cols`; null when one is missing. */
function rowSum(row: Row, cols: readonly string[]): number | null {
  let total = 0;
  for (let i = 0; i < cols.length; i++) {
    const x = valueIn(row, cols[i]);
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

// The arithmetic is spelt out only where someone needs to read it: most checks pass. Callers
// write it after the fact rather than through a closure, which would be built for every check.
const explained = (r: CheckResult) => r.status !== 'pass';

/** 一 + 二 = （七）总计 + 四, in every applicant column. */
export function balanceChecks(grid: Grid): CheckResult[] {
  const { new_received: receivedRow, carried_over_in: inRow, total_handled: handledRow, carried_over_out: outRow } = grid;
  return APPLICANTS.map(({ code, label }) => {
    const received = valueIn(receivedRow, code);
    const carriedIn = valueIn(inRow, code);
    const handled = valueIn(handledRow, code);
    const carriedOut = valueIn(outRow, code);
    const left = add(received, carriedIn);
    const right = add(handled, carriedOut);
    const r = result('balance', code, left, right, lineIn(handledRow, code) ?? lineIn(receivedRow, code));
    if (explained(r)) r.detail = `${label}：本年新收 ${fmt(received)} + 上年结转 ${fmt(carriedIn)} = ${fmt(left)}；办理结果总计 ${fmt(handled)} + 结转下年度 ${fmt(carriedOut)} = ${fmt(right)}`;
    return r;
  });
}

function blankRow(row: Row): boolean {
  for (const { code } of APPLICANTS) if (valueIn(row, code) !== null) return false;
  return true;
}

export const blank = (grid: Grid, row: string) => blankRow(grid[row]);

const byTemplate = <T>(make: (t: TemplateId) => T) => {
  const cache = new Map<TemplateId, T>();
  return (t: TemplateId): T => {
    let hit = cache.get(t);
    if (hit === undefined) cache.set(t, (hit = make(t)));
    return hit;
  };
};
/** The sub-rows of （六）其他处理 (2021 template only). */
const otherHandlingParts = byTemplate((t) => applicationRows(t).filter((r) => r.parent === 'other_handling'));
/** （一） to （六）: the outcome rows that add up to （七）总计. */
const outcomeRows = byTemplate((t) => applicationRows(t).filter((r) => r.outcome && !r.parent));

/**
 * The 2021 template lets （六）其他处理 be printed either as one row or as its three sub-rows.
 * The form not printed is not a missing figure.
 */
export function unprintedAlternatives(grid: Grid, template: TemplateId): Set<string> {
  const subRows = otherHandlingParts(template).map((r) => r.code);
  if (subRows.length === 0) return new Set();
  if (blank(grid, 'other_handling') && subRows.some((r) => !blank(grid, r))) return new Set(['other_handling']);
  if (!blank(grid, 'other_handling') && subRows.every((r) => blank(grid, r))) return new Set(subRows);
  return new Set();
}

/** 总计 = the six applicant columns, in every row. */
export function applicantTotalChecks(grid: Grid, template: TemplateId): CheckResult[] {
  const skip = unprintedAlternatives(grid, template);
  const out: CheckResult[] = [];
  for (const def of applicationRows(template)) {
    if (skip.has(def.code)) continue;
    const row = grid[def.code];
    const left = rowSum(row, APPLICANT_PARTS);
    const total = valueIn(row, 'total');
    const r = result('applicant_total', def.code, left, total, lineIn(row, 'total'));
    if (explained(r)) r.detail = `${def.label.replace(/（.*$/, '')}：六类申请人 ${APPLICANT_PARTS.map((c) => fmt(valueIn(row, c))).join(' + ')} = ${fmt(left)}；总计栏 ${fmt(total)}`;
    out.push(r);
  }
  return out;
}

/** An outcome row's figure in a column; （六） printed only through its sub-rows is their sum. */
function outcomeValue(grid: Grid, subRows: readonly Labelled[], code: string, column: string): number | null {
  const own = valueIn(grid[code], column);
  if (own !== null || code !== 'other_handling' || subRows.length === 0) return own;
  let total: number | null = 0;
  for (const s of subRows) total = add(total, valueIn(grid[s.code], column));
  return total;
}

/**
 * （七）总计 = （一） to （六）, in every column. Under the 2021 template （六） may be printed
 * only through its three sub-rows; their sum then stands for it.
 */
export function outcomeTotalChecks(grid: Grid, template: TemplateId): CheckResult[] {
  const outcomes = outcomeRows(template);
  const subRows = otherHandlingParts(template);
  const totals = grid.total_handled;
  return APPLICANTS.map(({ code, label }) => {
    let left: number | null = 0;
    for (const o of outcomes) left = add(left, outcomeValue(grid, subRows, o.code, code));
    const total = valueIn(totals, code);
    const r = result('outcome_total', code, left, total, lineIn(totals, code));
    if (explained(r)) {
      const missing = outcomes.filter((o) => outcomeValue(grid, subRows, o.code, code) === null).map((o) => applicationRow(o.code).short ?? o.label);
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
    const row = grid[code];
    const left = rowSum(row, OUTCOME_PARTS);
    const total = valueIn(row, 'total');
    const r = result('review_total', code, left, total, lineIn(row, 'total'));
    if (explained(r)) {
      const [upheld, corrected, other, pending] = OUTCOME_PARTS.map((o) => fmt(valueIn(row, o)));
      r.detail = `${label}：结果维持 ${upheld} + 结果纠正 ${corrected} + 其他结果 ${other} + 尚未审结 ${pending} = ${fmt(left)}；总计 ${fmt(total)}`;
    }
    return r;
  });
}
