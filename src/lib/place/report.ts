// One report as the place page shows it: the template's three tables rebuilt
// from the template model (section 二: items × the template's measures by
// article; section 三: rows × applicant columns; section 四: proceedings ×
// outcomes), each cell as the report gave it — the figure and its source
// line, or null (未披露) — with the findings beside the cells, rows and
// columns they concern. Pure data: render.ts turns it into DOM.

import { REPORTS } from '../build/schema.ts';
import { CATALOG, TABLE_CODES, sectionNumeral, type Catalog, type DisclosureItem, type TemplateId } from '../template/model.ts';

type Value = string | number | boolean | null;
type Row = Record<string, Value>;

export interface ReportRow extends Row {
  report_id: string;
  year: number;
  template: string | null;
}

export interface FindingView {
  /** 1-based number within the report, as the markers show it. */
  n: number;
  severity: string;
  rule: string;
  message: string;
  section: string | null;
  row: string | null;
  column: string | null;
  line: number | null;
}

export type CellKind = 'count' | 'change' | 'money';

export interface CellView {
  section: TableSection;
  row: string;
  col: string;
  value: number | null;
  line: number | null;
  kind: CellKind;
  /** Money: the unit as written or inferred, the cell's text, and whether the unit was inferred. */
  unit: string | null;
  unitInferred: boolean;
  raw: string | null;
  /** False for a cell the template does not have (an item without this measure in a shared sub-table). */
  inTemplate: boolean;
  /** The figure's position was not given row by row but fixed by the template's identities. */
  byIdentity: boolean;
  findings: number[];
}

export interface HeaderView {
  label: string;
  colspan?: number;
  rowspan?: number;
  col?: string;
  findings: number[];
}

export interface RowView {
  code: string | null;
  label: string;
  /** 0 top level, 1 under a group heading, 2 under a sub-group. */
  depth: number;
  /** A heading row of the template (no figures of its own). */
  heading: boolean;
  cells: CellView[];
  findings: number[];
}

export interface BlockView {
  /** Section 二's sub-table heading (the article of the regulation). */
  caption: string | null;
  head: HeaderView[][];
  rows: RowView[];
}

export type TableSection = 'disclosure' | 'applications' | 'reviews';

export interface TableView {
  section: TableSection;
  title: string;
  blocks: BlockView[];
  /** Every finding of the section, listed under the table. */
  findings: FindingView[];
  /** The report has no such table at all (every cell 未披露). */
  absent: boolean;
}

export interface NarrativeFigure {
  key: string;
  label: string;
  value: number | null;
  approx: boolean;
  line: number | null;
  kind: 'count' | 'money';
}

export interface ReportView {
  report: ReportRow;
  template: TemplateId;
  templateName: string;
  narrative: NarrativeFigure[];
  tables: TableView[];
  /** Findings about the file, the metadata, the text or the build. */
  otherFindings: FindingView[];
}

const num = (v: Value | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const str = (v: Value | undefined): string | null => (v === null || v === undefined ? null : String(v));

function sectionTitle(code: string, catalog: Catalog): string {
  const s = catalog.sections.find((x) => x.code === code)!;
  return `${sectionNumeral(s.number)}、${s.label}`;
}

/** A template row's number as printed: 一 → 一、; （一） stays; 1 → 1. */
function numbered(number: string, label: string): string {
  if (/^\d+$/.test(number)) return `${number}. ${label}`;
  if (/^[一二三四五六七八九十]+$/.test(number)) return `${number}、${label}`;
  return `${number}${label}`;
}

interface Cells {
  disclosures: Row[];
  applications: Row[];
  reviews: Row[];
  findings: Row[];
}

function findingViews(rows: Row[]): FindingView[] {
  return rows
    .slice()
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((f, i) => ({
      n: i + 1,
      severity: String(f.severity ?? 'info'),
      rule: String(f.rule ?? ''),
      message: String(f.message ?? ''),
      section: str(f.section),
      row: str(f.row),
      column: str(f.column),
      line: num(f.line),
    }));
}

/** Attaches a section's findings to its cells, row headers and column headers (each goes to the narrowest it names). */
function attach(table: TableView): void {
  const cells = new Map<string, CellView>();
  const rows = new Map<string, RowView>();
  const cols = new Map<string, HeaderView>();
  for (const b of table.blocks) {
    for (const r of b.rows) {
      if (r.code) rows.set(r.code, r);
      for (const c of r.cells) cells.set(`${c.row}|${c.col}`, c);
    }
    for (const h of b.head.flat()) if (h.col) cols.set(h.col, h);
  }
  for (const f of table.findings) {
    const cell = f.row && f.column ? cells.get(`${f.row}|${f.column}`) : undefined;
    if (cell) cell.findings.push(f.n);
    else if (f.row && rows.has(f.row)) rows.get(f.row)!.findings.push(f.n);
    else if (f.column && cols.has(f.column)) cols.get(f.column)!.findings.push(f.n);
  }
}

function disclosureTable(template: TemplateId, data: Row[], catalog: Catalog): BlockView[] {
  const byKey = new Map(data.map((d) => [`${d.item}|${d.measure}`, d]));
  const articles: { article: string; items: DisclosureItem[] }[] = [];
  for (const item of catalog.itemsOf(template)) {
    const last = articles[articles.length - 1];
    if (last && last.article === item.article) last.items.push(item);
    else articles.push({ article: item.article, items: [item] });
  }
  const content = catalog.disclosureHeaders.find((h) => h.code === 'content')!.label;
  return articles.map(({ article, items }) => {
    const measures = [...new Set(items.flatMap((i) => catalog.measuresOf(i, template)))];
    return {
      caption: article,
      head: [[{ label: content, findings: [] }, ...measures.map((m) => ({ label: catalog.labelOf(catalog.measure(m), template), col: m, findings: [] }))]],
      rows: items.map((item) => ({
        code: item.code,
        label: catalog.labelOf(item, template),
        depth: 0,
        heading: false,
        findings: [],
        cells: measures.map((m): CellView => {
          const d = byKey.get(`${item.code}|${m}`);
          const spec = catalog.measure(m);
          const own = catalog.measuresOf(item, template).includes(m);
          return {
            section: 'disclosure',
            row: item.code,
            col: m,
            value: num(d?.value),
            line: num(d?.line),
            kind: spec.kind,
            unit: str(d?.unit),
            unitInferred: d?.unit_inferred === true,
            raw: str(d?.raw),
            inTemplate: own,
            byIdentity: d?.placement === 'identity',
            findings: [],
          };
        }),
      })),
    };
  });
}

/** Whether a section 三 row is shown as a heading: it has parts in this template and the report gives no figure on it. */
export function headingOverParts(template: TemplateId, code: string, value: (applicant: string) => Value, catalog: Catalog = CATALOG): boolean {
  return catalog.rowsOf(template).some((x) => x.parent === code) && catalog.applicants.every((a) => value(a.code) === null || value(a.code) === undefined);
}

function applicationsTable(template: TemplateId, data: Row[], catalog: Catalog): BlockView[] {
  const byKey = new Map(data.map((d) => [`${d.row}|${d.applicant}`, d]));
  const parts = catalog.applicants.filter((a) => a.code !== 'total');
  const [natural, ...legal] = parts;
  const total = catalog.applicants.find((a) => a.code === 'total')!;
  const header = (code: string) => catalog.applicationHeaders.find((h) => h.code === code)!.label;
  const head: HeaderView[][] = [
    [
      { label: header('applicants'), rowspan: 2, findings: [] },
      { label: natural.label, rowspan: 2, col: natural.code, findings: [] },
      { label: header('legal_persons'), colspan: legal.length, findings: [] },
      { label: total.label, rowspan: 2, col: total.code, findings: [] },
    ],
    legal.map((a) => ({ label: a.label, col: a.code, findings: [] })),
  ];
  const columns = [natural, ...legal, total];
  const rows: RowView[] = [];
  const groupLabel = (code: string) => catalog.applicationGroups.find((g) => g.code === code)!.label;
  let inResults = false;
  let group: string | undefined;
  for (const r of catalog.rowsOf(template)) {
    const label = catalog.labelOf(r, template);
    if (r.outcome && !inResults) {
      inResults = true;
      rows.push({ code: null, label: groupLabel('results'), depth: 0, heading: true, cells: [], findings: [] });
    }
    if (r.group && r.group !== group) rows.push({ code: null, label: groupLabel(r.group), depth: 1, heading: true, cells: [], findings: [] });
    group = r.group;
    const depth = r.group || r.parent ? 2 : r.outcome || r.code === 'total_handled' ? 1 : 0;
    // A row the template prints as a heading over its parts (（六）其他处理 over its three sub-rows) has
    // no cells of its own, unless the report wrote figures on it anyway.
    if (headingOverParts(template, r.code, (a) => byKey.get(`${r.code}|${a}`)?.value ?? null, catalog)) {
      rows.push({ code: r.code, label: numbered(r.number, label), depth, heading: true, cells: [], findings: [] });
      continue;
    }
    rows.push({
      code: r.code,
      label: numbered(r.number, label),
      depth,
      heading: false,
      findings: [],
      cells: columns.map((a) => {
        const d = byKey.get(`${r.code}|${a.code}`);
        return { section: 'applications', row: r.code, col: a.code, value: num(d?.value), line: num(d?.line), kind: 'count', unit: null, unitInferred: false, raw: null, inTemplate: true, byIdentity: d?.placement === 'identity', findings: [] };
      }),
    });
  }
  return [{ caption: null, head, rows }];
}

function reviewsTable(data: Row[], catalog: Catalog): BlockView[] {
  const byKey = new Map(data.map((d) => [`${d.proceeding}|${d.outcome}`, d]));
  return [
    {
      caption: null,
      head: [[{ label: '程序', findings: [] }, ...catalog.outcomes.map((o) => ({ label: o.label, col: o.code, findings: [] }))]],
      rows: catalog.proceedings.map((p) => ({
        code: p.code,
        label: p.short ?? p.label,
        depth: 0,
        heading: false,
        findings: [],
        cells: catalog.outcomes.map((o) => {
          const d = byKey.get(`${p.code}|${o.code}`);
          return { section: 'reviews', row: p.code, col: o.code, value: num(d?.value), line: num(d?.line), kind: 'count', unit: null, unitInferred: false, raw: null, inTemplate: true, byIdentity: d?.placement === 'identity', findings: [] };
        }),
      })),
    },
  ];
}

const NARRATIVE: { key: string; kind: 'count' | 'money'; line?: string; approx?: string }[] = [
  { key: 'proactive_items', kind: 'count', line: 'proactive_items_line', approx: 'proactive_items_approx' },
  { key: 'npc_suggestions', kind: 'count' },
  { key: 'cppcc_proposals', kind: 'count' },
  { key: 'info_fees_yuan', kind: 'money' },
];

const reportLabel = (key: string) => REPORTS.columns.find((c) => c.name === key)?.label ?? key;

/** The report's template: as the data build read it, else as its year implies. */
export function templateOf(r: ReportRow, catalog: Catalog = CATALOG): TemplateId {
  return catalog.isTemplate(r.template) ? r.template : catalog.templateOfYear(Number(r.year));
}

/** A report's tables as its template prints them; `catalog` is the templates' (the national ones by default). */
export function reportView(report: ReportRow, all: Cells, catalog: Catalog = CATALOG): ReportView {
  const id = report.report_id;
  const mine = (rows: Row[]) => rows.filter((r) => r.report_id === id);
  const template = templateOf(report, catalog);
  const findings = findingViews(mine(all.findings));
  const tableFindings = (section: TableSection) => findings.filter((f) => f.section === section);
  const absent = (flag: string) => report[flag] === false;
  const blocks: Record<TableSection, () => BlockView[]> = {
    disclosure: () => disclosureTable(template, mine(all.disclosures), catalog),
    applications: () => applicationsTable(template, mine(all.applications), catalog),
    reviews: () => reviewsTable(mine(all.reviews), catalog),
  };
  // Only the tables the template prints.
  const tables: TableView[] = TABLE_CODES.filter((section) => catalog.hasTable(template, section)).map((section) => ({
    section,
    title: sectionTitle(section, catalog),
    blocks: blocks[section](),
    findings: tableFindings(section),
    absent: absent(`has_${section}`),
  }));
  tables.forEach(attach);
  return {
    report,
    template,
    templateName: catalog.template(template).name,
    narrative: NARRATIVE.map((n) => ({
      key: n.key,
      label: reportLabel(n.key),
      value: num(report[n.key]),
      approx: n.approx ? report[n.approx] === true : false,
      line: n.line ? num(report[n.line]) : null,
      kind: n.kind,
    })),
    tables,
    otherFindings: findings.filter((f) => !['disclosure', 'applications', 'reviews'].includes(f.section ?? '')),
  };
}

/** Every cell of a report, flat (for tests and for counting what is given). */
export function allCells(v: ReportView): CellView[] {
  return v.tables.flatMap((t) => t.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells)));
}

export const OVERVIEW_TITLE = sectionTitle('overview', CATALOG);
