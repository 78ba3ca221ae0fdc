// From rows of figures to the template's cells. A row whose figures do not
// match its columns one to one is left null as a whole, with a finding: a
// figure is never moved into a column it cannot be shown to belong to.

import { finding, type Finding } from '../findings.ts';
import {
  CATALOG,
  PER_PROJECT_YUAN,
  applicationRange,
  measureRange,
  reviewRange,
  sectionPart,
  trimLabelNote,
  type Catalog,
  type Labelled,
  type MoneyUnit,
  type Range,
  type TemplateId,
} from '../template/model.ts';
import { hasLeadingZero, yuanDigits, type NumberToken } from './numbers.ts';
import { implausibility } from './plausible.ts';
import type { Figure, MoneyFigure } from './record.ts';
import type { RowRead, Slot, TablesRead } from './tables.ts';

type Grid = Record<string, Record<string, Figure>>;

export interface Placed {
  grid: Grid;
  findings: Finding[];
}

// One shared, frozen 'not given' figure: a report has up to 250 cells, most placed once, and the
// placeholders they start as are the bulk of a parse's garbage.
const NULL_FIGURE: Figure = Object.freeze({ value: null, raw: null, line: null });
const NULL_MONEY: MoneyFigure = Object.freeze({ value: null, raw: null, line: null, unit: null, unit_inferred: false });
const nullFigure = (): Figure => NULL_FIGURE;
const nullMoney = (): MoneyFigure => NULL_MONEY;
// Rows of sections 三 and 四 before their figures are placed: copied by spreading, which is far
// cheaper than adding their keys one by one.
interface Empty {
  applicationRow: Readonly<Record<string, Figure>>;
  reviewRow: Readonly<Record<string, Figure>>;
  /** Section 三's grid with every row of the template in order, each to be replaced by its own copy. */
  applicationGrid: ReadonlyMap<TemplateId, Readonly<Grid>>;
}

const EMPTY = new WeakMap<Catalog, Empty>();

function emptyOf(catalog: Catalog): Empty {
  let hit = EMPTY.get(catalog);
  if (!hit) {
    const applicationRow = Object.fromEntries(catalog.applicantCodes.map((a) => [a, NULL_FIGURE]));
    const reviewRow = Object.fromEntries(catalog.outcomeCodes.map((o) => [o, NULL_FIGURE]));
    const applicationGrid = new Map(catalog.templateIds.map((t) => [t, Object.fromEntries(catalog.rowsOf(t).map((r) => [r.code, applicationRow]))]));
    EMPTY.set(catalog, (hit = { applicationRow, reviewRow, applicationGrid }));
  }
  return hit;
}

/** Picks one read per row code: the first with figures; notes a second, different one. */
function firstReads(rows: readonly RowRead[], table: RowRead['table'], findings: Finding[], name: (code: string) => string): Map<string, RowRead> {
  const chosen = new Map<string, RowRead>();
  for (const row of rows) {
    if (row.table !== table) continue;
    const prev = chosen.get(row.code);
    if (!prev || (prev.slots.length === 0 && row.slots.length > 0)) {
      chosen.set(row.code, row);
    } else if (row.slots.length > 0 && slotText(prev) !== slotText(row)) {
      findings.push(finding('row_duplicate', { section: table, row: row.code, line: row.line, message: `“${name(row.code)}”一行出现了两次（第 ${prev.line} 行和第 ${row.line} 行），数字不同；采用第一次出现的数字。` }));
    }
  }
  return chosen;
}

const slotText = (row: RowRead) => row.slots.map((s) => s.figure?.raw ?? '').join('|');

/**
 * Fits a row's slots to `width` columns. Blank cells inside a delimited row keep their
 * column; otherwise only the figures count. Returns null when they cannot be placed.
 */
export function fitSlots(slots: readonly Slot[], width: number): (Slot | null)[] | null {
  if (slots.length === width) return slots.map((s) => (s.kind === 'empty' ? null : s));
  const figures = slots.filter((s) => s.kind === 'figure');
  return figures.length === width ? figures : null;
}

function misfit(table: 'disclosure' | 'applications', row: RowRead, width: number, name: string): Finding {
  const n = row.slots.filter((s) => s.kind === 'figure').length;
  const where = { section: table, row: row.code, line: row.line };
  if (row.spansRows) return finding('row_incomplete', { ...where, message: `“${name}”一行的 ${n} 个数字分处表格的不同行，无法确定各数字所属栏目，整行记为未披露。` });
  if (n > width) return finding('row_overfull', { ...where, message: `“${name}”一行读到 ${n} 个数字，多于 ${width} 个栏目，无法确定各数字所属栏目，整行记为未披露。` });
  if (n === 0) return finding('row_incomplete', { ...where, message: `“${name}”一行没有数字（应有 ${width} 个），记为未披露。` });
  return finding('row_incomplete', { ...where, message: `“${name}”一行只能读到 ${n} 个数字，应有 ${width} 个，无法确定各数字所属栏目，整行记为未披露。` });
}

function howFinding(table: 'disclosure' | 'applications', row: RowRead, name: string): Finding | null {
  if (row.how !== 'fuzzy') return null;
  return finding('label_fuzzy', { section: table, row: row.code, line: row.line, message: `第 ${row.line} 行的行名“${row.label.trim()}”与模板“${name}”不完全一致，按“${name}”读取。` });
}

/** Where a figure stands, for findings; its Chinese name is put together only when a finding needs it. */
interface Where {
  file: string;
  section: 'disclosure' | 'applications' | 'reviews';
  row: string;
  column: string;
  rowName: string;
  columnName: string;
}

const nameOf = (w: Where) => `${w.rowName}·${w.columnName}`;

/** A count: a whole number, not negative (unless `allowSign`), within `range`. */
function countFigure(slot: Slot | null, where: Where, findings: Finding[], range: Range, allowSign = false): Figure {
  if (!slot || !slot.figure) return nullFigure();
  const f = slot.figure;
  if (f.kind === 'blank' && f.illegible) {
    findings.push(finding('cell_unreadable', { section: where.section, row: where.row, column: where.column, line: slot.line, message: `“${nameOf(where)}”的数字“${f.raw}”中有无法辨认的字符（\uFFFD），记为未披露。` }));
    return { value: null, raw: f.raw, line: slot.line };
  }
  if (f.kind === 'blank') {
    findings.push(finding('cell_unreadable', { section: where.section, row: where.row, column: where.column, line: slot.line, severity: 'info', message: `“${nameOf(where)}”填写为“${f.raw}”，不是数字，记为未披露。` }));
    return { value: null, raw: f.raw, line: slot.line };
  }
  // A decimal, a sign where none belongs, or a money unit ('0元'): the cell does not hold a count.
  if (f.decimal || f.unit !== null || (f.value < 0 && !allowSign) || (f.signed && !allowSign && f.value !== 0)) {
    findings.push(finding('cell_unreadable', { section: where.section, row: where.row, column: where.column, line: slot.line, message: `“${nameOf(where)}”填写为“${f.raw}”，不是件数，记为未披露。` }));
    return { value: null, raw: f.raw, line: slot.line };
  }
  if (refused(f, f.value, undefined, range, where, slot.line, findings)) return { value: null, raw: f.raw, line: slot.line };
  return { value: f.value, raw: f.raw, line: slot.line };
}

/** Whether a read number cannot be stored (see plausible.ts); if so, the finding is added. */
function refused(f: NumberToken, value: number, stored: string | undefined, range: Range, where: Where, line: number, findings: Finding[]): boolean {
  const why = implausibility({ raw: f.raw, digits: f.digits, stored, value }, range, { file: where.file, section: where.section, row: where.row, column: where.column, line, name: nameOf(where) });
  if (why) findings.push(why);
  return why !== null;
}

// ---------------------------------------------------------------------------

export function placeDisclosure(read: TablesRead, template: TemplateId, file: string, catalog: Catalog = CATALOG): Placed {
  const findings: Finding[] = [];
  const grid: Grid = {};
  const label = (thing: Labelled) => catalog.labelOf(thing, template);
  const rows = firstReads(read.rows, 'disclosure', findings, (c) => label(catalog.disclosureItem(c)));
  const present = read.seen.disclosure !== undefined;
  for (const item of catalog.itemsOf(template)) {
    const codes = catalog.measuresOf(item, template);
    const itemLabel = label(item);
    const cells: Record<string, Figure> = {};
    for (const code of codes) cells[code] = catalog.measure(code).kind === 'money' ? nullMoney() : nullFigure();
    grid[item.code] = cells;
    const row = rows.get(item.code);
    if (!row) {
      if (present) findings.push(finding('row_missing', { section: 'disclosure', row: item.code, message: `${sectionPart(catalog, 'disclosure')}缺少“${itemLabel}”一行，其数字记为未披露。` }));
      continue;
    }
    const fuzzy = howFinding('disclosure', row, itemLabel);
    if (fuzzy) findings.push(fuzzy);
    const fitted = row.spansRows ? null : fitSlots(row.slots, codes.length);
    if (!fitted) {
      findings.push(misfit('disclosure', row, codes.length, itemLabel));
      continue;
    }
    codes.forEach((code, k) => {
      const m = catalog.measure(code);
      const where: Where = { file, section: 'disclosure', row: item.code, column: code, rowName: itemLabel, columnName: label(m) };
      const range = measureRange(m);
      // The amount is judged against the project count, which the template prints before it.
      if (m.kind === 'money') cells[code] = moneyFigure(fitted[k], read.headerUnits.get(code) ?? m.templateUnit ?? null, where, findings, range, cells.projects?.value ?? null);
      else cells[code] = countFigure(fitted[k], where, findings, range, m.kind === 'change');
    });
  }
  return { grid, findings };
}

function moneyFigure(slot: Slot | null, headerUnit: MoneyUnit | null, where: Where, findings: Finding[], range: Range, projects: number | null): MoneyFigure {
  const f = slot?.figure;
  if (!slot || !f || f.kind === 'blank' || f.value < 0) return { ...countFigure(slot, where, findings, range), unit: null, unit_inferred: false };
  const unit = f.unit ?? headerUnit;
  if (unit) return inYuan(f, unit, false, slot.line, where, findings, range);
  // Without a unit: a malformed amount ('0301') is refused before any unit is guessed for it; zero needs none.
  if (hasLeadingZero(f.digits) || f.value === 0) {
    if (refused(f, f.value, undefined, range, where, slot.line, findings)) return { value: null, raw: f.raw, line: slot.line, unit: null, unit_inferred: false };
    return { value: 0, raw: f.raw, line: slot.line, unit: null, unit_inferred: false };
  }
  const guess = guessUnit(f.value, f.decimal, projects);
  if (!guess) {
    findings.push(finding('unit_unknown', { section: 'disclosure', row: where.row, column: where.column, line: slot.line, message: `“${nameOf(where)}”为“${f.raw}”，没有写明单位，按元或万元理解都不合理，记为未披露。` }));
    return { value: null, raw: f.raw, line: slot.line, unit: null, unit_inferred: false };
  }
  findings.push(finding('unit_inferred', { section: 'disclosure', row: where.row, column: where.column, line: slot.line, message: `“${nameOf(where)}”为“${f.raw}”，没有写明单位，推定为${guess}。` }));
  return inYuan(f, guess, true, slot.line, where, findings, range);
}

/** An amount in yuan, or null (raw and unit kept) when it cannot be stored as what it says. */
function inYuan(f: NumberToken, unit: MoneyUnit, inferred: boolean, line: number, where: Where, findings: Finding[], range: Range): MoneyFigure {
  const stored = yuanDigits(f.digits, unit);
  const value = Number(stored);
  if (refused(f, value, stored, range, where, line, findings)) return { value: null, raw: f.raw, line, unit, unit_inferred: inferred };
  return { value, raw: f.raw, line, unit, unit_inferred: inferred };
}

export { PER_PROJECT_YUAN };

/**
 * An amount printed without a unit is read as 元 when that gives a plausible amount per
 * project, as 万元 when only that does, and not at all otherwise.
 */
export function guessUnit(value: number, decimal: boolean, projects: number | null): MoneyUnit | null {
  if (!decimal && plausibleYuan(value, projects)) return '元';
  if (plausibleYuan(value * 10_000, projects)) return '万元';
  if (decimal && plausibleYuan(value, projects)) return '元';
  return null;
}

function plausibleYuan(yuan: number, projects: number | null): boolean {
  if (projects && projects > 0) {
    const per = yuan / projects;
    return per >= PER_PROJECT_YUAN.min && per <= PER_PROJECT_YUAN.max;
  }
  return yuan >= PER_PROJECT_YUAN.min && yuan <= PER_PROJECT_YUAN.max * 20;
}

// ---------------------------------------------------------------------------

export function placeApplications(read: TablesRead, template: TemplateId, file: string, catalog: Catalog = CATALOG): Placed {
  const findings: Finding[] = [];
  const empty = emptyOf(catalog);
  const grid: Grid = { ...empty.applicationGrid.get(template) };
  const label = (thing: Labelled) => catalog.labelOf(thing, template);
  const rows = firstReads(read.rows, 'applications', findings, (c) => label(catalog.applicationRow(c)));
  const present = read.seen.applications !== undefined;
  const applicants = catalog.applicants;
  const width = applicants.length;
  const templateRows = catalog.rowsOf(template);
  const missing: string[] = [];
  const parentsWithParts = new Set<string>();
  for (const r of templateRows) if (r.parent && rows.get(r.code)?.slots.length) parentsWithParts.add(r.parent);
  for (const def of templateRows) {
    const cells: Record<string, Figure> = { ...empty.applicationRow };
    grid[def.code] = cells;
    const row = rows.get(def.code);
    const isParentWithParts = parentsWithParts.has(def.code);
    const partOfSplitParent = def.parent !== undefined && (rows.get(def.parent)?.slots.length ?? 0) > 0;
    if (!row) {
      // A parent row printed only through its sub-rows, or sub-rows not printed under a parent that has figures: the template allows both.
      if (present && !isParentWithParts && !partOfSplitParent) missing.push(def.code);
      continue;
    }
    const rowName = shortLabel(label(def));
    const fuzzy = howFinding('applications', row, label(def));
    if (fuzzy) findings.push(fuzzy);
    if (row.slots.length === 0 && isParentWithParts) continue;
    const fitted = row.spansRows ? null : fitSlots(row.slots, width);
    if (!fitted) {
      findings.push(misfit('applications', row, width, rowName));
      continue;
    }
    const where: Where = { file, section: 'applications', row: def.code, column: '', rowName, columnName: '' };
    const range = applicationRange(def);
    for (let k = 0; k < applicants.length; k++) {
      where.column = applicants[k].code;
      where.columnName = applicants[k].label;
      cells[where.column] = countFigure(fitted[k], where, findings, range);
    }
  }
  findings.push(...missingRuns(missing, templateRows, label, sectionPart(catalog, 'applications')));
  for (const row of rows.values()) {
    if (row.slots.length > 0 && !grid[row.code]) {
      findings.push(finding('row_overfull', { section: 'applications', row: row.code, line: row.line, severity: 'info', message: `第 ${row.line} 行“${row.label.trim()}”不属于${catalog.template(template).name}，未采用。` }));
    }
  }
  return { grid, findings };
}

/** Consecutive missing rows (a table cut short) make one finding, not one per row. */
function missingRuns(missing: readonly string[], order: readonly Labelled[], label: (thing: Labelled) => string, part: string): Finding[] {
  const out: Finding[] = [];
  let run: Labelled[] = [];
  let last = -1;
  for (const code of missing) {
    const at = order.findIndex((r) => r.code === code);
    if (run.length > 0 && at !== last + 1) {
      out.push(missingRunFinding(run, label, part));
      run = [];
    }
    run.push(order[at]);
    last = at;
  }
  if (run.length > 0) out.push(missingRunFinding(run, label, part));
  return out;
}

function missingRunFinding(run: readonly Labelled[], label: (thing: Labelled) => string, part: string): Finding {
  const first = `“${shortLabel(label(run[0]))}”`;
  const message =
    run.length === 1
      ? `${part}缺少${first}一行，其数字记为未披露。`
      : `${part}缺少从${first}到“${shortLabel(label(run[run.length - 1]))}”的 ${run.length} 行（表格可能被截断），其数字记为未披露。`;
  return finding('row_missing', { section: 'applications', row: run[0].code, message });
}

const SHORT_LABELS = new Map<string, string>();

/** '部分公开（区分处理的…）' → '部分公开', remembered: every report asks for every row's. */
function shortLabel(label: string): string {
  let s = SHORT_LABELS.get(label);
  if (s === undefined) {
    s = trimLabelNote(label);
    SHORT_LABELS.set(label, s);
  }
  return s;
}

// ---------------------------------------------------------------------------

export function placeReviews(read: TablesRead, file: string, catalog: Catalog = CATALOG): Placed {
  const findings: Finding[] = [];
  const grid: Grid = {};
  const emptyRow = emptyOf(catalog).reviewRow;
  for (const p of catalog.proceedingCodes) {
    grid[p] = { ...emptyRow };
  }
  const reviews = read.reviews;
  const width = catalog.proceedingCodes.length * catalog.outcomeCodes.length;
  if (!reviews || reviews.slots.length === 0) {
    if (reviews) findings.push(finding('row_incomplete', { section: 'reviews', line: reviews.line, message: `${sectionPart(catalog, 'reviews')}（行政复议、行政诉讼）没有数字，记为未披露。` }));
    return { grid, findings };
  }
  if (reviews.slots.length !== width) {
    const n = reviews.slots.length;
    findings.push(finding(n > width ? 'row_overfull' : 'row_incomplete', { section: 'reviews', line: reviews.line, message: `${sectionPart(catalog, 'reviews')}（行政复议、行政诉讼）读到 ${n} 个数字，应有 ${width} 个，无法确定各数字所属栏目，记为未披露。` }));
    return { grid, findings };
  }
  let k = 0;
  for (const p of catalog.proceedings) {
    for (const o of catalog.outcomes) {
      grid[p.code][o.code] = countFigure(reviews.slots[k++], { file, section: 'reviews', row: p.code, column: o.code, rowName: p.label, columnName: o.label }, findings, reviewRange(p));
    }
  }
  return { grid, findings };
}
