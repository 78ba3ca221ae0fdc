// The consistency rules (勾稽关系 and totals) as data, and their one generic
// evaluator. A rule is an identity over the codes of a table: per column (one
// check per applicant column, over rows) or per row (one check per row, item
// or proceeding, over its columns). The validator runs every rule of the
// report's template; the recovery asks the same rules of candidate placements.
// Adding a rule is one entry in the catalog's `rules` (model.ts) with its
// Chinese name and advice.
//
// Evaluation runs ≈45 checks a report: rows are looked up once and summed in
// place, without arrays or closures in the inner loops.

import type { Catalog } from './catalog.ts';
import type { IdentityRule, Labelled, Range, TableCode, TemplateId, TemplateSet, Terms } from './types.ts';

export type { IdentityRule, Severity, Terms } from './types.ts';
import { trimLabelNote } from './catalog.ts';



export type CheckStatus = 'pass' | 'fail' | 'not_checkable';

export interface CheckResult {
  check: string;
  /** What the check is about: an applicant column, a row, a proceeding or an item. */
  scope: string;
  status: CheckStatus;
  /** The two sides as computed (null where a figure is missing). */
  left: number | null;
  right: number | null;
  /** Chinese, readable on its own: the arithmetic with the report's figures. Only for checks that did not pass. */
  detail: string | null;
  line: number | null;
}

/** A figure as the rules need it. */
export interface RuleCell {
  value: number | null;
  line: number | null;
}
export type RuleRow = Readonly<Record<string, RuleCell | undefined>> | undefined;
export type RuleGrid = Readonly<Record<string, RuleRow>>;

const valueIn = (row: RuleRow, col: string): number | null => row?.[col]?.value ?? null;
const lineIn = (row: RuleRow, col: string): number | null => row?.[col]?.line ?? null;
const add = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);
const fmt = (x: number | null) => (x === null ? '未披露' : String(x));

function blankRow(catalog: Catalog, row: RuleRow): boolean {
  for (const code of catalog.applicantCodes) if (valueIn(row, code) !== null) return false;
  return true;
}

/** Rows of a template printed as a heading over sub-rows, by parent code. */
const PARTS = new WeakMap<Catalog, Map<TemplateId, Map<string, readonly string[]>>>();
function partsOf(catalog: Catalog, template: TemplateId): Map<string, readonly string[]> {
  let byTemplate = PARTS.get(catalog);
  if (!byTemplate) PARTS.set(catalog, (byTemplate = new Map()));
  let parts = byTemplate.get(template);
  if (!parts) {
    parts = new Map();
    for (const r of catalog.rowsOf(template)) if (r.parent) parts.set(r.parent, [...(parts.get(r.parent) ?? []), r.code]);
    byTemplate.set(template, parts);
  }
  return parts;
}

/**
 * A template may let a row be printed either as itself or as its sub-rows (the later templates'
 * （六）其他处理). The form not printed is not a missing figure.
 */
export function unprintedAlternatives(grid: RuleGrid, template: TemplateId, catalog: Catalog): Set<string> {
  const out = new Set<string>();
  for (const [parent, subRows] of partsOf(catalog, template)) {
    const parentBlank = blankRow(catalog, grid[parent]);
    const subBlank = subRows.map((r) => blankRow(catalog, grid[r]));
    if (parentBlank && subBlank.some((b) => !b)) out.add(parent);
    if (!parentBlank && subBlank.every((b) => b)) for (const r of subRows) out.add(r);
  }
  return out;
}

/** A row's figure in a column; a row printed only through its sub-rows is their sum. */
function rowValue(grid: RuleGrid, parts: Map<string, readonly string[]>, code: string, column: string): number | null {
  const own = valueIn(grid[code], column);
  const subRows = parts.get(code);
  if (own !== null || !subRows) return own;
  let total: number | null = 0;
  for (const s of subRows) total = add(total, valueIn(grid[s], column));
  return total;
}

interface Axis {
  /** The things one check is about. */
  scopes: readonly Labelled[];
  /** The label of a term. */
  term(code: string): string;
}

function rowsOf(catalog: Catalog, table: TableCode, template: TemplateId): readonly Labelled[] {
  if (table === 'applications') return catalog.rowsOf(template);
  if (table === 'reviews') return catalog.proceedings;
  return catalog.itemsOf(template);
}

function columnsOf(catalog: Catalog, table: TableCode): readonly Labelled[] {
  if (table === 'applications') return catalog.applicants;
  if (table === 'reviews') return catalog.outcomes;
  return catalog.measures;
}

const termLabel = (list: readonly Labelled[], short: boolean) => {
  const index = new Map(list.map((x) => [x.code, short ? (x.short ?? trimLabelNote(x.label)) : trimLabelNote(x.label)]));
  return (code: string) => index.get(code) ?? code;
};

/** The codes a side adds up, under a template. */
function termsOf(catalog: Catalog, template: TemplateId, terms: Terms): readonly string[] {
  if (!('outcomes' in terms)) return terms as readonly string[];
  return catalog.rowsOf(template).filter((r) => r.outcome && !r.parent).map((r) => r.code);
}

const TERMS = new WeakMap<Catalog, Map<string, { left: readonly string[]; right: readonly string[] }>>();
function sides(catalog: Catalog, template: TemplateId, rule: IdentityRule) {
  let map = TERMS.get(catalog);
  if (!map) TERMS.set(catalog, (map = new Map()));
  const key = `${template}|${rule.code}`;
  let hit = map.get(key);
  if (!hit) map.set(key, (hit = { left: termsOf(catalog, template, rule.left), right: termsOf(catalog, template, rule.right) }));
  return hit;
}

function judge(rule: IdentityRule, catalog: Catalog, left: number | null, right: number | null): CheckStatus {
  if (left === null || right === null) return 'not_checkable';
  if (rule.relation === 'equal') return Math.abs(left - right) < 1e-9 ? 'pass' : 'fail';
  if (rule.relation === 'at_most') return left <= right ? 'pass' : 'fail';
  if (left === 0 || right === 0) return left === 0 && right === 0 ? 'pass' : 'fail';
  const range = rule.range ?? catalog.ratioRange;
  const q = left / right;
  return q >= range.min && q <= range.max ? 'pass' : 'fail';
}

/** One side in words, with the report's figures. */
function sideText(name: string | undefined, codes: readonly string[], values: readonly (number | null)[], sum: number | null, label: (c: string) => string): string {
  if (codes.length === 1 && !name) return `${label(codes[0])} ${fmt(values[0])}`;
  if (sum === null && codes.length > 4) {
    const missing = codes.filter((_, k) => values[k] === null).map(label);
    return `${name ?? ''}各项中 ${missing.slice(0, 3).join('、')}${missing.length > 3 ? ` 等 ${missing.length} 项` : ''}未披露`;
  }
  if (name && codes.length > 8) return `${name} ${fmt(sum)}`;
  const parts = name ? values.map(fmt) : codes.map((c, k) => `${label(c)} ${fmt(values[k])}`);
  return `${name ? `${name} ` : ''}${parts.join(' + ')}${codes.length > 1 ? ` = ${fmt(sum)}` : ''}`;
}

function detail(rule: IdentityRule, scope: string, l: { codes: readonly string[]; values: (number | null)[]; sum: number | null }, r: typeof l, label: (c: string) => string): string {
  if (rule.relation === 'ratio') {
    const q = l.sum !== null && r.sum ? `，平均 ${Math.round(l.sum / r.sum).toLocaleString('zh-CN')}` : '';
    return `${scope}：${sideText(rule.leftName, l.codes, l.values, l.sum, label)} ÷ ${sideText(rule.rightName, r.codes, r.values, r.sum, label)}${q}`;
  }
  return `${scope}：${sideText(rule.leftName, l.codes, l.values, l.sum, label)}；${sideText(rule.rightName, r.codes, r.values, r.sum, label)}`;
}

/** Every check of one rule on one table's grid, under a template. */
export function evaluateRule(rule: IdentityRule, grid: RuleGrid, template: TemplateId, catalog: Catalog, explain = true): CheckResult[] {
  const { left, right } = sides(catalog, template, rule);
  const out: CheckResult[] = [];
  const rows = rowsOf(catalog, rule.table, template);
  const columns = columnsOf(catalog, rule.table);
  if (rule.per === 'column') {
    const parts = rule.table === 'applications' ? partsOf(catalog, template) : new Map<string, readonly string[]>();
    const label = termLabel(rows, true);
    for (const col of columns) {
      const side = (codes: readonly string[]) => {
        const values = codes.map((c) => rowValue(grid, parts, c, col.code));
        return { codes, values, sum: values.reduce<number | null>((a, b) => add(a, b), 0) };
      };
      const l = side(left);
      const r = side(right);
      const status = judge(rule, catalog, l.sum, r.sum);
      const line = lineIn(grid[right[0]], col.code) ?? lineIn(grid[left[0]], col.code);
      out.push({ check: rule.code, scope: col.code, status, left: l.sum, right: r.sum, detail: status === 'pass' || !explain ? null : detail(rule, col.label, l, r, label), line });
    }
    return out;
  }
  const skip = rule.table === 'applications' ? unprintedAlternatives(grid, template, catalog) : null;
  const label = termLabel(columns, false);
  for (const def of rows) {
    if (skip?.has(def.code)) continue;
    if (rule.table === 'disclosure') {
      const own = catalog.measuresOf(catalog.disclosureItem(def.code), template);
      if (!left.every((c) => own.includes(c)) || !right.every((c) => own.includes(c))) continue;
    }
    const row = grid[def.code];
    const side = (codes: readonly string[]) => {
      const values: (number | null)[] = [];
      let sum: number | null = 0;
      for (const c of codes) {
        const v = valueIn(row, c);
        values.push(v);
        sum = add(sum, v);
      }
      return { codes, values, sum };
    };
    const l = side(left);
    const r = side(right);
    const status = judge(rule, catalog, l.sum, r.sum);
    const scope = rule.table === 'disclosure' ? (def.short ?? def.label) : trimLabelNote(def.label);
    out.push({ check: rule.code, scope: def.code, status, left: l.sum, right: r.sum, detail: status === 'pass' || !explain ? null : detail(rule, scope, l, r, label), line: lineIn(row, right[0]) ?? lineIn(row, left[0]) });
  }
  return out;
}

/** The checks of every rule over one table (read by the template's rows), in the catalog's order; `explain` false leaves failures without their arithmetic. */
export function tableChecks(grid: RuleGrid, table: TableCode, template: TemplateId, catalog: Catalog, explain = true): CheckResult[] {
  const out: CheckResult[] = [];
  for (const rule of catalog.rules) if (rule.table === table && catalog.templatesIn(rule.templates).includes(template)) out.push(...evaluateRule(rule, grid, template, catalog, explain));
  return out;
}

/** Whether no rule over the table fails (a check a missing figure stops does not count). */
export function tableHolds(grid: RuleGrid, table: TableCode, template: TemplateId, catalog: Catalog): boolean {
  return tableChecks(grid, table, template, catalog, false).every((c) => c.status !== 'fail');
}
