// The data product's tables and columns, declared once. The build creates its
// tables from this, writes Parquet and CSV in this column order, and the data
// dictionary (docs/data-dictionary.md and the JSON the site reads) is
// generated from it together with the template model.

import {
  CATALOG,
  CROSS_REPORT_CHECKS,
  NARRATIVE_RANGES,
  applicationRange,
  measureRange,
  rangeHull,
  reviewRange,
  type Catalog,
  type Labelled,
  type Range,
} from '../template/model.ts';
import { QUALITY_PARTS } from '../quality-index.ts';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

/** The values each numeric type stores exactly (DOUBLE: every whole number up to 2^53, and decimals of 15 digits). */
export const SQL_RANGES: Partial<Record<SqlType, Range>> = {
  INTEGER: { min: -(2 ** 31), max: 2 ** 31 - 1 },
  BIGINT: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  DOUBLE: { min: -(2 ** 53), max: 2 ** 53 },
};

/** Whether a column of `type` stores every value of `range` exactly. */
export function holds(type: SqlType, range: Range): boolean {
  const r = SQL_RANGES[type];
  return r !== undefined && range.min >= r.min && range.max <= r.max;
}

/** The narrowest whole-number type that holds every plausible value: a figure can never overflow its column. */
export function integerType(range: Range): SqlType {
  return holds('INTEGER', range) ? 'INTEGER' : 'BIGINT';
}

export interface Column {
  name: string;
  type: SqlType;
  /** Chinese name. */
  label: string;
  /** What it holds (Chinese). */
  meaning: string;
  /** The codes the column may hold, from the template model. */
  codes?: readonly Labelled[];
  /** Computed by the build from other figures, not printed in the report. */
  derived?: boolean;
  /** The plausible values of a figure, from the template model: the parser stores no other (see parse/plausible.ts). */
  range?: Range;
}

export interface TableSpec {
  name: string;
  label: string;
  meaning: string;
  columns: readonly Column[];
  /** Sort order of the Parquet file (column names, or SQL expressions over them). */
  sortBy: readonly string[];
}

const col = (name: string, type: SqlType, label: string, meaning: string, extra: Partial<Column> = {}): Column => ({ name, type, label, meaning, ...extra });


const REPORT_ID = col('report_id', 'VARCHAR', '报告编号', '由源文件路径得出的稳定编号，重新构建时不变');
const LINE = col('line', 'INTEGER', '行号', '数字在源文件中所在的行（从 1 开始）；未披露时为空');
/** The placements a figure can have (parse/record.ts Figure.placement). */
export const PLACEMENTS: readonly Labelled[] = [
  { code: 'aligned', label: '逐行读出', meaning: '数字在其行名之后、按栏目顺序读出' },
  { code: 'identity', label: '按勾稽关系定位', meaning: '文本没有逐行给出数字（PDF 阅读顺序、转换工具的表格等），其位置由模板的勾稽关系等恒等式唯一确定' },
];
const PLACEMENT = col('placement', 'VARCHAR', '定位方式', '数字如何放入栏目：aligned 逐行读出，identity 按勾稽关系定位；未披露时为空', { codes: PLACEMENTS });

/** The place columns: every table carries them so that a range read for one town or region fetches little. */
const PLACE_KEYS: readonly Column[] = [
  col('province_code', 'VARCHAR', '省级代码', '2 位省级行政区划代码'),
  col('city_code', 'VARCHAR', '地级代码', '4 位地级行政区划代码；直辖市为其 2 位代码'),
  col('county_code', 'VARCHAR', '县级代码', '6 位县级行政区划代码'),
  col('town_code', 'VARCHAR', '乡级代码', '9 位乡镇街道代码'),
  col('year', 'INTEGER', '报告年度', '报告所属年度（不是发布年份）'),
];

const PLACE_SORT = ['province_code', 'city_code', 'county_code', 'town_code', 'year'];

export const STATUS_CODES: readonly Labelled[] = [
  { code: 'ok', label: '完整', meaning: '三张模板表格都找到，且模板中的数字全部读出' },
  { code: 'partial', label: '部分', meaning: '读出了部分内容，但有表格、行或数字缺失或无法读取' },
  { code: 'failed', label: '失败', meaning: '文件无法读取，或其中找不到年度报告的内容' },
];

export const LEVEL_CODES: readonly Labelled[] = [
  { code: 'town', label: '乡镇街道' },
  { code: 'county', label: '县级' },
  { code: 'city', label: '地级' },
  { code: 'province', label: '省级' },
  { code: 'department', label: '部门' },
];

const SEVERITY_CODES: readonly Labelled[] = [
  { code: 'error', label: '错误', meaning: '数字相互矛盾或文件无法读取' },
  { code: 'warning', label: '警告', meaning: '数字缺失、无法定位或可能有误' },
  { code: 'info', label: '提示', meaning: '读取方式的说明，不影响数字' },
];

/** The report-quality index and its parts (quality-index.ts): computed by the build over all reports. */
const QUALITY_COLUMNS: readonly Column[] = [
  col('quality_index', 'DOUBLE', '报告质量指数', `本项目的报告质量指数（0–100，不是官方评价）：${QUALITY_PARTS.map((p) => `${p.label}（权重 ${p.weight}）`).join('、')}的加权平均；无法评价的部分不计入，其余部分按权重重新分配。见网站“说明”页`, { derived: true }),
  ...QUALITY_PARTS.map((p) => col(p.column, 'DOUBLE', `质量指数·${p.label}`, `0–1：${p.meaning}`, { derived: true })),
];

/** The reports table: one row per source file. */
export const reportsTable = (catalog: Catalog): TableSpec => ({
  name: 'reports',
  label: '报告',
  meaning: '每个源文件一行，无论解析成功与否',
  // report_id breaks ties, so that the same inputs always give the same file.
  sortBy: [...PLACE_SORT, 'report_id'],
  columns: [
    REPORT_ID,
    col('source_file', 'VARCHAR', '源文件', '相对于原始报告目录的文件路径'),
    col('source_sha256', 'VARCHAR', '文件哈希', '源文件内容的 SHA-256'),
    col('source_format', 'VARCHAR', '文件格式', 'text、html、pdf、docx 等'),
    col('source_encoding', 'VARCHAR', '文本编码', '识别出的文本编码'),
    col('source_bytes', 'BIGINT', '文件大小', '字节数'),
    col('source_map', 'VARCHAR', '原文位置', 'PDF 的页码或 Word 的段落，按文本行号区间列出：“1-40:p1;41-95:p2”表示第 1–40 行在第 1 页；“i2”为网页或 Word 中的第 2 张图片；文字识别（OCR）读出的行另有其框和最低置信度，如“41-41:p2@72,310,451,14~0.97”（PDF 以点为单位，图片以像素为单位）；纯文本和网页为空'),
    col('source_url', 'VARCHAR', '来源地址', '报告发布的网址，取自 npm run collect 在文件旁写下的来源说明（.meta.json）；手工放入的文件为空'),
    col('source_title', 'VARCHAR', '网页标题', '发布报告的网页的标题（附件为其所在网页的标题）；来自来源说明'),
    col('source_fetched_at', 'VARCHAR', '采集时间', '文件内容下载的时间（UTC，ISO 8601）；来自来源说明'),
    col('source_meta_sha256', 'VARCHAR', '来源说明哈希', '来源说明文件的 SHA-256；没有来源说明时为空'),
    col('status', 'VARCHAR', '状态', '解析结果', { codes: STATUS_CODES }),
    col('error', 'VARCHAR', '失败原因', '状态为失败时的原因'),
    col('agency', 'VARCHAR', '报告机关', '报告标题或落款中的机关名称'),
    col('level', 'VARCHAR', '层级', '报告机关的层级', { codes: LEVEL_CODES }),
    col('town', 'VARCHAR', '乡镇街道', '乡镇街道名称（层级为乡镇街道时）'),
    col('county', 'VARCHAR', '县级', '县、县级市、区、旗名称'),
    col('city', 'VARCHAR', '地级', '地级市、自治州、盟名称；直辖市为其本身'),
    col('province', 'VARCHAR', '省级', '省、自治区、直辖市名称'),
    ...PLACE_KEYS,
    col('place_basis', 'VARCHAR', '区划匹配依据', '如何在全国行政区划名单中确定该机关'),
    col('template', 'VARCHAR', '模板', '所用国家模板', { codes: catalog.templates.map((t) => ({ code: t.id, label: t.name })) }),
    col('template_basis', 'VARCHAR', '模板依据', 'headers：按第二部分表头识别；year：按年度推定'),
    col('published_on', 'DATE', '发布日期', '落款日期或网页发布日期'),
    col('contact_phone', 'VARCHAR', '联系电话', '报告中写明的联系电话'),
    col('contact_email', 'VARCHAR', '电子邮箱', '报告中写明的电子邮箱'),
    col('proactive_items', integerType(NARRATIVE_RANGES.proactive_items), '主动公开信息条数', '正文所述全年主动公开政府信息总条数（各渠道合计）', { range: NARRATIVE_RANGES.proactive_items }),
    col('proactive_items_approx', 'BOOLEAN', '条数为约数', '正文写作“余条”“多条”'),
    col('proactive_items_line', 'INTEGER', '条数所在行', '主动公开条数在源文件中的行号'),
    col('npc_suggestions', integerType(NARRATIVE_RANGES.npc_suggestions), '人大代表建议', '正文所述办理人大代表建议件数', { range: NARRATIVE_RANGES.npc_suggestions }),
    col('cppcc_proposals', integerType(NARRATIVE_RANGES.cppcc_proposals), '政协提案', '正文所述办理政协提案件数', { range: NARRATIVE_RANGES.cppcc_proposals }),
    col('info_fees_yuan', 'DOUBLE', '信息处理费（元）', '正文所述收取的政府信息公开信息处理费', { range: NARRATIVE_RANGES.info_fees_yuan }),
    col('has_disclosure', 'BOOLEAN', '有第二部分表格', '报告中找到了主动公开表格'),
    col('has_applications', 'BOOLEAN', '有第三部分表格', '报告中找到了依申请公开表格'),
    col('has_reviews', 'BOOLEAN', '有第四部分表格', '报告中找到了行政复议、行政诉讼表格'),
    col('figures_expected', 'INTEGER', '应有数字', '所用模板规定的数字个数'),
    col('figures_given', 'INTEGER', '已披露数字', '读出的数字个数'),
    col('completeness', 'DOUBLE', '完整度', '已披露数字 ÷ 应有数字', { derived: true }),
    col('findings_error', 'INTEGER', '错误数', '严重程度为错误的发现'),
    col('findings_warning', 'INTEGER', '警告数', '严重程度为警告的发现'),
    col('findings_info', 'INTEGER', '提示数', '严重程度为提示的发现'),
    col('checks_failed', 'INTEGER', '核对不通过', '不成立的勾稽关系与合计核对'),
    col('checks_passed', 'INTEGER', '核对通过', '成立的核对'),
    col('checks_not_checkable', 'INTEGER', '无法核对', '因数字未披露而无法进行的核对'),
    col('is_primary', 'BOOLEAN', '网站采用', '同一机关同一年度有多份报告时，网站只采用其中一份'),
    col('duplicate_of', 'VARCHAR', '重复于', '不被采用时，被采用报告的编号'),
    ...QUALITY_COLUMNS,
    col('parser_version', 'VARCHAR', '解析器版本', '生成该行的解析器版本'),
  ],
});

const measureCodes = (catalog: Catalog): Labelled[] => catalog.measures.map((m) => ({ ...m, meaning: `${m.meaning ?? ''}${m.templateUnit ? `（模板单位：${m.templateUnit}）` : ''}` }));

const disclosuresTable = (catalog: Catalog): TableSpec => ({
  name: 'disclosures',
  label: '主动公开（第二部分）',
  meaning: '第二部分表格的每个数字一行；所用模板规定而报告未给出的数字也有一行，值为空',
  sortBy: [...PLACE_SORT, 'report_id', 'item_order', 'measure_order'],
  columns: [
    REPORT_ID,
    col('item', 'VARCHAR', '事项', '第二部分的事项', { codes: catalog.disclosureItems }),
    col('measure', 'VARCHAR', '指标', '事项的统计指标', { codes: measureCodes(catalog) }),
    col('value', 'DOUBLE', '数值', '件数，或金额（元）；未披露为空', { range: rangeHull(catalog.measures.map(measureRange)) }),
    col('unit', 'VARCHAR', '单位', '金额的单位：元、万元、亿元（原文所写或推定）'),
    col('unit_inferred', 'BOOLEAN', '单位为推定', '原文没有写单位，按数额推定'),
    col('raw', 'VARCHAR', '原文', '单元格原文'),
    LINE,
    PLACEMENT,
    ...PLACE_KEYS,
    col('item_order', 'INTEGER', '事项顺序', '事项在模板中的顺序'),
    col('measure_order', 'INTEGER', '指标顺序', '指标在模板中的顺序'),
  ],
});

/** Ranges of the template's figures, by the column that stores them. */
const applicationValues = (catalog: Catalog) => rangeHull(catalog.applicationRows.map(applicationRange));
const reviewValues = (catalog: Catalog) => rangeHull(catalog.proceedings.map(reviewRange));

const applicationsTable = (catalog: Catalog): TableSpec => ({
  name: 'applications',
  label: '依申请公开（第三部分）',
  meaning: '第三部分表格的每个数字一行（行 × 申请人类型）；未披露为空',
  sortBy: [...PLACE_SORT, 'report_id', 'row_order', 'applicant_order'],
  columns: [
    REPORT_ID,
    col('row', 'VARCHAR', '行', '第三部分的行', { codes: catalog.applicationRows }),
    col('applicant', 'VARCHAR', '申请人', '申请人类型', { codes: catalog.applicants }),
    col('value', integerType(applicationValues(catalog)), '件数', '申请件数；未披露为空', { range: applicationValues(catalog) }),
    LINE,
    PLACEMENT,
    ...PLACE_KEYS,
    col('row_order', 'INTEGER', '行顺序', '行在模板中的顺序'),
    col('applicant_order', 'INTEGER', '申请人顺序', '申请人类型在模板中的顺序'),
  ],
});

const reviewsTable = (catalog: Catalog): TableSpec => ({
  name: 'reviews',
  label: '行政复议与行政诉讼（第四部分）',
  meaning: '第四部分表格的每个数字一行（程序 × 结果）；未披露为空',
  sortBy: [...PLACE_SORT, 'report_id', 'proceeding_order', 'outcome_order'],
  columns: [
    REPORT_ID,
    col('proceeding', 'VARCHAR', '程序', '行政复议或行政诉讼', { codes: catalog.proceedings }),
    col('outcome', 'VARCHAR', '结果', '审理结果', { codes: catalog.outcomes }),
    col('value', integerType(reviewValues(catalog)), '件数', '件数；未披露为空', { range: reviewValues(catalog) }),
    LINE,
    PLACEMENT,
    ...PLACE_KEYS,
    col('proceeding_order', 'INTEGER', '程序顺序', '程序在模板中的顺序'),
    col('outcome_order', 'INTEGER', '结果顺序', '结果在模板中的顺序'),
  ],
});

export const FINDINGS: TableSpec = {
  name: 'findings',
  label: '发现',
  meaning: '解析与核对中发现的问题，每条一行',
  sortBy: [...PLACE_SORT, 'report_id', 'seq'],
  columns: [
    REPORT_ID,
    col('seq', 'INTEGER', '序号', '在该报告中的序号'),
    col('rule', 'VARCHAR', '规则', '发现所依据的规则（见规则表）'),
    col('severity', 'VARCHAR', '严重程度', '错误、警告或提示', { codes: SEVERITY_CODES }),
    col('message', 'VARCHAR', '说明', '写给报告编写人的中文说明'),
    col('section', 'VARCHAR', '部分', 'input、meta、disclosure、applications、reviews、narrative 或 build'),
    col('row', 'VARCHAR', '行或事项', '所涉及的行、事项或程序的代码'),
    col('column', 'VARCHAR', '栏', '所涉及的栏、指标或结果的代码'),
    LINE,
    ...PLACE_KEYS,
  ],
};

const checksTable = (catalog: Catalog): TableSpec => ({
  name: 'checks',
  label: '核对',
  meaning: '每项核对的结果，通过与否都有一行：报告内的勾稽关系与合计，以及跨报告的核对（与上一年度衔接、同年度重复报告、正文雷同、按时发布），后者每次构建对全部报告重新计算',
  sortBy: [...PLACE_SORT, 'report_id', 'seq'],
  columns: [
    REPORT_ID,
    col('seq', 'INTEGER', '序号', '在该报告中的序号'),
    col('check', 'VARCHAR', '核对', `报告内的 ${catalog.rules.length} 项核对（勾稽关系与合计）与跨报告的 ${CROSS_REPORT_CHECKS.length} 项核对`, {
      codes: [...catalog.rules.map((r) => ({ code: r.code, label: r.name, meaning: r.advice })), ...CROSS_REPORT_CHECKS],
    }),
    col('scope', 'VARCHAR', '范围', '所核对的栏、行、程序或事项的代码'),
    col('status', 'VARCHAR', '结果', 'pass 通过、fail 不通过、not_checkable 无法核对'),
    col('left_value', 'DOUBLE', '左边', '等式左边（或被比较的数）'),
    col('right_value', 'DOUBLE', '右边', '等式右边'),
    col('detail', 'VARCHAR', '算式', '用报告数字写出的算式或说明；通过的核对为空（其数字即左右两边）'),
    LINE,
    col('other_report_id', 'VARCHAR', '对照报告', '跨报告核对所对照的另一份报告的编号（上一年度、同年度重复或正文雷同的报告）；报告内核对为空'),
    ...PLACE_KEYS,
  ],
});

export const NARRATIVES: TableSpec = {
  name: 'narratives',
  label: '正文指纹',
  meaning: '每份报告正文（去掉本机关名称、数字和标点）的指纹，用于发现雷同的报告：5 字片段的单次排列 MinHash，64 个桶',
  sortBy: [...PLACE_SORT, 'report_id'],
  columns: [
    REPORT_ID,
    col('shingles', 'INTEGER', '片段数', '正文的 5 字片段个数（重复的也计）；少于 100 时正文过短，不做雷同核对'),
    col('signature', 'VARCHAR', '指纹', '64 个桶，每桶 4 位十六进制数（该桶片段哈希的最小 16 位值，ffff 为空桶）；两份报告相同的桶所占比例估计其片段集合的 Jaccard 相似度'),
    ...PLACE_KEYS,
  ],
};

/** The tables parsed records are flattened into, for a catalog's templates. */
export function baseTables(catalog: Catalog): readonly TableSpec[] {
  return [reportsTable(catalog), disclosuresTable(catalog), applicationsTable(catalog), reviewsTable(catalog), FINDINGS, checksTable(catalog), NARRATIVES];
}

/** The tables of the national templates. */
export const BASE_TABLES: readonly TableSpec[] = baseTables(CATALOG);
export const [REPORTS, DISCLOSURES, APPLICATIONS, REVIEWS, , CHECKS] = BASE_TABLES;
