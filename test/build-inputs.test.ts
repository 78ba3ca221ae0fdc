// The data build on bad input and from the command line.
//
//   3 garbage files         one row each, failed with a finding naming the file
//   4 CLI exit codes        0, 1 (--strict), 2 (missing folder, bad --workers)

import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type Manifest } from '../src/lib/build/index.ts';
import { Db, parquet, type RowObject, runBuildCli, seededBytes, sqlString, tempDir } from './helpers/build.ts';
import { CLEAN_SAMPLE, closeDb, expectedStatus, expectSorted, FIGURE_TABLES, figuresOf, HONGZE, idOf, parseFile, RAW, TODAY } from './helpers/build-data.ts';

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

describe('3. garbage files', () => {
  const GOOD = 'good.txt';
  const COPIES = { 'gb18030.txt': 'gb18030', 'utf16le-bom.txt': 'utf-16le', 'utf16le.txt': 'utf-16le' } as const;
  const BAD = ['random.bin', 'empty.txt', 'page.html', 'fake.pdf', 'huge.txt'] as const;
  let raw: string;
  let out: string;
  let manifest: Manifest;
  let reports: RowObject[];

  beforeAll(async () => {
    raw = tempDir('garbage-raw');
    out = tempDir('garbage-out');
    const sample = readFileSync(join(RAW, CLEAN_SAMPLE));
    const text = sample.toString('utf8');
    writeFileSync(join(raw, GOOD), sample);
    writeFileSync(join(raw, 'random.bin'), seededBytes(20240601, 4096));
    writeFileSync(join(raw, 'empty.txt'), '');
    writeFileSync(join(raw, 'gb18030.txt'), iconv.encode(text, 'gb18030'));
    writeFileSync(join(raw, 'utf16le-bom.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(raw, 'utf16le.txt'), Buffer.from(text, 'utf16le'));
    writeFileSync(join(raw, 'page.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面不存在</title></head><body><h1>404 页面不存在</h1><p>您访问的页面已删除或移动，请返回首页。</p></body></html>');
    writeFileSync(join(raw, 'fake.pdf'), '%PDF-1.7\nthis is not a PDF at all\n%%EOF\n');
    writeFileSync(join(raw, 'huge.txt'), Buffer.alloc(8 * 1024 * 1024, 'a'));
    manifest = await buildData({ raw, out, today: TODAY });
    reports = await db.objects(`SELECT * FROM ${parquet(out, 'reports')}`);
  });

  it('the GB18030 copy really is not UTF-8, and the UTF-16 copies are UTF-16', () => {
    const gb = readFileSync(join(raw, 'gb18030.txt'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(iconv.decode(gb, 'gb18030')).toBe(readFileSync(join(raw, GOOD), 'utf8'));
    expect(readFileSync(join(raw, 'utf16le.txt'))[1]).toBe(0); // high byte of an ASCII-range first character
  });

  it('every file has exactly one row in reports; nothing is dropped', () => {
    const all = readdirSync(raw).sort();
    expect(all).toHaveLength(9);
    expect(reports.map((r) => r.source_file).sort()).toEqual(all);
    expect(manifest.files.total).toBe(all.length);
    expect(Object.values(manifest.files.by_status).reduce((a, b) => a + b, 0)).toBe(all.length);
  });

  it('each bad file is failed, with an error and an error-level finding whose message names the file', async () => {
    for (const file of BAD) {
      const row = reports.find((r) => r.source_file === file)!;
      expect(row.status, file).toBe('failed');
      expect(String(row.error), file).toContain(file);
      expect(row.is_primary, file).toBe(false);
      const findings = await db.objects(`SELECT rule, severity, message FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(file))}`);
      expect(findings.some((f) => f.severity === 'error' && String(f.message).includes(file)), `${file}: ${JSON.stringify(findings)}`).toBe(true);
      expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, 'summary')} WHERE report_id = ${sqlString(idOf(file))}`), file).toBe(0);
    }
    const rule = async (file: string) => (await db.rows(`SELECT rule FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(file))} AND severity = 'error'`)).map((r) => r[0]);
    expect(await rule('empty.txt')).toContain('input_empty');
    expect(await rule('random.bin')).toContain('input_binary');
    expect(await rule('huge.txt')).toContain('input_too_large');
    expect(await rule('page.html')).toContain('input_not_report');
    expect(reports.find((r) => r.source_file === 'huge.txt')!.source_bytes).toBe(String(8 * 1024 * 1024));
  });

  it('a file that could not be read has no figure rows', async () => {
    for (const file of BAD.filter((f) => f !== 'page.html')) {
      for (const t of FIGURE_TABLES) expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, t)} WHERE report_id = ${sqlString(idOf(file))}`), `${file} ${t}`).toBe(0);
    }
  });

  // Regression: a file that decodes but is not a report has no table rows at all, not rows of nulls.
  it('a file that is not a report has no figure rows either (no null review rows)', async () => {
    for (const t of FIGURE_TABLES) expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, t)} WHERE report_id = ${sqlString(idOf('page.html'))}`), `page.html ${t}`).toBe(0);
  });

  it('the GB18030 and UTF-16 copies give the same figures as the UTF-8 original', async () => {
    const good = reports.find((r) => r.source_file === GOOD)!;
    expect(good.status).toBe('ok');
    const original = await figuresOf(db, out, idOf(GOOD));
    expect(original.disclosures.length + original.applications.length + original.reviews.length).toBeGreaterThan(100);
    for (const [file, encoding] of Object.entries(COPIES)) {
      const row = reports.find((r) => r.source_file === file)!;
      expect({ status: row.status, encoding: row.source_encoding, town_code: row.town_code, year: row.year, template: row.template, published_on: row.published_on }, file).toEqual({
        status: good.status,
        encoding,
        town_code: good.town_code,
        year: good.year,
        template: good.template,
        published_on: good.published_on,
      });
      expect(await figuresOf(db, out, idOf(file)), file).toEqual(original);
    }
  });

  it('sorts the failed rows (no place) last', async () => {
    await expectSorted(db, out);
    const order = (await db.rows(`SELECT status FROM ${parquet(out, 'reports')}`)).map((r) => r[0]);
    expect(order).toEqual([...Array(4).fill('ok'), ...Array(5).fill('failed')]);
  });
});

// ---------------------------------------------------------------------------

describe.concurrent('4. CLI exit codes', () => {
  it('0 on data/raw without --strict', async ({ expect }) => {
    const out = tempDir('cli-0');
    const r = await runBuildCli(['--raw', 'data/raw', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('完成：7 个文件');
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('1 with --strict on data/raw (the 洪泽区 report’s section 四 totals are errors)', async ({ expect }) => {
    const out = tempDir('cli-1');
    const r = await runBuildCli(['--raw', 'data/raw', '--out', out, '--strict', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/--strict：0 个文件解析失败，\d+ 条错误级发现。/);
    // It still built, and the errors are the ones named.
    const errors = await db.rows(`SELECT r.source_file, f.rule FROM ${parquet(out, 'findings')} f JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE f.severity = 'error' ORDER BY 1, 2`);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual([HONGZE, 'review_total']);
  });

  it('0 with --strict on a folder holding only a clean sample', async ({ expect }) => {
    // Check first that the sample is clean: it decodes and parses without an error-level finding.
    const p = await parseFile(RAW, CLEAN_SAMPLE);
    expect(expectedStatus(p)).not.toBe('failed');
    expect([...p.decoded.findings, ...p.parsed!.record.findings].filter((f) => f.severity === 'error')).toEqual([]);
    const raw = tempDir('cli-clean-raw');
    copyFileSync(join(RAW, CLEAN_SAMPLE), join(raw, CLEAN_SAMPLE));
    const out = tempDir('cli-clean-out');
    const r = await runBuildCli(['--raw', raw, '--out', out, '--strict', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('2 on a missing raw folder (and nothing is written)', async ({ expect }) => {
    const out = join(tempDir('cli-missing'), 'out');
    const r = await runBuildCli(['--raw', join(tempDir('cli-missing-raw'), 'no-such-folder'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('原始报告目录不存在');
    expect(existsSync(out)).toBe(false);
  });

  it('2 on --workers abc (and on --workers 0 and an unknown option)', async ({ expect }) => {
    const out = join(tempDir('cli-workers'), 'out');
    const [abc, zero, unknown] = await Promise.all([
      runBuildCli(['--raw', 'data/raw', '--out', out, '--workers', 'abc']),
      runBuildCli(['--raw', 'data/raw', '--out', out, '--workers', '0']),
      runBuildCli(['--raw', 'data/raw', '--out', out, '--frobnicate']),
    ]);
    expect(abc.code).toBe(2);
    expect(abc.stderr).toContain('--workers 应为正整数：abc');
    expect(zero.code).toBe(2);
    expect(unknown.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('--no-cache parses every file again', async ({ expect }) => {
    const out = tempDir('cli-nocache');
    await buildData({ raw: RAW, out, today: TODAY });
    const r = await runBuildCli(['--raw', 'data/raw', '--out', out, '--no-cache', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('新解析 7，未改动 0');
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.files).toMatchObject({ total: 7, parsed: 7, unchanged: 0 });
  });
});

// ---------------------------------------------------------------------------
