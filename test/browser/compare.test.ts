// The peer comparison in headless Chromium, on the sample reports, built under
// a sub-path. Ranks and medians are checked against a DuckDB query written
// here (not the page's own SQL) over the Parquet files; the CSV against the
// page's table; the state against the URL; and the printed page is saved.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OUTPUT, openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';
import { serverRunner } from '../../src/lib/db/server.ts';
import { COMPARE_MEASURES as KEY_MEASURES } from '../../src/lib/place/measures.ts';
import { valueText, signedText } from '../../src/lib/place/compare-render.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');

const TOWN = '371503110'; // 洪官屯镇
const PICKED = ['370784118', '632525101', '500112144', '371581108']; // 柘山镇, 过马营镇, 洛碛镇, 潘庄镇
const LIST_URL = `compare/?code=${TOWN}&peers=list&with=${PICKED.join(',')}&year=2020`;

type Row = Record<string, string | number | boolean | null>;

async function sql(query: string): Promise<Row[]> {
  return (await serverRunner(dataDir!)).query(query);
}

/** Ranks (towns with a larger figure, plus the middle of the tied ones, among those giving it) and the peers' median, in plain SQL. */
async function expected(codes: readonly string[], year: number, key: string) {
  const group = `SELECT town_code, ${key} AS v FROM summary WHERE is_primary AND level = 'town' AND year = ${year} AND town_code IN (${codes.map((c) => `'${c}'`).join(', ')})`;
  const ranks = await sql(`WITH g AS (${group}) SELECT town_code, v, CASE WHEN v IS NOT NULL THEN (SELECT count(*) FROM g AS o WHERE o.v > g.v) + ((SELECT count(*) FROM g AS o WHERE o.v = g.v) + 1) / 2 END AS rank,
    (SELECT count(*) FROM g AS o WHERE o.v = g.v) AS ties, (SELECT count(v) FROM g) AS n FROM g ORDER BY town_code`);
  const [{ median }] = await sql(`WITH g AS (${group}) SELECT median(v) AS median FROM g WHERE town_code <> '${TOWN}'`);
  return { ranks, median: median === null ? null : Number(median) };
}

async function waitForState(s: Session, params: string) {
  await s.page.waitForFunction((p) => document.body.dataset.compare === p, params, { timeout: 90_000 });
}

describe.skipIf(!siteUrl)('the peer comparison in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('ranks every town and takes the peers’ median as DuckDB does in Node', async () => {
    await s.page.goto(`${siteUrl}${LIST_URL}`);
    await waitForState(s, new URL(LIST_URL, 'http://x/').searchParams.toString());
    const rows = await s.page.locator('#cmp-table tbody tr').count();
    // 潘庄镇 and 洛碛镇 have no 2020 report: they are listed as such, and the ranks are among the three towns that do.
    expect(rows).toBe(5);
    for (const code of ['371581108', '500112144']) expect(await s.page.locator(`#cmp-table tr[data-code="${code}"] td[data-measure="new_received__total"] .v`).textContent()).toBe('无报告');
    for (const m of KEY_MEASURES) {
      const { ranks, median } = await expected([TOWN, ...PICKED], 2020, m.key);
      for (const r of ranks) {
        const cell = s.page.locator(`#cmp-table tr[data-code="${r.town_code}"] td[data-measure="${m.key}"]`);
        const rank = r.rank === null ? null : Number(r.rank);
        expect(await cell.getAttribute('data-rank'), `${m.key} ${r.town_code}`).toBe(rank === null ? null : String(rank));
        if (rank !== null) expect(await cell.locator('.rk').textContent()).toContain(Number(r.n) > 1 ? `第 ${Number.isInteger(rank) ? rank : rank.toFixed(1)}/${r.n} 名` : '同组无可比较');
        // Every town's difference from the peers' median (no 2019 reports in the sample: no change).
        if (r.v !== null) {
          expect(await cell.locator('[data-k="diff"]').textContent()).toBe(`较中位 ${signedText(m, median === null ? null : Number(r.v) - median)}`);
          expect(await cell.locator('[data-k="change"]').textContent()).toBe('较上年 —');
        }
      }
      const self = s.page.locator(`#cmp-self tr[data-measure="${m.key}"]`);
      expect(await self.locator('td[data-k="median"]').textContent(), m.key).toBe(median === null ? '—' : valueText(m, median));
      const own = ranks.find((r) => r.town_code === TOWN)!.v;
      const diff = own === null || median === null ? null : Number(own) - median;
      expect(await self.locator('td[data-k="diff"]').textContent(), m.key).toBe(signedText(m, diff));
    }
    // The picked town is highlighted and first.
    expect(await s.page.locator('#cmp-table tbody tr').first().getAttribute('data-code')).toBe(TOWN);
    expect(await s.page.locator('#cmp-table tr.self').count()).toBe(1);
    expect(await s.page.locator('#cmp-multiples figure.multiple').count()).toBe(KEY_MEASURES.length);
    expect(await s.page.locator('#cmp-multiples figure[data-measure="procurement__amount_yuan"] svg').count()).toBe(1);
    await screenshot(s.page, 'compare-list');
  });

  it('offers the comparison as CSV with a BOM, one row per town, raw figures and ranks', async () => {
    const href = await s.page.locator('#cmp-csv').getAttribute('href');
    const csv = decodeURIComponent(href!.replace(/^data:text\/csv;charset=utf-8,/, ''));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true }).data;
    const [header, ...body] = parsed;
    expect(header.slice(0, 7)).toEqual(['乡镇街道', '区划代码', '县级', '地级', '省级', '所选乡镇', '年度']);
    expect(header).toContain('政府集中采购·采购金额（元）');
    expect(header).toContain('政府集中采购·采购金额·名次');
    // The two picked towns without a 2020 report are rows too, with no figures and no ranks.
    expect(body).toHaveLength(5);
    const row = (code: string) => Object.fromEntries(header.map((h, i) => [h, body.find((b) => b[1] === code)![i]]));
    const me = row(TOWN);
    expect(me['乡镇街道']).toBe('洪官屯镇');
    expect(me['所选乡镇']).toBe('是');
    const [summary] = await sql(`SELECT procurement__amount_yuan, proactive_items FROM summary WHERE town_code = '${TOWN}' AND year = 2020 AND is_primary`);
    expect(Number(me['政府集中采购·采购金额（元）'])).toBe(Number(summary.procurement__amount_yuan));
    expect(me['政府集中采购·采购金额·名次']).toBe('1');
    // A figure not given is empty, not 0, and has no rank.
    const other = row('370784118');
    expect(other['政府集中采购·采购金额（元）']).toBe('');
    expect(other['政府集中采购·采购金额·名次']).toBe('');
  });

  it('keeps the state in the URL: a change is a new URL, back returns, the same URL gives the same view', async () => {
    const before = await s.page.locator('#cmp-table').innerText();
    await s.page.selectOption('#cmp-peers', 'province');
    await waitForState(s, `code=${TOWN}&peers=province&year=2020`);
    expect(new URL(s.page.url()).searchParams.get('peers')).toBe('province');
    // Shandong's towns with a 2020 report: 洪官屯镇 and 柘山镇.
    expect(await s.page.locator('#cmp-table tbody tr').count()).toBe(2);
    const province = await s.page.locator('#cmp-table').innerText();
    await s.page.goBack();
    await waitForState(s, new URL(LIST_URL, 'http://x/').searchParams.toString());
    expect(await s.page.locator('#cmp-peers').inputValue()).toBe('list');
    expect(await s.page.locator('#cmp-table').innerText()).toBe(before);
    await s.page.goto(`${siteUrl}compare/?code=${TOWN}&peers=province&year=2020`);
    await waitForState(s, `code=${TOWN}&peers=province&year=2020`);
    expect(await s.page.locator('#cmp-table').innerText()).toBe(province);
    expect(await s.page.locator('#cmp-year').inputValue()).toBe('2020');
  });

  it('defaults to the town’s county and its latest year, and says when it has no peers there', async () => {
    await s.page.goto(`${siteUrl}compare/?code=${TOWN}`);
    await waitForState(s, `code=${TOWN}&year=2020`);
    expect(await s.page.locator('#cmp-peers').inputValue()).toBe('county');
    expect(new URL(s.page.url()).searchParams.get('year')).toBe('2020');
    expect(await s.page.locator('#cmp-status').textContent()).toContain('没有其他');
  });

  it('sorts the group by any figure, largest first, and lists a picked town without that year’s report', async () => {
    await s.page.goto(`${siteUrl}${LIST_URL}`);
    await waitForState(s, new URL(LIST_URL, 'http://x/').searchParams.toString());
    await s.page.click('#cmp-table th button[data-sort="new_received__total"]');
    const cells = await s.page.locator('#cmp-table tbody tr td[data-measure="new_received__total"] .v').allTextContents();
    const values = cells.filter((c) => /^[\d,]+$/.test(c)).map((c) => Number(c.replace(/,/g, '')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(await s.page.locator('#cmp-table th[aria-sort="descending"]').textContent()).toContain('本年新收');
    // The outcomes of applications are compared too.
    expect(await s.page.locator('#cmp-self tr[data-measure="granted__total"] th').textContent()).toBe('予以公开');
  });

  it('picks a town by name and adds hand-picked peers', async () => {
    await s.page.goto(`${siteUrl}compare/`);
    expect(await s.page.locator('#cmp-status').textContent()).toContain('请先');
    const town = s.page.locator('#cmp-town');
    await town.focus();
    await town.pressSequentially('柘山');
    await s.page.locator('#cmp-town-list [role="option"]').first().click();
    await waitForState(s, 'code=370784118&year=2020');
    await s.page.selectOption('#cmp-peers', 'list');
    await waitForState(s, 'code=370784118&peers=list&year=2020');
    const add = s.page.locator('#cmp-add');
    await add.focus();
    await add.pressSequentially('洪官');
    await s.page.locator('#cmp-add-list [role="option"]').first().click();
    await waitForState(s, `code=370784118&peers=list&with=${TOWN}&year=2020`);
    expect(await s.page.locator('#cmp-chips li').allTextContents()).toEqual(['洪官屯镇×']);
    expect(await s.page.locator('#cmp-table tbody tr').count()).toBe(2);
  });

  it('prints on A4 with the title, the date and the source, without the controls', async () => {
    await s.page.goto(`${siteUrl}${LIST_URL}`);
    await waitForState(s, new URL(LIST_URL, 'http://x/').searchParams.toString());
    await s.page.emulateMedia({ media: 'print' });
    try {
      expect(await s.page.locator('#cmp-controls').isVisible()).toBe(false);
      expect(await s.page.locator('header.site').isVisible()).toBe(false);
      expect(await s.page.locator('#cmp-title').textContent()).toBe('洪官屯镇 2020 年度与自选乡镇街道对比');
      const meta = await s.page.locator('#cmp-meta').textContent();
      expect(meta).toMatch(/生成日期：\d{4}-\d\d-\d\d/);
      expect(meta).toContain('数据来源');
      expect(meta).toContain(`compare/?code=${TOWN}`);
      await screenshot(s.page, 'compare-print');
      const pdf = await s.page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.byteLength).toBeGreaterThan(10_000);
      writeFileSync(join(OUTPUT, 'compare-print.pdf'), pdf);
    } finally {
      await s.page.emulateMedia({ media: 'screen' });
    }
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('the comparison on a phone', () => {
  it('fits a 390 px screen without sideways scrolling', async () => {
    await onPhone(siteUrl!, async (s) => {
      await s.page.goto(`${siteUrl}${LIST_URL}`);
      await waitForState(s, new URL(LIST_URL, 'http://x/').searchParams.toString());
      await expectFits(s, 'compare-390');
    });
  });
});
