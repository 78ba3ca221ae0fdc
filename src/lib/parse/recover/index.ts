// Table recovery: when reading row by row leaves cells of a table null (or
// gives a table its own arithmetic contradicts), the table's figures are
// placed again as a constraint problem over the template. The candidates are
// the ways the text may hold them (row by row, a column at a time, runs out of
// order); the evidence is the template's identities. A figure is accepted only
// when every candidate consistent with every identity puts it in the same
// cell; it then carries placement 'identity'. Nothing here runs for a table
// read in full whose arithmetic holds.

import { finding, type Finding } from '../../findings.ts';
import { CATALOG, sectionPart, type Catalog, type MoneyUnit, type TableCode, type TemplateId } from '../../template/model.ts';
import { moneyUnitsIn } from '../header-units.ts';
import { tableChecks, type CheckResult } from '../../template/rules.ts';
import { fails, failsApplications, recoveryNeeds } from './triggers.ts';
import type { Cells } from '../cells.ts';
import { fitSlots, placeApplications, placeDisclosure, placeReviews, type Placed } from '../interpret.ts';
import type { Figure } from '../record.ts';
import type { RowRead, Slot, TablesRead } from '../tables.ts';
import { recoverApplications, type SectionOutcome } from './applications.ts';
import type { Decision } from './decide.ts';
import { valueOf } from './identities.ts';
import { recoverDisclosure } from './disclosure.ts';
import { findRegions, type Region } from './region.ts';
import { recoverReviews } from './reviews.ts';

export interface SectionsPlaced {
  disclosure: Placed;
  applications: Placed;
  reviews: Placed;
}

type Section = keyof SectionsPlaced;

export interface Recovery {
  placed: SectionsPlaced;
  /** Sections whose table was found by recovery although reading row by row did not see it. */
  found: Set<Section>;
  findings: Finding[];
}


/** Placed grids and the reads they came from; returns them unchanged when nothing needs recovering. */
export function recoverTables(cells: Cells, tablesRead: TablesRead, template: TemplateId | null, placed: SectionsPlaced, file: string, catalog: Catalog = CATALOG): Recovery {
  const out: Recovery = { placed: { ...placed }, found: new Set(), findings: [] };
  let read = tablesRead;
  const appTemplate = template ?? catalog.latest;
  const need = recoveryNeeds(cells, tablesRead, template, placed, catalog);
  // Tables the template does not print are not looked for.
  const printed = (t: TableCode) => catalog.hasTable(template ?? catalog.latest, t);
  const wantedItems = need.disclosure;
  const needs: Record<Section, boolean> = { disclosure: wantedItems.size > 0, applications: need.applications && printed('applications'), reviews: need.reviews && printed('reviews') };
  if (!needs.disclosure && !needs.applications && !needs.reviews) return out;
  const regions = findRegions(cells, catalog);
  if (needs.reviews && regions.reviews && !read.reviews?.slots.length) {
    // Section 四 under a heading the row reader did not know (a renumbered '三、…行政复议…') and
    // header words run together: its figures in order are what the row reader would have read.
    const inOrder = alignedReviews(read, regions.reviews, file, catalog);
    if (inOrder) {
      read = inOrder.read;
      out.placed.reviews = inOrder.placed;
      out.found.add('reviews');
    }
  }
  for (const section of ['disclosure', 'applications', 'reviews'] as const) {
    const region = regions[section];
    if (!needs[section] || !region || region.figures.length === 0) continue;
    const outcome =
      section === 'disclosure'
        ? recoverDisclosure(region, template!, catalog, wantedItems, placedLines(out.placed.disclosure))
        : section === 'applications'
          ? recoverApplications(region, appTemplate, placedLines(out.placed.applications), catalog)
          : recoverReviews(region, catalog);
    applyOutcome(section, outcome, region, read, appTemplate, template, out, file, catalog);
    if (section === 'applications') dropHeadingFigures(region, read, appTemplate, template, out, file, catalog);
  }
  return out;
}

/**
 * A parent row printed as the heading over its labelled parts (（六）其他处理 over its three sub-rows)
 * takes no figures; read with figures while a part of it has none, they are likely the part's.
 */
function dropHeadingFigures(region: Region, read: TablesRead, appTemplate: TemplateId, template: TemplateId | null, out: Recovery, file: string, catalog: Catalog): void {
  const labelled = new Set(region.labels.filter((e) => e.kind === 'app_row').map((e) => e.code));
  const given = (code: string) => hasFigures(out.placed.applications, code);
  const parts = catalog.rowsOf(appTemplate).filter((r) => r.parent && labelled.has(r.code));
  const doubtful = [...new Set(parts.map((r) => r.parent!))].filter((p) => given(p) && parts.some((r) => r.parent === p && !given(r.code)));
  if (doubtful.length === 0) return;
  const empty = new Map(doubtful.map((code) => [code, catalog.applicantCodes.map((): Slot => ({ kind: 'empty', figure: null, line: 0 }))]));
  out.placed.applications = replace('applications', read, { rows: empty, disputed: [], placed: 0, contested: new Set(doubtful) }, region, appTemplate, template, file, catalog);
  out.findings.push(
    finding('recovery_ambiguous', {
      section: 'applications',
      row: doubtful[0],
      line: region.figures[0].slot.line,
      message: `${sectionPart(catalog, 'applications')}“${rowName('applications', doubtful[0], catalog)}”是其子项之上的标题，却读到了数字，而其子项有的没有数字：这些数字可能属于子项，记为未披露。`,
    }),
  );
}

function alignedReviews(read: TablesRead, region: Region, file: string, catalog: Catalog): { read: TablesRead; placed: Placed } | null {
  if (region.figures.length !== catalog.proceedingCodes.length * catalog.outcomeCodes.length) return null;
  const line = region.figures[0].slot.line;
  const reviews = { line, slots: region.figures.map((f) => f.slot) };
  const again: TablesRead = { ...read, reviews, seen: { ...read.seen, reviews: read.seen.reviews ?? line } };
  return { read: again, placed: placeReviews(again, file, catalog) };
}

function applyOutcome(section: Section, outcome: SectionOutcome, region: Region, read: TablesRead, appTemplate: TemplateId, template: TemplateId | null, out: Recovery, file: string, catalog: Catalog): void {
  const line = region.figures[0].slot.line;
  if (outcome.kind === 'too_many') {
    out.findings.push(finding('recovery_ambiguous', { section, line, message: `${sectionPart(catalog, section)}表格的数字没有逐行排列，可能的排列方式过多，模板的勾稽关系无法确定其位置，未能读出的数字仍记为未披露。` }));
    return;
  }
  if (outcome.kind === 'none') {
    untieRows(section, region, read, appTemplate, template, out, file, catalog);
    return;
  }
  const { decision } = outcome;
  const before = out.placed[section];
  if (decision.audit) {
    applyAudit(section, decision, read, region, appTemplate, template, out, file, catalog);
    return;
  }
  const again = replace(section, read, decision, region, appTemplate, template, file, catalog);
  const changed = compare(before, again);
  // Reading row by row may take a row's label with another row's figures (labels in one table, figures
  // in the next, or labels after their figures). Its figures give way only to a placement every
  // identity of the table confirms, or to an exact cover of the table's figures.
  const overruled = changed.rows.every((code) => decision.exact?.has(code));
  if (changed.conflicts > 0 && !overruled && !failsIdentities(section, before, appTemplate, catalog) && !verified(section, again, appTemplate, catalog)) {
    out.findings.push(
      finding('recovery_ambiguous', { section, line, message: `${sectionPart(catalog, section)}按模板勾稽关系推得的排列与逐行读出的数字有 ${changed.conflicts} 处不同，而逐行读出的数字并无矛盾；保留逐行读出的结果。` }),
    );
    return;
  }
  if (changed.identity === 0 && decision.disputed.length === 0) return;
  out.placed[section] = { grid: markIdentity(before.grid, again.grid), findings: again.findings };
  if (read.seen[section] === undefined) out.found.add(section);
  if (changed.identity > 0) {
    const replaced = changed.conflicts > 0 ? `；逐行读出的数字中有 ${changed.conflicts} 个与此不符（行名与数字错位或与勾稽关系矛盾），已按推得的位置更正` : '';
    out.findings.push(
      finding('recovered_by_identity', {
        section,
        line,
        message: `${sectionPart(catalog, section)}表格的数字没有逐行排在行名之后（例如从 PDF 或转换工具复制的文本）；其中 ${changed.identity} 个数字的位置由模板的勾稽关系唯一确定，已据此读出${replaced}。`,
      }),
    );
  }
  if (decision.disputed.length > 0) {
    out.findings.push(
      finding('recovery_ambiguous', {
        section,
        row: decision.disputed[0],
        line,
        message: `${sectionPart(catalog, section)}有 ${decision.disputed.length} 行（${decision.disputed.slice(0, 3).map((c) => rowName(section, c, catalog)).join('、')}${decision.disputed.length > 3 ? ' 等' : ''}）的数字有不止一种排列都符合勾稽关系，无法确定，这些位置记为未披露。`,
      }),
    );
  }
}

/**
 * Nothing places the table (not the identities, not the labels by counts), and the figures read row
 * by row do not bear its arithmetic out (it fails, or cannot be checked): in text whose figures do
 * not stand row by row, a label followed by figures on the lines after it may as well own the
 * figures before it. Rows whose figures came from
 * other lines than their label's lose them; a row read on its label's own line keeps its figures.
 */
function untieRows(section: Section, region: Region, read: TablesRead, appTemplate: TemplateId, template: TemplateId | null, out: Recovery, file: string, catalog: Catalog): void {
  // Section 三 only: its identities could confirm a reading row by row; section 二 has none to ask.
  if (section !== 'applications' || verified(section, out.placed[section], appTemplate, catalog) || !figuresBeforeLabels(region, appTemplate, catalog)) return;
  const apart = read.rows.filter((r) => r.table === section && r.slots.some((s) => s.kind === 'figure' && s.line !== r.line));
  const doubtful = apart.filter((r) => hasFigures(out.placed[section], r.code));
  if (doubtful.length === 0) return;
  const blank = new Map(doubtful.map((r) => [r.code, r.slots.map((s): Slot => ({ kind: 'empty', figure: null, line: s.line }))]));
  out.placed[section] = replace(section, read, { rows: blank, disputed: [], placed: 0, contested: new Set(blank.keys()) }, region, appTemplate, template, file, catalog);
  const names = doubtful.slice(0, 3).map((r) => rowName(section, r.code, catalog)).join('、');
  out.findings.push(
    finding('recovery_ambiguous', {
      section,
      row: doubtful[0].code,
      line: region.figures[0].slot.line,
      message: `${sectionPart(catalog, section)}的数字没有逐行排列，勾稽关系不能证实逐行读出的数字，也无法按行名与数字的个数唯一对应；${doubtful.length} 行（${names}${doubtful.length > 3 ? ' 等' : ''}）的数字不在其行名所在行，可能属于相邻的行，记为未披露。`,
    }),
  );
}

/** Whether a row of a placed section has any figure. */
const hasFigures = (placed: Placed, code: string): boolean => Object.values(placed.grid[code] ?? {}).some((f) => f.value !== null);

/**
 * The text shows that labels do not always stand before their figures: between two row labels stand
 * more figures than a row holds (a later row's figures before its label, or columns run together).
 * A table copied one cell a line, labels first, never has such a run, whatever cells it lost.
 */
function figuresBeforeLabels(region: Region, template: TemplateId, catalog: Catalog): boolean {
  const rows = new Set(catalog.rowsOf(template).map((r) => r.code));
  let run = 0;
  for (const f of region.figures) {
    if (f.gap.some((e) => e.kind === 'app_row' && rows.has(e.code))) run = 0;
    if (++run > catalog.applicantCodes.length) return true;
  }
  return false;
}

/**
 * A table whose arithmetic fails, in text whose labels stand now before and now after their
 * figures: rows that the text lets read in more than one way, or that it reads otherwise than row
 * by row, lose what reading row by row gave them.
 */
function applyAudit(section: Section, decision: Decision, read: TablesRead, region: Region, appTemplate: TemplateId, template: TemplateId | null, out: Recovery, file: string, catalog: Catalog): void {
  const before = out.placed[section];
  const valueOfSlot = (s: Slot) => (s.kind === 'figure' ? valueOf(s.figure!) : null);
  const doubtful = [...decision.rows].filter(([code, slots]) => {
    const cells = Object.values(before.grid[code] ?? {});
    if (!cells.some((f) => f.value !== null)) return false;
    return decision.contested?.has(code) || slots.some((s, k) => cells[k] && cells[k].value !== null && cells[k].value !== valueOfSlot(s));
  });
  if (doubtful.length === 0) return;
  const blank = new Map(doubtful.map(([code, slots]) => [code, slots.map((s): Slot => ({ kind: 'empty', figure: null, line: s.line }))]));
  const again = replace(section, read, { rows: blank, disputed: [], placed: 0, contested: new Set(blank.keys()) }, region, appTemplate, template, file, catalog);
  out.placed[section] = again;
  const names = doubtful.slice(0, 3).map(([code]) => rowName(section, code, catalog)).join('、');
  out.findings.push(
    finding('recovery_ambiguous', {
      section,
      row: doubtful[0][0],
      line: region.figures[0].slot.line,
      message: `${sectionPart(catalog, section)}的行名有的在数字之前、有的在数字之后，表格自身的勾稽关系又不成立，${doubtful.length} 行（${names}${doubtful.length > 3 ? ' 等' : ''}）的数字可能属于相邻的行，记为未披露。`,
    }),
  );
}

function rowName(section: Section, code: string, catalog: Catalog): string {
  if (section === 'disclosure') return catalog.disclosureItem(code).label;
  if (section === 'reviews') return catalog.proceedings.find((p) => p.code === code)?.label ?? code;
  const row = catalog.applicationRow(code);
  return row.short ?? row.label;
}

/** Lines of the figures a section's grid holds. */
function placedLines(placed: Placed): Set<number> {
  const out = new Set<number>();
  for (const row of Object.values(placed.grid)) for (const f of Object.values(row)) if (f.value !== null && f.line !== null) out.add(f.line);
  return out;
}

// ---------------------------------------------------------------------------
// When to recover

/** Every identity of the table can be checked and holds. */
function verified(section: Section, placed: Placed, template: TemplateId, catalog: Catalog): boolean {
  const all = (checks: readonly CheckResult[]) => checks.length > 0 && checks.every((c) => c.status === 'pass');
  if (section === 'reviews' || section === 'applications') return all(tableChecks(placed.grid, section, template, catalog, false));
  return false;
}

function failsIdentities(section: Section, placed: Placed, template: TemplateId, catalog: Catalog): boolean {
  if (section === 'reviews') return fails(tableChecks(placed.grid, 'reviews', template, catalog, false));
  return section === 'applications' && failsApplications(placed, template, catalog);
}

// ---------------------------------------------------------------------------
// Placing again

/**
 * The section placed from the recovered rows. A cell the candidates dispute keeps what reading row
 * by row gave it, if anything.
 */
function replace(section: Section, read: TablesRead, decision: Decision, region: Region, appTemplate: TemplateId, template: TemplateId | null, file: string, catalog: Catalog): Placed {
  const PROCEEDING_CODES = catalog.proceedingCodes;
  const line = region.figures[0].slot.line;
  const seen = { ...read.seen, [section]: read.seen[section] ?? line };
  if (section === 'reviews') {
    const slots = decision.rows.size === PROCEEDING_CODES.length ? PROCEEDING_CODES.flatMap((p) => decision.rows.get(p)!) : [];
    const old = read.reviews?.slots.length === PROCEEDING_CODES.length * catalog.outcomeCodes.length ? read.reviews.slots : null;
    const merged = slots.map((s, k, all) => (s.kind === 'empty' && old && !decision.contested?.has(PROCEEDING_CODES[Math.floor(k / (all.length / PROCEEDING_CODES.length))]) ? old[k] : s));
    return placeReviews({ ...read, seen, reviews: { line: read.reviews?.line ?? line, slots: merged } }, file, catalog);
  }
  const width = (code: string) => (section === 'applications' ? catalog.applicantCodes.length : catalog.measuresOf(catalog.disclosureItem(code), template!).length);
  // Rows outside a decision that places every figure keep no figures of their own.
  const rows: RowRead[] = read.rows.filter((r) => r.table !== section || (!decision.rows.has(r.code) && !decision.covers));
  for (const [code, slots] of decision.rows) {
    const old = read.rows.find((r) => r.table === section && r.code === code);
    const fitted = old && !old.spansRows ? fitSlots(old.slots, width(code)) : null;
    const contested = decision.contested?.has(code) ?? false;
    const merged: Slot[] = slots.map((s, k) => (s.kind === 'empty' && fitted?.[k] && !contested ? fitted[k]! : s));
    rows.push({ table: section, code, line: old?.line ?? slots[0]?.line ?? line, how: old?.how ?? 'exact', label: old?.label ?? '', slots: merged });
  }
  const again = { ...read, seen, rows, headerUnits: section === 'disclosure' ? withHeaderUnits(read.headerUnits, region) : read.headerUnits };
  return section === 'applications' ? placeApplications(again, appTemplate, file, catalog) : placeDisclosure(again, template!, file, catalog);
}

/**
 * Money units printed in section 二's headers that reading row by row did not see: a header line
 * copied with single spaces ('信息内容 采购项目数量 采购总金额(万元)') is one cell, not a label, and
 * header words may be cut in pieces ('采购', '总金额(万元)'), so they are searched joined.
 */
function withHeaderUnits(units: ReadonlyMap<string, MoneyUnit>, region: Region): Map<string, MoneyUnit> {
  const found = moneyUnitsIn([...region.figures.flatMap((f) => f.words), ...region.tailWords].join(''));
  return new Map([...found, ...units]);
}

/** Cells newly given by recovery, and cells (and their rows) where it gives another figure than reading row by row did. */
function compare(before: Placed, after: Placed): { identity: number; conflicts: number; rows: string[] } {
  let identity = 0;
  let conflicts = 0;
  const rows = new Set<string>();
  for (const [row, cells] of Object.entries(after.grid)) {
    for (const [col, f] of Object.entries(cells)) {
      const old = before.grid[row]?.[col];
      if (f.value === null) continue;
      if (!old || old.value === null) identity++;
      else if (old.value !== f.value) {
        identity++;
        conflicts++;
        rows.add(row);
      }
    }
  }
  return { identity, conflicts, rows: [...rows] };
}

/** The recovered grid, its figures that reading row by row did not give marked as placed by identity. */
function markIdentity(before: Placed['grid'], after: Placed['grid']): Placed['grid'] {
  const out: Placed['grid'] = {};
  for (const [row, cells] of Object.entries(after)) {
    const marked: Record<string, Figure> = {};
    for (const [col, f] of Object.entries(cells)) {
      const old = before[row]?.[col];
      marked[col] = f.value !== null && (!old || old.value !== f.value) ? { ...f, placement: 'identity' } : f;
    }
    out[row] = marked;
  }
  return out;
}
