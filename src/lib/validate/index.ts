// Validation of a parsed record: the template's consistency rules (the
// catalog's identities, evaluated by template/rules.ts) and the year's
// plausibility. Returns every check's result, and findings for what failed or
// could not be checked.

import { finding, type Finding, type RuleCode } from '../findings.ts';
import { readReport, type ParseOptions, type ReadReport } from '../parse/index.ts';
import { noteOcr } from '../parse/ocr-notes.ts';
import type { ReportRecord } from '../parse/record.ts';
import { CATALOG, CHECK_NAMES, type Catalog, type TableCode, type TemplateId } from '../template/model.ts';
import { evaluateRule, type CheckResult, type IdentityRule } from '../template/rules.ts';

export type { CheckResult, CheckStatus } from '../template/rules.ts';
export { CHECK_NAMES, type CheckCode } from '../template/model.ts';
export type { ReportRecord, Figure, MoneyFigure, ParseOptions, PageContext } from '../parse/index.ts';
export { pageEvidence } from '../parse/index.ts';

export interface ParsedReport extends ReadReport {
  checks: CheckResult[];
}

/** One report's text in, one structured and checked record out: read (parse/) then validated. */
export function parseReport(text: string, sourceFile: string, options: ParseOptions = {}): ParsedReport {
  const { record, fingerprint } = readReport(text, sourceFile, options);
  const validation = validateRecord(record, options.today ?? new Date(), options.catalog ?? CATALOG);
  noteOcr(validation.findings, options.sourceMap, options.catalog ?? CATALOG);
  record.findings.push(...validation.findings);
  return { record, checks: validation.checks, fingerprint };
}

export interface Validation {
  checks: CheckResult[];
  findings: Finding[];
}

/** The first year the 条例 required these reports. */
export const FIRST_YEAR = 2008;

export function validateRecord(record: ReportRecord, today = new Date(), catalog: Catalog = CATALOG): Validation {
  const checks: CheckResult[] = [];
  const findings: Finding[] = [];
  const templates = templatesByTable(record, catalog);
  for (const rule of catalog.rules) {
    const template = templates[rule.table];
    if (template === null || !catalog.rulesOf(template).includes(rule)) continue;
    checks.push(...evaluateRule(rule, record[rule.table], template, catalog));
  }
  for (const c of checks) if (c.status === 'fail') findings.push(failureFinding(c, catalog.rule(c.check)));
  findings.push(...notCheckable(checks, record, catalog));
  findings.push(...metaFindings(record, today));
  return { checks, findings };
}

/**
 * The template each table is checked under. Section 二's rows are the report's template's alone.
 * Section 三's are read by the report's template or, when that could not be told (no year, no
 * section 二 headers), the one whose rows the grid holds. Section 四 reads alike under every template.
 */
function templatesByTable(record: ReportRecord, catalog: Catalog): Record<TableCode, TemplateId | null> {
  const grid = gridTemplate(record, catalog);
  return {
    disclosure: record.template,
    applications: grid,
    reviews: record.template ?? grid ?? catalog.templateIds.find((t) => catalog.hasTable(t, 'reviews')) ?? null,
  };
}

function gridTemplate(record: ReportRecord, catalog: Catalog): TemplateId | null {
  if (record.template) return record.template;
  if (!record.tables_found.applications) return null;
  const codes = new Set(Object.keys(record.applications));
  return catalog.templateIds.find((t) => catalog.rowsOf(t).length === codes.size && catalog.rowsOf(t).every((r) => codes.has(r.code))) ?? null;
}

/** A failed check's finding: its rule's severity, table and advice (a catalog's own rules are not in findings.ts). */
function failureFinding(c: CheckResult, rule: IdentityRule): Finding {
  const isColumn = rule.per === 'column';
  return {
    rule: c.check as RuleCode,
    severity: rule.severity,
    section: rule.table,
    row: isColumn ? null : c.scope,
    column: isColumn ? c.scope : null,
    line: c.line,
    message: `${c.detail}。${rule.advice}`,
  };
}

/** One finding per check that could not be run everywhere, when the report shows that table at all. */
function notCheckable(checks: CheckResult[], record: ReportRecord, catalog: Catalog): Finding[] {
  const out: Finding[] = [];
  const byCheck = new Map<string, CheckResult[]>();
  for (const c of checks) if (c.status === 'not_checkable') byCheck.set(c.check, [...(byCheck.get(c.check) ?? []), c]);
  for (const [check, list] of byCheck) {
    const { table: section, name } = catalog.rule(check);
    if (!record.tables_found[section]) continue;
    const total = checks.filter((c) => c.check === check).length;
    out.push(
      finding('check_not_possible', {
        section,
        line: list[0].line,
        message: `${name}：${total} 项核对中有 ${list.length} 项因所需数字未披露而无法进行，例如 ${list[0].detail}。`,
      }),
    );
  }
  return out;
}

function metaFindings(record: ReportRecord, today: Date): Finding[] {
  const out: Finding[] = [];
  const thisYear = today.getFullYear();
  if (record.year !== null && (record.year < FIRST_YEAR || record.year > thisYear)) {
    out.push(finding('meta_year_implausible', { message: `报告年度为 ${record.year} 年，不在 ${FIRST_YEAR} 年至 ${thisYear} 年之间。` }));
  }
  if (record.year !== null && record.published_on !== null && record.published_on <= `${record.year}-12-31`) {
    out.push(finding('meta_published_before_year_end', { message: `落款日期 ${record.published_on} 早于报告年度 ${record.year} 年结束。` }));
  }
  return out;
}
