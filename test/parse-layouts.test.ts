// Table layouts, section headings and rows: one test per layout quirk the parser handles, each on a
// small made-up snippet (test/helpers/parse-snippets.ts). Every test asserts the exact values read
// and, where the parser should say something, the finding's rule.

import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/lib/parse/cells.ts';
import { parse, read, values, appValues, reviewValues, findingsOf, T2019, T2020, T2021, SEC2, SEC3, SEC4, ART1, FIGS, appTable } from './helpers/parse-snippets.ts';

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
