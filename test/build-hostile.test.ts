// The samples built beside every hostile file the review found (issue 12):
// zip bombs, deeply nested HTML, counts past what a column holds, symbolic
// links that loop, dangle or lead to a good report, garbage and truncated
// documents. The inputs are made here, at test time. The build must exit 0,
// give every raw file one row with a status, keep every sample's figures as a
// build of the samples alone gives them, and stay under 2 GB resident (the
// build and its parse processes together, sampled from /proc).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReports } from '../src/lib/build/listing.ts';
import { Db, parquet, ROOT, type RowObject, seededBytes, sqlString } from './helpers/build.ts';
import { closeDb, figuresOf, idOf, RAW, reportsByFile, samplesAndReference } from './helpers/build-data.ts';
import { docxBomb, docxOfParagraphs, escapeXml, nestedHtml, nestedTables, wordParagraph } from './helpers/hostile.ts';
import { treeRss, withFigure, writeTruncated } from './helpers/hostile-build.ts';

const SAMPLES = readdirSync(RAW).sort();
const PDF = join(ROOT, 'test/fixtures/corpus/pdf/011_jiangsu_huaian_city_gov_2024.pdf');
const TOWN = SAMPLES.find((f) => f.startsWith('003_'))!;
const APPLICATIONS_ROW = '本年新收政府信息公开申请数量';
const PEAK_LIMIT = 2 * 1024 ** 3;
const BOMB_PARAGRAPH = wordParagraph('政府信息公开工作年度报告');

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

/** The hostile files, by name, made into `raw` beside copies of the samples. */
async function makeHostile(raw: string): Promise<string[]> {
  const town = readFileSync(join(RAW, TOWN), 'utf8');
  const files: Record<string, Uint8Array | string> = {
    'bomb-200mb.docx': await docxBomb({ body: BOMB_PARAGRAPH, times: Math.ceil((200 * 1024 * 1024) / Buffer.byteLength(BOMB_PARAGRAPH)) }),
    // 1.5 million paragraphs took a parse worker's heap.
    'paragraphs-1.5m.docx': await docxBomb({ body: '<w:p><w:r><w:t>x</w:t></w:r></w:p>', times: 1_500_000 }),
    'nested-tables-5000.html': nestedTables(5000, `<pre>${escapeXml(town)}</pre>`),
    'nested-divs-5000.html': nestedHtml(5000, '<div>', '</div>', `<pre>${escapeXml(town)}</pre>`),
    'count-3000000000.txt': withFigure(town, APPLICATIONS_ROW, '3000000000'),
    'count-20-digits.txt': withFigure(town, APPLICATIONS_ROW, '99999999999999999999'),
    'garbage.bin': seededBytes(12_345, 64 * 1024),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(raw, name), content);
  writeTruncated(join(raw, 'truncated.pdf'), readFileSync(PDF), 0.5);
  writeTruncated(join(raw, 'truncated.docx'), await docxOfParagraphs(town.split('\n')), 0.6);
  symlinkSync('loop-b.txt', join(raw, 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(raw, 'loop-b.txt'));
  symlinkSync('no-such-report.txt', join(raw, 'dangling.txt'));
  symlinkSync(TOWN, join(raw, 'link-to-good.txt'));
  return [...Object.keys(files), 'truncated.pdf', 'truncated.docx', 'loop-a.txt', 'loop-b.txt', 'dangling.txt', 'link-to-good.txt'];
}

interface Measured {
  code: number | null;
  stderr: string;
  wallMs: number;
  peakRss: number | null;
}

/** build:data as a child process, with the peak resident memory of it and its parse processes. */
function measuredBuild(raw: string, out: string): Promise<Measured> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', '--raw', raw, '--out', out, '--quiet', '--workers', '2'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
    let peakRss: number | null = null;
    const sample = () => {
      const rss = treeRss(child.pid!);
      if (rss !== null) peakRss = Math.max(peakRss ?? 0, rss);
    };
    const timer = setInterval(sample, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, stderr, wallMs: performance.now() - started, peakRss });
    });
  });
}

const REPORT_VOLATILE = new Set(['is_primary', 'duplicate_of', 'findings_error', 'findings_warning', 'findings_info']);
const stable = (row: RowObject | undefined) => Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => !REPORT_VOLATILE.has(k)));

describe('the samples built beside every hostile file', () => {
  let raw: string;
  let out: string;
  let reference: string;
  let hostile: string[];
  let run: Measured;
  let rows: Map<string, RowObject>;

  beforeAll(async () => {
    ({ raw, out, reference } = await samplesAndReference('hostile'));
    hostile = await makeHostile(raw);
    run = await measuredBuild(raw, out);
    rows = await reportsByFile(db, out);
    const mb = (b: number | null) => (b === null ? 'unmeasured' : `${(b / 1048576).toFixed(0)} MB`);
    const rules = async (file: string) => (await db.rows(`SELECT DISTINCT rule FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(file))} AND severity = 'error'`)).join(',');
    const statuses = await Promise.all(hostile.map(async (f) => `${f} ${rows.get(f)?.status} ${await rules(f)}`));
    console.log(`hostile build: exit ${run.code}, ${(run.wallMs / 1000).toFixed(1)} s, peak RSS ${mb(run.peakRss)} (build and parse processes); ${statuses.join('; ')}`);
  }, 600_000);

  it('exits 0', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('gives every raw file exactly one row, each with a status', () => {
    expect([...rows.keys()].sort()).toEqual(listReports(raw));
    expect(rows.size).toBe(SAMPLES.length + hostile.length);
    for (const r of rows.values()) expect(['ok', 'partial', 'failed'], String(r.source_file)).toContain(r.status);
  });

  it('keeps every sample’s figures as a build of the samples alone gives them', async () => {
    const want = await reportsByFile(db, reference);
    for (const file of SAMPLES) {
      expect(stable(rows.get(file)), file).toEqual(stable(want.get(file)));
      expect(await figuresOf(db, out, idOf(file)), file).toEqual(await figuresOf(db, reference, idOf(file)));
    }
  });

  it('stays under 2 GB resident', () => {
    if (run.peakRss === null) console.warn('no /proc here: peak memory not measured');
    else expect(run.peakRss).toBeLessThan(PEAK_LIMIT);
  });

  it('every file that gives no report failed with an error-level finding naming it', async () => {
    for (const file of ['bomb-200mb.docx', 'garbage.bin', 'truncated.pdf', 'truncated.docx', 'loop-a.txt', 'loop-b.txt', 'dangling.txt']) {
      expect(rows.get(file)!.status, file).toBe('failed');
      const findings = await db.objects(`SELECT severity, message FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(file))}`);
      expect(findings.some((f) => f.severity === 'error' && String(f.message).includes(file)), `${file}: ${JSON.stringify(findings)}`).toBe(true);
    }
  });

  it('stores neither impossible count; each is named in a finding', async () => {
    for (const [file, digits] of [['count-3000000000.txt', '3000000000'], ['count-20-digits.txt', '99999999999999999999']]) {
      const stored = await db.scalar(`SELECT count(*) FROM ${parquet(out, 'applications')} WHERE report_id = ${sqlString(idOf(file))} AND value >= 2147483648`);
      expect(stored, file).toBe(0);
      const named = await db.scalar(`SELECT count(*) FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(file))} AND message LIKE ${sqlString(`%${digits}%`)}`);
      expect(named, file).toBeGreaterThan(0);
    }
  });

  it('reads the link to a good report as that report', async () => {
    expect(rows.get('link-to-good.txt')!.status).toBe(rows.get(TOWN)!.status);
    expect(await figuresOf(db, out, idOf('link-to-good.txt'))).toEqual(await figuresOf(db, out, idOf(TOWN)));
  });
});
