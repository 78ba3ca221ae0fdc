// One report (parsed or not) as rows of the data product's tables, in the
// column order of schema.ts. Runs in the parse workers.

import { createHash } from 'node:crypto';
import type { Finding } from '../findings.ts';
import type { SourceLocation } from '../decode/types.ts';
import type { ParsedReport } from '../validate/index.ts';
import { isMoney, type Figure, type ReportRecord } from '../parse/record.ts';
import { APPLICANTS, APPLICATION_ROWS, CATALOG, DISCLOSURE_ITEMS, MEASURES, OUTCOMES, PROCEEDINGS, applicationRows, measuresOf, type Labelled } from '../template/model.ts';
import { unprintedAlternatives } from '../template/rules.ts';
import { REPORTS, type TableSpec } from './schema.ts';

export type Cell = string | number | boolean | null;
export type Row = Cell[];

export interface FlatReport {
  status: 'ok' | 'partial' | 'failed';
  reports: Row;
  disclosures: Row[];
  applications: Row[];
  reviews: Row[];
  findings: Row[];
  checks: Row[];
  narratives: Row[];
}

export interface SourceInfo {
  /** Path relative to the raw folder, with '/' separators. */
  source_file: string;
  /** Null, like format and size, for a file that could not be read. */
  source_sha256: string | null;
  source_format: string | null;
  source_encoding: string | null;
  source_bytes: number | null;
  /** Where the text's lines came from in a PDF or Word file (see sourceMapText). */
  source_map?: string | null;
  /** From the collector's sidecar (sidecar.ts), when the file has one. */
  source_url?: string | null;
  source_title?: string | null;
  source_fetched_at?: string | null;
  source_meta_sha256?: string | null;
}

/**
 * A decoded document's line → page (PDF) or paragraph (Word) map as runs of lines:
 * '1-40:p1;41-95:p2' or '1-1:¶0;2-2:¶1'; 'i2' is the second picture of a web page or Word file.
 * A line read by OCR adds its box and least confidence: '41-41:p2@72,310,451,14~0.97' (box in
 * points of the PDF page, or pixels of the picture). Figures keep their line; this turns a line
 * into a page, and an OCR'd line into the place on the page image.
 */
export function sourceMapText(map: readonly SourceLocation[] | undefined): string | null {
  if (!map?.length) return null;
  const key = (l: SourceLocation | undefined) => {
    if (!l) return '';
    const base = l.page !== undefined ? `p${l.page}` : l.paragraph !== undefined ? `¶${l.paragraph}` : l.image !== undefined ? `i${l.image}` : '';
    return l.ocr ? `${base}@${l.ocr.box.map((n) => Math.round(n)).join(',')}~${l.ocr.confidence.toFixed(2)}` : base;
  };
  const runs: string[] = [];
  let start = 1;
  for (let i = 1; i <= map.length; i++) {
    if (i === map.length || key(map[i]) !== key(map[start - 1])) {
      if (key(map[start - 1])) runs.push(`${start}-${i}:${key(map[start - 1])}`);
      start = i + 1;
    }
  }
  return runs.join(';') || null;
}

/** Stable across rebuilds and edits of the file: it follows the file's path. */
export function reportId(sourceFile: string): string {
  return createHash('sha256').update(sourceFile).digest('hex').slice(0, 16);
}

function rowOf(spec: TableSpec, values: Record<string, Cell | undefined>): Row {
  return spec.columns.map((c) => values[c.name] ?? null);
}

type PlaceKeys = Pick<ReportRecord, 'province_code' | 'city_code' | 'county_code' | 'town_code' | 'year'>;

function placeKeys(record: PlaceKeys | null): Record<string, Cell> {
  return {
    province_code: record?.province_code ?? null,
    city_code: record?.city_code ?? null,
    county_code: record?.county_code ?? null,
    town_code: record?.town_code ?? null,
    year: record?.year ?? null,
  };
}

/** How many of the template's figures the report gives. (六) counts once, in whichever form it is printed. */
export function completeness(record: ReportRecord): { expected: number; given: number } {
  let expected = 0;
  let given = 0;
  const count = (v: number | null) => {
    expected++;
    if (v !== null) given++;
  };
  if (record.template) {
    for (const item of DISCLOSURE_ITEMS) for (const m of measuresOf(item, record.template)) count(record.disclosure[item.code]?.[m]?.value ?? null);
    const skip = unprintedAlternatives(record.applications, record.template, CATALOG);
    const rows = applicationRows(record.template).filter((r) => !skip.has(r.code));
    // With neither form printed, count （六） once, as the parent row.
    const bothMissing = skip.size === 0 && rows.some((r) => r.parent);
    for (const row of rows) {
      if (bothMissing && row.parent) continue;
      for (const a of APPLICANTS) count(record.applications[row.code]?.[a.code]?.value ?? null);
    }
  }
  for (const p of PROCEEDINGS) for (const o of OUTCOMES) count(record.reviews[p.code]?.[o.code]?.value ?? null);
  return { expected, given };
}

export function statusOf(record: ReportRecord | null, findings: readonly Finding[], figures: { expected: number; given: number }): 'ok' | 'partial' | 'failed' {
  if (!record || findings.some((f) => f.rule === 'input_not_report')) return 'failed';
  const allTables = record.tables_found.disclosure && record.tables_found.applications && record.tables_found.reviews;
  return allTables && figures.given === figures.expected ? 'ok' : 'partial';
}

/**
 * One report as staging rows. The report row is whole; the rows of the other tables are
 * compact — the report's sequence number instead of its id and place, indexes into the template
 * model instead of codes, section 三 and 四 one line per row with its figures side by side —
 * because at national scale they number tens of millions. assemble.ts expands them.
 */
export function flatten(source: SourceInfo, parsed: ParsedReport | null, inputFindings: readonly Finding[], parserVersion: string, rseq: number): FlatReport {
  const id = reportId(source.source_file);
  const record = parsed?.record ?? null;
  const findings = [...inputFindings, ...(record?.findings ?? [])];
  const figures = record ? completeness(record) : { expected: 0, given: 0 };
  const status = statusOf(record, findings, figures);
  const keys = placeKeys(record);
  const severity = (s: string) => findings.filter((f) => f.severity === s).length;
  const checks = parsed?.checks ?? [];
  const error = status === 'failed' ? (findings.find((f) => f.severity === 'error')?.message ?? '无法读取') : null;

  const reports = [
    rseq,
    ...rowOf(REPORTS, {
      report_id: id,
      ...source,
      status,
      error,
      ...(record ? reportFields(record) : {}),
      ...keys,
      completeness: figures.expected > 0 ? figures.given / figures.expected : null,
      figures_expected: figures.expected,
      figures_given: figures.given,
      findings_error: severity('error'),
      findings_warning: severity('warning'),
      findings_info: severity('info'),
      checks_failed: checks.filter((c) => c.status === 'fail').length,
      checks_passed: checks.filter((c) => c.status === 'pass').length,
      checks_not_checkable: checks.filter((c) => c.status === 'not_checkable').length,
      is_primary: null,
      duplicate_of: null,
      parser_version: parserVersion,
    }),
  ];

  const disclosures: Row[] = [];
  const applications: Row[] = [];
  const reviews: Row[] = [];
  // A file that is not a report has no tables at all, not tables of nulls.
  if (record?.template && status !== 'failed') {
    DISCLOSURE_ITEMS.forEach((item, itemIdx) => {
      measuresOf(item, record.template!).forEach((m, measureOrder) => {
        const f = record.disclosure[item.code]?.[m];
        if (!f) return;
        const money = isMoney(f) ? f : null;
        disclosures.push([rseq, itemIdx, MEASURE_INDEX.get(m)!, measureOrder, f.value, money?.unit ?? null, money ? money.unit_inferred : null, f.raw, f.line, placementOf(f)]);
      });
    });
    for (const row of applicationRows(record.template)) {
      const cells = record.applications[row.code];
      const out: Cell[] = [rseq, ROW_INDEX.get(row.code)!];
      for (const a of APPLICANTS) out.push(cells?.[a.code]?.value ?? null);
      for (const a of APPLICANTS) out.push(cells?.[a.code]?.line ?? null);
      out.push(identityMask(cells, APPLICANTS));
      applications.push(out);
    }
  }
  if (record && status !== 'failed') {
    PROCEEDINGS.forEach((p, pIdx) => {
      const cells = record.reviews[p.code];
      const out: Cell[] = [rseq, pIdx];
      for (const o of OUTCOMES) out.push(cells?.[o.code]?.value ?? null);
      for (const o of OUTCOMES) out.push(cells?.[o.code]?.line ?? null);
      out.push(identityMask(cells, OUTCOMES));
      reviews.push(out);
    });
  }
  return {
    status,
    reports,
    disclosures,
    applications,
    reviews,
    findings: findings.map((f, seq) => [rseq, seq, f.rule, f.severity, f.message, f.section, f.row, f.column, f.line]),
    checks: checks.map((c, seq) => [rseq, seq, c.check, c.scope, c.status, c.left, c.right, c.detail, c.line]),
    narratives: parsed && status !== 'failed' ? [[rseq, parsed.fingerprint.shingles, parsed.fingerprint.signature]] : [],
  };
}

/** How a figure was placed, for the data (schema PLACEMENTS); null for a figure not given. */
function placementOf(f: Figure): string | null {
  return f.value === null ? null : (f.placement ?? 'aligned');
}

/** The columns of a staged row of figures placed by identity, one bit per column in model order. */
function identityMask(cells: Record<string, Figure> | undefined, columns: readonly Labelled[]): number {
  let mask = 0;
  columns.forEach((c, k) => {
    if (cells?.[c.code]?.placement === 'identity') mask |= 1 << k;
  });
  return mask;
}

const MEASURE_INDEX = new Map(MEASURES.map((m, i) => [m.code, i]));
const ROW_INDEX = new Map(APPLICATION_ROWS.map((r, i) => [r.code, i]));

function reportFields(r: ReportRecord): Record<string, Cell> {
  return {
    agency: r.agency,
    level: r.level,
    town: r.town,
    county: r.county,
    city: r.city,
    province: r.province,
    place_basis: r.place_basis,
    template: r.template,
    template_basis: r.template_basis,
    published_on: r.published_on,
    contact_phone: r.contact_phone,
    contact_email: r.contact_email,
    proactive_items: r.proactive_items,
    proactive_items_approx: r.proactive_items_approx,
    proactive_items_line: r.proactive_items_line,
    npc_suggestions: r.npc_suggestions,
    cppcc_proposals: r.cppcc_proposals,
    info_fees_yuan: r.info_fees_yuan,
    has_disclosure: r.tables_found.disclosure,
    has_applications: r.tables_found.applications,
    has_reviews: r.tables_found.reviews,
  };
}
