// One synthetic report: figures, layout, text and the truth record.

import type { ResolvedPlace } from '../gazetteer/index.ts';
import { APPLICANT_CODES, DISCLOSURE_ITEMS, applicationRows, measure, measuresOf, templateForYear, type TemplateId } from '../template/model.ts';
import { compose } from './compose.ts';
import { loseCells, misspell, placeholders, shiftRow, type CellKey, type RowKey } from './damage.ts';
import { expectedFailures } from './expected-checks.ts';
import { carryOf, makeFigures, townActivity, type Carry, type Figures } from './figures.ts';
import { perturb, revert, type Change } from './inconsistency.ts';
import { drawLayoutStyle } from './layouts.ts';
import { Rng } from './prng.ts';
import { narrative, publicationDate, who } from './prose.ts';
import { breakContinuity, DEFAULT_SEQUENCE_RATES, type Break, type ProseSource, type SequenceRates } from './sequence.ts';
import { applicationsTable, disclosureTable, drawStyle, reviewsTable, type TableId, type TableStyle } from './tables.ts';
import type { BaseLayout, Cells, LayoutModifier, LayoutTag, TruthRecord } from './truth.ts';

export interface ReportInput {
  town: ResolvedPlace;
  year: number;
  seed: string | number;
  /** No other town in the national list has this name. */
  uniqueName: boolean;
  /** Share of reports given a deliberate inconsistency (0 to 1). */
  inconsistentRate: number;
  /** Path of the file relative to the corpus folder. */
  file: string;
  /** The town's report of the year before, when there is one: this one continues it. */
  carry?: Carry | null;
  /** Words copied from another report (the year before's, a neighbour's); by default the report's own. */
  prose?: ProseSource | null;
  /** A second version of a report: its file and date (this one is published before it). */
  duplicateOf?: { file: string; published_on: string } | null;
  rates?: SequenceRates;
}

export interface GeneratedReport {
  text: string;
  truth: TruthRecord;
  /** What the next year's report continues. */
  carry: Carry;
  /** Where its words came from (to copy them). */
  prose: ProseSource;
}

const LAYOUT_WEIGHTS: Record<BaseLayout, number> = { tabs: 30, cells: 20, markdown: 20, pdf: 30 };
/** Share of reports with each modifier (shifted_row: of tab-row reports only). */
const MODIFIER_SHARES: Record<LayoutModifier, number> = {
  header_page_break: 0.12,
  table_moved: 0.1,
  lost_cells: 0.12,
  shifted_row: 0.25,
  table_cut: 0.03,
  label_typo: 0.05,
  placeholder_cells: 0.05,
};

export function generateReport(input: ReportInput): GeneratedReport {
  const { town, year } = input;
  const rng = input.duplicateOf ? Rng.of(input.seed, town.code, year, 'second version') : Rng.of(input.seed, town.code, year);
  const rates = input.rates ?? DEFAULT_SEQUENCE_RATES;
  const template: TemplateId = templateForYear(year);
  const figures = makeFigures(rng, template, townActivity(Rng.of(input.seed, town.code, 'activity')), input.carry ?? null);
  const broken: Break | null = input.carry && rng.chance(rates.broken) ? breakContinuity(rng, figures, template) : null;

  const base = rng.weighted(LAYOUT_WEIGHTS);
  const modifiers = (Object.keys(MODIFIER_SHARES) as LayoutModifier[]).filter((m) => (m !== 'shifted_row' || base === 'tabs') && rng.chance(MODIFIER_SHARES[m]));
  const style = drawStyle(rng, template);
  const layoutStyle = drawLayoutStyle(rng, base);
  const tags: LayoutTag[] = [base, ...modifiers];
  if (template === '2021') tags.push(style.otherHandling === 'split' ? 'other_handling_split' : 'other_handling_parent');

  // Rows printed, and rows that lose cells.
  const printed = new Set<RowKey>([
    ...DISCLOSURE_ITEMS.filter((i) => measuresOf(i, template).length > 0).map((i) => `disclosure:${i.code}` as RowKey),
    ...printedApplicationRows(template, style).map((c) => `applications:${c}` as RowKey),
    'reviews:reviews',
  ]);
  // A table cut short (data/raw/000): section 三 stops after one of its rows and section 四 is missing.
  const appRows = printedApplicationRows(template, style);
  const cutAfter = modifiers.includes('table_cut') ? appRows[rng.int(3, appRows.length - 3)] : null;
  if (cutAfter) {
    for (const code of appRows.slice(appRows.indexOf(cutAfter) + 1)) printed.delete(`applications:${code}`);
    printed.delete('reviews:reviews');
  }
  const lost = new Set<RowKey>();
  if (modifiers.includes('lost_cells')) {
    const list = [...printed];
    for (let k = rng.int(1, 2); k > 0; k--) lost.add(rng.pick(list));
  }

  let changed: Change | null = null;
  if (rng.chance(input.inconsistentRate)) {
    const usable = (table: TableId, row: string) => printed.has(`${table}:${row}`) && !lost.has(`${table}:${row}`);
    for (let attempt = 0; attempt < 20 && !changed; attempt++) {
      const change = perturb(rng, figures, usable);
      if (!change) continue;
      if (failuresOf(truthGrids(figures, printed, lost, new Set())).length > 0) changed = change;
      else revert(figures, change);
    }
  }

  // Placeholders ('—', '/') in place of some zero figures; kept only if the inconsistency still shows.
  let blanks = modifiers.includes('placeholder_cells') ? chooseBlanks(rng, figures, printed, lost, changed) : new Set<CellKey>();
  if (changed && failuresOf(truthGrids(figures, printed, lost, blanks)).length === 0) blanks = new Set();

  const tables = {
    disclosure: disclosureTable(rng, figures, style),
    applications: applicationsTable(rng, figures, style, modifiers.includes('header_page_break')),
    reviews: reviewsTable(figures, style),
  };
  if (cutAfter) {
    const rows = tables.applications.rows;
    tables.applications.rows = rows.slice(0, rows.findIndex((r) => r.code === cutAfter) + 1);
  }
  placeholders(rng, tables, blanks);
  for (const key of lost) loseCells(rng, tables, key);
  if (modifiers.includes('shifted_row')) shiftRow(rng, tables.applications);
  if (modifiers.includes('label_typo')) misspell(rng, tables);

  const ownParents = input.uniqueName ? rng.chance(0.6) : true;
  // A copied narrative names the county as its source did, unless the town's name needs it.
  const nameParents = input.prose ? input.prose.nameParents || !input.uniqueName : ownParents;
  // A copy keeps its source's sentences; a town whose name needs its county then names it in the title.
  const proseNamed = input.prose ? input.prose.nameParents : nameParents;
  const prose: ProseSource = { key: input.prose?.key ?? `${town.code}:${year}${input.duplicateOf ? ':2' : ''}`, nameParents: proseNamed };
  const date = input.duplicateOf ? dateBefore(rng, input.duplicateOf.published_on) : publicationDate(rng, year, rng.chance(rates.late));
  const story = narrative(Rng.of(input.seed, prose.key, 'prose'), {
    who: who(town, nameParents),
    year,
    proactive: figures.proactive,
    proactiveApprox: figures.proactiveApprox,
    applicationsReceived: figures.applications.new_received[6],
    tableMoved: modifiers.includes('table_moved'),
    countyInTitle: rng.chance(0.3) || nameParents !== proseNamed,
    date,
    proseNamed,
  });
  const text = compose(rng, story, tables, layoutStyle, { tableMoved: modifiers.includes('table_moved'), noSection4: cutAfter !== null });

  const grids = truthGrids(figures, printed, lost, blanks);
  const failing = failuresOf(grids);
  if (!changed && failing.length > 0) throw new Error(`synth: clean report ${input.file} fails ${JSON.stringify(failing)}`);
  const truth: TruthRecord = {
    file: input.file,
    town_code: town.code,
    town: town.name,
    county: town.county,
    city: town.city,
    province: town.province,
    names_parents: nameParents,
    year,
    template,
    layout: tags,
    published_on: story.published_on,
    proactive_items: figures.proactive,
    proactive_items_approx: figures.proactiveApprox,
    disclosure: grids.disclosure,
    procurement: template === '2019' ? procurementTruth(figures, lost.has('disclosure:procurement')) : null,
    applications: grids.applications,
    reviews: grids.reviews,
    changed,
    failing,
    prose: prose.key,
    broken,
    duplicate_of: input.duplicateOf?.file ?? null,
  };
  return { text, truth, carry: carryOf(figures), prose };
}

/** A date before `iso` (a first version is published before its second). */
function dateBefore(rng: Rng, iso: string): { date: string; published_on: string } {
  const [y, m, d] = iso.split('-').map(Number);
  const month = d > 1 ? m : m - 1;
  const day = d > 1 ? rng.int(1, d - 1) : 28;
  return { date: `${y}年${month}月${day}日`, published_on: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

function printedApplicationRows(template: TemplateId, style: TableStyle): string[] {
  const split = template === '2021' && style.otherHandling === 'split';
  return applicationRows(template)
    .filter((r) => (split ? r.code !== 'other_handling' : !r.parent))
    .map((r) => r.code);
}

interface Grids {
  template: TemplateId;
  disclosure: Record<string, Record<string, number | null>>;
  applications: Record<string, Cells>;
  reviews: Record<string, Cells>;
}

/** The figures as the parser should return them: null for lost rows, placeholders and the unprinted form of （六）. */
function truthGrids(figures: Figures, printed: Set<RowKey>, lost: Set<RowKey>, blanks: Set<CellKey>): Grids {
  const ok = (key: RowKey) => printed.has(key) && !lost.has(key);
  const value = (row: RowKey, index: number, v: number) => (blanks.has(`${row}:${index}`) ? null : v);
  const disclosure: Grids['disclosure'] = {};
  for (const item of DISCLOSURE_ITEMS) {
    const codes = measuresOf(item, figures.template);
    if (codes.length === 0) continue;
    const key: RowKey = `disclosure:${item.code}`;
    disclosure[item.code] = Object.fromEntries(codes.map((c, k) => [c, ok(key) ? value(key, k, figures.disclosure[item.code][c]) : null]));
  }
  const applications: Grids['applications'] = {};
  for (const row of applicationRows(figures.template)) {
    const key: RowKey = `applications:${row.code}`;
    applications[row.code] = ok(key) ? figures.applications[row.code].map((v, k) => value(key, k, v)) : APPLICANT_CODES.map(() => null);
  }
  const reviews: Grids['reviews'] = {};
  Object.entries(figures.reviews).forEach(([p, values], i) => {
    reviews[p] = ok('reviews:reviews') ? values.map((v, k) => value('reviews:reviews', i * 5 + k, v)) : values.map(() => null);
  });
  return { template: figures.template, disclosure, applications, reviews };
}

/** One to three zero figures (counts only, not money) of rows printed in full, other than the changed one. */
function chooseBlanks(rng: Rng, figures: Figures, printed: Set<RowKey>, lost: Set<RowKey>, changed: Change | null): Set<CellKey> {
  const zeros: CellKey[] = [];
  const ok = (key: RowKey) => printed.has(key) && !lost.has(key) && !(changed && key === `${changed.table}:${changed.row}`);
  for (const item of DISCLOSURE_ITEMS) {
    measuresOf(item, figures.template).forEach((c, k) => {
      if (ok(`disclosure:${item.code}`) && measure(c).kind !== 'money' && figures.disclosure[item.code][c] === 0) zeros.push(`disclosure:${item.code}:${k}`);
    });
  }
  for (const [code, values] of Object.entries(figures.applications)) {
    values.forEach((v, k) => ok(`applications:${code}`) && v === 0 && zeros.push(`applications:${code}:${k}`));
  }
  if (ok('reviews:reviews') && !(changed?.table === 'reviews')) {
    Object.values(figures.reviews).forEach((values, i) => values.forEach((v, k) => v === 0 && zeros.push(`reviews:reviews:${i * 5 + k}`)));
  }
  const out = new Set<CellKey>();
  for (let n = Math.min(zeros.length, rng.int(1, 3)); out.size < n; ) out.add(rng.pick(zeros));
  return out;
}

const failuresOf = (g: Grids) => expectedFailures(g.template, g.disclosure, g.applications, g.reviews);

function procurementTruth(figures: Figures, lost: boolean): TruthRecord['procurement'] {
  const form = figures.amountForm!;
  const written = form === 'none' ? 'none' : form === 'header_wan' ? 'header' : 'cell';
  if (lost) return { unit: null, unit_written: written, unit_inferred: false };
  if (form === 'none') {
    const zero = figures.disclosure.procurement.amount_yuan === 0;
    return { unit: zero ? null : '元', unit_written: 'none', unit_inferred: !zero };
  }
  return { unit: form === 'cell_yuan' ? '元' : '万元', unit_written: written, unit_inferred: false };
}
