// The overview's by-place table, as a journalist uses it: every town's
// figures for one year, in three clicks (the year, 乡镇街道, 下载 CSV), with the
// same figures DuckDB in Node gives, Chinese headers with codes, money in yuan
// to the fen and nothing missing written as 0; sorted by any column; and the
// URL gives the same table again.

import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './browser.ts';
import { expectNoForeignRequestOrError } from './checks.ts';
import { serverRunner } from '../../src/lib/db/server.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');

const waitForView = (s: Session, view: string) => s.page.waitForFunction((v) => document.body.dataset.view === v, view, { timeout: 90_000 });

describe.skipIf(!siteUrl)('the by-place table in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('gives every town’s 2020 figures as CSV in three clicks', async () => {
    await s.page.goto(siteUrl!);
    await s.page.selectOption('#place-table-controls select[name="year"]', '2020');
    await waitForView(s, 'from=2020&to=2020');
    await s.page.selectOption('#place-table-controls select[name="by"]', 'town');
    await waitForView(s, 'from=2020&to=2020&by=town');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#place-table-csv')]);
    expect(download.suggestedFilename()).toBe('按地方列表-乡镇街道-2020.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1).trim()).data;
    expect(header.slice(0, 5)).toEqual(['地方', '代码', '层级', '年度', '报告数']);
    expect(header).toContain('本年新收 new_received__total');
    expect(header).toContain('政府集中采购·采购金额（元） procurement__amount_yuan');

    const runner = await serverRunner(dataDir!);
    const expected = await runner.query(`SELECT coalesce(town_code, report_id) AS key, coalesce(town, county, city, agency, '未定位') AS place, new_received__total, procurement__amount_yuan
      FROM summary WHERE year = 2020 AND is_primary ORDER BY key`);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((r) => String(r.place)).sort());
    const column = (name: string) => header.indexOf(name);
    for (const e of expected) {
      const row = rows.find((r) => r[0] === e.place)!;
      expect(row[3]).toBe('2020');
      // A figure no report gave is an empty cell, never 0.
      expect(row[column('本年新收 new_received__total')]).toBe(e.new_received__total === null ? '' : String(Number(e.new_received__total)));
      expect(row[column('政府集中采购·采购金额（元） procurement__amount_yuan')]).toBe(e.procurement__amount_yuan === null ? '' : String(Number(e.procurement__amount_yuan)));
    }
    // 洪官屯镇: 4,837,000 元 in 2020.
    expect(rows.find((r) => r[1] === '371503110')?.[column('政府集中采购·采购金额（元） procurement__amount_yuan')]).toBe('4837000');
  });

  it('sorts by a column without a query, largest first, and keeps it in the URL', async () => {
    const requests = s.requests.length;
    await s.page.selectOption('#place-table-controls select[name="t"]', 'procurement');
    await waitForView(s, 'from=2020&to=2020&by=town&t=procurement');
    await s.page.click('#place-table-wrap th a[data-sort="-procurement__amount_yuan"]');
    await waitForView(s, 'from=2020&to=2020&by=town&t=procurement&sort=-procurement__amount_yuan');
    const amounts = await s.page.locator('#place-table-wrap tbody tr td:nth-child(5)').allTextContents();
    expect(amounts[0]).toBe('483.7万元');
    expect(amounts.indexOf('未披露') === -1 || amounts.slice(amounts.indexOf('未披露')).every((a) => a === '未披露')).toBe(true);
    expect(await s.page.locator('#place-table-wrap th[aria-sort="descending"]').textContent()).toContain('采购金额');
    // Nothing fetched: the rows on screen were sorted.
    expect(s.requests.slice(requests).filter((r) => r.url.includes('.parquet'))).toEqual([]);
    // The same URL, opened afresh, gives the same table.
    const url = s.page.url();
    const fresh = await openSession(siteUrl!);
    try {
      await fresh.page.goto(url);
      await waitForView(fresh, 'from=2020&to=2020&by=town&t=procurement&sort=-procurement__amount_yuan');
      expect(await fresh.page.locator('#place-table-wrap tbody tr td:nth-child(5)').allTextContents()).toEqual(amounts);
      expect(await fresh.page.title()).toContain('全国·2020（按乡镇街道）');
    } finally {
      await fresh.close();
    }
    expectNoForeignRequestOrError(s);
  });
});

describe.skipIf(!siteUrl)('printing the overview and a place page', () => {
  for (const [name, path, ready] of [
    ['overview', '?p=37', 'p=37'],
    ['place', 'place/?code=371503110', '371503110'],
  ] as const) {
    it(`prints the ${name} on A4 without controls, with where and when it came from`, async () => {
      const s = await openSession(siteUrl!);
      try {
        await s.page.goto(`${siteUrl}${path}`);
        await s.page.waitForFunction((r) => document.body.dataset.view === r || document.body.dataset.placeReady === r, ready, { timeout: 90_000 });
        await s.page.emulateMedia({ media: 'print' });
        await s.page.evaluate(() => dispatchEvent(new Event('beforeprint')));
        expect(await s.page.locator('header.site').isVisible()).toBe(false);
        expect(await s.page.locator('form.filter-form, #place-table-controls').first().isVisible().catch(() => false)).toBe(false);
        const meta = await s.page.locator('#print-meta').textContent();
        expect(meta).toMatch(/打印日期：\d{4}-\d\d-\d\d/);
        expect(meta).toContain(path);
        expect(await s.page.locator('#print-meta').isVisible()).toBe(true);
        const pdf = await s.page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.byteLength).toBeGreaterThan(10_000);
      } finally {
        await s.close();
      }
    });
  }
});
