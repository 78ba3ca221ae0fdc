// Each validation rule on made-up records (and one snippet): it passes when
// the figures agree, fails with the right finding when they do not, and is
// not checkable, never passed, when a figure it needs is missing.

import { describe, expect, it } from 'vitest';
import type { Finding, RuleCode } from '../src/lib/findings.ts';
import { parseReport, type Figure, type MoneyFigure, type ReportRecord } from '../src/lib/validate/index.ts';
import { validateRecord, type CheckCode, type CheckResult } from '../src/lib/validate/index.ts';
import { APPLICANT_CODES, DISCLOSURE_ITEMS, OUTCOME_CODES, PROCEEDING_CODES, applicationRows, measure, measuresOf, type TemplateId } from '../src/lib/template/model.ts';

const TODAY = new Date('2026-11-21');

const fig = (value: number | null, line: number | null = 10): Figure => ({ value, raw: value === null ? null : String(value), line: value === null ? null : line });
const moneyFig = (value: number | null): MoneyFigure => ({ ...fig(value), unit: value === null ? null : '元', unit_inferred: false });

/** A record whose every figure is 0 and whose checks all pass. */
function zeroRecord(template: TemplateId): ReportRecord {
  const applications: ReportRecord['applications'] = {};
  applicationRows(template).forEach((row, k) => {
    applications[row.code] = Object.fromEntries(APPLICANT_CODES.map((c) => [c, fig(0, 100 + k)]));
  });
  const reviews: ReportRecord['reviews'] = Object.fromEntries(PROCEEDING_CODES.map((p) => [p, Object.fromEntries(OUTCOME_CODES.map((o) => [o, fig(0, 200)]))]));
  const disclosure: ReportRecord['disclosure'] = {};
  for (const item of DISCLOSURE_ITEMS) {
    const codes = measuresOf(item, template);
    if (codes.length > 0) disclosure[item.code] = Object.fromEntries(codes.map((m) => [m, measure(m).kind === 'money' ? moneyFig(0) : fig(0)]));
  }
  return {
    source_file: 'made-up.txt',
    agency: '洛碛镇人民政府',
    level: 'town',
    town: '洛碛镇',
    town_code: '500112144',
    county: '渝北区',
    county_code: '500112',
    city: '重庆市',
    city_code: '50',
    province: '重庆市',
    province_code: '50',
    place_basis: null,
    year: template === '2019' ? 2020 : 2021,
    template,
    template_basis: 'headers',
    published_on: template === '2019' ? '2021-01-15' : '2022-01-20',
    contact_phone: null,
    contact_email: null,
    proactive_items: null,
    proactive_items_approx: null,
    proactive_items_line: null,
    npc_suggestions: null,
    cppcc_proposals: null,
    info_fees_yuan: null,
    disclosure,
    applications,
    reviews,
    tables_found: { disclosure: true, applications: true, reviews: true },
    findings: [],
  };
}

/** Sets a row of section 三 from the six applicant figures; the total is their sum unless given. */
function setRow(r: ReportRecord, row: string, six: (number | null)[], total?: number | null): void {
  const sum = six.some((x) => x === null) ? null : (six as number[]).reduce((a, b) => a + b, 0);
  const values = [...six, total === undefined ? sum : total];
  APPLICANT_CODES.forEach((c, k) => (r.applications[row][c] = fig(values[k], r.applications[row][c].line)));
}

const validate = (r: ReportRecord) => validateRecord(r, TODAY);
const checksOf = (checks: CheckResult[], check: CheckCode) => checks.filter((c) => c.check === check);
const statuses = (checks: CheckResult[], check: CheckCode) => checksOf(checks, check).map((c) => c.status);
const findingsOf = (findings: Finding[], rule: RuleCode) => findings.filter((f) => f.rule === rule);
const status = (checks: CheckResult[], check: CheckCode, scope: string) => checks.find((c) => c.check === check && c.scope === scope)?.status;

describe('a consistent record', () => {
  it.each(['2019', '2021'] as const)('passes every check under the %s template, with no findings', (template) => {
    const { checks, findings } = validate(zeroRecord(template));
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(findings).toEqual([]);
  });
});

describe('balance: 一 + 二 = （七） + 四 in every column', () => {
  const record = () => {
    const r = zeroRecord('2021');
    setRow(r, 'new_received', [5, 1, 0, 0, 0, 0]);
    setRow(r, 'carried_over_in', [1, 0, 0, 0, 0, 0]);
    setRow(r, 'granted', [4, 1, 0, 0, 0, 0]);
    setRow(r, 'total_handled', [4, 1, 0, 0, 0, 0]);
    setRow(r, 'carried_over_out', [2, 0, 0, 0, 0, 0]);
    return r;
  };

  it('passes when it holds', () => {
    const { checks, findings } = validate(record());
    expect(statuses(checks, 'balance')).toEqual(Array(7).fill('pass'));
    expect(checksOf(checks, 'balance')[0]).toMatchObject({ scope: 'natural_person', left: 6, right: 6 });
    expect(findings).toEqual([]);
  });

  it('fails with a finding on the column when it does not', () => {
    const r = record();
    setRow(r, 'carried_over_out', [3, 0, 0, 0, 0, 0]);
    const { checks, findings } = validate(r);
    expect(checksOf(checks, 'balance').find((c) => c.scope === 'natural_person')).toMatchObject({ status: 'fail', left: 6, right: 7 });
    expect(status(checks, 'balance', 'total')).toBe('fail');
    expect(status(checks, 'balance', 'commercial')).toBe('pass');
    const balance = findingsOf(findings, 'balance');
    expect(balance.map((f) => f.column)).toEqual(['natural_person', 'total']);
    expect(balance[0]).toMatchObject({ severity: 'error', section: 'applications', row: null, line: r.applications.total_handled.natural_person.line });
    expect(balance[0].message).toContain('本年新收 5 + 上年结转 1 = 6');
  });

  it('is not checkable, never passed, when a figure is missing', () => {
    const r = record();
    r.applications.new_received.natural_person = fig(null);
    const { checks, findings } = validate(r);
    expect(checksOf(checks, 'balance').find((c) => c.scope === 'natural_person')).toMatchObject({ status: 'not_checkable', left: null, right: 6 });
    expect(findingsOf(findings, 'balance')).toEqual([]);
    const [nc] = findingsOf(findings, 'check_not_possible');
    expect(nc).toMatchObject({ severity: 'info', section: 'applications' });
    expect(nc.message).toContain('勾稽关系');
  });
});

describe('applicant_total: 总计 = the six applicant columns, in every row', () => {
  it('passes when it holds', () => {
    const r = zeroRecord('2019');
    setRow(r, 'new_received', [5, 1, 0, 2, 0, 1]);
    expect(status(validate(r).checks, 'applicant_total', 'new_received')).toBe('pass');
  });

  it('fails with a finding on the row when it does not', () => {
    const r = zeroRecord('2019');
    setRow(r, 'granted', [5, 1, 0, 0, 0, 0], 7);
    const { checks, findings } = validate(r);
    expect(checksOf(checks, 'applicant_total').find((c) => c.scope === 'granted')).toMatchObject({ status: 'fail', left: 6, right: 7 });
    expect(findingsOf(findings, 'applicant_total')).toMatchObject([{ row: 'granted', column: null, severity: 'error', section: 'applications' }]);
  });

  it('is not checkable, never passed, when a figure is missing', () => {
    const r = zeroRecord('2019');
    setRow(r, 'granted', [0, null, 0, 0, 0, 0], 0);
    const { checks, findings } = validate(r);
    expect(status(checks, 'applicant_total', 'granted')).toBe('not_checkable');
    expect(findingsOf(findings, 'applicant_total')).toEqual([]);
    expect(findingsOf(findings, 'check_not_possible').some((f) => f.message.includes('申请人总计'))).toBe(true);
  });

  it('does not check the （六） form a 2021 report did not print', () => {
    const subRows = ['other_handling_no_correction', 'other_handling_no_fee', 'other_handling_other'];
    const parentOnly = zeroRecord('2021');
    for (const s of subRows) setRow(parentOnly, s, [null, null, null, null, null, null], null);
    const a = validate(parentOnly);
    expect(checksOf(a.checks, 'applicant_total').map((c) => c.scope)).not.toContain('other_handling_no_fee');
    expect(a.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    const subRowsOnly = zeroRecord('2021');
    setRow(subRowsOnly, 'other_handling', [null, null, null, null, null, null], null);
    const b = validate(subRowsOnly);
    expect(checksOf(b.checks, 'applicant_total').map((c) => c.scope)).not.toContain('other_handling');
    expect(b.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });
});

describe('outcome_total: （一） to （六） add up to （七）总计, in every column', () => {
  it('passes when it holds, （六） counted through its 2021 sub-rows when printed so', () => {
    const r = zeroRecord('2021');
    setRow(r, 'granted', [2, 0, 0, 0, 0, 0]);
    setRow(r, 'denied_third_party', [1, 0, 0, 0, 0, 0]);
    setRow(r, 'other_handling', [null, null, null, null, null, null], null);
    setRow(r, 'other_handling_no_fee', [1, 0, 0, 0, 0, 0]);
    setRow(r, 'total_handled', [4, 0, 0, 0, 0, 0]);
    setRow(r, 'new_received', [4, 0, 0, 0, 0, 0]);
    const { checks, findings } = validate(r);
    expect(statuses(checks, 'outcome_total')).toEqual(Array(7).fill('pass'));
    expect(checksOf(checks, 'outcome_total')[0]).toMatchObject({ scope: 'natural_person', left: 4, right: 4 });
    expect(findings).toEqual([]);
  });

  it('fails with a finding on the column when it does not', () => {
    const r = zeroRecord('2019');
    setRow(r, 'granted', [2, 0, 0, 0, 0, 0]);
    setRow(r, 'total_handled', [3, 0, 0, 0, 0, 0]);
    setRow(r, 'new_received', [3, 0, 0, 0, 0, 0]);
    const { checks, findings } = validate(r);
    expect(checksOf(checks, 'outcome_total').find((c) => c.scope === 'natural_person')).toMatchObject({ status: 'fail', left: 2, right: 3 });
    expect(findingsOf(findings, 'outcome_total').map((f) => f.column)).toEqual(['natural_person', 'total']);
    expect(findingsOf(findings, 'outcome_total')[0]).toMatchObject({ severity: 'error', row: null, line: r.applications.total_handled.natural_person.line });
  });

  it('is not checkable, never passed, when an outcome is missing', () => {
    const r = zeroRecord('2019');
    setRow(r, 'denied_admin_query', [null, 0, 0, 0, 0, 0], null);
    const { checks, findings } = validate(r);
    expect(status(checks, 'outcome_total', 'natural_person')).toBe('not_checkable');
    expect(status(checks, 'outcome_total', 'total')).toBe('not_checkable');
    expect(status(checks, 'outcome_total', 'commercial')).toBe('pass');
    expect(findingsOf(findings, 'outcome_total')).toEqual([]);
  });
});

describe('review_total: 总计 = 维持 + 纠正 + 其他 + 尚未审结, for each proceeding', () => {
  const setReview = (r: ReportRecord, p: string, values: (number | null)[]) => OUTCOME_CODES.forEach((o, k) => (r.reviews[p][o] = fig(values[k], 200)));

  it('passes when it holds', () => {
    const r = zeroRecord('2021');
    setReview(r, 'review', [72, 64, 178, 37, 351]);
    const { checks } = validate(r);
    expect(statuses(checks, 'review_total')).toEqual(['pass', 'pass', 'pass']);
  });

  it('fails with a finding on the proceeding when it does not', () => {
    const r = zeroRecord('2021');
    setReview(r, 'review', [10, 1, 0, 0, 0]);
    setReview(r, 'litigation_after_review', [5, 0, 0, 0, 0]);
    const { checks, findings } = validate(r);
    expect(statuses(checks, 'review_total')).toEqual(['fail', 'pass', 'fail']);
    expect(checksOf(checks, 'review_total')[0]).toMatchObject({ left: 11, right: 0 });
    expect(findingsOf(findings, 'review_total')).toMatchObject([
      { row: 'review', severity: 'error', section: 'reviews', line: 200 },
      { row: 'litigation_after_review', severity: 'error', section: 'reviews', line: 200 },
    ]);
  });

  it('is not checkable, never passed, when a figure is missing', () => {
    const r = zeroRecord('2021');
    r.reviews.litigation_direct.pending = fig(null);
    const { checks, findings } = validate(r);
    expect(statuses(checks, 'review_total')).toEqual(['pass', 'not_checkable', 'pass']);
    expect(findingsOf(findings, 'check_not_possible')).toMatchObject([{ section: 'reviews' }]);
  });

  it('says nothing about the missing figures of a table the report does not show', () => {
    const r = zeroRecord('2021');
    for (const p of PROCEEDING_CODES) for (const o of OUTCOME_CODES) r.reviews[p][o] = fig(null);
    r.tables_found.reviews = false;
    const { checks, findings } = validate(r);
    expect(statuses(checks, 'review_total')).toEqual(['not_checkable', 'not_checkable', 'not_checkable']);
    expect(findingsOf(findings, 'check_not_possible')).toEqual([]);
  });
});

describe('published_exceeds_total: 对外公开总数量 is not less than 本年新公开数量 (2019 template)', () => {
  const record = (published: number | null, total: number | null) => {
    const r = zeroRecord('2019');
    r.disclosure.regulations.new_published = fig(published, 20);
    r.disclosure.regulations.total_published = fig(total, 20);
    return r;
  };

  it('passes when it holds', () => {
    expect(status(validate(record(3, 5)).checks, 'published_exceeds_total', 'regulations')).toBe('pass');
    expect(status(validate(record(3, 3)).checks, 'published_exceeds_total', 'regulations')).toBe('pass');
  });

  it('fails with a finding on the item when it does not', () => {
    const { checks, findings } = validate(record(3, 2));
    expect(checksOf(checks, 'published_exceeds_total').find((c) => c.scope === 'regulations')).toMatchObject({ status: 'fail', left: 3, right: 2 });
    expect(findingsOf(findings, 'published_exceeds_total')).toMatchObject([{ row: 'regulations', severity: 'warning', section: 'disclosure', line: 20 }]);
  });

  it('is not checkable, never passed, when a figure is missing', () => {
    const { checks, findings } = validate(record(3, null));
    expect(status(checks, 'published_exceeds_total', 'regulations')).toBe('not_checkable');
    expect(findingsOf(findings, 'published_exceeds_total')).toEqual([]);
    expect(findingsOf(findings, 'check_not_possible')).toMatchObject([{ section: 'disclosure' }]);
  });

  it('does not apply to the 2021 template', () => {
    expect(checksOf(validate(zeroRecord('2021')).checks, 'published_exceeds_total')).toEqual([]);
  });
});

describe('amount_per_project: the procurement amount per project is plausible (2019 template)', () => {
  const record = (projects: number | null, amount: number | null) => {
    const r = zeroRecord('2019');
    r.disclosure.procurement.projects = fig(projects, 30);
    r.disclosure.procurement.amount_yuan = { ...moneyFig(amount), line: amount === null ? null : 30 };
    return r;
  };

  it('passes when it holds', () => {
    expect(status(validate(record(3, 4837000)).checks, 'amount_per_project', 'procurement')).toBe('pass');
    expect(status(validate(record(0, 0)).checks, 'amount_per_project', 'procurement')).toBe('pass');
  });

  it('fails with a finding when the amount per project is too small, too large, or has no projects', () => {
    for (const [projects, amount] of [[3, 483.7], [1, 1e9], [0, 5000], [2, 0]] as const) {
      const { checks, findings } = validate(record(projects, amount));
      expect(status(checks, 'amount_per_project', 'procurement'), `${projects} projects, ${amount} yuan`).toBe('fail');
      expect(findingsOf(findings, 'amount_per_project')).toMatchObject([{ row: 'procurement', severity: 'warning', section: 'disclosure', line: 30 }]);
    }
  });

  it('is not checkable, never passed, when a figure is missing', () => {
    for (const [projects, amount] of [[3, null], [null, 5000]] as const) {
      const { checks, findings } = validate(record(projects, amount));
      expect(status(checks, 'amount_per_project', 'procurement')).toBe('not_checkable');
      expect(findingsOf(findings, 'amount_per_project')).toEqual([]);
    }
  });
});

describe('the report year lies between 2008 and this year', () => {
  const yearFindings = (year: number | null) => {
    const r = zeroRecord('2021');
    r.year = year;
    r.published_on = null;
    return findingsOf(validate(r).findings, 'meta_year_implausible');
  };

  it('passes at both ends of the range', () => {
    expect(yearFindings(2008)).toEqual([]);
    expect(yearFindings(2026)).toEqual([]);
  });

  it('fails with a finding before 2008 and after this year', () => {
    expect(yearFindings(2007)).toMatchObject([{ severity: 'warning', section: 'meta' }]);
    expect(yearFindings(2027)[0].message).toContain('2027');
  });

  it('says nothing when the year is unknown (that is meta_year_missing’s business)', () => {
    expect(yearFindings(null)).toEqual([]);
  });
});

describe('the report is published after its year ends', () => {
  const published = (on: string | null, year: number | null = 2021) => {
    const r = zeroRecord('2021');
    r.year = year;
    r.published_on = on;
    return findingsOf(validate(r).findings, 'meta_published_before_year_end');
  };

  it('passes when published after the year', () => {
    expect(published('2022-01-01')).toEqual([]);
    expect(published('2022-01-20')).toEqual([]);
  });

  it('fails with a finding when published within the year', () => {
    expect(published('2021-12-31')).toMatchObject([{ severity: 'warning', section: 'meta' }]);
    expect(published('2021-06-30')[0].message).toContain('2021-06-30');
  });

  it('says nothing when the date or the year is unknown', () => {
    expect(published(null)).toEqual([]);
    expect(published('2021-06-30', null)).toEqual([]);
  });
});

describe('on parsed text', () => {
  it('finds a broken balance and a broken review total in a snippet, on the right lines', () => {
    const zeros = (label: string) => `${label}\t0\t0\t0\t0\t0\t0\t0`;
    const { record, checks } = parseReport(
      [
        '洛碛镇2020年政府信息公开工作年度报告',
        '三、收到和处理政府信息公开申请情况',
        '一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2',
        zeros('二、上年结转政府信息公开申请数量'),
        '三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
        '\t（七）总计\t1\t0\t0\t0\t0\t0\t1',
        zeros('四、结转下年度继续办理'),
        '四、政府信息公开行政复议、行政诉讼情况',
        '1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0',
      ].join('\n'),
      'snippet.txt',
      { today: TODAY },
    );
    expect(status(checks, 'balance', 'natural_person')).toBe('fail');
    expect(findingsOf(record.findings, 'balance')).toMatchObject([{ column: 'natural_person', line: 6 }, { column: 'total', line: 6 }]);
    expect(findingsOf(record.findings, 'review_total')).toMatchObject([{ row: 'review', line: 9 }]);
    // Rows （二） to （六） are missing: the outcome total cannot be checked, and is not passed.
    expect(statuses(checks, 'outcome_total')).toEqual(Array(7).fill('not_checkable'));
  });

  it('checks section 三 of a report whose template cannot be told (no year, no section 二)', () => {
    const zeros = (label: string) => `${label}\t0\t0\t0\t0\t0\t0\t0`;
    const { record, checks } = parseReport(
      ['某单位报告', '三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2', zeros('二、上年结转政府信息公开申请数量'), '\t（七）总计\t1\t0\t0\t0\t0\t0\t1', zeros('四、结转下年度继续办理')].join('\n'),
      'snippet.txt',
      { today: TODAY },
    );
    expect(record.template).toBeNull();
    expect(statuses(checks, 'balance')).toEqual(['fail', 'pass', 'pass', 'pass', 'pass', 'pass', 'fail']);
    expect(findingsOf(record.findings, 'balance').map((f) => f.column)).toEqual(['natural_person', 'total']);
    expect(statuses(checks, 'outcome_total')).toEqual(Array(7).fill('not_checkable'));
    // Text that shows no table gets no section 三 checks at all.
    expect(parseReport('某单位报告', 'none.txt', { today: TODAY }).checks.filter((c) => c.check === 'balance')).toEqual([]);
  });
});
