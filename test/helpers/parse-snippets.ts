// Small made-up report snippets for the parser's layout tests (test/parse-layouts, parse-cells,
// parse-prose): a title per template year, section headings, article headers, and a section 三
// table whose figures add up, with the helpers that read values back.

import type { Finding, RuleCode } from '../../src/lib/findings.ts';
import { parseReport, type Figure, type MoneyFigure, type ReportRecord } from '../../src/lib/validate/index.ts';
import { APPLICANT_CODES, OUTCOME_CODES } from '../../src/lib/template/model.ts';

const TODAY = new Date('2026-11-21');

export function parse(...lines: string[]) {
  return parseReport(lines.join('\n'), 'snippet.txt', { today: TODAY });
}
export const read = (...lines: string[]): ReportRecord => parse(...lines).record;

/** A row's values by column code. */
export function values(cells: Record<string, Figure> | undefined): Record<string, number | null> {
  return Object.fromEntries(Object.entries(cells ?? {}).map(([k, f]) => [k, f.value]));
}
/** An application row's seven values in template order. */
export const appValues = (r: ReportRecord, row: string) => APPLICANT_CODES.map((c) => r.applications[row]?.[c]?.value ?? null);
export const reviewValues = (r: ReportRecord, p: string) => OUTCOME_CODES.map((o) => r.reviews[p][o].value);
export const findingsOf = (r: ReportRecord, rule: RuleCode): Finding[] => r.findings.filter((f) => f.rule === rule);
export const money = (r: ReportRecord, item: string, m: string) => r.disclosure[item][m] as MoneyFigure;

export const T2019 = '洛碛镇2019年政府信息公开工作年度报告';
export const T2020 = '洛碛镇2020年政府信息公开工作年度报告';
export const T2021 = '洛碛镇2021年政府信息公开工作年度报告';
export const SEC2 = '二、主动公开政府信息情况';
export const SEC3 = '三、收到和处理政府信息公开申请情况';
export const SEC4 = '四、政府信息公开行政复议、行政诉讼情况';
export const ART1 = ['第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量'];
export const ART5 = ['第二十条第（五）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量'];
export const ART9 = (header = '采购总金额') => ['第二十条第（九）项', `信息内容\t采购项目数量\t${header}`];
const APP_HEADER = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况', '\t自然人\t法人或其他组织\t\t\t\t\t总计', '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他'];

// ---------------------------------------------------------------------------
// A section 三 table with figures that add up (2021 template, （六） as its three sub-rows).

type Six = readonly [number, number, number, number, number, number];
const ZERO: Six = [0, 0, 0, 0, 0, 0];
const seven = (six: Six) => [...six, six.reduce((a, b) => a + b, 0)];

const APP_ROWS: readonly (readonly [string, string, Six])[] = [
  ['new_received', '一、本年新收政府信息公开申请数量', [5, 1, 0, 0, 0, 0]],
  ['carried_over_in', '二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0]],
  ['granted', '三、本年度办理结果\t（一）予以公开', [2, 0, 0, 0, 0, 0]],
  ['partly_granted', '\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [1, 0, 0, 0, 0, 0]],
  ['denied_state_secret', '\t（三）不予公开\t1.属于国家秘密', ZERO],
  ['denied_law_prohibited', '\t\t2.其他法律行政法规禁止公开', ZERO],
  ['denied_security_stability', '\t\t3.危及“三安全一稳定”', ZERO],
  ['denied_third_party', '\t\t4.保护第三方合法权益', ZERO],
  ['denied_internal_affairs', '\t\t5.属于三类内部事务信息', ZERO],
  ['denied_process_info', '\t\t6.属于四类过程性信息', ZERO],
  ['denied_enforcement_file', '\t\t7.属于行政执法案卷', ZERO],
  ['denied_admin_query', '\t\t8.属于行政查询事项', ZERO],
  ['unavailable_not_held', '\t（四）无法提供\t1.本机关不掌握相关政府信息', [0, 1, 0, 0, 0, 0]],
  ['unavailable_needs_creation', '\t\t2.没有现成信息需要另行制作', ZERO],
  ['unavailable_unclear', '\t\t3.补正后申请内容仍不明确', ZERO],
  ['not_processed_petition', '\t（五）不予处理\t1.信访举报投诉类申请', ZERO],
  ['not_processed_repeat', '\t\t2.重复申请', [1, 0, 0, 0, 0, 0]],
  ['not_processed_publication', '\t\t3.要求提供公开出版物', ZERO],
  ['not_processed_excessive', '\t\t4.无正当理由大量反复申请', ZERO],
  ['not_processed_confirm', '\t\t5.要求行政机关确认或重新出具已获取信息', ZERO],
  ['other_handling_no_correction', '\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [1, 0, 0, 0, 0, 0]],
  ['other_handling_no_fee', '\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', ZERO],
  ['other_handling_other', '\t\t3.其他', ZERO],
  ['total_handled', '\t（七）总计', [5, 1, 0, 0, 0, 0]],
  ['carried_over_out', '四、结转下年度继续办理', [1, 0, 0, 0, 0, 0]],
];
export const FIGS = Object.fromEntries(APP_ROWS.map(([code, , six]) => [code, seven(six)]));

/** The table's lines; `over` replaces a row's line(s) by code, or drops it (null). */
export function appTable(over: Record<string, string | string[] | null> = {}): string[] {
  return [
    SEC3,
    ...APP_HEADER,
    ...APP_ROWS.flatMap(([code, label, six]) => {
      const o = over[code];
      if (o === null) return [];
      if (o !== undefined) return Array.isArray(o) ? o : [o];
      return [[label, ...seven(six)].join('\t')];
    }),
  ];
}
