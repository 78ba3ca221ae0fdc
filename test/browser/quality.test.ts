// The quality page in headless Chromium, built under a sub-path from the
// sample reports: the default view from the build, filtered views drawn by
// DuckDB-WASM, and every finding linked to its report and line as the
// findings Parquet file (read in Node) says.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';
import { SUB_PATH } from './global-setup.ts';
import { serverRunner } from '../../src/lib/db/server.ts';
import { RULES } from '../../src/lib/findings.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');
const page = () => `${siteUrl}quality/`;

interface Link {
  href: string;
  reportId: string;
  seq: number;
}

/** The location links of the findings table. */
async function findingLinks(s: Session): Promise<Link[]> {
  return s.page.$$eval('table.q-findings tbody tr', (trs) =>
    trs.map((tr) => ({ href: tr.querySelector('a.loc')?.getAttribute('href') ?? '', reportId: (tr as HTMLElement).dataset.reportId ?? '', seq: Number((tr as HTMLElement).dataset.seq) })),
  );
}

/** Each link's report and line equal the findings Parquet row's; its code is the report's place code. */
async function expectLinksMatchParquet(links: Link[]) {
  const runner = await serverRunner(dataDir!);
  const rows = await runner.query(`
    SELECT f.report_id, f.seq, f.line,
      CASE r.level WHEN 'town' THEN r.town_code WHEN 'county' THEN r.county_code WHEN 'city' THEN r.city_code WHEN 'province' THEN r.province_code END AS code
    FROM findings f JOIN reports r USING (report_id)`);
  const byKey = new Map(rows.map((r) => [`${r.report_id}|${r.seq}`, r]));
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    const row = byKey.get(`${link.reportId}|${link.seq}`);
    expect(row, `finding ${link.reportId}#${link.seq}`).toBeDefined();
    const url = new URL(link.href, siteUrl!);
    expect(url.pathname).toBe(`${SUB_PATH}place/`);
    expect(url.searchParams.get('code')).toBe(row!.code);
    const m = /^#r-([0-9a-f]+)(?:-L(\d+))?$/.exec(url.hash);
    expect(m, url.hash).not.toBeNull();
    expect(m![1]).toBe(row!.report_id);
    expect(m![2] === undefined ? null : Number(m![2])).toBe(row!.line);
  }
}

async function waitForView(s: Session, view: string) {
  await s.page.waitForFunction((v) => document.body.dataset.view === v && document.body.dataset.mode !== 'build', view, { timeout: 90_000 });
}

describe.skipIf(!siteUrl)('quality page in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('shows the failing reports first, with their arithmetic, line and advice, from the build', async () => {
    await s.page.goto(page());
    expect(await s.page.title()).toContain('数据质量');
    const failing = s.page.locator('#q-failing ol.failing > li');
    expect(await failing.count()).toBe(2);
    const hongze = failing.filter({ hasText: '洪泽区' });
    const text = await hongze.textContent();
    expect(text).toContain('行政复议：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11；总计 0');
    expect(text).toContain(RULES.review_total.title);
    expect(text).toContain(RULES.review_total.advice);
    const loc = await hongze.locator('a.loc').first().getAttribute('href');
    expect(loc).toMatch(new RegExp(`^${SUB_PATH}place/\\?code=320813#r-[0-9a-f]+-L149$`));
    // The section comes before the counts by rule and the findings.
    const order = await s.page.$$eval('section[id^="q-"]', (els) => els.map((e) => e.id));
    expect(order.indexOf('q-failing')).toBeLessThan(order.indexOf('q-rules'));
    // The first paint needed no query engine.
    expect(s.requests.some((r) => r.url.includes('duckdb'))).toBe(false);
  });

  it('counts findings by rule with the catalogue’s titles and advice', async () => {
    await s.page.goto(page());
    const runner = await serverRunner(dataDir!);
    const counts = await runner.query('SELECT rule, count(*)::INTEGER AS n FROM findings GROUP BY rule');
    const rows = await s.page.$$eval('table.q-rules tbody tr', (trs) => trs.map((tr) => ({ rule: (tr as HTMLElement).dataset.rule!, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') })));
    expect(rows.map((r) => r.rule).sort()).toEqual(counts.map((c) => c.rule).sort());
    for (const r of rows) {
      const spec = RULES[r.rule as keyof typeof RULES];
      expect(r.cells[0]).toContain(spec.title);
      expect(r.cells[4]).toBe(spec.advice);
      expect(Number(r.cells[2])).toBe(counts.find((c) => c.rule === r.rule)!.n);
    }
  });

  it('links every finding to the right report and line', async () => {
    await s.page.goto(page());
    const links = await findingLinks(s);
    const runner = await serverRunner(dataDir!);
    const [{ n }] = await runner.query('SELECT count(*)::INTEGER AS n FROM findings');
    expect(links.length).toBe(n);
    await expectLinksMatchParquet(links);
  });

  it('shows the completeness of each report by place and year', async () => {
    await s.page.goto(page());
    const runner = await serverRunner(dataDir!);
    const reports = await runner.query(`SELECT coalesce(town, county, city) AS place, year, completeness FROM reports`);
    const grid = s.page.locator('table.q-grid');
    const years = await grid.locator('thead th').allTextContents();
    for (const r of reports) {
      const row = grid.locator('tbody tr').filter({ has: s.page.locator('th', { hasText: String(r.place) }) });
      const cells = await row.locator('td').allTextContents();
      const cell = cells[years.indexOf(String(r.year)) - 1];
      expect(cell, `${r.place} ${r.year}`).toBe(`${Math.round(Number(r.completeness) * 1000) / 10}%`);
    }
  });

  it('draws a province with DuckDB-WASM from the URL, with the same links', async () => {
    await s.page.goto(`${page()}?p=37&sev=warning`);
    await waitForView(s, 'p=37&sev=warning');
    expect(await s.page.locator('#view-title').textContent()).toContain('山东省');
    const runner = await serverRunner(dataDir!);
    const [{ n }] = await runner.query(`SELECT count(*)::INTEGER AS n FROM findings WHERE province_code = '37' AND severity = 'warning'`);
    const links = await findingLinks(s);
    expect(links.length).toBe(n);
    await expectLinksMatchParquet(links);
    // Only that province's rows were read, from the site's own files under the sub-path.
    expect(s.requests.some((r) => r.url.includes(`${SUB_PATH}data/findings.parquet`))).toBe(true);
    await screenshot(s.page, 'quality-province');
  });

  it('keeps the filter in the URL: a change is a new URL, the back button returns', async () => {
    await s.page.goto(page());
    await s.page.selectOption('#q-filters select[name="p"]', '32');
    await waitForView(s, 'p=32');
    expect(new URL(s.page.url()).searchParams.get('p')).toBe('32');
    // The cities of the province are offered; choosing one narrows the view.
    await s.page.selectOption('#q-filters select[name="c"]', '3208');
    await waitForView(s, 'p=32&c=3208');
    await s.page.selectOption('#q-filters select[name="rule"]', 'review_total');
    await waitForView(s, 'p=32&c=3208&rule=review_total');
    expect(await s.page.locator('table.q-findings tbody tr').count()).toBe(2);
    await s.page.goBack();
    await waitForView(s, 'p=32&c=3208');
    expect(await s.page.locator('#q-filters select[name="rule"]').inputValue()).toBe('');
    // A rule in the counts table links to its view, drawn in place.
    await s.page.locator('table.q-rules a', { hasText: RULES.label_fuzzy.title }).click();
    await waitForView(s, 'p=32&c=3208&rule=label_fuzzy');
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('quality page on a phone', () => {
  it('fits a 390 px screen, and a filtered view too', async () => {
    await onPhone(siteUrl!, async (s) => {
      await s.page.goto(page());
      await expectFits(s, 'quality-390');
      await s.page.goto(`${page()}?p=32`);
      await waitForView(s, 'p=32');
      await expectFits(s);
    });
  });
});
