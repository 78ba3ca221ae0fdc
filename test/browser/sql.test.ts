// The SQL console in headless Chromium, built under a sub-path: the example
// queries give what DuckDB in Node gives on the same Parquet files, the query
// lives in the URL, the result downloads as CSV with a BOM, and a query that
// writes or reads outside the site's files fails with a message and leaves
// the data as it was.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';
import { serverRunner } from '../../src/lib/db/server.ts';
import { cellText, resultCsv, type Cell } from '../../src/lib/db/sql-console.ts';

const siteUrl = inject('siteUrl');
const dataDir = inject('dataDir');
const page = () => `${siteUrl}sql/`;

async function run(s: Session, sql: string): Promise<'done' | 'error'> {
  await s.page.fill('#sql-q', sql);
  await s.page.evaluate(() => (document.body.dataset.sql = 'submitted'));
  await s.page.click('#sql-run');
  await s.page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.sql ?? ''), null, { timeout: 90_000 });
  return (await s.page.evaluate(() => document.body.dataset.sql)) as 'done' | 'error';
}

async function resultTable(s: Session): Promise<{ columns: string[]; rows: string[][] }> {
  return s.page.$eval('#sql-table', (t) => ({
    columns: [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  }));
}

async function inNode(sql: string): Promise<{ columns: string[]; rows: string[][] }> {
  const runner = await serverRunner(dataDir!);
  const rows = await runner.query(sql);
  return { columns: rows.length ? Object.keys(rows[0]) : [], rows: rows.map((r) => Object.values(r).map((v) => cellText(v as Cell))) };
}

/** A fingerprint of the data tables, to tell that nothing changed them. */
const FINGERPRINT = `SELECT (SELECT count(*) FROM reports) AS reports, (SELECT sum(figures_given) FROM reports) AS given,
  (SELECT string_agg(report_id, ',' ORDER BY report_id) FROM reports) AS ids, (SELECT count(*) FROM findings) AS findings`;

describe.skipIf(!siteUrl)('SQL console in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('gives for every example what DuckDB in Node gives on the same Parquet', async () => {
    await s.page.goto(page());
    const examples = await s.page.$$eval('a.run-example', (as) => as.map((a) => ({ id: (a as HTMLElement).dataset.example!, sql: new URL((a as HTMLAnchorElement).href).searchParams.get('q')! })));
    expect(examples.map((e) => e.id)).toEqual(['procurement', 'balance', 'applicants', 'rules']);
    for (const e of examples) {
      await s.page.evaluate(() => (document.body.dataset.sql = 'submitted'));
      await s.page.click(`a.run-example[data-example="${e.id}"]`);
      await s.page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.sql ?? ''), null, { timeout: 90_000 });
      expect(await s.page.evaluate(() => document.body.dataset.sql), `${e.id}: ${await s.page.locator('#sql-error').textContent()}`).toBe('done');
      const expected = await inNode(e.sql);
      const got = await resultTable(s);
      if (expected.rows.length) expect(got.columns, e.id).toEqual(expected.columns);
      expect(got.rows, e.id).toEqual(expected.rows);
      // The query is in the URL, so the view can be shared.
      expect(new URL(s.page.url()).searchParams.get('q')).toBe(e.sql);
    }
    // The procurement example is not empty on the samples: 483.7万 for 洪官屯镇's province and year among them.
    await s.page.evaluate(() => (document.body.dataset.sql = 'submitted'));
    await s.page.click('a.run-example[data-example="procurement"]');
    await s.page.waitForFunction(() => document.body.dataset.sql === 'done');
    expect((await resultTable(s)).rows.some((r) => r.includes('4837000'))).toBe(true);
    await screenshot(s.page, 'sql-example');
  });

  it('runs a query from the URL, and downloads the result as CSV with a BOM', async () => {
    const sql = "SELECT report_id, agency, year, completeness FROM reports WHERE province_code = '37' ORDER BY report_id";
    await s.page.goto(`${page()}?q=${encodeURIComponent(sql)}`);
    await s.page.waitForFunction(() => document.body.dataset.sql === 'done', null, { timeout: 90_000 });
    expect(await s.page.inputValue('#sql-q')).toBe(sql);
    const expected = await inNode(sql);
    expect(await resultTable(s)).toEqual(expected);
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#sql-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const runner = await serverRunner(dataDir!);
    const rows = await runner.query(sql);
    expect(csv).toBe(resultCsv(expected.columns, rows.map((r) => Object.values(r) as Cell[])));
    expect(csv.startsWith('\uFEFFreport_id,agency,year,completeness\r\n')).toBe(true);
  });

  it('refuses what writes or reads outside the site’s files, with a message, and the data is unchanged', async () => {
    await s.page.goto(page());
    expect(await run(s, FINGERPRINT)).toBe('done');
    const before = await resultTable(s);
    expect(before).toEqual(await inNode(FINGERPRINT));
    const attempts: [string, RegExp][] = [
      ["SELECT * FROM read_parquet('http://example.com/data.parquet')", /^已拒绝/],
      ["SELECT * FROM 'http://example.com/data.csv'", /^已拒绝/],
      ["COPY reports TO 'reports.csv'", /只能运行只读的查询语句.*COPY/],
      ["COPY (SELECT * FROM reports) TO 'http://example.com/upload.csv'", /COPY/],
      ["ATTACH 'http://example.com/other.duckdb' AS other", /ATTACH/],
      ['INSTALL httpfs', /INSTALL/],
      ['LOAD httpfs', /LOAD/],
      ['DROP TABLE reports', /DROP/],
      ['DELETE FROM reports', /DELETE/],
      ["UPDATE reports SET figures_given = 0", /UPDATE/],
      ['SELECT 1; DROP TABLE reports', /一次只能运行一条语句/],
      ['SET enable_external_access = true', /SET/],
      ["SELECT * FROM query('DROP TABLE reports')", /.+/],
    ];
    for (const [sql, reason] of attempts) {
      expect(await run(s, sql), sql).toBe('error');
      const message = (await s.page.locator('#sql-error').textContent()) ?? '';
      expect(message, sql).toMatch(reason);
      expect(await s.page.locator('#sql-error').isVisible()).toBe(true);
      expect(await s.page.locator('#sql-table').count()).toBe(0);
    }
    expect(await run(s, FINGERPRINT)).toBe('done');
    expect(await resultTable(s)).toEqual(before);
    expect(s.foreign, 'requests to other hosts').toEqual([]);
  });

  it('explains an ordinary error plainly', async () => {
    await s.page.goto(page());
    expect(await run(s, 'SELECT no_such_column FROM reports')).toBe('error');
    expect(await s.page.locator('#sql-error').textContent()).toMatch(/^列名、表名或函数用法有误[\s\S]*no_such_column/);
    expect(await run(s, 'SELECT * FROM no_such_table')).toBe('error');
    expect(await s.page.locator('#sql-error').textContent()).toMatch(/^找不到/);
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('SQL console on a phone', () => {
  it('fits a 390 px screen, with a result', async () => {
    await onPhone(siteUrl!, async (s) => {
      await s.page.goto(`${page()}?q=${encodeURIComponent('SELECT * FROM reports')}`);
      await s.page.waitForFunction(() => document.body.dataset.sql === 'done', null, { timeout: 90_000 });
      await expectFits(s, 'sql-390');
    });
  });
});
