// What the quality page shows for a filter, computed the same way at build
// time (DuckDB in Node, the first paint) and in the browser (DuckDB-WASM).
//
// Two modes. 'rows': the findings and reports rows of the view's region are
// queried (a chosen province's rows, or the whole country's when the files are
// small). 'summary': the whole country at national scale, from the build-time
// summary by province and year — no findings row is read, so the lists of
// reports and findings ask the visitor to choose a province.

import type { EmbeddedFiles } from '../db/files.ts';
import type { Row } from '../db/runner.ts';
import {
  completenessSql,
  failingSql,
  findingsSql,
  headlineSql,
  leagueQuerySql,
  placeCountSql,
  regionGrain,
  ruleCountsSql,
  summaryReportsSql,
  summaryRulesSql,
  type CompletenessGrain,
  type QualityTables,
} from '../db/queries/quality.ts';
import { RULES, type RuleCode, type Severity } from '../findings.ts';
import { leagueRows, summaryLeague, type League, type SummaryLeague } from './league.ts';
import { summaryLeagueSql } from '../db/queries/league.ts';
import type { QualityFilter } from '../db/quality-filter.ts';
import type { ReportPlace } from './links.ts';
import type { CompletenessGrid, FailedCheck, FailingReport, FindingRow, GridCell, GridRow, Headline, ProvinceRow, QualityView, ReportInfo, RuleCount, QualityMode } from './view-types.ts';

export type { CompletenessGrid, FailedCheck, FailingReport, FindingRow, GridCell, GridRow, Headline, ProvinceRow, QualityView, ReportInfo, RuleCount, QualityMode } from './view-types.ts';

export type Query = (sql: string) => Promise<Row[]>;

/** At most this many reports with failed checks in a list. */
export const FAILING_LIMIT = 100;
/** At most this many findings in a list. */
export const FINDINGS_LIMIT = 500;
/** Up to this many places, the completeness grid lists places; beyond, the regions below the view's. */
export const PLACE_GRID_LIMIT = 60;
/**
 * The whole country is read row by row only while the findings and reports files together are this
 * small (the sample data, a province's own deployment); a national build works from the summary.
 */
export const SMALL_BYTES = 2_000_000;


export function nationalMode(files: EmbeddedFiles): QualityMode {
  const findings = files.findings?.file;
  const reports = files.reports?.file;
  if (!findings || !reports) return 'summary';
  return findings.bytes + reports.bytes <= SMALL_BYTES ? 'rows' : 'summary';
}

export function modeOf(f: QualityFilter, national: QualityMode): QualityMode {
  return f.province ? 'rows' : national;
}

// ---------------------------------------------------------------------------
// The summary (build time)

export interface SummaryReports {
  p: string | null;
  name: string | null;
  y: number | null;
  reports: number;
  failed: number;
  completeness_sum: number | null;
  completeness_n: number;
  with_findings: number;
  with_error: number;
  with_warning: number;
  with_info: number;
  failing_balance: number;
  failing_checks: number;
  findings: number;
}

export interface SummaryRule {
  rule: string;
  severity: Severity;
  p: string | null;
  y: number | null;
  findings: number;
  reports: number;
}

export interface QualitySummary {
  reports: SummaryReports[];
  rules: SummaryRule[];
  /** The report-quality index by city and year. */
  league: SummaryLeague[];
}

export async function buildSummary(query: Query, t: QualityTables): Promise<QualitySummary> {
  return {
    reports: (await query(summaryReportsSql(t))) as unknown as SummaryReports[],
    rules: (await query(summaryRulesSql(t))) as unknown as SummaryRule[],
    league: (await query(summaryLeagueSql(t.reports))) as unknown as SummaryLeague[],
  };
}

export interface RegionOption {
  code: string;
  name: string;
  reports: number;
}

export function provincesOf(s: QualitySummary): RegionOption[] {
  const by = new Map<string, RegionOption>();
  for (const r of s.reports) {
    if (!r.p) continue;
    const o = by.get(r.p) ?? { code: r.p, name: r.name ?? r.p, reports: 0 };
    o.reports += r.reports;
    by.set(r.p, o);
  }
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function yearsOf(s: QualitySummary): number[] {
  return [...new Set(s.reports.map((r) => r.y).filter((y): y is number => y !== null))].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// The view


const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A failed check's finding is its arithmetic (checks.detail), then '。' and the rule's advice. */
export function detailOf(rule: string, message: string): string {
  const advice = (RULES as Record<string, { advice: string }>)[rule]?.advice;
  const suffix = advice ? `。${advice}` : null;
  return suffix && message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

function reportInfo(r: Row): ReportInfo {
  return {
    report_id: String(r.report_id),
    place_code: strOrNull(r.place_code),
    source_file: strOrNull(r.source_file),
    place: String(r.place ?? r.source_file ?? r.report_id),
    level: strOrNull(r.level),
    year: numOrNull(r.year),
    province: strOrNull(r.province),
    city: strOrNull(r.city),
    county: strOrNull(r.county),
    completeness: numOrNull(r.completeness),
  };
}

const yearKey = (y: unknown) => (y === null || y === undefined ? 'null' : String(Number(y)));
const sortYears = (keys: Iterable<string>) => [...new Set(keys)].sort((a, b) => (a === 'null' ? 1 : b === 'null' ? -1 : Number(a) - Number(b)));

function drillFilter(f: QualityFilter, grain: CompletenessGrain, key: string | null): QualityFilter | null {
  if (!key) return null;
  if (grain === 'province') return { ...f, province: key, city: null, county: null };
  if (grain === 'city') return { ...f, city: key, county: null };
  if (grain === 'county') return { ...f, county: key };
  return null;
}

/** The completeness grid's grain: place by place in a county or a view of few places, else the regions below the view's. */
export function completenessGrain(f: QualityFilter, places: number): CompletenessGrain {
  return f.county || places <= PLACE_GRID_LIMIT ? 'place' : regionGrain(f);
}

export async function rowsView(f: QualityFilter, t: QualityTables, query: Query): Promise<QualityView> {
  const [h] = await query(headlineSql(f, t));
  const headline: Headline = {
    reports: num(h.reports),
    failed: num(h.failed),
    completeness: num(h.completeness_n) > 0 ? num(h.completeness_sum) / num(h.completeness_n) : null,
    failing_balance: num(h.failing_balance),
    failing_checks: num(h.failing_checks),
    findings: num(h.findings),
    findings_reports: num(h.findings_reports),
  };
  const rules = (await query(ruleCountsSql(f, t))).map((r) => ({ rule: r.rule as RuleCode, severity: r.severity as Severity, findings: num(r.findings), reports: num(r.reports) }));

  const failingRows = await query(failingSql(f, t, FAILING_LIMIT));
  const reports: FailingReport[] = [];
  for (const r of failingRows) {
    let report = reports[reports.length - 1];
    if (!report || report.report_id !== r.report_id) {
      report = { ...reportInfo(r), has_balance: false, checks: [] };
      reports.push(report);
    }
    if (r.rule === 'balance') report.has_balance = true;
    report.checks.push({ rule: r.rule as RuleCode, seq: num(r.seq), line: numOrNull(r.line), row_code: strOrNull(r.row_code), column_code: strOrNull(r.column_code), detail: detailOf(String(r.rule), String(r.message)) });
  }

  const findingRows = await query(findingsSql(f, t, FINDINGS_LIMIT));
  const findings = {
    total: findingRows.length ? num(findingRows[0].total) : 0,
    rows: findingRows.map((r) => ({ ...reportInfo(r), seq: num(r.seq), rule: r.rule as RuleCode, severity: r.severity as Severity, message: String(r.message), line: numOrNull(r.line) })),
  };

  const [{ places }] = await query(placeCountSql(f, t));
  const grain = completenessGrain(f, num(places));
  const gridRows = await query(completenessSql(f, t, grain));
  const byKey = new Map<string, GridRow>();
  for (const r of gridRows) {
    const key = strOrNull(r.key);
    const mapKey = key ?? '';
    let row = byKey.get(mapKey);
    if (!row) {
      row = { key, name: String(r.name ?? '未定位'), drill: grain === 'place' ? null : drillFilter(f, grain, key), cells: {} };
      byKey.set(mapKey, row);
    }
    row.cells[yearKey(r.year)] =
      grain === 'place'
        ? {
            completeness: numOrNull(r.completeness),
            reports: num(r.reports),
            report: { report_id: String(r.report_id), place_code: strOrNull(r.place_code), source_file: strOrNull(r.source_file), status: strOrNull(r.status), figures_given: numOrNull(r.figures_given), figures_expected: numOrNull(r.figures_expected) },
          }
        : { completeness: num(r.completeness_n) > 0 ? num(r.completeness_sum) / num(r.completeness_n) : null, reports: num(r.reports) };
  }
  return {
    filter: f,
    mode: 'rows',
    headline,
    rules,
    failing: { total: failingRows.length ? num(failingRows[0].total) : 0, reports },
    byProvince: null,
    completeness: { grain, years: sortYears(gridRows.map((r) => yearKey(r.year))), rows: [...byKey.values()] },
    findings,
    league: { year: f.year, byCity: leagueRows(f, 'city', await query(leagueQuerySql(f, t, 'city'))), byCounty: leagueRows(f, 'county', await query(leagueQuerySql(f, t, 'county'))) },
  };
}

/** The whole country from the summary: the same figures as rowsView, by province. */
export function summaryView(f: QualityFilter, s: QualitySummary): QualityView {
  const inYear = (y: number | null) => f.year === null || y === f.year;
  const reports = s.reports.filter((r) => inYear(r.y));
  const rules = s.rules.filter((r) => inYear(r.y) && (!f.rule || r.rule === f.rule) && (!f.severity || r.severity === f.severity));
  const sum = <T>(rows: T[], fn: (r: T) => number | null) => rows.reduce((a, r) => a + (fn(r) ?? 0), 0);

  const completenessN = sum(reports, (r) => r.completeness_n);
  const findingsReports = f.rule ? sum(rules, (r) => r.reports) : f.severity ? sum(reports, (r) => r[`with_${f.severity!}` as const]) : sum(reports, (r) => r.with_findings);
  const headline: Headline = {
    reports: sum(reports, (r) => r.reports),
    failed: sum(reports, (r) => r.failed),
    completeness: completenessN > 0 ? sum(reports, (r) => r.completeness_sum) / completenessN : null,
    failing_balance: sum(reports, (r) => r.failing_balance),
    failing_checks: sum(reports, (r) => r.failing_checks),
    findings: sum(rules, (r) => r.findings),
    findings_reports: findingsReports,
  };

  const counts = new Map<string, RuleCount>();
  for (const r of rules) {
    const key = `${r.rule}\u0000${r.severity}`;
    const c = counts.get(key) ?? { rule: r.rule as RuleCode, severity: r.severity, findings: 0, reports: 0 };
    c.findings += r.findings;
    c.reports += r.reports;
    counts.set(key, c);
  }
  const ruleCounts = [...counts.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.findings - a.findings || a.rule.localeCompare(b.rule));

  const provinces = new Map<string, ProvinceRow>();
  const findingsOf = new Map<string, number>();
  for (const r of rules) findingsOf.set(r.p ?? '', (findingsOf.get(r.p ?? '') ?? 0) + r.findings);
  // Completeness by province and year: sums first, the mean at the end.
  const sums = new Map<string, { row: GridRow; cells: Map<string, { sum: number; n: number; reports: number }> }>();
  const years = new Set<string>();
  for (const r of reports) {
    const key = r.p ?? '';
    const name = r.name ?? '未定位';
    const p = provinces.get(key) ?? { code: r.p, name, reports: 0, findings: findingsOf.get(key) ?? 0, failing_balance: 0, failing_checks: 0 };
    p.reports += r.reports;
    p.failing_balance += r.failing_balance;
    p.failing_checks += r.failing_checks;
    provinces.set(key, p);
    const entry = sums.get(key) ?? { row: { key: r.p, name, drill: drillFilter(f, 'province', r.p), cells: {} }, cells: new Map() };
    const y = yearKey(r.y);
    years.add(y);
    const cell = entry.cells.get(y) ?? { sum: 0, n: 0, reports: 0 };
    cell.sum += r.completeness_sum ?? 0;
    cell.n += r.completeness_n;
    cell.reports += r.reports;
    entry.cells.set(y, cell);
    sums.set(key, entry);
  }
  const grid: GridRow[] = [...sums.values()].map(({ row, cells }) => ({
    ...row,
    cells: Object.fromEntries([...cells].map(([y, c]) => [y, { completeness: c.n > 0 ? c.sum / c.n : null, reports: c.reports }])),
  }));
  const order = (a: { code?: string | null; key?: string | null }) => a.code ?? a.key ?? '\uffff';
  return {
    filter: f,
    mode: 'summary',
    headline,
    rules: ruleCounts,
    failing: null,
    byProvince: [...provinces.values()].sort((a, b) => order(a).localeCompare(order(b))),
    completeness: { grain: 'province', years: sortYears(years), rows: grid.sort((a, b) => order(a).localeCompare(order(b))) },
    findings: null,
    league: summaryLeague(f, s.league ?? []),
  };
}
