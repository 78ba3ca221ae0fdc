// The report-quality index (报告质量指数): this project's own measure of how
// well a report does what the Regulations and the national template ask, from
// parts anyone can recompute from the published tables. Declared here once:
// the build computes it (build/quality-index.ts), the data dictionary
// documents it, /about/ publishes the weights and the reasoning, and the place,
// compare and quality pages show it.
//
// Each part is a share from 0 to 1. The index is 100 × the weighted mean of
// the parts that can be judged for the report; a part that cannot be (no date
// to compare with the deadline, no previous report to continue from) is left
// out and the others' weights are scaled up, so that a report is neither
// rewarded nor punished for what cannot be known.

export type QualityPartCode = 'completeness' | 'arithmetic' | 'continuity' | 'timeliness' | 'originality' | 'tables';

export interface QualityPart {
  code: QualityPartCode;
  /** The column of `reports` that holds the part (0–1). */
  column: string;
  weight: number;
  /** Chinese name. */
  label: string;
  /** How it is computed (Chinese). */
  meaning: string;
  /** Why it weighs what it weighs (Chinese, for /about/). */
  reasoning: string;
  /** The findings behind a low score: their rules. */
  rules: readonly string[];
}

/**
 * Days late at which the timeliness part reaches 0: a quarter of a year. A report that late comes when
 * the next year's work is well under way and its figures no longer serve the public's questions.
 */
export const LATE_DAYS_TO_ZERO = 90;

export const QUALITY_PARTS: readonly QualityPart[] = [
  {
    code: 'completeness',
    column: 'quality_completeness',
    weight: 25,
    label: '完整度',
    meaning: '已披露数字 ÷ 模板应有数字（reports.completeness）',
    reasoning: '年度报告的首要用途是按国家模板报告数字，缺一个数字就少一项可以监督的内容，所以与算术一致并列权重最高。',
    rules: ['row_missing', 'row_incomplete', 'row_overfull', 'cell_unreadable', 'section_missing', 'unit_unknown'],
  },
  {
    code: 'arithmetic',
    column: 'quality_arithmetic',
    weight: 25,
    label: '算术一致',
    meaning: '报告内核对（勾稽关系与各项合计）通过数 ÷ 可核对数',
    reasoning: '勾稽关系和合计不成立，说明报告中至少有一个数字是错的；错误的数字比缺失的数字更误导人，因此与完整度同样重要。',
    rules: ['balance', 'applicant_total', 'outcome_total', 'review_total', 'published_exceeds_total', 'amount_per_project'],
  },
  {
    code: 'continuity',
    column: 'quality_continuity',
    weight: 15,
    label: '年度衔接',
    meaning: '与本机关上一年度报告的衔接核对（结转申请数、上一年项目数量）通过数 ÷ 可核对数',
    reasoning: '上年“结转下年度继续办理”必须在本年“上年结转”中出现，否则有申请在两份报告之间消失或凭空出现。它只涉及少数数字，且可能错在上一年度的报告，所以权重低于报告内的算术。',
    rules: ['carry_over_continuity', 'prev_year_continuity'],
  },
  {
    code: 'timeliness',
    column: 'quality_timeliness',
    weight: 15,
    label: '按时发布',
    meaning: `按期发布为 1；逾期按天数线性递减，逾期 ${LATE_DAYS_TO_ZERO} 天及以上为 0`,
    reasoning: '《条例》第四十九条规定了发布期限，按时发布是法定义务；但晚几天发布的报告内容仍然有用，所以按逾期天数逐步扣分，而不是一票否决。',
    rules: ['timeliness'],
  },
  {
    code: 'originality',
    column: 'quality_originality',
    weight: 10,
    label: '内容原创',
    meaning: '正文雷同核对（与本机关上一年度、与其他机关同一年度）通过数 ÷ 可核对数',
    reasoning: '照抄往年或其他机关的正文，说明报告没有如实总结本年度的工作；但正文相似不等于数字有误，而且统一布置的写法也会使正文相近，所以权重较低。',
    rules: ['copied_text'],
  },
  {
    code: 'tables',
    column: 'quality_tables',
    weight: 10,
    label: '表格齐全',
    meaning: '模板规定的三张统计表（第二部分主动公开、第三部分依申请公开、第四部分复议诉讼）中找到的比例',
    reasoning: '缺少整张表格已经在完整度中扣分，这里单独计入，是因为整张表格缺失比个别数字缺失更严重，读者一眼就能看出。',
    rules: ['section_missing'],
  },
];

export const QUALITY_WEIGHT_TOTAL = QUALITY_PARTS.reduce((s, p) => s + p.weight, 0);

/** The index from its parts (null parts left out); null when no part can be judged. Mirrors build/quality-index.ts. */
export function qualityIndex(parts: Partial<Record<QualityPartCode, number | null>>): number | null {
  let sum = 0;
  let weights = 0;
  for (const p of QUALITY_PARTS) {
    const v = parts[p.code];
    if (v === null || v === undefined) continue;
    sum += p.weight * v;
    weights += p.weight;
  }
  return weights === 0 ? null : Math.round((1000 * sum) / weights) / 10;
}
