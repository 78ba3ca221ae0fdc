// The SQL console stops a query that runs away: by the 停止查询 button, by
// the time limit, or when a newer query is asked for; and the next query runs
// at once. A query that does not answer DuckDB's cancel request (each slice
// of its work outlasts the grace period) is stopped by restarting the engine,
// and the tables the next query needs are loaded again.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';

const siteUrl = inject('siteUrl');
const page = () => `${siteUrl}sql/`;

/** Minutes of work for DuckDB-WASM, in slices that each read the cancel request. */
const CROSS_JOIN = 'SELECT count(*) FROM range(1000000) a, range(1000000) b';
/** Work whose slices each take many seconds: the cancel request is read too late. */
const DEAF = 'SELECT sum(len(list_filter(range(5000 + i % 2), x -> x % 7 = 0))) FROM range(10000000) t(i)';
const COUNT = 'SELECT count(*) AS n FROM reports';

type Ending = 'done' | 'error' | 'stopped';

async function start(s: Session, sql: string) {
  await s.page.fill('#sql-q', sql);
  await s.page.evaluate(() => (document.body.dataset.sql = 'submitted'));
  await s.page.click('#sql-run');
}

async function ending(s: Session, timeout = 90_000): Promise<{ state: Ending; seconds: number; message: string }> {
  const t0 = Date.now();
  await s.page.waitForFunction(() => ['done', 'error', 'stopped'].includes(document.body.dataset.sql ?? ''), null, { timeout });
  return {
    state: (await s.page.evaluate(() => document.body.dataset.sql)) as Ending,
    seconds: (Date.now() - t0) / 1000,
    message: (await s.page.locator('#sql-error').textContent()) ?? '',
  };
}

/** The reports count, run right after a stop: it must not wait behind the stopped query. */
async function countRuns(s: Session): Promise<number> {
  await start(s, COUNT);
  const end = await ending(s, 60_000);
  expect(end.state, end.message).toBe('done');
  return Number(await s.page.locator('#sql-table tbody td').first().textContent());
}

describe.skipIf(!siteUrl)('SQL console: stopping a query', () => {
  let s: Session;
  let reports = 0;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
    await s.page.goto(page());
    reports = await countRuns(s);
  });
  afterAll(async () => s?.close());

  it('has a default time limit of 30 s and a stop button shown only while a query runs', async () => {
    expect(reports).toBeGreaterThan(0);
    expect(await s.page.locator('#sql-limit').inputValue()).toBe('30');
    expect(await s.page.locator('#sql-stop').isVisible()).toBe(false);
  });

  it('stops a cross join of two range(1000000) when 停止查询 is pressed, and runs the next query at once', async () => {
    await start(s, CROSS_JOIN);
    await s.page.waitForTimeout(1500);
    expect(await s.page.locator('#sql-stop').isVisible()).toBe(true);
    await screenshot(s.page, 'sql-running');
    await s.page.click('#sql-stop');
    const end = await ending(s, 20_000);
    expect(end.state).toBe('stopped');
    expect(end.message).toMatch(/^查询已停止。/);
    expect(await s.page.locator('#sql-stop').isVisible()).toBe(false);
    await screenshot(s.page, 'sql-stopped');
    expect(await countRuns(s)).toBe(reports);
  });

  it('stops a query at the time limit with a message saying so', async () => {
    await s.page.selectOption('#sql-limit', '10');
    await start(s, CROSS_JOIN);
    const end = await ending(s, 40_000);
    expect(end.state).toBe('stopped');
    expect(end.message).toMatch(/^查询超过了 10 秒的时限，已停止。/);
    expect(end.seconds).toBeGreaterThanOrEqual(9);
    await screenshot(s.page, 'sql-time-limit');
    expect(await countRuns(s)).toBe(reports);
    await s.page.selectOption('#sql-limit', '30');
  });

  it('stops a running query when another is asked for, and runs that one', async () => {
    await start(s, CROSS_JOIN);
    await s.page.waitForTimeout(1000);
    const t0 = Date.now();
    expect(await countRuns(s)).toBe(reports);
    expect((Date.now() - t0) / 1000).toBeLessThan(20);
    expect(await s.page.locator('#sql-error').isVisible()).toBe(false);
  });

  it('restarts the engine when a query ignores the cancel request, and the next query loads its tables again', async () => {
    await start(s, DEAF);
    await s.page.waitForTimeout(1500);
    await s.page.click('#sql-stop');
    const end = await ending(s, 30_000);
    expect(end.state).toBe('stopped');
    expect(end.message).toMatch(/^查询已停止。\n查询引擎没有及时响应停止请求，已重新启动/);
    // The status line follows the new engine's start, and is cleared once it is ready.
    await s.page.waitForFunction(() => document.querySelector('#sql-status')?.textContent === '', null, { timeout: 60_000 });
    expect(await countRuns(s)).toBe(reports);
    // A table read by province works after the restart too.
    await start(s, "SELECT count(*) FROM reports WHERE province_code = '37'");
    expect((await ending(s)).state).toBe('done');
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('SQL console: stopping on a phone', () => {
  it('shows the stop button and the time-limit message within a 390 px screen', async () => {
    await onPhone(siteUrl!, async (s) => {
      await s.page.goto(page());
      await s.page.selectOption('#sql-limit', '10');
      await start(s, CROSS_JOIN);
      await s.page.waitForFunction(() => !(document.querySelector('#sql-stop') as HTMLElement).hidden, null, { timeout: 30_000 });
      await expectFits(s, 'sql-running-390');
      const end = await ending(s, 60_000);
      expect(end.state).toBe('stopped');
      await expectFits(s, 'sql-time-limit-390');
    });
  });
});
