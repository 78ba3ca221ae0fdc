// The place pages and the search box in headless Chromium, on the sample
// reports, built under a sub-path. What a page shows is checked against the
// Parquet files read by DuckDB in Node, and the source line a figure points
// to against the raw report file.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, expectNoForeignRequestOrError, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';
import { serverRunner } from '../../src/lib/db/server.ts';
import { formatCount } from '../../src/lib/charts/format.ts';
import { cellText } from '../../src/lib/place/render.ts';
import { KEY_MEASURES } from '../../src/lib/place/measures.ts';
import { applicationRows, measure, type TemplateId } from '../../src/lib/template/model.ts';
import { headingOverParts } from '../../src/lib/place/report.ts';
import { decodeReportAsync } from '../../src/lib/decode/index.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');
const ROOT = join(import.meta.dirname, '../..');
const TOWN = '371503110'; // 洪官屯镇, 2020: section 四 missing, section 三 cut off after row 7 of 不予公开

type Row = Record<string, string | number | boolean | null>;

async function sql(query: string): Promise<Row[]> {
  return (await serverRunner(dataDir!)).query(query);
}

/**
 * What every template cell of a report should show, from the Parquet files: section|row|col → text.
 * A section 三 row that the template prints as a heading over its parts (2021: （六）其他处理) has no
 * cells when the report gives no figure on it.
 */
async function expectedCells(reportId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const [{ template }] = await sql(`SELECT template FROM reports WHERE report_id = '${reportId}'`);
  const apps = await sql(`SELECT "row", applicant, value FROM applications WHERE report_id = '${reportId}'`);
  const headings = new Set(
    applicationRows(template as TemplateId)
      .filter((r) => headingOverParts(template as TemplateId, r.code, (a) => apps.find((x) => x.row === r.code && x.applicant === a)?.value ?? null))
      .map((r) => r.code),
  );
  for (const r of await sql(`SELECT item, measure, value FROM disclosures WHERE report_id = '${reportId}'`)) {
    out.set(`disclosure|${r.item}|${r.measure}`, cellText(measure(String(r.measure)).kind, r.value === null ? null : Number(r.value)));
  }
  for (const r of apps) {
    if (headings.has(String(r.row))) continue;
    out.set(`applications|${r.row}|${r.applicant}`, r.value === null ? '未披露' : formatCount(Number(r.value)));
  }
  for (const r of await sql(`SELECT proceeding, outcome, value FROM reviews WHERE report_id = '${reportId}'`)) {
    out.set(`reviews|${r.proceeding}|${r.outcome}`, r.value === null ? '未披露' : formatCount(Number(r.value)));
  }
  return out;
}

async function shownCells(s: Session, reportId: string): Promise<Map<string, string>> {
  const cells = await s.page.$$eval(`article[data-report="${reportId}"] td[data-cell]`, (tds) =>
    tds.map((td) => [`${td.getAttribute('data-section')}|${td.getAttribute('data-row')}|${td.getAttribute('data-col')}`, td.querySelector('.v')?.textContent ?? ''] as [string, string]),
  );
  return new Map(cells);
}

async function openPlace(s: Session, code: string, hash = '') {
  // A new document each time (the same URL with another hash would only scroll).
  if (hash) await s.page.goto('about:blank');
  await s.page.goto(`${siteUrl}place/?code=${code}${hash}`);
  await s.page.waitForFunction((c) => document.body.dataset.placeReady === c, code, { timeout: 90_000 });
}

describe.skipIf(!siteUrl)('a town page in Chromium', () => {
  let s: Session;
  let reportId: string;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
    [{ report_id: reportId }] = (await sql(`SELECT report_id FROM reports WHERE town_code = '${TOWN}' AND year = 2020`)) as { report_id: string }[];
  });
  afterAll(async () => s?.close());

  it('names the place, its kind, county, city, province and code', async () => {
    await openPlace(s, TOWN);
    expect(await s.page.locator('#place-name').textContent()).toBe('洪官屯镇');
    const facts = await s.page.locator('#place-facts').innerText();
    for (const word of ['乡镇街道', '茌平区', '聊城市', '山东省', TOWN, '2020']) expect(facts).toContain(word);
    expect(await s.page.locator('#place-crumbs').innerText()).toMatch(/全国.*山东省.*聊城市.*茌平区.*洪官屯镇/s);
    expect(new URL(s.page.url()).pathname).toBe('/gov-reports/sub/place/');
  });

  it('rebuilds every cell of the three template tables exactly as the Parquet has it', async () => {
    const expected = await expectedCells(reportId);
    const shown = await shownCells(s, reportId);
    expect(expected.size).toBe(198); // the 2019 template: 22 + 23 × 7 + 15
    expect(shown).toEqual(expected);
    const article = s.page.locator(`article[data-report="${reportId}"]`);
    expect(await article.locator('.chip.template').textContent()).toContain('2019 年版模板');
  });

  it('shows 未披露 for what the report does not give: section 四 missing, section 三 cut off', async () => {
    const article = s.page.locator(`article[data-report="${reportId}"]`);
    const reviews = await article.locator('section[data-section="reviews"] td[data-cell] .v').allTextContents();
    expect(reviews).toHaveLength(15);
    expect(new Set(reviews)).toEqual(new Set(['未披露']));
    expect(await article.locator('section[data-section="reviews"]').innerText()).toContain('报告中找不到这一部分的表格');
    // Rows up to 属于行政执法案卷 are given (0); from 属于行政查询事项 on, nothing: 未披露, never 0.
    const row = (code: string) => article.locator(`section[data-section="applications"] tr[data-row="${code}"] td[data-cell] .v`).allTextContents();
    expect(await row('denied_enforcement_file')).toEqual(Array(7).fill('0'));
    for (const code of ['denied_admin_query', 'unavailable_not_held', 'total_handled', 'carried_over_out']) expect(await row(code)).toEqual(Array(7).fill('未披露'));
    // The finding about the cut-off rows is marked on the first missing row and listed under the table.
    const rule = (await sql(`SELECT seq, "row", message FROM findings WHERE report_id = '${reportId}' AND rule = 'row_missing'`))[0];
    const mark = article.locator(`section[data-section="applications"] tr[data-row="${rule.row}"] th .fmark`);
    expect(await mark.count()).toBe(1);
    expect(await article.locator('section[data-section="applications"] .findings').innerText()).toContain(String(rule.message));
  });

  it('shows money in 元/万元 with the unit as written', async () => {
    const cell = s.page.locator(`article[data-report="${reportId}"] td[data-row="procurement"][data-col="amount_yuan"]`);
    expect(await cell.locator('.v').textContent()).toBe('483.7万元');
    expect(await cell.locator('.raw').textContent()).toBe('原文“483.7 万元”');
  });

  it('highlights the source line of a figure when it is pressed', async () => {
    const article = s.page.locator(`article[data-report="${reportId}"]`);
    await article.locator('.src-lines li').first().waitFor({ timeout: 30_000 });
    const [source] = await sql(`SELECT r.source_file, d.line, d.raw FROM disclosures d JOIN reports r USING (report_id) WHERE d.report_id = '${reportId}' AND d.item = 'procurement' AND d.measure = 'amount_yuan'`);
    const rawLines = readFileSync(join(ROOT, 'data/raw', String(source.source_file)), 'utf8').split(/\r?\n/);
    await article.locator('td[data-row="procurement"][data-col="amount_yuan"] button.fig').click();
    const hl = article.locator('.src-lines li.hl');
    await expect.poll(() => hl.count()).toBe(1);
    expect(await hl.getAttribute('data-line')).toBe(String(source.line));
    expect(await hl.textContent()).toBe(rawLines[Number(source.line) - 1]);
    expect(await hl.textContent()).toContain(String(source.raw));
    expect(new URL(s.page.url()).hash).toBe(`#r-${reportId}-L${source.line}`);
    // A narrative figure too: 主动公开 120 条, on the line the reports table records.
    const [{ proactive_items_line: line }] = await sql(`SELECT proactive_items_line FROM reports WHERE report_id = '${reportId}'`);
    await article.locator('td[data-narrative="proactive_items"] button.fig').click();
    expect(await article.locator('.src-lines li.hl').getAttribute('data-line')).toBe(String(line));
    expect(await article.locator('.src-lines li.hl').textContent()).toContain('120 条');
    await screenshot(s.page, 'place-town');
  });

  it('opens a shared link with the line highlighted', async () => {
    await openPlace(s, TOWN, `#r-${reportId}-L83`);
    const hl = s.page.locator(`article[data-report="${reportId}"] .src-lines li.hl[data-line="83"]`);
    await hl.waitFor({ timeout: 30_000 });
    expect(await hl.textContent()).toContain('483.7 万元');
    // Every figure read from that line is marked: 采购项目数 and 采购总金额.
    const pressed = s.page.locator(`article[data-report="${reportId}"] button.fig[aria-pressed="true"]`);
    expect(await pressed.evaluateAll((bs) => bs.map((b) => b.closest('td')?.getAttribute('data-col')))).toEqual(['projects', 'amount_yuan']);
  });

  it('draws the key figures over the years with the values of the summary table', async () => {
    const [summary] = await sql(`SELECT * FROM summary WHERE town_code = '${TOWN}' AND year = 2020 AND is_primary`);
    for (const m of KEY_MEASURES) {
      const cells = await s.page.locator(`figure#trend-${m.key} table.data tbody tr`).first().locator('td').allTextContents();
      expect(cells[0], m.key).toBe('2020');
      const v = summary[m.key] === null ? null : Number(summary[m.key]);
      expect(cells[1], m.key).toBe(v === null ? '未披露' : cellText(m.kind === 'yuan' ? 'money' : 'count', v));
    }
    // No other town of 茌平区 has a report: no peer median, and the page says so.
    expect(await s.page.locator('#trend-note').textContent()).toContain('没有其他乡镇街道的报告');
    // One year of figures is not a trend: the figure is listed, not drawn as a line of one dot.
    expect(await s.page.locator('figure#trend-proactive_items svg').count()).toBe(0);
    expect(await s.page.locator('figure#trend-proactive_items .few-figures dd').first().textContent()).toBe('120');
  });

  it('serves the report text the figures were read from', async () => {
    const response = await fetch(`${siteUrl}place/sources/371503.json.gz`);
    expect(response.ok).toBe(true);
    const bundle = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')) as { reports: Record<string, { text: string | null }> };
    const [{ source_file }] = await sql(`SELECT source_file FROM reports WHERE report_id = '${reportId}'`);
    const decoded = await decodeReportAsync(readFileSync(join(ROOT, 'data/raw', String(source_file))), String(source_file));
    expect(bundle.reports[reportId].text).toBe(decoded.text);
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('county and city pages, the place list, and the search box', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  for (const [code, name, kind, above] of [
    ['320813', '洪泽区', '县级', ['淮安市', '江苏省']],
    ['3208', '淮安市', '地级', ['江苏省']],
  ] as const) {
    it(`renders ${name} (${kind}) with its report as the Parquet has it`, async () => {
      await openPlace(s, code);
      expect(await s.page.locator('#place-name').textContent()).toBe(name);
      const facts = await s.page.locator('#place-facts').innerText();
      for (const word of [kind, ...above, code]) expect(facts).toContain(word);
      const column = code.length === 6 ? 'county_code' : 'city_code';
      const reports = await sql(`SELECT report_id, template FROM reports WHERE level = '${code.length === 6 ? 'county' : 'city'}' AND ${column} = '${code}'`);
      expect(reports).toHaveLength(1);
      expect(await shownCells(s, String(reports[0].report_id))).toEqual(await expectedCells(String(reports[0].report_id)));
      expect(await s.page.locator('.chip.template').textContent()).toContain('2021 年版模板');
    });
  }

  it('lists places by province and says which reports have no page', async () => {
    await s.page.goto(`${siteUrl}place/`);
    expect(await s.page.locator('#left-out').textContent()).toContain('部门报告');
    await s.page.locator('.provinces a', { hasText: '山东省' }).click();
    await s.page.waitForFunction(() => document.body.dataset.placeReady === 'p=37', null, { timeout: 60_000 });
    const list = await s.page.locator('#place-results').innerText();
    for (const town of ['洪官屯镇', '柘山镇', '潘庄镇']) expect(list).toContain(town);
    await s.page.locator('#place-results a', { hasText: '洪官屯镇' }).click();
    await s.page.waitForFunction((c) => document.body.dataset.placeReady === c, TOWN, { timeout: 90_000 });
  });

  it('finds 洪官屯镇 by typing 洪官, with its county and province, and opens its page', async () => {
    const fresh = await openSession(siteUrl!);
    try {
      await fresh.page.goto(siteUrl!);
      await fresh.page.waitForLoadState('networkidle');
      // The index of places is not read until the box gets focus.
      expect(fresh.requests.some((r) => r.url.includes('search-index.json.gz'))).toBe(false);
      const input = fresh.page.locator('header.site input[role="combobox"]');
      await input.focus();
      await input.pressSequentially('洪官');
      const option = fresh.page.locator('header.site [role="option"]').first();
      await option.waitFor({ timeout: 30_000 });
      expect(await option.textContent()).toMatch(/洪官屯镇.*乡镇街道.*茌平区.*聊城市.*山东省/);
      expect(fresh.requests.some((r) => r.url.includes('search-index.json.gz'))).toBe(true);
      await input.press('ArrowDown');
      expect(await input.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      await input.press('Enter');
      await fresh.page.waitForFunction((c) => document.body.dataset.placeReady === c, TOWN, { timeout: 90_000 });
      expect(new URL(fresh.page.url()).searchParams.get('code')).toBe(TOWN);
      expectNoForeignRequestOrError(fresh);
    } finally {
      await fresh.close();
    }
  });

  it('lists the matches of a search submitted without picking (the form works without a script too)', async () => {
    await s.page.goto(`${siteUrl}place/?q=${encodeURIComponent('镇')}`);
    await s.page.waitForFunction(() => document.body.dataset.placeReady?.startsWith('q='), null, { timeout: 60_000 });
    const text = await s.page.locator('#place-results').innerText();
    for (const town of ['洪官屯镇', '柘山镇', '潘庄镇', '洛碛镇', '过马营镇']) expect(text).toContain(town);
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('a place page on a phone', () => {
  it('fits a 390 px screen without sideways scrolling', async () => {
    await onPhone(siteUrl!, async (s) => {
      await openPlace(s, TOWN);
      await s.page.locator('.src-lines li').first().waitFor({ timeout: 30_000 });
      await expectFits(s, 'place-town-390');
      await s.page.goto(`${siteUrl}place/`);
      await expectFits(s);
    });
  });
});
