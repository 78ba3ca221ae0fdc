// npm run collect against two fixture county sites on 127.0.0.1
// (test/helpers/collect-site.ts): what is saved, with which provenance; what
// is never asked for; the rate per host, hosts in parallel and Retry-After;
// failures and their reasons; a second run that only asks conditionally and
// writes nothing; and the data build over the collected folder, which must
// give the samples' figures.

import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userAgent } from '../src/lib/collect/args.ts';
import { collect, type CollectOptions, type CollectSummary } from '../src/lib/collect/crawler.ts';
import type { Sidecar } from '../src/lib/collect/sidecar.ts';
import { readJournal, STATE_FILE } from '../src/lib/collect/state.ts';
import { buildData } from '../src/lib/build/index.ts';
import { Db, parquet, removeTempDirs, sha256, tempDir } from './helpers/build.ts';
import { FIXTURE_REPORTS, FixtureServer, NEVER_A, SITE_A, siteA, siteB, type LoggedRequest } from './helpers/collect-site.ts';

const RATE = 20;
const INTERVAL = 1000 / RATE;
const TODAY = new Date('2026-06-01T00:00:00Z');

let a: FixtureServer;
let b: FixtureServer;
let other: FixtureServer;
let out: string;
let options: CollectOptions;
let first: CollectSummary;
let firstLog: { a: LoggedRequest[]; b: LoggedRequest[] };

/** Every file under the output folder but dot-files: path → sha256 and mtime. */
function snapshot(dir: string): Map<string, { sha: string; mtime: number }> {
  const files = new Map<string, { sha: string; mtime: number }>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(relative(dir, full), { sha: sha256(readFileSync(full)), mtime: statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return files;
}

const reportFiles = (dir: string) => [...snapshot(dir).keys()].filter((f) => !f.endsWith('.meta.json')).sort();
const sidecarOf = (file: string): Sidecar => JSON.parse(readFileSync(join(out, `${file}.meta.json`), 'utf8')) as Sidecar;

beforeAll(async () => {
  other = await FixtureServer.start();
  a = await FixtureServer.start(await siteA(other.origin));
  b = await FixtureServer.start(await siteB());
  out = tempDir('collect');
  options = {
    seeds: [`${a.origin}/xxgk/ndbg/index.html`, `${b.origin}/col/col3620/index.html`],
    out,
    rate: RATE,
    years: { from: 2019, to: 2024 },
    max: null,
    userAgent: userAgent('0.0.0-test', 'data-team@example.org'),
    http: { backoffMs: 50, maxBytes: 1024 * 1024, timeoutMs: 10_000 },
  };
  first = await collect(options);
  firstLog = { a: [...a.log], b: [...b.log] };
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), other?.close()]);
  removeTempDirs();
});

describe('collect: the fixture county sites', () => {
  it('saves the four reports once each, with their addresses and how they were found', () => {
    const files = reportFiles(out);
    // 潘庄镇 (page), 柘山镇 (its .docx only: the page is a pointer), 洪官屯镇 (GBK page), 洛碛镇 (page and .docx).
    expect(files).toHaveLength(5);
    const bySource = new Map(files.map((f) => [new URL(sidecarOf(f).source_url).pathname, f]));
    for (const r of FIXTURE_REPORTS) expect(bySource.has(r.path), `${r.agency}: ${r.path}`).toBe(true);
    expect(bySource.has('/attach/2020/P020200120.docx')).toBe(true);
    expect(bySource.has('/xxgk/ndbg/202101/t20210125_102.html'), 'a pointer page is not saved').toBe(false);

    const panzhuang = sidecarOf(bySource.get(FIXTURE_REPORTS[0].path)!);
    expect(panzhuang).toMatchObject({
      listing_url: `${a.origin}/xxgk/ndbg/index.html`,
      link_text: '潘庄镇2021年政府信息公开工作年度报告',
      page: { title: '潘庄镇2021年政府信息公开工作年度报告', site_name: SITE_A, date: '2022-01-20', breadcrumbs: ['首页', '政务公开', '政府信息公开年报'] },
      relation: null,
    });
    expect(panzhuang.sha256).toBe(sha256(readFileSync(join(out, bySource.get(FIXTURE_REPORTS[0].path)!))));
    expect(panzhuang.etag).toMatch(/^"/);
    expect(Date.parse(panzhuang.fetched_at)).toBeGreaterThan(Date.now() - 600_000);

    const zheshan = sidecarOf(bySource.get(FIXTURE_REPORTS[1].path)!);
    expect(bySource.get(FIXTURE_REPORTS[1].path)).toMatch(/\.docx$/);
    expect(zheshan.relation).toEqual({ kind: 'attachment-of', page_url: `${a.origin}/xxgk/ndbg/202101/t20210125_102.html`, page_file: null });
    expect(zheshan.page.title).toBe('柘山镇人民政府2020年政府信息公开工作年度报告');
    expect(zheshan.etag).toBeNull();
    expect(zheshan.last_modified).toBe('Mon, 20 Jan 2025 08:00:00 GMT');

    const luoqiPage = bySource.get(FIXTURE_REPORTS[3].path)!;
    expect(sidecarOf(luoqiPage).relation).toEqual({ kind: 'has-attachments', attachments: [`${b.origin}/attach/2020/P020200120.docx`] });
    expect(sidecarOf(bySource.get('/attach/2020/P020200120.docx')!).relation).toEqual({ kind: 'attachment-of', page_url: `${b.origin}${FIXTURE_REPORTS[3].path}`, page_file: luoqiPage });
    expect(first.saved).toBe(5);
  });

  it('never asks for notices, robots.txt-disallowed drafts, other hosts or years out of range, and asks for a report linked twice once', () => {
    const paths = firstLog.a.map((r) => r.path);
    for (const p of NEVER_A) expect(paths, p).not.toContain(p);
    expect(other.log).toEqual([]);
    expect(paths.filter((p) => p === FIXTURE_REPORTS[0].path)).toHaveLength(1);
    expect(firstLog.a[0].path).toBe('/robots.txt');
    expect(firstLog.b[0].path).toBe('/robots.txt');
    expect(first.skipped).toEqual({ robots: 1, 'off-host': 1, notice: 1, year: 1 });
    // The script-written pager of site B was followed.
    expect(firstLog.b.map((r) => r.path)).toContain('/col/col3620/index_1.html');
  });

  it('names the project and the contact in the User-Agent', () => {
    for (const r of [...firstLog.a, ...firstLog.b]) expect(r.userAgent).toBe('gov-disclosure-reports/0.0.0-test (collect; +contact: data-team@example.org)');
  });

  it('keeps requests to one host apart, fetches hosts in parallel and waits as Retry-After says', () => {
    for (const log of [firstLog.a, firstLog.b]) {
      for (let i = 1; i < log.length; i++) expect(log[i].at - log[i - 1].at, `${log[i - 1].path} → ${log[i].path}`).toBeGreaterThanOrEqual(INTERVAL - 2);
    }
    const span = (log: LoggedRequest[]) => [log[0].at, log[log.length - 1].at];
    const [a0, a1] = span(firstLog.a);
    const [b0, b1] = span(firstLog.b);
    expect(Math.max(a0, b0)).toBeLessThan(Math.min(a1, b1));
    const i = firstLog.b.findIndex((r) => r.status === 429);
    expect(firstLog.b[i + 1].path).toBe(FIXTURE_REPORTS[2].path);
    expect(firstLog.b[i + 1].at - firstLog.b[i].at).toBeGreaterThanOrEqual(1000 - 2);
  });

  it('retries 5xx with backoff, and keeps failures in the state file with their reasons', () => {
    const flaky = firstLog.a.filter((r) => r.path === '/xxgk/ndbg/index_2.html');
    expect(flaky.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(flaky[1].at - flaky[0].at).toBeGreaterThanOrEqual(50);
    expect(flaky[2].at - flaky[1].at).toBeGreaterThanOrEqual(100);
    // No retry of a redirect loop; the oversized file was cut off and not saved.
    expect(firstLog.a.filter((r) => r.path.startsWith('/r/')).map((r) => r.path)).toEqual(['/r/a.html', '/r/b.html']);
    const { entries } = readJournal(readFileSync(join(out, STATE_FILE), 'utf8'));
    expect(entries.get(`${a.origin}/r/a.html`)).toMatchObject({ status: 'failed', reason: 'redirect-loop' });
    expect(entries.get(`${a.origin}/xxgk/ndbg/202201/P020220301.pdf`)).toMatchObject({ status: 'failed', reason: 'too-large' });
    expect(first.failed).toEqual({ 'redirect-loop': 1, 'too-large': 1 });
    expect(snapshot(out).size).toBe(10);
  });
});

describe('collect: a second run', () => {
  let second: CollectSummary;
  let before: Map<string, { sha: string; mtime: number }>;
  let log: { a: LoggedRequest[]; b: LoggedRequest[] };

  beforeAll(async () => {
    before = snapshot(out);
    const [na, nb] = [a.log.length, b.log.length];
    second = await collect(options);
    log = { a: a.log.slice(na), b: b.log.slice(nb) };
  }, 180_000);

  it('asks only conditionally for what it has, gets 304s and writes nothing', () => {
    expect(snapshot(out)).toEqual(before);
    expect(second.saved).toBe(0);
    expect(second.unchanged).toBe(5);
    for (const site of ['a', 'b'] as const) {
      // The oversized file was answered 200 but cut off: it failed, and has no validators.
      const okBefore = new Set(firstLog[site].filter((r) => r.status === 200 && !r.path.endsWith('P020220301.pdf')).map((r) => r.path));
      for (const r of log[site]) {
        if (okBefore.has(r.path)) expect({ path: r.path, conditional: r.conditional, status: r.status }).toEqual({ path: r.path, conditional: true, status: 304 });
      }
    }
    // Asked without validators: only what failed last time (retried, as promised) and site B's missing robots.txt.
    const unconditional = [...log.a, ...log.b].filter((r) => !r.conditional).map((r) => r.path).sort();
    expect(unconditional).toEqual(['/r/a.html', '/r/b.html', '/robots.txt', '/xxgk/ndbg/202201/P020220301.pdf']);
  });
});

describe('build:data over the collected folder', () => {
  let db: Db;
  let collected: string;
  let samples: string;

  beforeAll(async () => {
    db = await Db.open();
    collected = tempDir('collect-build');
    samples = tempDir('collect-samples');
    const raw = tempDir('collect-samples-raw');
    for (const r of FIXTURE_REPORTS) copyFileSync(join(import.meta.dirname, '..', 'data', 'raw', r.sample), join(raw, r.sample));
    await buildData({ raw: out, out: collected, workers: 1, csv: false, today: TODAY });
    await buildData({ raw, out: samples, workers: 1, csv: false, today: TODAY });
  }, 300_000);

  afterAll(() => db?.close());

  it('reads the sidecars into reports and no sidecar as a report', async () => {
    const rows = await db.objects(`SELECT source_file, source_url, source_title, source_fetched_at, status FROM ${parquet(collected, 'reports')} ORDER BY source_file`);
    expect(rows.map((r) => r.source_file)).toEqual(reportFiles(out));
    for (const r of rows) {
      const meta = sidecarOf(String(r.source_file));
      expect(r).toMatchObject({ source_url: meta.source_url, source_title: meta.page.title, source_fetched_at: new Date(meta.fetched_at).toISOString() });
      expect(r.status).not.toBe('failed');
    }
  });

  it('gives the same figures as the samples', async () => {
    const figures = async (dir: string, table: string, keys: string) =>
      db.rows(`SELECT r.agency, r.year, ${keys}, t.value FROM ${parquet(dir, table)} t JOIN ${parquet(dir, 'reports')} r USING (report_id) WHERE r.is_primary ORDER BY ALL`);
    for (const [table, keys] of [['disclosures', 't.item, t.measure, t.unit'], ['applications', 't.row, t.applicant'], ['reviews', 't.proceeding, t.outcome']]) {
      const expected = await figures(samples, table, keys);
      expect(expected.length, table).toBeGreaterThan(40);
      expect(await figures(collected, table, keys), table).toEqual(expected);
    }
    // 洛碛镇's page and its .docx are one report twice: both rows kept, one primary.
    expect(await db.scalar(`SELECT count(*) FROM ${parquet(collected, 'reports')} WHERE agency = '洛碛镇'`)).toBe(2);
    expect(await db.scalar(`SELECT count(*) FROM ${parquet(collected, 'reports')} WHERE agency = '洛碛镇' AND is_primary`)).toBe(1);
  });
});
