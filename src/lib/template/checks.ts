// The checks, as data: the consistency rules within one report (the catalog's rules, evaluated by
// rules.ts) and the checks across reports (build/cross-checks.ts). Imports nothing at run time from
// model.ts, which builds the catalog from these.

import type { IdentityRule, Labelled, Range } from './types.ts';

// Consistency rules within a report
//
// The identities a report's figures obey (勾稽关系 and totals), one entry each: the validator
// (validate/) runs them generically, the recovery (parse/recover/) asks them of candidate placements.
// A rule over a table a template does not print does not apply to it.

/** Plausible yuan per procurement project: from a small purchase to a large works contract. */
export const PER_PROJECT_YUAN: Range = { min: 500, max: 500_000_000 };

export const IDENTITY_RULES = [
  {
    code: 'balance', table: 'applications', per: 'column', relation: 'equal',
    left: ['new_received', 'carried_over_in'], right: ['total_handled', 'carried_over_out'],
    name: '勾稽关系', title: '勾稽关系不成立', severity: 'error',
    advice: '每一栏都应满足：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理。',
  },
  {
    code: 'applicant_total', table: 'applications', per: 'row', relation: 'equal',
    left: ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other'], right: ['total'], leftName: '六类申请人',
    name: '申请人总计', title: '申请人总计不等于各栏之和', severity: 'error',
    advice: '“总计”栏应等于自然人与五类法人或其他组织之和。',
  },
  {
    code: 'outcome_total', table: 'applications', per: 'column', relation: 'equal',
    left: { outcomes: true }, right: ['total_handled'], leftName: '办理结果（一）至（六）之和',
    name: '办理结果总计', title: '办理结果总计不等于各项之和', severity: 'error',
    advice: '“（七）总计”应等于（一）至（六）各项办理结果之和。',
  },
  {
    code: 'review_total', table: 'reviews', per: 'row', relation: 'equal',
    left: ['upheld', 'corrected', 'other', 'pending'], right: ['total'],
    name: '复议诉讼总计', title: '复议诉讼总计不等于各项之和', severity: 'error',
    advice: '行政复议、行政诉讼的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和。',
  },
  {
    code: 'published_exceeds_total', table: 'disclosure', per: 'row', relation: 'at_most',
    left: ['new_published'], right: ['total_published'],
    name: '公开数量', title: '本年新公开多于公开总数', severity: 'warning',
    advice: '对外公开总数量不应少于本年新公开数量。',
  },
  {
    code: 'amount_per_project', table: 'disclosure', per: 'row', relation: 'ratio',
    left: ['amount_yuan'], right: ['projects'], range: PER_PROJECT_YUAN,
    name: '采购单价', title: '单个采购项目金额异常', severity: 'warning',
    advice: '采购总金额除以项目数后过小或过大，请核对金额单位。',
  },
] as const satisfies readonly IdentityRule[];

/** The code of a check within one report. */
export type CheckCode = (typeof IDENTITY_RULES)[number]['code'];

// ---------------------------------------------------------------------------
// Checks across reports
//
// What no single report can tell: one agency's reports read one after another
// (the carry-over of section 三, the running counts of section 二), two reports
// of the same agency and year, narratives copied between reports, and the date
// of publication against the deadline of the Regulations. The data build runs
// them over all reports (build/cross-checks.ts) into the same `checks` table.

export type CrossCheckCode = 'carry_over_continuity' | 'prev_year_continuity' | 'conflicting_duplicates' | 'copied_text' | 'timeliness';

export interface CrossCheck extends Labelled {
  code: CrossCheckCode;
  /** What `checks.scope` holds for this check. */
  scope: string;
}

export const CROSS_REPORT_CHECKS: readonly CrossCheck[] = [
  { code: 'carry_over_continuity', label: '结转连续性', scope: '申请人栏（applicant）', meaning: '上一年度报告的“结转下年度继续办理”应等于本年度报告的“上年结转政府信息公开申请数量”，逐个申请人栏核对' },
  { code: 'prev_year_continuity', label: '项目数量连续性', scope: '第二部分事项（item）', meaning: '本年度的“上一年项目数量”应等于上一年度报告的“上一年项目数量”加“本年增/减”（只有设这两项的模板）' },
  { code: 'conflicting_duplicates', label: '重复报告数字冲突', scope: 'figures（全部数字）', meaning: '同一机关同一年度的两份报告，双方都给出的数字应当相同' },
  { code: 'copied_text', label: '正文雷同', scope: 'previous_year（本机关上一年度）或 same_year（其他机关同一年度）', meaning: '正文（去掉名称和数字）与另一份报告几乎相同' },
  { code: 'timeliness', label: '按时发布', scope: 'deadline（《条例》第四十九条的期限）', meaning: '落款或发布日期不晚于《条例》第四十九条规定的期限' },
];

/** Section 三's rows that carry applications over: year N's `out` is year N+1's `in`. */
export const CARRY_OVER = { out: 'carried_over_out', in: 'carried_over_in' } as const;

/** Section 二's running count: year N+1's `count` is year N's `count` plus its `change`. */
export const RUNNING_COUNT = { count: 'prev_year_count', change: 'change' } as const;


/**
 * Copied text: two narratives whose shingle sets (parse/fingerprint.ts) have a Jaccard similarity of
 * at least `threshold` are nearly identical. 0.6 is where a copy stands once about a quarter of its
 * sentences are rewritten ((1 − f)/(1 + f) for a share f rewritten); unrelated real reports measure
 * 0.00–0.07 (the samples and the corpus excerpts) and independent synthetic ones at most 0.39 in
 * 79,800 pairs, while copies with the names and figures changed measure 0.78–1. docs/cross-checks.md
 * gives the measurements (npm run threshold:copied-text). A narrative of fewer than `minShingles`
 * shingles is too short to judge.
 */
export const COPIED_TEXT = { threshold: 0.6, minShingles: 100 } as const;

export interface MonthDay {
  month: number;
  day: number;
}

/**
 * Art. 49 of the Regulations (2019): 县级以上人民政府部门 publish by 31 January, 县级以上人民政府 by
 * 31 March of the following year. Townships follow their county's rule; 31 March unless a region
 * sets another date in `townByRegion` (key: a province, city or county code; the longest that
 * matches the town's codes wins).
 */
export const DEADLINES: { department: MonthDay; government: MonthDay; town: MonthDay; townByRegion: Readonly<Record<string, MonthDay>> } = {
  department: { month: 1, day: 31 },
  government: { month: 3, day: 31 },
  town: { month: 3, day: 31 },
  townByRegion: {},
};

/** What each check is called in a sentence (Chinese): the checks of one report, then those across reports. */
export const CHECK_NAMES = Object.fromEntries([...IDENTITY_RULES.map((r) => [r.code, r.name]), ...CROSS_REPORT_CHECKS.map((c) => [c.code, c.label])]) as Readonly<Record<CheckCode | CrossCheckCode, string>>;
