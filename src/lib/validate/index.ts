// Validation of a parsed record: the template's arithmetic (checks.ts) and
// plausibility. Returns every check's result, and findings for what failed or
// could not be checked.

import { finding, RULES, type Finding } from '../findings.ts';
import type { ReportRecord } from '../parse/record.ts';
import { PER_PROJECT_YUAN } from '../parse/interpret.ts';
import { CROSS_REPORT_CHECKS, TEMPLATES, applicationRows, type CrossCheckCode, type TemplateId } from '../template/model.ts';
import { applicantTotalChecks, balanceChecks, outcomeTotalChecks, reviewTotalChecks, type CheckCode, type CheckResult } from './checks.ts';

export type { CheckResult, CheckCode, CheckStatus } from './checks.ts';

export interface Validation {
  checks: CheckResult[];
  findings: Finding[];
}

/** The first year the 条例 required these reports. */
export const FIRST_YEAR = 2008;

export function validateRecord(record: ReportRecord, today = new Date()): Validation {
  const checks: CheckResult[] = [];
  const findings: Finding[] = [];
  const template = gridTemplate(record);
  if (template) {
    checks.push(...balanceChecks(record.applications), ...applicantTotalChecks(record.applications, template), ...outcomeTotalChecks(record.applications, template));
  }
  checks.push(...reviewTotalChecks(record.reviews));
  checks.push(...plausibility(record));
  for (const c of checks) if (c.status === 'fail') findings.push(failureFinding(c));
  findings.push(...notCheckable(checks, record));
  findings.push(...metaFindings(record, today));
  return { checks, findings };
}

/**
 * The template section 三 was read by: the report's, or, when the report's could not be told (no
 * year, no section 二 headers), the one whose rows the grid holds. Its figures are checked all the same.
 */
function gridTemplate(record: ReportRecord): TemplateId | null {
  if (record.template) return record.template;
  if (!record.tables_found.applications) return null;
  const codes = new Set(Object.keys(record.applications));
  return TEMPLATES.find((t) => applicationRows(t).length === codes.size && applicationRows(t).every((r) => codes.has(r.code))) ?? null;
}

const SECTION_OF: Record<CheckCode, 'applications' | 'reviews' | 'disclosure'> = {
  balance: 'applications',
  applicant_total: 'applications',
  outcome_total: 'applications',
  review_total: 'reviews',
  published_exceeds_total: 'disclosure',
  amount_per_project: 'disclosure',
};

function failureFinding(c: CheckResult): Finding {
  const isColumn = c.check === 'balance' || c.check === 'outcome_total';
  return finding(c.check, {
    section: SECTION_OF[c.check],
    row: isColumn ? null : c.scope,
    column: isColumn ? c.scope : null,
    line: c.line,
    message: `${c.detail}。${RULES[c.check].advice}`,
  });
}

/** What each check is called in a sentence (Chinese): the checks of one report, then those across reports. */
export const CHECK_NAMES: Record<CheckCode | CrossCheckCode, string> = {
  balance: '勾稽关系',
  applicant_total: '申请人总计',
  outcome_total: '办理结果总计',
  review_total: '复议诉讼总计',
  published_exceeds_total: '公开数量',
  amount_per_project: '采购单价',
  ...(Object.fromEntries(CROSS_REPORT_CHECKS.map((c) => [c.code, c.label])) as Record<CrossCheckCode, string>),
};

/** One finding per check that could not be run everywhere, when the report shows that table at all. */
function notCheckable(checks: CheckResult[], record: ReportRecord): Finding[] {
  const out: Finding[] = [];
  const byCheck = new Map<CheckCode, CheckResult[]>();
  for (const c of checks) if (c.status === 'not_checkable') byCheck.set(c.check, [...(byCheck.get(c.check) ?? []), c]);
  for (const [check, list] of byCheck) {
    const section = SECTION_OF[check];
    if (!record.tables_found[section]) continue;
    const total = checks.filter((c) => c.check === check).length;
    out.push(
      finding('check_not_possible', {
        section,
        line: list[0].line,
        message: `${CHECK_NAMES[check]}：${total} 项核对中有 ${list.length} 项因所需数字未披露而无法进行，例如 ${list[0].detail}。`,
      }),
    );
  }
  return out;
}

function plausibility(record: ReportRecord): CheckResult[] {
  const out: CheckResult[] = [];
  if (record.template === '2019') {
    for (const item of ['regulations', 'normative_docs']) {
      const cells = record.disclosure[item];
      const published = cells?.new_published?.value ?? null;
      const total = cells?.total_published?.value ?? null;
      const name = item === 'regulations' ? '规章' : '规范性文件';
      const status = published === null || total === null ? 'not_checkable' : total >= published ? 'pass' : 'fail';
      out.push({ check: 'published_exceeds_total', scope: item, status, left: published, right: total, detail: `${name}：本年新公开 ${published ?? '未披露'}，对外公开总数量 ${total ?? '未披露'}`, line: cells?.total_published?.line ?? null });
    }
    const p = record.disclosure.procurement;
    const projects = p?.projects?.value ?? null;
    const amount = p?.amount_yuan?.value ?? null;
    let status: CheckResult['status'] = 'not_checkable';
    let detail = `政府集中采购：项目 ${projects ?? '未披露'} 个，金额 ${amount ?? '未披露'} 元`;
    if (projects !== null && amount !== null) {
      if (projects === 0 || amount === 0) status = projects === 0 && amount === 0 ? 'pass' : 'fail';
      else {
        const per = amount / projects;
        status = per >= PER_PROJECT_YUAN.min && per <= PER_PROJECT_YUAN.max ? 'pass' : 'fail';
        detail += `，平均每个项目 ${Math.round(per).toLocaleString('zh-CN')} 元`;
      }
    }
    out.push({ check: 'amount_per_project', scope: 'procurement', status, left: amount, right: projects, detail, line: p?.amount_yuan?.line ?? null });
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
