// Findings are the product's way of being honest: every figure that could not
// be read, every guess and every failed check becomes a row users can see.
// The catalogue below is the single list of rule codes; the data dictionary,
// the quality page and the build summary read it.

import { IDENTITY_RULES, type CheckCode } from './template/model.ts';
import type { Severity } from './template/rules.ts';

export type { Severity } from './template/rules.ts';

export type SectionCode = 'input' | 'meta' | 'disclosure' | 'applications' | 'reviews' | 'narrative' | 'build';

export interface Finding {
  rule: RuleCode;
  severity: Severity;
  /** Chinese, written for a township clerk. */
  message: string;
  section: SectionCode | null;
  /** Template code of the row (section 三), item (section 二) or proceeding (section 四). */
  row: string | null;
  /** Template code of the column, measure or outcome, where the finding concerns one. */
  column: string | null;
  /** 1-based line in the source text, where the finding concerns one place. */
  line: number | null;
}

interface RuleSpec {
  severity: Severity;
  section: SectionCode;
  /** Short Chinese name shown in lists and filters. */
  title: string;
  /** What it means and what the report's author can do about it (Chinese). */
  advice: string;
}

const READING_RULES = {
  // Input: the file itself.
  input_empty: { severity: 'error', section: 'input', title: '空文件', advice: '文件没有内容。请确认下载或导出是否完整。' },
  input_binary: { severity: 'error', section: 'input', title: '无法识别的二进制文件', advice: '文件不是文本，也不是可读取的 PDF、Word 或网页。请另存为文本、PDF 或 Word 文件。' },
  input_too_large: { severity: 'error', section: 'input', title: '文件过大', advice: '文件远大于一份年度报告应有的大小，未予解析。请检查是否误放了其他文件。' },
  input_unsupported_format: { severity: 'error', section: 'input', title: '不支持的文件格式', advice: '该格式无法读取（例如非 Word 格式的 .wps、Excel 表格或 OFD）。请另存为 .docx、带文字层的 PDF 或文本。' },
  input_scanned_pdf: { severity: 'error', section: 'input', title: '扫描版 PDF', advice: 'PDF 没有文字层，只是页面图像（扫描件），且未做文字识别（OCR）。请提供带文字层的 PDF、Word 或网页版本。' },
  input_ocr: { severity: 'warning', section: 'input', title: '文字识别（OCR）', advice: '文件（或其中的页面、图片）没有可用的文字，已用文字识别（OCR）读取。识别结果可能有误，把握不足的数字记为未披露；识别失败或超时的部分缺失。请尽量提供带文字层的 PDF、Word 或网页版本。' },
  input_encoding: { severity: 'info', section: 'input', title: '文本编码', advice: '文件不是 UTF-8 编码，已自动识别并转换。建议以 UTF-8 发布。' },
  input_decode_errors: { severity: 'warning', section: 'input', title: '部分字符无法解码', advice: '文件中有无法按识别出的编码解码的字节，相关文字可能缺失。' },
  input_html: { severity: 'info', section: 'input', title: '网页格式', advice: '文件是网页，已提取正文与表格。' },
  input_pinyin: { severity: 'info', section: 'input', title: '拼音注音', advice: '文字中夹有括号中的拼音注音（常见于转载网页的繁简或注音转换），已去除。请以政府网站发布的原文为准。' },
  input_traditional: { severity: 'info', section: 'input', title: '繁体中文', advice: '文件为繁体中文，已转换为简体后解析。' },
  input_over_limit: { severity: 'error', section: 'input', title: '超出读取上限', advice: '文件解压后的大小、页数、元素个数或嵌套层数远超一份年度报告（可能是“压缩炸弹”或损坏的文件），为保护整个构建，未予解析或只读取了一部分。请检查文件是否完整，或另存为普通的 PDF、Word 或网页。' },
  parse_crash: { severity: 'error', section: 'input', title: '解析程序出错', advice: '读取这个文件时程序本身出错。这是本项目的缺陷，不是报告的问题；请反馈给维护者。' },
  input_unreadable: { severity: 'error', section: 'input', title: '文件无法读取', advice: '文件无法打开或读取：没有读取权限、链接指向的文件不存在、链接形成循环，或者它不是普通文件。请检查文件本身和它所在的目录。' },
  parse_timeout: { severity: 'error', section: 'input', title: '解析超时', advice: '解析这个文件用时超过上限，已中止并记为失败。文件可能异常庞大或结构异常（例如层层嵌套的表格）。' },
  parse_worker_died: { severity: 'error', section: 'input', title: '解析进程异常终止', advice: '解析这个文件时解析进程因内存耗尽或崩溃而终止，已记为失败，其余文件照常构建。文件可能是“压缩炸弹”或结构异常。' },
  figure_unstorable: { severity: 'error', section: 'input', title: '数字超出存储范围', advice: '报告中有数字超出数据表该栏能存储的范围（例如超过 21 亿的件数），整份报告未能入库，记为失败。' },
  input_sidecar_invalid: { severity: 'warning', section: 'input', title: '来源说明无法读取', advice: '报告旁的来源说明文件（.meta.json，由 npm run collect 写出）无法读取，报告的来源地址等信息缺失。可重新采集该报告。' },
  input_sidecar_orphan: { severity: 'error', section: 'input', title: '来源说明没有对应的报告', advice: '这是 npm run collect 写出的来源说明文件（.meta.json），但旁边没有它所说明的报告文件（可能已被删除或改名）。它本身不是报告，未予解析。' },
  input_not_report: { severity: 'error', section: 'input', title: '不像年度报告', advice: '文件中找不到政府信息公开工作年度报告的任何表格或标题。' },

  // Metadata.
  meta_year_missing: { severity: 'error', section: 'meta', title: '无法确定报告年度', advice: '标题中应写明报告所属年度，例如“2023年政府信息公开工作年度报告”。' },
  meta_year_implausible: { severity: 'warning', section: 'meta', title: '报告年度不合理', advice: '报告年度应在 2008 年（《条例》施行）至今之间。' },
  meta_agency_missing: { severity: 'warning', section: 'meta', title: '无法确定报告机关', advice: '标题或落款中应写明报告机关全称，例如“某某镇人民政府”。' },
  meta_place_not_found: { severity: 'warning', section: 'meta', title: '行政区划未匹配', advice: '报告机关的名称在全国行政区划名单中找不到，无法给出区划代码。' },
  meta_place_from_page: { severity: 'info', section: 'meta', title: '区划按发布网页确定', advice: '报告正文没有写明所属县市，全国又有同名的地方；按发布报告的网站名称和栏目路径确定了区划。建议在标题或正文中写明上级区划。' },
  meta_place_ambiguous: { severity: 'warning', section: 'meta', title: '同名区划无法区分', advice: '全国有多个同名乡镇或区县，正文没有写明所属县市。建议在标题或正文中写明上级区划。' },
  meta_published_before_year_end: { severity: 'warning', section: 'meta', title: '发布日期早于年度结束', advice: '落款日期应在报告年度结束之后。' },
  meta_text_ignored: { severity: 'info', section: 'meta', title: '插入的无关文字已忽略', advice: '报告标题或正文中夹有与报告无关的文字（常见于转载或被篡改的网页，如广告），这些文字不作为机关名称或地名。请以政府网站发布的原文为准。' },
  meta_template_guessed: { severity: 'info', section: 'meta', title: '模板按年度推定', advice: '第二部分表头无法识别，按报告年度推定所用的国家模板。' },

  // Tables.
  section_missing: { severity: 'warning', section: 'meta', title: '缺少表格', advice: '国家模板规定的这一部分表格在报告中找不到。' },
  row_missing: { severity: 'warning', section: 'applications', title: '缺少表格行', advice: '国家模板规定的这一行在报告中找不到，其数字记为未披露。' },
  row_incomplete: { severity: 'warning', section: 'applications', title: '表格行数字不全', advice: '这一行的数字个数少于栏目数，无法判断各数字属于哪一栏，整行记为未披露。' },
  row_overfull: { severity: 'warning', section: 'applications', title: '表格行数字过多', advice: '这一行的数字个数多于栏目数，无法判断各数字属于哪一栏，整行记为未披露。' },
  row_duplicate: { severity: 'warning', section: 'applications', title: '表格行重复', advice: '同一行在报告中出现了两次且数字不同，取第一次出现的数字。' },
  recovered_by_identity: { severity: 'info', section: 'applications', title: '数字按勾稽关系定位', advice: '表格的数字没有逐行排在行名之后（常见于从 PDF 或转换工具复制的文本），其位置由模板的勾稽关系唯一确定。建议发布可逐行复制的表格。' },
  recovery_ambiguous: { severity: 'warning', section: 'applications', title: '数字位置无法确定', advice: '表格的数字没有逐行排列，且有不止一种排列都符合模板的勾稽关系，无法确定的数字记为未披露。' },
  label_fuzzy: { severity: 'info', section: 'applications', title: '行名与模板不一致', advice: '表格行名与国家模板的写法不同（可能有错别字），按最接近的模板行读取。' },
  cell_unreadable: { severity: 'warning', section: 'disclosure', title: '单元格无法读取', advice: '单元格内容不是数字，记为未披露。' },
  figure_out_of_range: { severity: 'warning', section: 'disclosure', title: '数字超出合理范围', advice: '单元格中的数字远超出该栏可能的数值（例如多打了几位数字），记为未披露，原文照录。请核对并更正。' },
  figure_malformed: { severity: 'warning', section: 'disclosure', title: '数字写法异常', advice: '数字以 0 开头（如“0301”）、千位分隔符位置不对，或位数多到无法精确保存，无法确定其数值，记为未披露，原文照录。请按常规写法填写。' },
  unit_inferred: { severity: 'warning', section: 'disclosure', title: '金额单位为推定', advice: '金额没有写明单位，按数额大小推定单位。请在表头或单元格中写明“元”或“万元”。' },
  unit_unknown: { severity: 'warning', section: 'disclosure', title: '金额单位无法确定', advice: '金额没有写明单位，且按元或万元理解都不合理，记为未披露。' },
} as const satisfies Record<string, RuleSpec>;

/** The consistency checks (勾稽关系 and totals): one finding rule per rule of the template model, its table the section. */
const CHECK_RULES = Object.fromEntries(IDENTITY_RULES.map((r) => [r.code, { severity: r.severity, section: r.table, title: r.title, advice: r.advice }])) as Record<CheckCode, RuleSpec>;

const OTHER_RULES = {
  check_not_possible: { severity: 'info', section: 'applications', title: '无法核对', advice: '核对所需的数字未披露，这项核对无法进行（不视为通过）。' },
  narrative_total_mismatch: { severity: 'info', section: 'narrative', title: '正文与表格数字不一致', advice: '正文中给出的数字与表格不一致。' },

  // Build.
  duplicate_report: { severity: 'info', section: 'build', title: '同一机关同一年度有多份报告', advice: '保留全部报告，网站只采用其中一份（发布较晚的；否则较完整的）。' },

  // Checks across reports (build/cross-checks.ts): recomputed over all reports at every build.
  carry_over_continuity: { severity: 'warning', section: 'build', title: '结转数与上一年度不衔接', advice: '本年度的“上年结转政府信息公开申请数量”应等于上一年度报告的“结转下年度继续办理”。请核对两份报告中哪一份有误。' },
  prev_year_continuity: { severity: 'warning', section: 'build', title: '项目数量与上一年度不衔接', advice: '本年度的“上一年项目数量”应等于上一年度报告的“上一年项目数量”加“本年增/减”。请核对两份报告中哪一份有误。' },
  conflicting_duplicates: { severity: 'warning', section: 'build', title: '同年度两份报告数字不一致', advice: '同一机关同一年度发布了数字不同的两份报告。请说明以哪一份为准，并更正或撤下另一份。' },
  copied_text: { severity: 'warning', section: 'build', title: '正文与另一份报告雷同', advice: '正文（不计名称和数字）与另一份报告几乎相同。年度报告应如实总结本机关本年度的工作，而不是沿用往年或其他机关的文字。' },
  timeliness: { severity: 'warning', section: 'build', title: '晚于法定期限发布', advice: '《条例》第四十九条：县级以上人民政府部门应在每年1月31日前、县级以上人民政府应在每年3月31日前公布上一年度的年度报告；乡镇街道一般按3月31日掌握。' },
} as const satisfies Record<string, RuleSpec>;

export const RULES = { ...READING_RULES, ...CHECK_RULES, ...OTHER_RULES };

export type RuleCode = keyof typeof RULES;

export interface FindingInit {
  message: string;
  section?: SectionCode | null;
  row?: string | null;
  column?: string | null;
  line?: number | null;
  severity?: Severity;
}

/** Builds a finding with the rule's default severity and section. */
export function finding(rule: RuleCode, init: FindingInit): Finding {
  const spec: RuleSpec = RULES[rule];
  return {
    rule,
    severity: init.severity ?? spec.severity,
    message: init.message,
    section: init.section === undefined ? spec.section : init.section,
    row: init.row ?? null,
    column: init.column ?? null,
    line: init.line ?? null,
  };
}
