// One test per layout quirk the parser handles, each on a small made-up
// snippet built here. Every test asserts the exact values read and, where the
// parser should say something, the finding's rule.

import { describe, expect, it } from 'vitest';
import type { Finding, RuleCode } from '../src/lib/findings.ts';
import { tokenize } from '../src/lib/parse/cells.ts';
import { parseReport, type Figure, type MoneyFigure, type ReportRecord } from '../src/lib/validate/index.ts';
import { APPLICANT_CODES, OUTCOME_CODES } from '../src/lib/template/model.ts';

const TODAY = new Date('2026-11-21');

function parse(...lines: string[]) {
  return parseReport(lines.join('\n'), 'snippet.txt', { today: TODAY });
}
const read = (...lines: string[]): ReportRecord => parse(...lines).record;

/** A row's values by column code. */
function values(cells: Record<string, Figure> | undefined): Record<string, number | null> {
  return Object.fromEntries(Object.entries(cells ?? {}).map(([k, f]) => [k, f.value]));
}
/** An application row's seven values in template order. */
const appValues = (r: ReportRecord, row: string) => APPLICANT_CODES.map((c) => r.applications[row]?.[c]?.value ?? null);
const reviewValues = (r: ReportRecord, p: string) => OUTCOME_CODES.map((o) => r.reviews[p][o].value);
const findingsOf = (r: ReportRecord, rule: RuleCode): Finding[] => r.findings.filter((f) => f.rule === rule);
const money = (r: ReportRecord, item: string, m: string) => r.disclosure[item][m] as MoneyFigure;

const T2019 = '洛碛镇2019年政府信息公开工作年度报告';
const T2020 = '洛碛镇2020年政府信息公开工作年度报告';
const T2021 = '洛碛镇2021年政府信息公开工作年度报告';
const SEC2 = '二、主动公开政府信息情况';
const SEC3 = '三、收到和处理政府信息公开申请情况';
const SEC4 = '四、政府信息公开行政复议、行政诉讼情况';
const ART1 = ['第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量'];
const ART5 = ['第二十条第（五）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量'];
const ART9 = (header = '采购总金额') => ['第二十条第（九）项', `信息内容\t采购项目数量\t${header}`];
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
const FIGS = Object.fromEntries(APP_ROWS.map(([code, , six]) => [code, seven(six)]));

/** The table's lines; `over` replaces a row's line(s) by code, or drops it (null). */
function appTable(over: Record<string, string | string[] | null> = {}): string[] {
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

// ---------------------------------------------------------------------------

describe('table layouts', () => {
  it('reads tab rows', () => {
    const r = read(T2019, SEC2, ...ART1, '规章\t1\t2\t3', '规范性文件\t0\t0\t4');
    expect(values(r.disclosure.regulations)).toEqual({ new_made: 1, new_published: 2, total_published: 3 });
    expect(values(r.disclosure.normative_docs)).toEqual({ new_made: 0, new_published: 0, total_published: 4 });
    expect(r.disclosure.regulations.total_published).toEqual({ value: 3, raw: '3', line: 5 });
    expect(r.template).toBe('2019');
    expect(r.template_basis).toBe('headers');
  });

  it('reads one cell per line, with blank lines between rows and header cells wrapped', () => {
    const r = read(T2019, SEC2, '\t第二十条第（一）项', '', '\t信息内容', '\t本年新', '制作数量', '\t本年新', '公开数量', '\t对外公开总数量', '', '\t规章', '\t1', '\t2', '\t3', '', '\t规范性文件', '\t 0', '\t0 ', '\t4', '');
    expect(values(r.disclosure.regulations)).toEqual({ new_made: 1, new_published: 2, total_published: 3 });
    expect(values(r.disclosure.normative_docs)).toEqual({ new_made: 0, new_published: 0, total_published: 4 });
    expect(r.disclosure.regulations.new_published.line).toBe(14);
  });

  it('reads markdown and pipe rows: leading and trailing pipes, a rule line, || empties', () => {
    const r = read(
      T2019,
      SEC2,
      '| 第二十条第(一)项 | | | |',
      '|---|---|---|---|',
      '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |',
      '| 规章 | 1 || 3 |',
      '|规范性文件|4|5|6||',
      SEC3,
      '一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
      '二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||',
    );
    // A blank cell keeps its column: the figures on either side stay where they are.
    expect(values(r.disclosure.regulations)).toEqual({ new_made: 1, new_published: null, total_published: 3 });
    expect(values(r.disclosure.normative_docs)).toEqual({ new_made: 4, new_published: 5, total_published: 6 });
    expect(findingsOf(r, 'cell_unreadable')).toEqual([]);
    expect(appValues(r, 'new_received')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(appValues(r, 'carried_over_in')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads space-aligned PDF columns with a page footer between rows', () => {
    const r = read(
      T2021,
      '     二、主动公开政府信息情况',
      '第二十条 第（一）项',
      '信息内容          本年制发件数     本年废止件数   现行有效件数',
      '规章            1          0        11',
      '',
      '                                           -3-',
      '行政规范性文件       8          26       66',
      '      三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119',
      '',
      '-4-',
      '二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34',
    );
    expect(values(r.disclosure.regulations)).toEqual({ issued: 1, repealed: 0, in_force: 11 });
    expect(values(r.disclosure.normative_docs)).toEqual({ issued: 8, repealed: 26, in_force: 66 });
    expect(appValues(r, 'new_received')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(appValues(r, 'carried_over_in')).toEqual([34, 0, 0, 0, 0, 0, 34]);
    expect(r.template).toBe('2021');
  });

  it('reads a section 三 header split across a page break', () => {
    const r = read(
      T2021,
      SEC3,
      '（本列数据的勾稽关系为：第一项加第二项之和，\t申请人情况\t\t',
      '\t自然\t法人或其他组织\t总',
      '',
      '-5-',
      '等于第三项加第四项之和)\t\t人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t计\t',
      '一、本年新收政府信息公开申请数量\t\t1\t2\t3\t4\t5\t6\t21\t',
      '二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t',
    );
    expect(appValues(r, 'new_received')).toEqual([1, 2, 3, 4, 5, 6, 21]);
    expect(appValues(r, 'carried_over_in')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads a row that lost its leading tabs', () => {
    const r = read(
      T2020,
      SEC3,
      '\t(三) 不予公开\t1. 属于国家秘密\t1\t0\t0\t0\t0\t0\t1',
      '\t\t6. 属于四类过程性信息\t2\t0\t0\t0\t0\t0\t2',
      '7. 属于行政执法案卷\t\t3\t0\t0\t0\t0\t0\t3\t',
      '\t\t8. 属于行政查询事项\t4\t0\t0\t0\t0\t0\t4',
    );
    expect(appValues(r, 'denied_process_info')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(appValues(r, 'denied_enforcement_file')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(appValues(r, 'denied_admin_query')).toEqual([4, 0, 0, 0, 0, 0, 4]);
  });

  it('reads a section 二 table placed after section 六', () => {
    const r = read(T2021, SEC2, '见文末附表。', ...appTable(), '五、存在的主要问题及改进情况', '无。', '六、其他需要报告的事项', '无。', '第二十条第（一）项\t\t\t', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '规章\t0\t0\t0', '规范性文件\t1\t2\t3');
    expect(values(r.disclosure.normative_docs)).toEqual({ issued: 1, repealed: 2, in_force: 3 });
    expect(values(r.disclosure.regulations)).toEqual({ issued: 0, repealed: 0, in_force: 0 });
    // The section 三 table before it is read as usual.
    expect(appValues(r, 'carried_over_out')).toEqual(FIGS.carried_over_out);
    expect(r.tables_found.disclosure).toBe(true);
    expect(findingsOf(r, 'section_missing').map((f) => f.section)).toEqual(['reviews']);
  });
});

describe('section headings', () => {
  const headingOf = (line: string) => tokenize(line).cells.map((c) => (c.kind === 'heading' ? c.section : c.kind));

  it('knows a heading with its number, with another numbering style, and without a number', () => {
    expect(headingOf('五、存在的主要问题及改进情况')).toEqual([5]);
    expect(headingOf('5、存在的主要问题及改进措施')).toEqual([5]);
    expect(headingOf('存在的主要问题及改进情况')).toEqual([5]);
    expect(headingOf('#### 四、政府信息公开行政复议、行政诉讼情况')).toEqual([4]);
    // A sub-heading, or a heading with another section's number, is not this section's heading.
    expect(headingOf('（五）存在的主要问题及改进情况')).toEqual(['text']);
    expect(headingOf('六、存在的主要问题及改进情况')).toEqual(['text']);
  });

  it.each(['五、存在的主要问题及改进情况', '存在的主要问题及改进情况'])('ends section 四 at “%s”', (heading) => {
    const figures = Array.from({ length: 15 }, (_, k) => String(k % 5 === 4 ? 0 : k));
    const r = read(T2021, SEC4, '\t行政复议', ...figures.map((f) => `\t${f}`), '', heading, '', '\t1', '\t2', '');
    expect(findingsOf(r, 'row_overfull')).toEqual([]);
    expect(reviewValues(r, 'review')).toEqual([0, 1, 2, 3, 0]);
    expect(reviewValues(r, 'litigation_after_review')).toEqual([10, 11, 12, 13, 0]);
  });
});

describe('cells', () => {
  it('reads full-width digits and brackets', () => {
    const r = read(T2020, SEC2, '第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量', '规章\t１\t２\t１２', SEC3, '一、本年新收政府信息公开申请数量\t１２\t０\t0\t0\t0\t0\t１２', '三、本年度办理结果\t（一）予以公开\t１\t0\t0\t0\t0\t0\t１');
    expect(values(r.disclosure.regulations)).toEqual({ new_made: 1, new_published: 2, total_published: 12 });
    expect(r.disclosure.regulations.total_published.raw).toBe('１２');
    expect(appValues(r, 'new_received')).toEqual([12, 0, 0, 0, 0, 0, 12]);
    expect(appValues(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('reads labels with spaces inside them', () => {
    const f15 = Array.from({ length: 15 }, (_, k) => String(k)).join('\t');
    const r = read(
      T2019,
      SEC2,
      ...ART5,
      '行 政 许 可\t3\t0\t1',
      SEC3,
      '一、本年新收政府信息 公开申请数量\t1\t0\t0\t0\t0\t0\t1',
      SEC4,
      '行政复议\t\t\t\t\t行政诉讼',
      '结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总 计\t未经复议直接起诉\t\t\t\t\t复议后起诉',
      '\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总 计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总 计',
      f15,
    );
    expect(values(r.disclosure.licensing)).toEqual({ prev_year_count: 3, change: 0, decisions: 1 });
    expect(appValues(r, 'new_received')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(reviewValues(r, 'review')).toEqual([0, 1, 2, 3, 4]);
    expect(reviewValues(r, 'litigation_direct')).toEqual([5, 6, 7, 8, 9]);
    expect(reviewValues(r, 'litigation_after_review')).toEqual([10, 11, 12, 13, 14]);
  });

  it('reads thousands separators', () => {
    const r = read(T2021, SEC2, '第二十条第（五）项', '信息内容\t本年处理决定数量', '行政许可\t447,228', SEC3, '一、本年新收政府信息公开申请数量\t3,001\t53\t0\t0\t61\t4\t3,119');
    expect(r.disclosure.licensing.decisions).toEqual({ value: 447228, raw: '447,228', line: 5 });
    expect(appValues(r, 'new_received')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    const p = read(T2019, SEC2, ...ART9(), '政府集中采购\t3\t1,327,766元');
    expect(money(p, 'procurement', 'amount_yuan')).toMatchObject({ value: 1327766, raw: '1,327,766元', unit: '元', unit_inferred: false });
  });

  it('does not take a malformed thousands separator for a number', () => {
    const r = read(T2019, SEC2, ...ART1, '规章\t1234,567\t0\t2', '规范性文件\t12,34\t0\t2');
    expect(values(r.disclosure.regulations)).toEqual({ new_made: null, new_published: null, total_published: null });
    expect(values(r.disclosure.normative_docs)).toEqual({ new_made: null, new_published: null, total_published: null });
    expect(findingsOf(r, 'row_incomplete').map((f) => f.row)).toEqual(['regulations', 'normative_docs']);
  });

  it('refuses a count written with a money unit, with a finding', () => {
    const r = read(T2021, SEC3, '一、本年新收政府信息公开申请数量\t3元\t0\t0\t0\t0\t0\t3');
    expect(appValues(r, 'new_received')).toEqual([null, 0, 0, 0, 0, 0, 3]);
    expect(r.applications.new_received.natural_person).toEqual({ value: null, raw: '3元', line: 3 });
    expect(findingsOf(r, 'cell_unreadable')).toMatchObject([{ row: 'new_received', column: 'natural_person', line: 3, severity: 'warning' }]);
  });

  it('reads decimal amounts, and refuses a decimal count with a finding', () => {
    const r = read(T2019, SEC2, ...ART1, '规章\t1.5\t0\t2', ...ART9(), '政府集中采购\t3\t483.7 万元');
    expect(money(r, 'procurement', 'amount_yuan')).toEqual({ value: 4837000, raw: '483.7 万元', line: 8, unit: '万元', unit_inferred: false });
    expect(r.disclosure.regulations.new_made).toEqual({ value: null, raw: '1.5', line: 5 });
    expect(values(r.disclosure.regulations)).toEqual({ new_made: null, new_published: 0, total_published: 2 });
    expect(findingsOf(r, 'cell_unreadable')).toMatchObject([{ row: 'regulations', column: 'new_made', line: 5, severity: 'warning' }]);
    const fees = read(T2021, SEC2, '第二十条第（八）项', '信息内容\t本年收费金额（单位：万元）', '行政事业性收费\t96171.6');
    expect(money(fees, 'fees', 'fee_amount_yuan')).toMatchObject({ value: 961716000, unit: '万元', unit_inferred: false });
  });

  it('reads changes written -3, +19, 增15 and 减4; a sign in a count column is refused', () => {
    const r = read(T2019, SEC2, '第二十条第（五）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量', '行政许可\t10\t-3\t5', '其他对外管理服务事项\t10\t+19\t0', '第二十条第（六）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量', '行政处罚\t10\t增15\t0', '行政强制\t+2\t减4\t0');
    expect(values(r.disclosure.licensing)).toEqual({ prev_year_count: 10, change: -3, decisions: 5 });
    expect(values(r.disclosure.other_services)).toEqual({ prev_year_count: 10, change: 19, decisions: 0 });
    expect(values(r.disclosure.penalty)).toEqual({ prev_year_count: 10, change: 15, decisions: 0 });
    expect(values(r.disclosure.coercion)).toEqual({ prev_year_count: null, change: -4, decisions: 0 });
    expect(findingsOf(r, 'cell_unreadable')).toMatchObject([{ row: 'coercion', column: 'prev_year_count' }]);
  });

  it('reads —, / and 无 as explicit blanks: null, raw kept, with a finding', () => {
    const r = read(T2019, SEC2, ...ART1, '规章\t—\t/\t无', SEC3, '一、本年新收政府信息公开申请数量\t—\t0\t0\t0\t0\t0\t0');
    expect(values(r.disclosure.regulations)).toEqual({ new_made: null, new_published: null, total_published: null });
    expect(r.disclosure.regulations.new_made).toEqual({ value: null, raw: '—', line: 5 });
    expect(r.disclosure.regulations.total_published.raw).toBe('无');
    expect(appValues(r, 'new_received')).toEqual([null, 0, 0, 0, 0, 0, 0]);
    const unreadable = findingsOf(r, 'cell_unreadable');
    expect(unreadable.map((f) => `${f.row}.${f.column}`)).toEqual(['regulations.new_made', 'regulations.new_published', 'regulations.total_published', 'new_received.natural_person']);
    expect(unreadable.every((f) => f.severity === 'info')).toBe(true);
  });

  it('reads a money unit written in the cell: 元, 万元, 亿元', () => {
    const amount = (cell: string, header = '采购总金额') => money(read(T2019, SEC2, ...ART9(header), `政府集中采购\t3\t${cell}`), 'procurement', 'amount_yuan');
    expect(amount('152790元')).toMatchObject({ value: 152790, unit: '元', unit_inferred: false });
    expect(amount('24万元')).toMatchObject({ value: 240000, unit: '万元', unit_inferred: false });
    expect(amount('1.2亿元')).toMatchObject({ value: 120000000, unit: '亿元', unit_inferred: false });
    // The cell's own unit wins over the header's.
    expect(amount('5000元', '采购总金额（万元）')).toMatchObject({ value: 5000, unit: '元' });
  });

  it('reads a money unit written in the header: 采购总金额（万元）, （元）, （单位：亿元）', () => {
    const amount = (header: string, cell: string) => {
      const r = read(T2019, SEC2, ...ART9(header), `政府集中采购\t3\t${cell}`);
      expect(findingsOf(r, 'unit_inferred')).toEqual([]);
      return money(r, 'procurement', 'amount_yuan');
    };
    expect(amount('采购总金额（万元）', '483.7')).toEqual({ value: 4837000, raw: '483.7', line: 5, unit: '万元', unit_inferred: false });
    expect(amount('采购总金额（元）', '240000')).toMatchObject({ value: 240000, unit: '元', unit_inferred: false });
    expect(amount('采购总金额（单位：亿元）', '0.5')).toMatchObject({ value: 50000000, unit: '亿元', unit_inferred: false });
  });

  it('takes an amount without a unit as 元 only when that is plausible, and flags it as inferred', () => {
    const r = read(T2019, SEC2, ...ART9(), '政府集中采购\t3\t1327766');
    expect(money(r, 'procurement', 'amount_yuan')).toEqual({ value: 1327766, raw: '1327766', line: 5, unit: '元', unit_inferred: true });
    expect(findingsOf(r, 'unit_inferred')).toMatchObject([{ row: 'procurement', column: 'amount_yuan', line: 5, severity: 'warning' }]);
    // 35.5 元 for two projects is implausible; 35.5 万元 is not.
    const wan = read(T2019, SEC2, ...ART9(), '政府集中采购\t2\t35.5');
    expect(money(wan, 'procurement', 'amount_yuan')).toMatchObject({ value: 355000, unit: '万元', unit_inferred: true });
    expect(findingsOf(wan, 'unit_inferred')).toHaveLength(1);
  });

  it('leaves an amount without a unit null, with a finding, when neither 元 nor 万元 is plausible', () => {
    const r = read(T2019, SEC2, ...ART9(), '政府集中采购\t1000\t5');
    expect(money(r, 'procurement', 'amount_yuan')).toEqual({ value: null, raw: '5', line: 5, unit: null, unit_inferred: false });
    expect(r.disclosure.procurement.projects.value).toBe(1000);
    expect(findingsOf(r, 'unit_unknown')).toMatchObject([{ row: 'procurement', column: 'amount_yuan', line: 5 }]);
    expect(findingsOf(r, 'unit_inferred')).toEqual([]);
  });
});

describe('rows', () => {
  it('leaves a row with fewer figures than columns all null, with a finding naming the row', () => {
    const r = read(T2021, ...appTable({ new_received: '一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t6' }));
    expect(appValues(r, 'new_received')).toEqual([null, null, null, null, null, null, null]);
    const [f] = findingsOf(r, 'row_incomplete');
    expect(f).toMatchObject({ row: 'new_received', line: 6, section: 'applications' });
    expect(f.message).toContain('本年新收政府信息公开申请数量');
    expect(f.message).toContain('6 个数字');
    // The rows around it are read as usual.
    expect(appValues(r, 'carried_over_in')).toEqual(FIGS.carried_over_in);
  });

  it('leaves a row with more figures than columns all null, with a finding naming the row', () => {
    const r = read(T2019, SEC2, ...ART1, '规章\t1\t2\t3\t4', '规范性文件\t0\t0\t0');
    expect(values(r.disclosure.regulations)).toEqual({ new_made: null, new_published: null, total_published: null });
    const [f] = findingsOf(r, 'row_overfull');
    expect(f).toMatchObject({ row: 'regulations', line: 5, section: 'disclosure' });
    expect(f.message).toContain('规章');
    expect(values(r.disclosure.normative_docs)).toEqual({ new_made: 0, new_published: 0, total_published: 0 });
  });

  it('reads a wrapped row label whose figures stand on the next line', () => {
    const r = read(T2021, ...appTable({ partly_granted: ['（二）部分公开（区分处理的，只计这一情', '形，不计其他情形）', '1\t0\t0\t0\t0\t0\t1'] }));
    expect(appValues(r, 'partly_granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // PDF text: the figures stand between the two halves of the label.
    const pdf = read(
      T2021,
      SEC3,
      '      （一）予以公开                   1288        21       0        0    50       3   1362',
      '      （二）部分公开（区分处理的，只计这一情',
      '                                447         7        0        0        0    0   454',
      '      形，不计其他情形）',
      '             1.属于国家秘密            2          0        0        0        0    0    2',
    );
    expect(appValues(pdf, 'partly_granted')).toEqual([447, 7, 0, 0, 0, 0, 454]);
    expect(appValues(pdf, 'denied_state_secret')).toEqual([2, 0, 0, 0, 0, 0, 2]);
  });

  it('matches a misspelt label fuzzily, with an info finding', () => {
    const r = read(T2021, ...appTable({ denied_law_prohibited: '\t\t2.其他法律行政止公开\t1\t0\t0\t0\t0\t0\t1' }));
    expect(appValues(r, 'denied_law_prohibited')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(findingsOf(r, 'label_fuzzy')).toMatchObject([{ row: 'denied_law_prohibited', severity: 'info', line: 11 }]);
  });

  it('reads the 2021 template’s （六） printed as its three sub-rows only', () => {
    const { record: r, checks } = parse(T2021, ...appTable());
    expect(appValues(r, 'other_handling')).toEqual([null, null, null, null, null, null, null]);
    expect(appValues(r, 'other_handling_no_correction')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(appValues(r, 'other_handling_no_fee')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(appValues(r, 'other_handling_other')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(findingsOf(r, 'row_missing')).toEqual([]);
    expect(checks.filter((c) => c.check === 'outcome_total').map((c) => c.status)).toEqual(Array(7).fill('pass'));
    expect(checks.filter((c) => c.status !== 'pass' && c.check !== 'review_total')).toEqual([]);
  });

  it('reads the 2021 template’s （六） printed as the parent row only', () => {
    const { record: r, checks } = parse(T2021, ...appTable({ other_handling_no_correction: '\t（六）其他处理\t1\t0\t0\t0\t0\t0\t1', other_handling_no_fee: null, other_handling_other: null }));
    expect(r.template).toBe('2021');
    expect(appValues(r, 'other_handling')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    for (const sub of ['other_handling_no_correction', 'other_handling_no_fee', 'other_handling_other']) expect(appValues(r, sub)).toEqual(Array(7).fill(null));
    expect(findingsOf(r, 'row_missing')).toEqual([]);
    expect(checks.filter((c) => c.check === 'outcome_total').map((c) => c.status)).toEqual(Array(7).fill('pass'));
    expect(checks.filter((c) => c.status !== 'pass' && c.check !== 'review_total')).toEqual([]);
  });

  it('reads （七）总计 and 3.其他 that lost their numbering, by the rows they follow', () => {
    const r = read(T2021, ...appTable({ other_handling_other: '其他\t0\t0\t0\t0\t0\t0\t0', total_handled: '总计\t5\t1\t0\t0\t0\t0\t6' }));
    expect(appValues(r, 'other_handling_other')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(appValues(r, 'total_handled')).toEqual([5, 1, 0, 0, 0, 0, 6]);
    // After a parent-only （六） as well.
    const parent = read(T2021, ...appTable({ other_handling_no_correction: '\t（六）其他处理\t1\t0\t0\t0\t0\t0\t1', other_handling_no_fee: null, other_handling_other: null, total_handled: '总计\t5\t1\t0\t0\t0\t0\t6' }));
    expect(appValues(parent, 'total_handled')).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(findingsOf(parent, 'row_missing')).toEqual([]);
    // The header's 总计 and 其他 are column names, not rows.
    expect(appValues(r, 'new_received')).toEqual(FIGS.new_received);
  });
});

describe('figures in the prose', () => {
  const proactive = (...sentences: string[]) => {
    const r = read(T2020, '一、总体情况', ...sentences, SEC2);
    return { items: r.proactive_items, approx: r.proactive_items_approx, line: r.proactive_items_line };
  };

  it('reads an approximate count: 200余条', () => {
    expect(proactive('2020年，我镇通过政府网站等渠道共公开信息200余条。')).toEqual({ items: 200, approx: true, line: 3 });
  });

  it('takes the all-channel total among several counts', () => {
    expect(proactive('通过政府网站公开信息120条，通过微信公众号发布信息88条，', '全年共计主动公开政府信息230条。')).toEqual({ items: 230, approx: false, line: 4 });
  });

  it('leaves a running total (累计) out', () => {
    expect(proactive('本年度主动公开信息300条，历年累计公开信息1,500条。')).toEqual({ items: 300, approx: false, line: 3 });
    expect(proactive('截至目前累计公开信息1500条。')).toEqual({ items: null, approx: null, line: null });
  });

  it('reads the count in sections 一 and 二 only, wherever the headings stand', () => {
    const r = read(T2020, '一、总体情况', '全年主动公开信息120条。', SEC2, '五、存在的主要问题及改进情况', '下一步计划公开信息300条。', '二、主动公开政府信息情况', '另通过公众号发布信息150条。');
    expect(r.proactive_items).toBe(150);
    expect(r.proactive_items_line).toBe(8);
    const later = read(T2020, '一、总体情况', '全年主动公开信息120条。', SEC2, '五、存在的主要问题及改进情况', '下一步计划公开信息300条。');
    expect(later.proactive_items).toBe(120);
  });
});

describe('metadata', () => {
  it.each([
    ['2021. 1. 15', '2021-01-15'],
    ['2021年1月25日', '2021-01-25'],
    ['二〇二二年一月二十日', '2022-01-20'],
    ['２０２１年１２月３１日', '2021-12-31'],
  ])('reads the publication date %s', (date, iso) => {
    const r = read(T2020, '一、总体情况', '无。', '洛碛镇人民政府', date);
    expect(r.published_on).toBe(iso);
    expect(findingsOf(r, 'meta_published_before_year_end')).toEqual([]);
  });

  it('takes the year from the title, not from the publication date or the prose', () => {
    const r = read('洛碛镇2019年政府信息公开工作年度报告', '2020年1月，根据上级要求编制本报告。', '一、总体情况', '无。', '洛碛镇人民政府', '2020年1月20日');
    expect(r.year).toBe(2019);
    expect(r.published_on).toBe('2020-01-20');
    expect(r.template).toBe('2019');
    expect(r.template_basis).toBe('year');
  });

  it.each([
    ['洪官屯镇人民政府', { level: 'town', town: '洪官屯镇', town_code: '371503110', county: '茌平区', city: '聊城市', province: '山东省' }],
    ['上湾乡人民政府', { level: 'town', town: '上湾乡', town_code: '622922208', county: '康乐县', city: '临夏回族自治州', province: '甘肃省' }],
    ['官洲街道办事处', { level: 'town', town: '官洲街道', town_code: '440105018', county: '海珠区', city: '广州市', province: '广东省' }],
    ['洪泽区人民政府', { level: 'county', town: null, county: '洪泽区', county_code: '320813', city: '淮安市', province: '江苏省' }],
    ['微山县人民政府', { level: 'county', town: null, county: '微山县', county_code: '370826', city: '济宁市', province: '山东省' }],
    ['淮安市人民政府', { level: 'city', town: null, county: null, city: '淮安市', city_code: '3208', province: '江苏省' }],
    ['淮安市财政局', { level: 'department', town: null, county: null, city: '淮安市', province: '江苏省' }],
    ['淮安市洪泽区交通运输局', { level: 'department', town: null, county: '洪泽区', county_code: '320813', city: '淮安市' }],
  ])('tells the level and place of %s', (agency, want) => {
    const r = read(`${agency}2023年政府信息公开工作年度报告`, '一、总体情况');
    expect(r.agency).toBe(agency);
    expect(r).toMatchObject(want);
    expect(r.findings.filter((f) => f.rule.startsWith('meta_place'))).toEqual([]);
  });

  it('tells same-named towns apart by the county the text names, and says so when it names none', () => {
    const named = read('潘庄镇2021年政府信息公开工作年度报告', '一、总体情况', '2021年，潘庄镇在临清市委、市政府正确领导下开展工作。');
    expect(named).toMatchObject({ level: 'town', town: '潘庄镇', town_code: '371581108', county: '临清市', city: '聊城市', province: '山东省' });
    expect(findingsOf(named, 'meta_place_ambiguous')).toEqual([]);
    const unnamed = read('潘庄镇2021年政府信息公开工作年度报告', '一、总体情况', '2021年，潘庄镇在上级正确领导下开展工作。');
    expect(unnamed).toMatchObject({ level: 'town', town: '潘庄镇', town_code: null, county: null, city: null, province: null });
    const [f] = findingsOf(unnamed, 'meta_place_ambiguous');
    expect(f.message).toContain('全国有3个“潘庄镇”');
    expect(f.message).toContain('山东省聊城市临清市');
  });
});
