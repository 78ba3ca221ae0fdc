// The overview in headless Chromium, on the sample reports, built under a sub-path.
// The whole path once: raw reports → Parquet → static site → DuckDB-WASM → Plot.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, openSession, screenshot, withSession, type Session } from './browser.ts';
import { expectFits, expectNoForeignRequestOrError, itMadeNoForeignRequestOrError } from './checks.ts';
import { serverRunner } from '../../src/lib/db/server.ts';
import { filterFromParams, filterToParams } from '../../src/lib/db/filter.ts';
import { PANELS, panelRows } from '../../src/lib/dashboard/panels.ts';
import { formatCell } from '../../src/lib/charts/table.ts';
import type { Datum } from '../../src/lib/charts/basic.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');

/** What a panel's table should show for a view: the same query, run by DuckDB in Node. */
async function expectedTable(panelId: string, search: string): Promise<string[][]> {
  const runner = await serverRunner(dataDir!);
  const panel = PANELS.find((p) => p.id === panelId)!;
  const rows = await panelRows(panel, filterFromParams(new URLSearchParams(search)), (sql) => runner.query(sql) as Promise<Datum[]>);
  return rows.map((r) => panel.columns.map((c) => formatCell(r[c.key], c.kind)));
}

async function tableOf(s: Session, panelId: string): Promise<string[][]> {
  return s.page.$$eval(`figure#${panelId} table.data tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Waits until the page has drawn the view of `search` (as the page writes it: canonical order, encoded). */
async function waitForView(s: Session, search: string) {
  const view = filterToParams(filterFromParams(new URLSearchParams(search))).toString();
  await s.page.waitForFunction((v) => document.body.dataset.view === v && document.querySelector('figure.chart[data-rendered-by="duckdb"]') !== null, view, { timeout: 90_000 });
}

describe.skipIf(!siteUrl)('overview page in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('shows the default view from the build, with real figures, before any query', async () => {
    await s.page.goto(siteUrl!);
    const cards = await s.page.locator('#cards').textContent();
    expect(cards).toContain('7 份');
    expect(cards).toContain('640.5万元'); // 4,837,000 + 240,000 + 1,327,766 yuan
    const svg = await s.page.locator('figure#procurement-by-place svg').first().textContent();
    for (const province of ['山东省', '青海省', '重庆市']) expect(svg).toContain(province);
    // No query engine until a visitor asks for one.
    expect(s.requests.some((r) => r.url.includes('duckdb'))).toBe(false);
  });

  it('draws the towns with procurement figures from DuckDB-WASM after a filter change', async () => {
    const search = 'level=town&q=镇';
    await s.page.goto(`${siteUrl}?${search}`);
    await waitForView(s, search);
    const chart = s.page.locator('figure#procurement-by-place[data-rendered-by="duckdb"] svg').first();
    const text = await chart.textContent();
    for (const town of ['洪官屯镇', '洛碛镇', '过马营镇']) expect(text).toContain(town);
    const rows = (await tableOf(s, 'procurement-by-place')).map((r) => r.join(' '));
    expect(rows.some((r) => r.includes('洪官屯镇') && r.includes('483.7万元') && r.includes('3'))).toBe(true);
    expect(rows.some((r) => r.includes('洛碛镇') && r.includes('24万元') && r.includes('315'))).toBe(true);
    expect(rows.some((r) => r.includes('过马营镇') && r.includes('132.8万元'))).toBe(true);
    // 柘山镇 gives no procurement figure: it is not drawn as 0.
    expect(text).not.toContain('柘山镇');
    await screenshot(s.page, 'overview-towns');
    // The engine came from the site itself, gzipped, and the data by range requests under the sub-path.
    expect(s.requests.some((r) => r.url.endsWith('/duckdb/duckdb-eh.wasm.gz'))).toBe(true);
    expect(s.requests.some((r) => /\/gov-reports\/sub\/data\/summary\.parquet\?v=/.test(r.url))).toBe(true);
  });

  it('shows in every table exactly what DuckDB in Node computes for the same filter', async () => {
    const search = 'p=37&from=2020&to=2021';
    await s.page.goto(`${siteUrl}?${search}`);
    await waitForView(s, search);
    for (const panel of PANELS) expect(await tableOf(s, panel.id), panel.id).toEqual(await expectedTable(panel.id, search));
  });

  it('keeps the view in the URL: a filter change is a new URL, the back button returns', async () => {
    await s.page.goto(siteUrl!);
    await s.page.selectOption('select[name="level"]', 'town');
    await waitForView(s, 'level=town');
    expect(new URL(s.page.url()).searchParams.get('level')).toBe('town');
    await s.page.selectOption('select[name="p"]', '37');
    await waitForView(s, 'p=37&level=town');
    expect(await s.page.locator('#view-title').textContent()).toContain('山东省');
    await s.page.goBack();
    await waitForView(s, 'level=town');
    expect(await s.page.locator('select[name="p"]').inputValue()).toBe('');
    // The same URL opened afresh gives the same view.
    await s.page.goto(`${siteUrl}?p=37&level=town`);
    await waitForView(s, 'p=37&level=town');
    expect(await s.page.locator('select[name="p"]').inputValue()).toBe('37');
    expect(await tableOf(s, 'procurement-by-place')).toEqual(await expectedTable('procurement-by-place', 'p=37&level=town'));
  });

  it('drills down by clicking a region, and climbs back with the breadcrumb', async () => {
    await s.page.goto(`${siteUrl}?level=town`);
    await waitForView(s, 'level=town');
    await s.page.locator('figure#procurement-by-place svg a').filter({ hasText: '' }).first().click();
    await s.page.waitForFunction(() => /p=\d\d/.test(location.search) && document.body.dataset.view?.includes('p='), null, { timeout: 60_000 });
    const crumbs = await s.page.locator('#crumbs').textContent();
    expect(crumbs).toMatch(/全国.*(山东省|青海省|重庆市)/);
    await s.page.locator('#crumbs a', { hasText: '全国' }).click();
    await waitForView(s, 'level=town');
    expect(new URL(s.page.url()).searchParams.get('p')).toBeNull();
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('overview without JavaScript, and on a phone and a desktop', () => {
  it('renders the default view with JavaScript off', async () => {
    const s = await openSession(siteUrl!, { javaScriptEnabled: false });
    try {
      await s.page.goto(siteUrl!);
      expect(await s.page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(10);
      expect(await s.page.locator('#cards').textContent()).toContain('640.5万元');
      // The CSV of a chart is a link that works without a script.
      const href = await s.page.locator('figure#procurement-by-year a.csv').getAttribute('href');
      expect(decodeURIComponent(href!.replace(/^data:text\/csv;charset=utf-8,/, ''))).toMatch(/^\uFEFF年度,采购总金额（元）/);
      await screenshot(s.page, 'overview-no-js');
    } finally {
      await s.close();
    }
  });

  it('follows a dark colour scheme', async () => {
    const s = await openSession(siteUrl!, { colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
    try {
      await s.page.goto(siteUrl!);
      const [bg, fg] = await s.page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.documentElement).color]);
      const lum = (c: string) => c.match(/\d+/g)!.slice(0, 3).reduce((a, b) => a + Number(b), 0) / 3;
      expect(lum(bg)).toBeLessThan(60);
      expect(lum(fg)).toBeGreaterThan(180);
      await s.page.screenshot({ path: `${(await import('./browser.ts')).OUTPUT}/overview-dark.png` });
    } finally {
      await s.close();
    }
  });

  for (const viewport of [PHONE, { width: 1440, height: 900 }]) {
    it(`fits a ${viewport.width}×${viewport.height} screen`, async () => {
      await withSession(siteUrl!, { viewport }, async (s) => {
        await s.page.goto(siteUrl!);
        // Every chart is drawn, or listed as figures where it has too few points (charts/few.ts).
        await s.page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.querySelector('svg, .few-figures')), null, { timeout: 30_000 });
        // Nothing wider than the screen: the page does not scroll sideways.
        await expectFits(s, `overview-${viewport.width}x${viewport.height}`);
        expectNoForeignRequestOrError(s);
      });
    });
  }
});
