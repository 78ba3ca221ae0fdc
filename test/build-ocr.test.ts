// OCR through the whole data build: a saved web page whose table is a picture
// beside it (in its _files folder, itself a raw file). The picture is read
// once (the page and the picture file share its cached result), progress is
// logged, the OCR'd lines' boxes reach the source map, and neither an
// unchanged rebuild nor a rebuild that parses everything again OCRs anything.

import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { ocrCacheDir } from '../src/lib/build/ocr.ts';
import { closeDb, TODAY } from './helpers/build-data.ts';
import { Db, parquet, ROOT, tempDir, type RowObject } from './helpers/build.ts';

describe('a web page with a picture of its table, through the build', () => {
  const raw = tempDir('ocr-raw');
  const out = tempDir('ocr-out');
  let db: Db;
  let log: string[] = [];
  let reports: RowObject[];

  beforeAll(async () => {
    cpSync(join(ROOT, 'test/fixtures/ocr/web'), raw, { recursive: true });
    db = await Db.open();
    await buildData({ raw, out, today: TODAY, workers: 1, log: (l) => log.push(l) });
    reports = await db.objects(`SELECT source_file, source_format, status, source_map FROM ${parquet(out, 'reports')} ORDER BY source_file`);
  }, 600_000);
  afterAll(() => closeDb(db));

  it('reads the page and the picture file, the picture once, with progress shown', () => {
    expect(reports.map((r) => [r.source_file, r.source_format])).toEqual([
      ['011_table_picture.html', 'html'],
      ['011_table_picture_files/table.png', 'image'],
    ]);
    expect(log.filter((l) => l.includes('文字识别（OCR）'))).toHaveLength(1);
    expect(existsSync(ocrCacheDir(out))).toBe(true);
  });

  it('gives the picture’s figures, each line’s place on the picture in the source map', async () => {
    const html = reports[0];
    expect(html.status).toBe('partial');
    expect(String(html.source_map)).toMatch(/:i1@\d+,\d+,\d+,\d+~0\.\d\d/);
    const total = await db.scalar(
      `SELECT a.value FROM ${parquet(out, 'applications')} a JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE r.source_file = '011_table_picture.html' AND a.row = 'new_received' AND a.applicant = 'total'`,
    );
    expect(total).toBe(3119);
    const rules = await db.rows(`SELECT DISTINCT rule FROM ${parquet(out, 'findings')} f JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE r.source_file = '011_table_picture.html'`);
    expect(rules.flat()).toContain('input_ocr');
  });

  it('OCRs nothing again: not for unchanged files, nor when every file is parsed again', async () => {
    log = [];
    await buildData({ raw, out, today: TODAY, workers: 1, log: (l) => log.push(l) });
    await buildData({ raw, out, today: TODAY, workers: 1, cache: false, log: (l) => log.push(l) });
    expect(log.filter((l) => l.includes('文字识别（OCR）'))).toEqual([]);
  }, 600_000);
});
