// The quality page's data (src/lib/quality, src/lib/db/queries/quality.ts) on
// the sample reports built into a temporary folder: the failed checks shown
// are exactly the checks table's failures with their arithmetic, the summary
// used at national scale gives the same figures as the rows, the reports that
// fail the 勾稽关系 come first, and every location points at its report and line.

import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { CHECK_RULES, failingSql, qualityTables, type QualityTables } from '../src/lib/db/queries/quality.ts';
import { plainValue } from '../src/lib/db/plain.ts';
import type { Row } from '../src/lib/db/runner.ts';
import { serverRunner } from '../src/lib/db/server.ts';
import { RULES } from '../src/lib/findings.ts';
import { EMPTY_QUALITY_FILTER, qualityFilterFromParams, qualityFilterToParams, type QualityFilter } from '../src/lib/db/quality-filter.ts';
import { reportAnchor, reportHref, sourceLocation } from '../src/lib/quality/links.ts';
import { renderFailing, renderFindings } from '../src/lib/quality/render.ts';
import { markupOf } from '../src/lib/dom.ts';
import { parseHTML } from 'linkedom';
import { buildSummary, detailOf, nationalMode, rowsView, summaryView, type Query, type QualitySummary, type QualityView } from '../src/lib/quality/view.ts';
import { CHECK_NAMES } from '../src/lib/validate/index.ts';
import { removeTempDirs, ROOT, tempDir } from './helpers/build.ts';

const TODAY = new Date('2026-06-01T00:00:00Z');
const T: QualityTables = { findings: 'findings', reports: 'reports' };
const { document: doc } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: Document };
/** A section as the page's markup. */
const html = (render: (v: QualityView, d: Document) => Node, v: QualityView) => markupOf(render(v, doc));

let query: Query;
let summary: QualitySummary;

beforeAll(async () => {
  const out = tempDir('quality');
  await buildData({ raw: `${ROOT}/data/raw`, out, today: TODAY });
  const runner = await serverRunner(out);
  query = (sql) => runner.query(sql);
  summary = await buildSummary(query, T);
});

afterAll(() => removeTempDirs());

describe('the filter in the URL', () => {
  it('round-trips and ignores what is not a code, a rule, a severity or a year', () => {
    const f = qualityFilterFromParams(new URLSearchParams('p=32&c=3208&k=320813&y=2023&rule=review_total&sev=error'));
    expect(f).toEqual({ province: '32', city: '3208', county: '320813', year: 2023, rule: 'review_total', severity: 'error' });
    expect(qualityFilterFromParams(qualityFilterToParams(f))).toEqual(f);
    const bad = qualityFilterFromParams(new URLSearchParams("p=3'&c=9999&k=1&y=20x3&rule=drop&sev=fatal"));
    expect(bad).toEqual(EMPTY_QUALITY_FILTER);
    // A city outside the province, or a county outside the city, is dropped; a municipality's city is its 2 digits.
    expect(qualityFilterFromParams(new URLSearchParams('p=37&c=3208')).city).toBeNull();
    expect(qualityFilterFromParams(new URLSearchParams('p=50&c=50&k=500112')).county).toBe('500112');
  });
});

describe('links to the report and line', () => {
  it('use the agreed anchor on the place page, or name the source file', () => {
    expect(reportAnchor('abc', 12)).toBe('r-abc-L12');
    expect(reportAnchor('abc', null)).toBe('r-abc');
    expect(reportHref({ report_id: 'abc', place_code: '370784118', source_file: 'x.txt' }, 63)).toBe('/place/?code=370784118#r-abc-L63');
    expect(reportHref({ report_id: 'abc', place_code: null, source_file: 'x.txt' }, 63)).toBeNull();
    expect(sourceLocation({ report_id: 'abc', place_code: null, source_file: 'dir/x.txt' }, 7)).toBe('dir/x.txt 第 7 行');
  });
});

describe('the view of the sample reports', () => {
  it('shows every failed check with the arithmetic of checks.detail, at its line', async () => {
    const view = await rowsView(EMPTY_QUALITY_FILTER, T, query);
    const shown = view.failing!.reports.flatMap((r) => r.checks.map((c) => ({ report_id: r.report_id, check: c.rule, scope: c.row_code ?? c.column_code, line: c.line, detail: c.detail })));
    const failed = await query(`SELECT report_id, "check", scope, line, detail FROM checks WHERE status = 'fail' ORDER BY report_id, seq`);
    const key = (r: Row) => `${r.report_id}|${r.check}|${r.scope}`;
    expect(shown.map(key).sort()).toEqual(failed.map(key).sort());
    for (const f of failed) expect(shown.find((s) => key(s) === key(f)), key(f)).toMatchObject({ line: f.line, detail: f.detail });
    // 洪泽区's section 四 totals: the arithmetic, the line and the advice a clerk can act on.
    const hongze = view.failing!.reports.find((r) => r.place === '洪泽区')!;
    expect(hongze.checks.map((c) => c.detail)).toContain('行政复议：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11；总计 0');
    const failing = html(renderFailing, view);
    expect(failing).toContain(RULES.review_total.advice);
    expect(failing).toContain(`href="/place/?code=320813#r-${hongze.report_id}-L149"`);
  });

  it('lists every finding with a link to its report and line', async () => {
    const view = await rowsView(EMPTY_QUALITY_FILTER, T, query);
    const all = await query('SELECT report_id, seq, line FROM findings ORDER BY report_id, seq');
    expect(view.findings!.total).toBe(all.length);
    expect(view.findings!.rows.map((r) => `${r.report_id}|${r.seq}|${r.line}`).sort()).toEqual(all.map((r) => `${r.report_id}|${r.seq}|${r.line}`).sort());
    const findings = html(renderFindings, view);
    for (const r of all) if (r.line !== null) expect(findings).toContain(`#r-${r.report_id}-L${r.line}"`);
  });

  it('the summary used at national scale gives the same figures as the rows, under any filter', async () => {
    const filters: QualityFilter[] = [
      EMPTY_QUALITY_FILTER,
      { ...EMPTY_QUALITY_FILTER, year: 2020 },
      { ...EMPTY_QUALITY_FILTER, severity: 'warning' },
      { ...EMPTY_QUALITY_FILTER, rule: 'review_total' },
      { ...EMPTY_QUALITY_FILTER, rule: 'row_missing', year: 2020, severity: 'warning' },
      { ...EMPTY_QUALITY_FILTER, year: 2019 },
    ];
    for (const f of filters) {
      const rows = await rowsView(f, T, query);
      const sum = summaryView(f, summary);
      expect(sum.headline, JSON.stringify(f)).toEqual(rows.headline);
      expect(sum.rules, JSON.stringify(f)).toEqual(rows.rules);
    }
  });

  it('reads one province: its findings and reports only', async () => {
    const f = qualityFilterFromParams(new URLSearchParams('p=37'));
    const view = await rowsView(f, T, query);
    expect(view.headline.reports).toBe(3);
    expect(new Set(view.findings!.rows.map((r) => r.province))).toEqual(new Set(['山东省']));
    // The requests the browser makes for it name the province (a split table is read by province).
    for (const r of qualityTables('37').requests) expect(r.where).toEqual({ province_code: ['37'] });
  });

  it('works from rows while the files are small, from the summary at national scale', () => {
    const file = (bytes: number) => ({ file: 'x', bytes, sha256: '' });
    expect(nationalMode({ findings: { file: file(5_000), split: false }, reports: { file: file(9_000), split: false } })).toBe('rows');
    expect(nationalMode({ findings: { file: file(4_500_000), split: false }, reports: { file: null, split: true } })).toBe('summary');
  });
});

describe('the order of failing reports', () => {
  it('puts the reports that fail the 勾稽关系 first, then the other failures', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const q: Query = async (sql) => {
      const reader = await conn.runAndReadAll(sql);
      const names = reader.columnNames();
      return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], plainValue(v)])));
    };
    await conn.run(`CREATE TABLE reports AS SELECT * FROM (VALUES
      ('a', 'a.txt', 'ok', 'town', 'A镇', 'A镇', 'X县', 'Y市', 'Z省', '11', '1101', '110101', '110101001', 2021, 1.0, 186, 186, true, 96.5),
      ('b', 'b.txt', 'ok', 'town', 'B镇', 'B镇', 'X县', 'Y市', 'Z省', '11', '1101', '110101', '110101002', 2021, 1.0, 186, 186, true, 90.0),
      ('c', 'c.txt', 'ok', 'department', 'C局', NULL, 'X县', 'Y市', 'Z省', '11', '1101', '110101', NULL, 2021, 0.5, 93, 186, true, 70.0)
    ) t(report_id, source_file, status, level, agency, town, county, city, province, province_code, city_code, county_code, town_code, year, completeness, figures_given, figures_expected, is_primary, quality_index)`);
    const msg = (rule: keyof typeof RULES, detail: string) => `'${detail}。${RULES[rule].advice}'`;
    await conn.run(`CREATE TABLE findings AS SELECT * FROM (VALUES
      ('a', 0, 'applicant_total', 'error', ${msg('applicant_total', '本年新收：六类申请人 1 + 0 + 0 + 0 + 0 + 0 = 1；总计栏 2')}, 'new_received', NULL, 40, '11', '1101', '110101', '110101001', 2021),
      ('b', 0, 'row_missing', 'warning', '缺少一行。', 'granted', NULL, NULL, '11', '1101', '110101', '110101002', 2021),
      ('b', 1, 'balance', 'error', ${msg('balance', '自然人：本年新收 1 + 上年结转 0 = 1；办理结果总计 2 + 结转下年度 0 = 2')}, NULL, 'natural_person', 52, '11', '1101', '110101', '110101002', 2021),
      ('c', 0, 'review_total', 'error', ${msg('review_total', '行政复议：结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 1；总计 2')}, 'review', NULL, 90, '11', '1101', '110101', NULL, 2021)
    ) t(report_id, seq, rule, severity, message, "row", "column", line, province_code, city_code, county_code, town_code, year)`);
    try {
      const view = await rowsView(EMPTY_QUALITY_FILTER, T, q);
      expect(view.failing!.reports.map((r) => r.report_id)).toEqual(['b', 'a', 'c']);
      expect(view.failing!.reports[0]).toMatchObject({ has_balance: true, place: 'B镇', place_code: '110101002' });
      expect(view.failing!.reports[0].checks).toEqual([{ rule: 'balance', seq: 1, line: 52, row_code: null, column_code: 'natural_person', detail: '自然人：本年新收 1 + 上年结转 0 = 1；办理结果总计 2 + 结转下年度 0 = 2' }]);
      // A department's report has no place page: its checks name the source file and line.
      expect(view.failing!.reports[2]).toMatchObject({ place: 'C局', place_code: null, source_file: 'c.txt' });
      expect(html(renderFailing, view)).toContain('c.txt 第 90 行');
      // The limit counts reports, not checks, and says how many there are.
      const limited = await q(failingSql(EMPTY_QUALITY_FILTER, T, 1));
      expect(limited.map((r) => r.report_id)).toEqual(['b']);
      expect(limited[0].total).toBe(3);
      expect(view.headline).toMatchObject({ failing_balance: 1, failing_checks: 3 });
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('knows a failed check by its rule, and takes the advice off its message', () => {
    expect(CHECK_RULES.sort()).toEqual(Object.keys(CHECK_NAMES).sort());
    expect(detailOf('balance', `甲：1 = 2。${RULES.balance.advice}`)).toBe('甲：1 = 2');
    expect(detailOf('balance', '没有建议的说明')).toBe('没有建议的说明');
  });
});
