// Cells: one test per way of writing a figure the parser reads (digits, separators, blanks, units),
// each on a small made-up snippet (test/helpers/parse-snippets.ts). Every test asserts the exact
// values read and, where the parser should say something, the finding's rule.

import { describe, expect, it } from 'vitest';
import { read, values, appValues, reviewValues, findingsOf, money, T2019, T2020, T2021, SEC2, SEC3, SEC4, ART1, ART5, ART9 } from './helpers/parse-snippets.ts';

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
