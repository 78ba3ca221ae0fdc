// The whole path once: raw reports → Parquet → static site under a sub-path
// → DuckDB-WASM in headless Chromium → Observable Plot chart.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';

const siteUrl = inject('siteUrl');

describe.skipIf(!siteUrl)('overview page in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('draws the procurement chart from DuckDB-WASM with the sample figures', { timeout: 120_000 }, async () => {
    await s.page.goto(siteUrl!);
    const chart = s.page.locator('figure#procurement[data-rendered-by="duckdb"] svg');
    await chart.waitFor({ timeout: 60_000 });
    const text = await chart.textContent();
    for (const town of ['洪官屯镇', '洛碛镇', '过马营镇']) expect(text).toContain(town);
    // The figures the chart shows, from its table.
    const rows = await s.page.locator('figure#procurement table.data tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('洪官屯镇') && r.includes('2020') && r.includes('483.7万元') && r.includes('3'))).toBe(true);
    expect(rows.some((r) => r.includes('洛碛镇') && r.includes('2019') && r.includes('24万元') && r.includes('315'))).toBe(true);
    expect(rows.some((r) => r.includes('过马营镇') && r.includes('2020') && r.includes('132.8万元'))).toBe(true);
    // 柘山镇 gives no procurement figures: it is listed as 未披露, not as 0.
    expect(rows.some((r) => r.includes('柘山镇') && r.includes('未披露'))).toBe(true);
    await screenshot(s.page, 'overview-procurement');
    expect(s.foreign, 'requests to other hosts').toEqual([]);
    expect(s.consoleErrors, 'console errors').toEqual([]);
    // The engine came from the site itself, gzipped.
    expect(s.requests.some((r) => r.url.endsWith('/duckdb/duckdb-eh.wasm.gz'))).toBe(true);
    expect(s.requests.some((r) => r.url.includes('/gov-reports/sub/data/summary.parquet'))).toBe(true);
  });
});
