// The data build run again: what an incremental build takes over, and reports given twice.
//
//   5 incremental builds    unchanged files not parsed, same contents
//   6 duplicates            one primary per town-year, counted once

import { copyFileSync, cpSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type Manifest } from '../src/lib/build/index.ts';
import { FIGURE_COLUMNS } from '../src/lib/build/summary.ts';
import { Db, parquet, type RowObject, sha256File, sqlString, tempDir } from './helpers/build.ts';
import { CLEAN_SAMPLE, closeDb, idOf, RAW, readAllTables, TODAY } from './helpers/build-data.ts';

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

describe('5. incremental builds', () => {
  let raw: string;
  let out: string;
  let first: Awaited<ReturnType<typeof readAllTables>>;
  const CHANGED = CLEAN_SAMPLE;
  const DELETED = '004_c11732510b83538c.txt';

  beforeAll(async () => {
    raw = tempDir('inc-raw');
    out = tempDir('inc-out');
    cpSync(RAW, raw, { recursive: true });
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 7, parsed: 7, unchanged: 0 });
    first = await readAllTables(db, out);
  });

  it('a second build parses nothing and gives identical tables', async () => {
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 7, parsed: 0, unchanged: 7 });
    expect(await readAllTables(db, out)).toEqual(first);
  });

  it('touching a file’s mtime without changing it still parses nothing', async () => {
    const future = new Date(Date.now() + 3_600_000);
    for (const f of readdirSync(raw)) utimesSync(join(raw, f), future, future);
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 7, parsed: 0, unchanged: 7 });
    expect(await readAllTables(db, out)).toEqual(first);
  });

  it('changing one file’s content parses exactly that one, and its rows change', async () => {
    const path = join(raw, CHANGED);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('行政许可\t0\t');
    writeFileSync(path, text.replace('行政许可\t0\t', '行政许可\t5\t'));
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 7, parsed: 1, unchanged: 6 });
    const id = idOf(CHANGED);
    const [row] = await db.objects(`SELECT value, raw FROM ${parquet(out, 'disclosures')} WHERE report_id = ${sqlString(id)} AND item = 'licensing' AND measure = 'decisions'`);
    expect(row).toEqual({ value: 5, raw: '5' });
    const [summary] = await db.objects(`SELECT licensing__decisions FROM ${parquet(out, 'summary')} WHERE report_id = ${sqlString(id)}`);
    expect(summary.licensing__decisions).toBe(5);
    const [rep] = await db.objects(`SELECT source_sha256 FROM ${parquet(out, 'reports')} WHERE report_id = ${sqlString(id)}`);
    expect(rep.source_sha256).toBe(sha256File(path));
    // The other reports' rows are untouched.
    const now = await readAllTables(db, out);
    for (const t of ['reports', 'disclosures', 'applications', 'reviews', 'findings', 'checks']) {
      const idCol = now[t].columns.indexOf('report_id');
      const others = (rows: unknown[][]) => rows.filter((r) => r[idCol] !== id);
      expect(others(now[t].rows), t).toEqual(others(first[t].rows));
    }
  });

  it('deleting a file removes its rows from every table', async () => {
    unlinkSync(join(raw, DELETED));
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 6, parsed: 0, unchanged: 6 });
    const id = idOf(DELETED);
    for (const t of ['reports', 'disclosures', 'applications', 'reviews', 'findings', 'checks', 'summary']) {
      expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, t)} WHERE report_id = ${sqlString(id)}`), t).toBe(0);
    }
    // 004 was the only report of its county and year.
    const cols = first.reports.columns;
    const before = first.reports.rows.find((r) => r[cols.indexOf('report_id')] === id)!;
    const [county, year] = [before[cols.indexOf('county_code')], before[cols.indexOf('year')]];
    expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, 'region_year')} WHERE county_code = ${sqlString(String(county))} AND year = ${Number(year)}`)).toBe(0);
    expect(m.files.by_status).toEqual({ ok: 4, partial: 2 });
  });

  it('cache: false parses every file, and gives the same tables as the cached build', async () => {
    const cached = await readAllTables(db, out);
    const m = await buildData({ raw, out, today: TODAY, cache: false });
    expect(m.files).toMatchObject({ total: 6, parsed: 6, unchanged: 0 });
    expect(await readAllTables(db, out)).toEqual(cached);
  });
});

describe('5b. incremental builds with duplicates and oversized files', () => {
  let raw: string;
  let out: string;

  beforeAll(async () => {
    raw = tempDir('inc-dup-raw');
    out = tempDir('inc-dup-out');
    const text = readFileSync(join(RAW, CLEAN_SAMPLE), 'utf8');
    writeFileSync(join(raw, 'a.txt'), text);
    writeFileSync(join(raw, 'b.txt'), `${text}\n`); // byte-different copy of the same town-year
    const m = await buildData({ raw, out, today: TODAY, workers: 1 });
    expect(m.findings.by_rule).toEqual({ duplicate_report: 2 });
    unlinkSync(join(raw, 'b.txt'));
    const m2 = await buildData({ raw, out, today: TODAY, workers: 1 });
    expect(m2.files).toMatchObject({ total: 1, parsed: 0, unchanged: 1 });
  });

  it('after a duplicate is deleted, the cached rebuild drops its duplicate findings and makes the other primary', async () => {
    const [row] = await db.objects(`SELECT is_primary, duplicate_of FROM ${parquet(out, 'reports')}`);
    expect(row).toEqual({ is_primary: true, duplicate_of: null });
    expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, 'findings')}`)).toBe(0);
  });

  // Regression: finding counts are recounted for every report, cached ones included.
  it('…and recounts the report’s findings (findings_info is 0, as in a clean build)', async () => {
    const [row] = await db.objects(`SELECT findings_error, findings_warning, findings_info FROM ${parquet(out, 'reports')}`);
    expect(row).toEqual({ findings_error: 0, findings_warning: 0, findings_info: 0 });
  });

  // Regression: report_id breaks sort ties, so the same inputs give byte-identical files.
  it('building an unchanged folder twice gives the same reports.parquet (ties broken by report_id)', async () => {
    const r = tempDir('ties-raw');
    const o = tempDir('ties-out');
    writeFileSync(join(r, 'a_empty.txt'), '');
    writeFileSync(join(r, 'b_big.txt'), Buffer.alloc(2048, 'a'));
    const m1 = await buildData({ raw: r, out: o, today: TODAY, workers: 1, maxBytes: 1024 });
    const order1 = (await db.rows(`SELECT source_file FROM ${parquet(o, 'reports')}`)).map((x) => x[0]);
    const m2 = await buildData({ raw: r, out: o, today: TODAY, workers: 1, maxBytes: 1024 });
    const order2 = (await db.rows(`SELECT source_file FROM ${parquet(o, 'reports')}`)).map((x) => x[0]);
    expect(m1.files.by_status).toEqual({ failed: 2 });
    expect(order2).toEqual(order1);
    const sha = (m: Manifest) => m.outputs.find((x) => x.file === 'reports.parquet')!.sha256;
    expect(sha(m2)).toBe(sha(m1));
  });
});

// ---------------------------------------------------------------------------

describe('6. duplicates', () => {
  let raw: string;
  let out: string;
  let reports: RowObject[];
  const ORIGINAL = 'a_original.txt';
  const LATER = 'b_later.txt';
  const SHORTER = 'c_line_removed.txt';
  const GROUP = [ORIGINAL, LATER, SHORTER];
  // A second group: 002_… has no closing date; a copy with one is published later than "unknown".
  const UNDATED = 'd_undated.txt';
  const DATED = 'e_dated.txt';

  beforeAll(async () => {
    raw = tempDir('dup-raw');
    out = tempDir('dup-out');
    const text = readFileSync(join(RAW, CLEAN_SAMPLE), 'utf8');
    expect(text).toContain('2022年1月21日');
    expect(text).toMatch(/^行政许可\t0\t\t\n/m);
    writeFileSync(join(raw, ORIGINAL), text);
    writeFileSync(join(raw, LATER), text.replace('2022年1月21日', '2022年3月8日'));
    writeFileSync(join(raw, SHORTER), text.replace(/^行政许可\t0\t\t\n/m, ''));
    const undated = readFileSync(join(RAW, '002_6d8ce434c4304d77.txt'), 'utf8');
    writeFileSync(join(raw, UNDATED), undated);
    writeFileSync(join(raw, DATED), `${undated.trimEnd()}\n\n过马营镇人民政府\n2021年1月20日\n`);
    copyFileSync(join(RAW, '000_0e823e9c66ae55d4.txt'), join(raw, 'other.txt'));
    await buildData({ raw, out, today: TODAY });
    reports = await db.objects(`SELECT * FROM ${parquet(out, 'reports')}`);
  });

  const row = (file: string) => reports.find((r) => r.source_file === file)!;

  it('the copies are byte-different reports of the same town and year', () => {
    const shas = new Set(GROUP.map((f) => row(f).source_sha256));
    expect(shas.size).toBe(3);
    for (const f of GROUP) expect({ town_code: row(f).town_code, year: row(f).year, status: row(f).status === 'failed' }, f).toEqual({ town_code: '371581108', year: 2021, status: false });
    expect(row(LATER).published_on).toBe('2022-03-08');
    expect(row(ORIGINAL).published_on).toBe('2022-01-21');
    expect(Number(row(SHORTER).completeness)).toBeLessThan(Number(row(ORIGINAL).completeness));
    expect(row(UNDATED).published_on).toBe(null);
    expect(row(DATED).published_on).toBe('2021-01-20');
  });

  it('all rows stay; exactly one is primary (the later published), the others point to it', () => {
    expect(reports).toHaveLength(6);
    expect(GROUP.filter((f) => row(f).is_primary)).toEqual([LATER]);
    expect(row(LATER).duplicate_of).toBe(null);
    for (const f of [ORIGINAL, SHORTER]) expect(row(f).duplicate_of, f).toBe(idOf(LATER));
    expect([UNDATED, DATED].filter((f) => row(f).is_primary)).toEqual([DATED]);
    expect(row(UNDATED).duplicate_of).toBe(idOf(DATED));
    expect(row('other.txt')).toMatchObject({ is_primary: true, duplicate_of: null });
  });

  it('each member has one duplicate_report finding naming the group and the primary', async () => {
    for (const [members, primary] of [[GROUP, LATER], [[UNDATED, DATED], DATED]] as const) {
      for (const f of members) {
        const found = await db.objects(`SELECT message, severity, seq FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(f))} AND rule = 'duplicate_report'`);
        expect(found, f).toHaveLength(1);
        for (const m of members) expect(found[0].message, f).toContain(m);
        expect(found[0].message, f).toContain(`“${primary}”`);
        // The finding is counted in the report's row.
        expect(Number(row(f).findings_info), f).toBe(await db.scalar(`SELECT count(*) FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(f))} AND severity = 'info'`));
      }
    }
    expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf('other.txt'))} AND rule = 'duplicate_report'`)).toBe(0);
  });

  it('summary and region_year count the town-year once (the primary’s figures)', async () => {
    const summary = await db.objects(`SELECT * FROM ${parquet(out, 'summary')} WHERE town_code = '371581108' AND year = 2021`);
    expect(summary).toHaveLength(3);
    const primary = summary.filter((s) => s.is_primary);
    expect(primary.map((s) => s.source_file)).toEqual([LATER]);
    const regions = await db.objects(`SELECT * FROM ${parquet(out, 'region_year')} WHERE county_code = '371581' AND year = 2021`);
    expect(regions).toHaveLength(1);
    const region = regions[0];
    expect(Number(region.reports)).toBe(1);
    expect(Number(region.towns)).toBe(1);
    expect(region.proactive_items).toBe(primary[0].proactive_items);
    // Sums over one report are its figures, and each figure is counted by one report (not three).
    let given = 0;
    for (const col of FIGURE_COLUMNS) {
      const v = primary[0][col.name];
      expect(region[col.name], col.name).toBe(v);
      expect(Number(region[`n_${col.name}`]), `n_${col.name}`).toBe(v === null ? 0 : 1);
      if (v !== null) given++;
    }
    expect(given).toBeGreaterThan(40);
    // And the other group too.
    const other = await db.objects(`SELECT reports FROM ${parquet(out, 'region_year')} WHERE county_code = ${sqlString(String(row(DATED).county_code))} AND year = 2020`);
    expect(other.map((r) => Number(r.reports))).toEqual([1]);
  });
});

// ---------------------------------------------------------------------------
