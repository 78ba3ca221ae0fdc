// The report-quality index in headless Chromium, on the sample reports: the
// place page shows each report's score and parts with links to the findings
// behind them, the comparison ranks the peer group by it, and the quality
// page ranks cities and counties by it — each checked against the Parquet
// files read by DuckDB in Node.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { OUTPUT, openSession, screenshot, type Session } from './browser.ts';
import { expectFits, onPhone } from './checks.ts';
import { serverRunner } from '../../src/lib/db/server.ts';
import { QUALITY_PARTS } from '../../src/lib/quality-index.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');
const TOWN = '371503110'; // 洪官屯镇, 2020: section 四 missing, section 三 cut off
const SHANDONG = ['371503110', '370784118', '371581108']; // 洪官屯镇, 柘山镇, 潘庄镇

type Row = Record<string, string | number | boolean | null>;

async function sql(query: string): Promise<Row[]> {
  return (await serverRunner(dataDir!)).query(query);
}

describe.skipIf(!siteUrl)('the report-quality index in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('the place page shows each report’s score and parts, as the reports table has them', async () => {
    await s.page.goto(`${siteUrl}place/?code=${TOWN}`);
    await s.page.waitForFunction((c) => document.body.dataset.placeReady === c, TOWN, { timeout: 90_000 });
    const [r] = await sql(`SELECT * FROM reports WHERE town_code = '${TOWN}' AND year = 2020`);
    const block = s.page.locator(`article[data-report="${r.report_id}"] .qindex`);
    expect(Number(await block.getAttribute('data-quality'))).toBe(Number(r.quality_index));
    expect(await block.locator('.qscore').textContent()).toBe(Number(r.quality_index).toFixed(1));
    expect(await block.innerText()).toContain('不是官方评价');
    for (const p of QUALITY_PARTS) {
      const cells = await block.locator(`tr[data-part="${p.code}"] td`).allTextContents();
      const v = r[p.column];
      expect(cells[0], p.code).toBe(v === null ? '无法评价' : `${Math.round(Number(v) * 100)}%`);
      expect(cells[1]).toBe(String(p.weight));
    }
    expect(Number(r.quality_completeness)).toBeLessThan(1);
  });

  it('links each part to the findings behind it', async () => {
    const [r] = await sql(`SELECT report_id FROM reports WHERE town_code = '${TOWN}' AND year = 2020`);
    const id = String(r.report_id);
    const part = QUALITY_PARTS.find((p) => p.code === 'completeness')!;
    const findings = await sql(`SELECT seq, rule FROM findings WHERE report_id = '${id}' AND rule IN (${part.rules.map((x) => `'${x}'`).join(', ')}) ORDER BY seq`);
    expect(findings.length).toBeGreaterThan(0);
    const links = s.page.locator(`article[data-report="${id}"] .qindex tr[data-part="completeness"] a.qlink`);
    expect(await links.count()).toBe(findings.length);
    const href = await links.first().getAttribute('href');
    expect(href).toBe(`#f-${id}-${Number(findings[0].seq) + 1}`);
    const target = s.page.locator(href!);
    expect(await target.getAttribute('data-rule')).toBe(findings[0].rule);
    // The cross-report findings are linked too: 洪官屯镇 has no 2019 report, so continuity cannot be judged.
    expect(await s.page.locator(`article[data-report="${id}"] .qindex tr[data-part="continuity"] td`).first().textContent()).toBe('无法评价');
    await screenshot(s.page, 'quality-index-place');
    await s.page.locator(`article[data-report="${id}"] .qindex`).screenshot({ path: join(OUTPUT, 'quality-index-block.png') });
  });

  it('the comparison ranks the peer group by the index, best first', async () => {
    const url = `compare/?code=${TOWN}&peers=province&year=2020`;
    await s.page.goto(`${siteUrl}${url}`);
    await s.page.waitForFunction((p) => document.body.dataset.compare === p, new URL(url, 'http://x/').searchParams.toString(), { timeout: 90_000 });
    const shown = await s.page.$$eval('#cmp-qrank tbody tr', (trs) => trs.map((tr) => ({ code: tr.getAttribute('data-code'), score: tr.querySelector('td[data-k="quality"]')?.textContent })));
    const expected = await sql(`SELECT town_code, quality_index FROM summary WHERE is_primary AND level = 'town' AND year = 2020 AND province_code = '37' ORDER BY quality_index DESC NULLS LAST, town_code`);
    expect(shown.map((x) => x.code)).toEqual(expected.map((x) => x.town_code));
    expect(shown.map((x) => x.score)).toEqual(expected.map((x) => Number(x.quality_index).toFixed(1)));
    expect(new Set(shown.map((x) => x.code))).toEqual(new Set(SHANDONG.filter((c) => expected.some((e) => e.town_code === c))));
    expect(await s.page.locator('#cmp-quality-wrap').innerText()).toContain('不是官方评价');
  });

  it('/quality/ ranks the cities by the mean index of their reports, and counties within a province', async () => {
    await s.page.goto(`${siteUrl}quality/`);
    const cities = await s.page.$$eval('table.q-league[data-grain="city"] tbody tr', (trs) => trs.map((tr) => ({ code: tr.getAttribute('data-code'), mean: tr.querySelector('td[data-k="mean"]')?.textContent })));
    const expected = await sql(`SELECT city_code, avg(quality_index) AS mean FROM reports WHERE is_primary AND status <> 'failed' AND city_code IS NOT NULL GROUP BY city_code ORDER BY mean DESC NULLS LAST, city_code`);
    expect(cities.map((c) => c.code)).toEqual(expected.map((e) => e.city_code));
    expect(cities.map((c) => c.mean)).toEqual(expected.map((e) => Number(e.mean).toFixed(1)));
    await s.page.goto(`${siteUrl}quality/?p=37`);
    await s.page.waitForFunction(() => document.body.dataset.view === 'p=37' && document.body.dataset.mode !== 'build', undefined, { timeout: 90_000 });
    const counties = await s.page.$$eval('table.q-league[data-grain="county"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-code')));
    const expectedCounties = await sql(`SELECT county_code, avg(quality_index) AS mean FROM reports WHERE is_primary AND status <> 'failed' AND county_code IS NOT NULL AND province_code = '37' GROUP BY county_code ORDER BY mean DESC NULLS LAST, county_code`);
    expect(counties).toEqual(expectedCounties.map((e) => e.county_code));
    expect(s.consoleErrors).toEqual([]);
  });

  it('fits a phone screen on every page', async () => {
    await onPhone(siteUrl!, async (phone) => {
      await phone.page.goto(`${siteUrl}place/?code=${TOWN}`);
      await phone.page.waitForFunction((c) => document.body.dataset.placeReady === c, TOWN, { timeout: 90_000 });
      await expectFits(phone, 'quality-index-place-phone');
      await phone.page.goto(`${siteUrl}quality/#q-league`);
      await expectFits(phone);
      await phone.page.locator('#q-league').screenshot({ path: join(OUTPUT, 'quality-index-league-phone.png') });
    });
  });
});
