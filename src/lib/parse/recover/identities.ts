// The template's identities as evidence for placing figures: the same
// arithmetic the validator checks (validate/checks.ts), asked of candidate
// placements before any figure is accepted. A null (a placeholder such as '—')
// is unknown: an identity it takes part in cannot be checked and does not
// count against a candidate.

import type { Figure } from '../record.ts';
import type { FigureToken } from '../numbers.ts';
import { CATALOG, type Catalog, type TableCode, type TemplateId } from '../../template/model.ts';
import { tableHolds } from '../../template/rules.ts';

export type Values = readonly (number | null)[];

/** The value a token stands for in the arithmetic: null for a placeholder. */
export function valueOf(token: FigureToken): number | null {
  return token.kind === 'number' ? token.value : null;
}

/** A figure that can stand in a count column: whole, not negative, no money unit. */
export function isCount(token: FigureToken): boolean {
  return token.kind === 'blank' || (!token.decimal && token.unit === null && token.value >= 0 && !(token.signed && token.value !== 0));
}

/** The sum of the figures at `at`; null when one is unknown. */
function sumAt(values: Values, at: readonly number[]): number | null {
  let sum = 0;
  for (const k of at) {
    const v = values[k];
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

/** A rule within one row, its terms as positions in the row (an equality, or left ≤ right). */
interface RowIdentity {
  left: readonly number[];
  right: readonly number[];
  atMost: boolean;
}

const ROW_IDENTITIES = new WeakMap<Catalog, Record<TableCode, RowIdentity[]>>();

/** The catalog's per-row rules, by table, over the columns of section 三 and 四. */
function rowIdentities(catalog: Catalog): Record<TableCode, RowIdentity[]> {
  let hit = ROW_IDENTITIES.get(catalog);
  if (!hit) {
    hit = { disclosure: [], applications: [], reviews: [] };
    const columns: Record<TableCode, readonly string[]> = { disclosure: [], applications: catalog.applicantCodes, reviews: catalog.outcomeCodes };
    for (const rule of catalog.rules) {
      if (rule.per !== 'row' || rule.relation === 'ratio' || 'outcomes' in rule.left || 'outcomes' in rule.right || rule.table === 'disclosure') continue;
      const at = (codes: readonly string[]) => codes.map((c) => columns[rule.table].indexOf(c));
      hit[rule.table].push({ left: at(rule.left as readonly string[]), right: at(rule.right as readonly string[]), atMost: rule.relation === 'at_most' });
    }
    ROW_IDENTITIES.set(catalog, hit);
  }
  return hit;
}

/** Every rule within a row holds where its figures are known. */
function rowHolds(identities: readonly RowIdentity[], values: Values): boolean {
  for (const { left, right, atMost } of identities) {
    const l = sumAt(values, left);
    const r = sumAt(values, right);
    if (l !== null && r !== null && (atMost ? l > r : l !== r)) return false;
  }
  return true;
}

/** Section 三, one row: 总计 = the six applicant columns (the catalog's per-row rules). */
export const applicantRowHolds = (values: Values, catalog: Catalog = CATALOG): boolean => rowHolds(rowIdentities(catalog).applications, values);

/** Section 四, one proceeding: 总计 = its four outcomes. */
export const proceedingHolds = (values: Values, catalog: Catalog = CATALOG): boolean => rowHolds(rowIdentities(catalog).reviews, values);

function gridOf(codes: readonly string[], columns: readonly string[], values: readonly Values[]): Record<string, Record<string, Figure>> {
  const grid: Record<string, Record<string, Figure>> = {};
  codes.forEach((code, r) => {
    const row: Record<string, Figure> = {};
    columns.forEach((c, k) => (row[c] = { value: values[r][k], raw: null, line: null }));
    grid[code] = row;
  });
  return grid;
}

/** Section 三, the whole table: every rule of the catalog over it (勾稽 per column, every row's 总计, （七）总计). */
export function applicationsHold(template: TemplateId, codes: readonly string[], values: readonly Values[], catalog: Catalog = CATALOG): boolean {
  return tableHolds(gridOf(codes, catalog.applicantCodes, values), 'applications', template, catalog);
}

/** Section 四, the whole table. */
export function reviewsHold(values: readonly Values[], catalog: Catalog = CATALOG): boolean {
  return tableHolds(gridOf(catalog.proceedingCodes, catalog.outcomeCodes, values), 'reviews', catalog.latest, catalog);
}

/** Section 二, one item: each figure fits its measure (a count is whole and not negative, a money unit only in a money column). */
export function disclosureRowHolds(measures: readonly string[], tokens: readonly FigureToken[], catalog: Catalog = CATALOG): boolean {
  for (let k = 0; k < measures.length; k++) {
    const kind = catalog.measure(measures[k]).kind;
    const t = tokens[k];
    if (kind === 'count' && !isCount(t)) return false;
    if (kind === 'change' && t.kind === 'number' && (t.decimal || t.unit !== null)) return false;
  }
  return true;
}

/**
 * Section 二, one item: the catalog's orderings within a row (left ≤ right, e.g. 本年新公开 ≤ 对外公开总数量).
 * Real reports break them now and then (the validator warns), so they only choose between placements
 * that fit otherwise, never rule out the only one.
 */
export function disclosureOrderHolds(measures: readonly string[], values: Values, catalog: Catalog = CATALOG): boolean {
  for (const rule of catalog.rules) {
    if (rule.table !== 'disclosure' || rule.per !== 'row' || rule.relation !== 'at_most' || 'outcomes' in rule.left || 'outcomes' in rule.right) continue;
    const at = (codes: readonly string[]) => codes.map((c) => measures.indexOf(c));
    const left = at(rule.left as readonly string[]);
    const right = at(rule.right as readonly string[]);
    if (left.includes(-1) || right.includes(-1)) continue;
    const l = sumAt(values, left);
    const r = sumAt(values, right);
    if (l !== null && r !== null && l > r) return false;
  }
  return true;
}
