// The national templates of the 政府信息公开工作年度报告, as data.
//
// This file is the single description of the tables a report contains. The
// parser reads its labels, the validator its arithmetic, the data build its
// codes and the site its Chinese names. The codes are the public data
// contract: renaming one is a breaking change for everyone who downloaded the
// data.
//
// Two templates exist: the 2019 one (国办公开办函〔2019〕60号, used for the
// reports on 2019 and 2020) and the 2021 revision (used from the reports on
// 2021 on).

import { makeCatalog, type Catalog, type TemplateDef } from './catalog.ts';
import type { ApplicationRow, DisclosureItem, Labelled, Measure, MeasureKind, MoneyUnit, Proceeding, Range, SectionHeading, TemplateId, TemplateSet } from './types.ts';
import { IDENTITY_RULES, PER_PROJECT_YUAN, RUNNING_COUNT } from './checks.ts';

export type { Catalog, CatalogData, TemplateDef } from './catalog.ts';
export type { ApplicationRow, DisclosureItem, IdentityRule, Labelled, Measure, MeasureKind, MoneyUnit, Proceeding, Range, SectionHeading, Severity, TableCode, TemplateId, TemplateSet, Terms } from './types.ts';
export * from './checks.ts';
export { TABLE_CODES, makeCatalog, sectionName, sectionNumeral, sectionPart, trimLabelNote } from './catalog.ts';

export const TEMPLATE_DEFS: readonly TemplateDef[] = [
  { id: '2019', name: '2019 年版模板（2019、2020 年度报告）', firstYear: 2019, tables: ['disclosure', 'applications', 'reviews'] },
  { id: '2021', name: '2021 年版模板（2021 年度起）', firstYear: 2021, tables: ['disclosure', 'applications', 'reviews'] },
];

// ---------------------------------------------------------------------------
// Section 二, 主动公开政府信息情况



// ---------------------------------------------------------------------------
// Plausible values. A figure outside its range is not stored: it is null, keeps its raw
// text and gets a finding. The ranges are wide (they catch typing slips, merged cells
// and garbage, not unusual years), and every one fits the column that stores it
// (src/lib/build/schema.ts derives its types from them), so no figure can overflow a column.

/** Section 二's measures by kind. Money is in yuan, after the unit is applied. */
export const KIND_RANGES: Record<MeasureKind, Range> = {
  // Documents, items and decisions: a city's traffic penalties run to millions a year.
  count: { min: 0, max: 1_000_000_000 },
  // The change of an item count (事项数量) in a year.
  change: { min: -1_000_000, max: 1_000_000 },
  // A year's procurement or fees of a province is some 10^11 yuan; 10^13 is the whole country's budget.
  money: { min: 0, max: 10_000_000_000_000, decimals: 2 },
};

/** A cell of section 三 (applications), unless its row says otherwise. The busiest bodies receive tens of thousands. */
export const APPLICATION_RANGE: Range = { min: 0, max: 10_000_000 };
/** A cell of section 四 (reviews and lawsuits over disclosure), unless its proceeding says otherwise. */
export const REVIEW_RANGE: Range = { min: 0, max: 1_000_000 };

/** The figures read from the report's prose (parse/narrative.ts). */
export const NARRATIVE_RANGES = {
  /** Items disclosed proactively in a year, all channels together. */
  proactive_items: { min: 0, max: 1_000_000_000 },
  npc_suggestions: { min: 0, max: 1_000_000 },
  cppcc_proposals: { min: 0, max: 1_000_000 },
  /** 信息处理费 in yuan. */
  info_fees_yuan: { min: 0, max: 1_000_000_000, decimals: 2 },
} as const satisfies Record<string, Range>;

export type NarrativeFigure = keyof typeof NARRATIVE_RANGES;

export function measureRange(m: Measure): Range {
  return m.range ?? KIND_RANGES[m.kind];
}

export function applicationRange(row: ApplicationRow): Range {
  return row.range ?? APPLICATION_RANGE;
}

export function reviewRange(proceeding: Proceeding): Range {
  return proceeding.range ?? REVIEW_RANGE;
}

/** The smallest range holding all of `ranges`: what a column holding any of them must hold. */
export function rangeHull(ranges: readonly Range[]): Range {
  const decimals = Math.max(...ranges.map((r) => r.decimals ?? 0));
  return { min: Math.min(...ranges.map((r) => r.min)), max: Math.max(...ranges.map((r) => r.max)), ...(decimals > 0 ? { decimals } : {}) };
}

export const inRange = (value: number, range: Range) => value >= range.min && value <= range.max;


export const MEASURES: readonly Measure[] = [
  // 2019 template
  { code: 'new_made', label: '本年新制作数量', short: '新制作', kind: 'count', meaning: '本年新制作的件数' },
  { code: 'new_published', label: '本年新公开数量', short: '新公开', kind: 'count', meaning: '本年新公开的件数' },
  { code: 'total_published', label: '对外公开总数量', short: '公开总数', kind: 'count', meaning: '截至年底对外公开的总件数' },
  // The number of kinds of licence, penalty or fee a body administers: thousands at most.
  { code: 'prev_year_count', label: '上一年项目数量', short: '上年项目数', kind: 'count', meaning: '上一年的项目数量', range: { min: 0, max: 1_000_000 } },
  { code: 'change', label: '本年增/减', variants: ['本年增减', '本年增加/减少'], short: '本年增减', kind: 'change', meaning: '项目数量本年的增减（可为负数）' },
  { code: 'decisions', label: '处理决定数量', variants: ['本年处理决定数量'], short: '处理决定', kind: 'count', meaning: '本年作出的处理决定数量' },
  { code: 'projects', label: '采购项目数量', short: '采购项目', kind: 'count', meaning: '政府集中采购项目数量' },
  { code: 'amount_yuan', label: '采购总金额', short: '采购金额', kind: 'money', meaning: '政府集中采购总金额，统一折算为元' },
  // 2021 template
  { code: 'issued', label: '本年制发件数', short: '本年制发', kind: 'count', meaning: '本年制发的件数' },
  { code: 'repealed', label: '本年废止件数', short: '本年废止', kind: 'count', meaning: '本年废止的件数' },
  { code: 'in_force', label: '现行有效件数', variants: ['现行有效件'], short: '现行有效', kind: 'count', meaning: '截至年底现行有效的件数' },
  { code: 'fee_amount_yuan', label: '本年收费金额（单位：万元）', variants: ['本年收费金额'], short: '收费金额', kind: 'money', templateUnit: '万元', meaning: '本年行政事业性收费金额；模板以万元填报，统一折算为元' },
];

const COUNTS_2019 = ['new_made', 'new_published', 'total_published'] as const;
const ITEMS_2019 = ['prev_year_count', 'change', 'decisions'] as const;
const DOCS_2021 = ['issued', 'repealed', 'in_force'] as const;

export const DISCLOSURE_ITEMS: readonly DisclosureItem[] = [
  { code: 'regulations', label: '规章', article: '第二十条第（一）项', measures: { '2019': COUNTS_2019, '2021': DOCS_2021 }, meaning: '本机关制定的规章' },
  { code: 'normative_docs', label: '规范性文件', variants: ['行政规范性文件'], short: '规范性文件', article: '第二十条第（一）项', measures: { '2019': COUNTS_2019, '2021': DOCS_2021 }, meaning: '本机关制定的（行政）规范性文件' },
  { code: 'licensing', label: '行政许可', article: '第二十条第（五）项', measures: { '2019': ITEMS_2019, '2021': ['decisions'] }, meaning: '行政许可事项与决定' },
  { code: 'other_services', label: '其他对外管理服务事项', short: '其他管理服务', article: '第二十条第（五）项', measures: { '2019': ITEMS_2019 }, meaning: '其他对外管理服务事项（仅 2019 年版模板）' },
  { code: 'penalty', label: '行政处罚', article: '第二十条第（六）项', measures: { '2019': ITEMS_2019, '2021': ['decisions'] }, meaning: '行政处罚事项与决定' },
  { code: 'coercion', label: '行政强制', article: '第二十条第（六）项', measures: { '2019': ITEMS_2019, '2021': ['decisions'] }, meaning: '行政强制事项与决定' },
  { code: 'fees', label: '行政事业性收费', short: '行政事业性收费', article: '第二十条第（八）项', measures: { '2019': ['prev_year_count', 'change'], '2021': ['fee_amount_yuan'] }, meaning: '行政事业性收费项目或金额' },
  { code: 'procurement', label: '政府集中采购', short: '政府集中采购', article: '第二十条第（九）项', measures: { '2019': ['projects', 'amount_yuan'] }, meaning: '政府集中采购项目与金额（仅 2019 年版模板）' },
];

/** The sub-table headings and the header words of section 二 that are not measures. */
export const DISCLOSURE_HEADERS: readonly Labelled[] = [
  { code: 'article_1', label: '第二十条第（一）项' },
  { code: 'article_5', label: '第二十条第（五）项' },
  { code: 'article_6', label: '第二十条第（六）项' },
  { code: 'article_8', label: '第二十条第（八）项' },
  { code: 'article_9', label: '第二十条第（九）项' },
  { code: 'content', label: '信息内容' },
];

// ---------------------------------------------------------------------------
// Section 三, 收到和处理政府信息公开申请情况

export const APPLICANTS: readonly Labelled[] = [
  { code: 'natural_person', label: '自然人', meaning: '自然人提出的申请' },
  { code: 'commercial', label: '商业企业', meaning: '法人或其他组织：商业企业' },
  { code: 'research', label: '科研机构', meaning: '法人或其他组织：科研机构' },
  { code: 'social_welfare', label: '社会公益组织', meaning: '法人或其他组织：社会公益组织' },
  { code: 'legal_service', label: '法律服务机构', meaning: '法人或其他组织：法律服务机构' },
  { code: 'other', label: '其他', meaning: '法人或其他组织：其他' },
  { code: 'total', label: '总计', meaning: '六类申请人之和' },
];

/** Header words of section 三 that are not columns. */
export const APPLICATION_HEADERS: readonly Labelled[] = [
  { code: 'applicants', label: '申请人情况' },
  { code: 'legal_persons', label: '法人或其他组织' },
  { code: 'balance_note', label: '本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和', variants: ['本列数据的勾稽关系为'] },
];


export const APPLICATION_GROUPS: readonly Labelled[] = [
  { code: 'results', label: '三、本年度办理结果', variants: ['本年度办理结果'] },
  { code: 'denied', label: '（三）不予公开', variants: ['不予公开'] },
  { code: 'unavailable', label: '（四）无法提供', variants: ['无法提供'] },
  { code: 'not_processed', label: '（五）不予处理', variants: ['不予处理'] },
];

export const APPLICATION_ROWS: readonly ApplicationRow[] = [
  { code: 'new_received', number: '一', label: '本年新收政府信息公开申请数量', short: '本年新收', meaning: '本年新收到的申请' },
  { code: 'carried_over_in', number: '二', label: '上年结转政府信息公开申请数量', short: '上年结转', meaning: '上年结转到本年的申请' },
  { code: 'granted', number: '（一）', label: '予以公开', short: '予以公开', outcome: true, meaning: '办理结果：予以公开' },
  { code: 'partly_granted', number: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）', variants: ['部分公开'], short: '部分公开', outcome: true, meaning: '办理结果：部分公开' },
  { code: 'denied_state_secret', number: '1', group: 'denied', label: '属于国家秘密', short: '不予公开：国家秘密', outcome: true },
  { code: 'denied_law_prohibited', number: '2', group: 'denied', label: '其他法律行政法规禁止公开', short: '不予公开：法律法规禁止', outcome: true },
  { code: 'denied_security_stability', number: '3', group: 'denied', label: '危及“三安全一稳定”', variants: ['危及三安全一稳定'], short: '不予公开：三安全一稳定', outcome: true },
  { code: 'denied_third_party', number: '4', group: 'denied', label: '保护第三方合法权益', short: '不予公开：第三方权益', outcome: true },
  { code: 'denied_internal_affairs', number: '5', group: 'denied', label: '属于三类内部事务信息', short: '不予公开：内部事务', outcome: true },
  { code: 'denied_process_info', number: '6', group: 'denied', label: '属于四类过程性信息', short: '不予公开：过程性信息', outcome: true },
  { code: 'denied_enforcement_file', number: '7', group: 'denied', label: '属于行政执法案卷', short: '不予公开：执法案卷', outcome: true },
  { code: 'denied_admin_query', number: '8', group: 'denied', label: '属于行政查询事项', short: '不予公开：行政查询', outcome: true },
  { code: 'unavailable_not_held', number: '1', group: 'unavailable', label: '本机关不掌握相关政府信息', short: '无法提供：不掌握', outcome: true },
  { code: 'unavailable_needs_creation', number: '2', group: 'unavailable', label: '没有现成信息需要另行制作', short: '无法提供：需另行制作', outcome: true },
  { code: 'unavailable_unclear', number: '3', group: 'unavailable', label: '补正后申请内容仍不明确', short: '无法提供：内容不明确', outcome: true },
  { code: 'not_processed_petition', number: '1', group: 'not_processed', label: '信访举报投诉类申请', short: '不予处理：信访举报投诉', outcome: true },
  { code: 'not_processed_repeat', number: '2', group: 'not_processed', label: '重复申请', short: '不予处理：重复申请', outcome: true },
  { code: 'not_processed_publication', number: '3', group: 'not_processed', label: '要求提供公开出版物', short: '不予处理：公开出版物', outcome: true },
  { code: 'not_processed_excessive', number: '4', group: 'not_processed', label: '无正当理由大量反复申请', short: '不予处理：大量反复申请', outcome: true },
  { code: 'not_processed_confirm', number: '5', group: 'not_processed', label: '要求行政机关确认或重新出具已获取信息', short: '不予处理：确认或重新出具', outcome: true },
  { code: 'other_handling', number: '（六）', label: '其他处理', short: '其他处理', outcome: true, meaning: '办理结果：其他处理（2021 年版模板分为三个子项）' },
  { code: 'other_handling_no_correction', number: '1', templates: { from: '2021' }, parent: 'other_handling', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', short: '其他处理：逾期不补正', outcome: true },
  { code: 'other_handling_no_fee', number: '2', templates: { from: '2021' }, parent: 'other_handling', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', short: '其他处理：逾期未缴费', outcome: true },
  { code: 'other_handling_other', number: '3', templates: { from: '2021' }, parent: 'other_handling', label: '其他', short: '其他处理：其他', outcome: true, ambiguous: { numbers: ['3'], after: ['other_handling_no_fee'] } },
  { code: 'total_handled', number: '（七）', label: '总计', short: '办理结果总计', meaning: '本年度办理结果合计', ambiguous: { numbers: ['七'], after: ['other_handling', 'other_handling_other', 'not_processed_confirm'] } },
  { code: 'carried_over_out', number: '四', label: '结转下年度继续办理', short: '结转下年度', meaning: '结转到下一年度继续办理的申请' },
];

// ---------------------------------------------------------------------------
// Section 四, 政府信息公开行政复议、行政诉讼情况


export const PROCEEDINGS: readonly Proceeding[] = [
  { code: 'review', label: '行政复议', meaning: '因政府信息公开被申请行政复议' },
  { code: 'litigation_direct', label: '未经复议直接起诉', short: '行政诉讼（未经复议直接起诉）', meaning: '因政府信息公开被提起行政诉讼，未经复议直接起诉' },
  { code: 'litigation_after_review', label: '复议后起诉', short: '行政诉讼（复议后起诉）', meaning: '因政府信息公开被提起行政诉讼，复议后起诉' },
];

export const OUTCOMES: readonly Labelled[] = [
  { code: 'upheld', label: '结果维持' },
  { code: 'corrected', label: '结果纠正' },
  { code: 'other', label: '其他结果' },
  { code: 'pending', label: '尚未审结' },
  { code: 'total', label: '总计' },
];

export const REVIEW_HEADERS: readonly Labelled[] = [{ code: 'litigation', label: '行政诉讼' }];

// ---------------------------------------------------------------------------
// Section headings


export const SECTIONS: readonly SectionHeading[] = [
  { number: 1, code: 'overview', label: '总体情况', keys: ['总体情况', '工作基本情况', '政府信息公开工作的总体情况'] },
  { number: 2, code: 'disclosure', label: '主动公开政府信息情况', keys: ['主动公开政府信息情况', '主动公开政府信息的情况'] },
  { number: 3, code: 'applications', label: '收到和处理政府信息公开申请情况', keys: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请'] },
  { number: 4, code: 'reviews', label: '政府信息公开行政复议、行政诉讼情况', keys: ['行政复议行政诉讼情况', '行政复议和行政诉讼情况', '行政复议、行政诉讼情况'] },
  { number: 5, code: 'problems', label: '存在的主要问题及改进情况', keys: ['存在的主要问题及改进情况', '存在的主要问题及改进措施', '存在的主要问题和改进情况', '主要问题及改进情况', '存在主要问题及改进情况'] },
  { number: 6, code: 'other', label: '其他需要报告的事项', keys: ['其他需要报告的事项', '其它需要报告的事项', '其他需要报告事项'] },
];

// ---------------------------------------------------------------------------
// The catalog: the data above as one value (catalog.ts). Parser, validator, schema, dictionary
// and the site's tables take a catalog and default to this one.

export const CATALOG: Catalog = makeCatalog({
  templates: TEMPLATE_DEFS,
  measures: MEASURES,
  disclosureItems: DISCLOSURE_ITEMS,
  disclosureHeaders: DISCLOSURE_HEADERS,
  applicants: APPLICANTS,
  applicationHeaders: APPLICATION_HEADERS,
  applicationGroups: APPLICATION_GROUPS,
  applicationRows: APPLICATION_ROWS,
  proceedings: PROCEEDINGS,
  outcomes: OUTCOMES,
  reviewHeaders: REVIEW_HEADERS,
  sections: SECTIONS,
  rules: IDENTITY_RULES,
  ratioRange: PER_PROJECT_YUAN,
});

// Shorthands for the default catalog.
export const TEMPLATES: readonly TemplateId[] = CATALOG.templateIds;
export const TEMPLATE_NAMES: Readonly<Record<TemplateId, string>> = Object.fromEntries(TEMPLATE_DEFS.map((t) => [t.id, t.name]));
export const measure = (code: string): Measure => CATALOG.measure(code);
export const disclosureItem = (code: string): DisclosureItem => CATALOG.disclosureItem(code);
export const applicationRow = (code: string): ApplicationRow => CATALOG.applicationRow(code);
/** The measures an item has under a template, or [] when the template has no such row. */
export const measuresOf = (item: DisclosureItem, template: TemplateId): readonly string[] => CATALOG.measuresOf(item, template);
/** Section 三 rows of a template, in printed order. */
export const applicationRows = (template: TemplateId): readonly ApplicationRow[] => CATALOG.rowsOf(template);
/** Which template a report on `year` should use, when its headers cannot tell. */
export const templateForYear = (year: number): TemplateId => CATALOG.templateOfYear(year);

export const APPLICANT_CODES = CATALOG.applicantCodes;
export const PROCEEDING_CODES = CATALOG.proceedingCodes;
export const OUTCOME_CODES = CATALOG.outcomeCodes;
/** The six applicant columns that add up to `total`. */
export const APPLICANT_PARTS = CATALOG.applicantParts;
/** The four outcomes that add up to `total` in section 四. */
export const OUTCOME_PARTS = CATALOG.outcomeParts;

export const MONEY_FACTORS: Record<MoneyUnit, number> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** The items of a template that have a running count (none when the template has no such measures). */
export function runningCountItems(template: TemplateId): readonly DisclosureItem[] {
  return DISCLOSURE_ITEMS.filter((i) => measuresOf(i, template).includes(RUNNING_COUNT.count) && measuresOf(i, template).includes(RUNNING_COUNT.change));
}
