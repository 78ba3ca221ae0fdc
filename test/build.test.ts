// The data build (src/lib/build, scripts/build-data.ts) end to end: small
// folders of reports built into os.tmpdir(), every output read back with
// DuckDB and compared with what the parser itself returns, with the CSV
// twins, the manifest, the data dictionary and a synthetic corpus's truth.
//
//   1 round trip            data/raw → Parquet = decode + parseReport of each file
//   2 CSV twins             BOM, same header and rows as the Parquet file
//   3 garbage files         one row each, failed with a finding naming the file
//   4 CLI exit codes        0, 1 (--strict), 2 (missing folder, bad --workers)
//   5 incremental builds    unchanged files not parsed, same contents
//   6 duplicates            one primary per town-year, counted once
//   7 manifest              counts, sizes and hashes of every output
//   8 data dictionary       docs up to date, dictionary.json = Parquet columns
//   9 sort order            every Parquet file sorted by its TableSpec.sortBy
//  10 generator truth       summary and checks against the synthetic truth
//

import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TABLES } from '../src/lib/build/assemble.ts';
import { dictionaryMarkdown, SCHEMA_VERSION } from '../src/lib/build/dictionary.ts';
import { buildData, listReports, type Manifest } from '../src/lib/build/index.ts';
import { FIGURE_COLUMNS } from '../src/lib/build/summary.ts';
import { decodeReportAsync, type DecodedReport } from '../src/lib/decode/index.ts';
import { parseReport, type ParsedReport } from '../src/lib/parse/index.ts';
import { isMoney, type Figure } from '../src/lib/parse/record.ts';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import type { TruthRecord } from '../src/lib/synth/truth.ts';
import { APPLICANT_CODES, APPLICANTS, applicationRows, DISCLOSURE_ITEMS, measuresOf, OUTCOME_CODES, OUTCOMES, PROCEEDINGS } from '../src/lib/template/model.ts';
import { Db, parquet, type RowObject, removeTempDirs, ROOT, runBuildCli, seededBytes, sha256, sha256File, sqlString, tempDir } from './helpers/build.ts';

const RAW = join(ROOT, 'data/raw');
/** The build and the in-process parser must agree on "today" (it bounds plausible dates). */
const TODAY = new Date('2026-06-01T00:00:00Z');
const TABLE_NAMES = ALL_TABLES.map((t) => t.name);
const FIGURE_TABLES = ['disclosures', 'applications', 'reviews'] as const;
const PLACE = ['province_code', 'city_code', 'county_code', 'town_code', 'year'] as const;

/** A clean sample: a town report whose decode and parse give no error-level finding (checked below). */
const CLEAN_SAMPLE = '003_2945165e826adaca.txt';
/** The 洪泽区 report: section 四's totals do not add up (two review_total errors). */
const HONGZE = '001_huaian_hongze_district_2023.txt';

let db: Db;

beforeAll(async () => {
  db = await Db.open();
});

afterAll(() => {
  db?.close();
  removeTempDirs();
});

/** The stable report id: the first 16 hex digits of the sha256 of the path relative to the raw folder. */
const idOf = (sourceFile: string) => sha256(sourceFile).slice(0, 16);

interface Parsed {
  file: string;
  bytes: Buffer;
  decoded: DecodedReport;
  parsed: ParsedReport | null;
}

/** What the parser makes of a file, exactly as a build worker calls it. */
async function parseFile(raw: string, file: string): Promise<Parsed> {
  const bytes = readFileSync(join(raw, file));
  const decoded = await decodeReportAsync(bytes, file);
  const parsed = decoded.ok ? parseReport(decoded.text, file, { today: TODAY }) : null;
  return { file, bytes, decoded, parsed };
}

/**
 * The status a report should have, worked out here from the record: failed when there is no
 * record or it is not a report; ok when all three tables are there and every figure of the
 * template is given ((六) counts as given in either of its printed forms); else partial.
 */
function expectedStatus(p: Parsed): 'ok' | 'partial' | 'failed' {
  if (!p.parsed) return 'failed';
  const r = p.parsed.record;
  if ([...p.decoded.findings, ...r.findings].some((f) => f.rule === 'input_not_report')) return 'failed';
  if (!r.template || !r.tables_found.disclosure || !r.tables_found.applications || !r.tables_found.reviews) return 'partial';
  const complete = (row: Record<string, Figure> | undefined, codes: readonly string[]) => codes.every((c) => (row?.[c]?.value ?? null) !== null);
  for (const item of DISCLOSURE_ITEMS) if (!complete(r.disclosure[item.code], measuresOf(item, r.template))) return 'partial';
  for (const p2 of PROCEEDINGS) if (!complete(r.reviews[p2.code], OUTCOME_CODES)) return 'partial';
  const rows = applicationRows(r.template);
  for (const row of rows) {
    if (row.code === 'other_handling' || row.parent) continue;
    if (!complete(r.applications[row.code], APPLICANT_CODES)) return 'partial';
  }
  const subRows = rows.filter((x) => x.parent === 'other_handling');
  const parentGiven = complete(r.applications.other_handling, APPLICANT_CODES);
  const subRowsGiven = subRows.length > 0 && subRows.every((s) => complete(r.applications[s.code], APPLICANT_CODES));
  return parentGiven || subRowsGiven ? 'ok' : 'partial';
}

/** Every table of a build as rows in file order. */
async function readAllTables(out: string): Promise<Record<string, { columns: string[]; rows: unknown[][] }>> {
  const tables: Record<string, { columns: string[]; rows: unknown[][] }> = {};
  for (const name of TABLE_NAMES) tables[name] = await db.table(`SELECT * FROM ${parquet(out, name)}`);
  return tables;
}

/** Rows of the three figure tables for one report, without the report id (to compare copies of a report). */
async function figuresOf(out: string, reportId: string): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const t of FIGURE_TABLES) {
    const order = ALL_TABLES.find((s) => s.name === t)!.sortBy.map((c) => `"${c}"`).join(', ');
    result[t] = await db.objects(`SELECT * EXCLUDE (report_id) FROM ${parquet(out, t)} WHERE report_id = ${sqlString(reportId)} ORDER BY ${order}`);
  }
  return result;
}

/** Number of rows whose place in the file differs from their place in the table's sort order (NULLS LAST). */
async function unsortedRows(out: string, table: string): Promise<{ rows: number; misplaced: number }> {
  const spec = ALL_TABLES.find((t) => t.name === table)!;
  const keys = spec.sortBy.map((c) => `"${c}" NULLS LAST`).join(', ');
  // Ties keep their file order (file_row_number breaks them), so only a real disorder counts.
  const [row] = await db.rows(`
    WITH t AS (SELECT * FROM ${parquet(out, table, 'file_row_number = true')}),
    r AS (SELECT file_row_number AS in_file, row_number() OVER (ORDER BY ${keys}, file_row_number) - 1 AS in_order FROM t)
    SELECT count(*), count(*) FILTER (WHERE in_file <> in_order) FROM r`);
  return { rows: Number(row[0]), misplaced: Number(row[1]) };
}

async function expectSorted(out: string): Promise<void> {
  for (const name of TABLE_NAMES) {
    const { misplaced } = await unsortedRows(out, name);
    expect(misplaced, `${name}.parquet sorted by ${ALL_TABLES.find((t) => t.name === name)!.sortBy.join(', ')}`).toBe(0);
  }
}

/** CSV cell for a Parquet value as DuckDB returns it in JSON (null → empty). */
const csvCell = (v: unknown) => (v === null ? '' : String(v));

// ---------------------------------------------------------------------------

describe('build of data/raw', () => {
  const files = listReports(RAW);
  let out: string;
  let manifest: Manifest;
  const parsed = new Map<string, Parsed>();

  beforeAll(async () => {
    out = tempDir('raw');
    manifest = await buildData({ raw: RAW, out, today: TODAY });
    for (const f of files) parsed.set(f, await parseFile(RAW, f));
  });

  describe('1. round trip: Parquet = the parser’s records', () => {
    it('data/raw holds the seven sample reports', () => {
      expect(files).toHaveLength(7);
      expect(files).toContain(HONGZE);
      expect(files).toContain(CLEAN_SAMPLE);
    });

    it('reports: one row per raw file, with the right status, place, year and template', async () => {
      const rows = await db.objects(`SELECT * FROM ${parquet(out, 'reports')}`);
      expect(rows.map((r) => r.source_file).sort()).toEqual([...files].sort());
      for (const p of parsed.values()) {
        const row = rows.find((r) => r.source_file === p.file)!;
        const rec = p.parsed?.record ?? null;
        expect(
          {
            report_id: row.report_id,
            source_sha256: row.source_sha256,
            source_bytes: Number(row.source_bytes),
            source_format: row.source_format,
            source_encoding: row.source_encoding,
            status: row.status,
            town_code: row.town_code,
            county_code: row.county_code,
            city_code: row.city_code,
            province_code: row.province_code,
            level: row.level,
            agency: row.agency,
            year: row.year,
            template: row.template,
            published_on: row.published_on,
            proactive_items: row.proactive_items,
            has_disclosure: row.has_disclosure,
            has_applications: row.has_applications,
            has_reviews: row.has_reviews,
            checks_failed: row.checks_failed,
            checks_passed: row.checks_passed,
          },
          p.file,
        ).toEqual({
          report_id: idOf(p.file),
          source_sha256: sha256(p.bytes),
          source_bytes: p.bytes.length,
          source_format: p.decoded.format,
          source_encoding: p.decoded.encoding,
          status: expectedStatus(p),
          town_code: rec?.town_code ?? null,
          county_code: rec?.county_code ?? null,
          city_code: rec?.city_code ?? null,
          province_code: rec?.province_code ?? null,
          level: rec?.level ?? null,
          agency: rec?.agency ?? null,
          year: rec?.year ?? null,
          template: rec?.template ?? null,
          published_on: rec?.published_on ?? null,
          proactive_items: rec?.proactive_items ?? null,
          has_disclosure: rec?.tables_found.disclosure ?? null,
          has_applications: rec?.tables_found.applications ?? null,
          has_reviews: rec?.tables_found.reviews ?? null,
          checks_failed: p.parsed?.checks.filter((c) => c.status === 'fail').length ?? 0,
          checks_passed: p.parsed?.checks.filter((c) => c.status === 'pass').length ?? 0,
        });
      }
      // The samples are not all alike: both statuses and both templates occur.
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ok', 'partial']));
      expect(new Set(rows.map((r) => r.template))).toEqual(new Set(['2019', '2021']));
    });

    it('disclosures: every figure (value, unit, unit_inferred, raw, line) is the record’s; nulls stay null', async () => {
      let nulls = 0;
      let money = 0;
      for (const p of parsed.values()) {
        const rec = p.parsed!.record;
        const expected = DISCLOSURE_ITEMS.flatMap((item) =>
          measuresOf(item, rec.template!).map((m) => {
            const f = rec.disclosure[item.code][m];
            if (f.value === null) nulls++;
            if (isMoney(f) && f.value !== null) money++;
            return { item: item.code, measure: m, value: f.value, unit: isMoney(f) ? f.unit : null, unit_inferred: isMoney(f) ? f.unit_inferred : null, raw: f.raw, line: f.line, ...placeOf(rec) };
          }),
        );
        const got = await db.objects(
          `SELECT item, measure, value, unit, unit_inferred, raw, line, ${PLACE.join(', ')} FROM ${parquet(out, 'disclosures')} WHERE report_id = ${sqlString(idOf(p.file))} ORDER BY item_order, measure_order`,
        );
        expect(got, p.file).toEqual(expected);
      }
      // The comparison covers missing figures (which must be null, not 0) and money in yuan.
      expect(nulls).toBeGreaterThan(10);
      expect(money).toBeGreaterThan(0);
    });

    it('applications: every figure (value, line) is the record’s; nulls stay null', async () => {
      let nulls = 0;
      for (const p of parsed.values()) {
        const rec = p.parsed!.record;
        const expected = applicationRows(rec.template!).flatMap((row) =>
          APPLICANTS.map((a) => {
            const f = rec.applications[row.code]?.[a.code];
            if ((f?.value ?? null) === null) nulls++;
            return { row: row.code, applicant: a.code, value: f?.value ?? null, line: f?.line ?? null, ...placeOf(rec) };
          }),
        );
        const got = await db.objects(
          `SELECT "row", applicant, value, line, ${PLACE.join(', ')} FROM ${parquet(out, 'applications')} WHERE report_id = ${sqlString(idOf(p.file))} ORDER BY row_order, applicant_order`,
        );
        expect(got, p.file).toEqual(expected);
      }
      expect(nulls).toBeGreaterThan(50);
    });

    it('reviews: every figure (value, line) is the record’s; nulls stay null', async () => {
      let nulls = 0;
      for (const p of parsed.values()) {
        const rec = p.parsed!.record;
        const expected = PROCEEDINGS.flatMap((pr) =>
          OUTCOMES.map((o) => {
            const f = rec.reviews[pr.code]?.[o.code];
            if ((f?.value ?? null) === null) nulls++;
            return { proceeding: pr.code, outcome: o.code, value: f?.value ?? null, line: f?.line ?? null, ...placeOf(rec) };
          }),
        );
        const got = await db.objects(
          `SELECT proceeding, outcome, value, line, ${PLACE.join(', ')} FROM ${parquet(out, 'reviews')} WHERE report_id = ${sqlString(idOf(p.file))} ORDER BY proceeding_order, outcome_order`,
        );
        expect(got, p.file).toEqual(expected);
      }
      // 000_… has no section 四: its fifteen figures are null rows, not zeros.
      expect(nulls).toBe(15);
    });

    it('findings and checks: the parser’s, in order', async () => {
      for (const p of parsed.values()) {
        const findings = [...p.decoded.findings, ...(p.parsed?.record.findings ?? [])].map((f, seq) => ({ seq, rule: f.rule, severity: f.severity, message: f.message, section: f.section, row: f.row, column: f.column, line: f.line }));
        const gotFindings = await db.objects(`SELECT seq, rule, severity, message, section, "row", "column", line FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(p.file))} ORDER BY seq`);
        expect(gotFindings, p.file).toEqual(findings);
        const checks = (p.parsed?.checks ?? []).map((c, seq) => ({ seq, check: c.check, scope: c.scope, status: c.status, left_value: c.left, right_value: c.right, detail: c.detail, line: c.line }));
        const gotChecks = await db.objects(`SELECT seq, "check", scope, status, left_value, right_value, detail, line FROM ${parquet(out, 'checks')} WHERE report_id = ${sqlString(idOf(p.file))} ORDER BY seq`);
        expect(gotChecks, p.file).toEqual(checks);
      }
    });

    it('summary: one row per parsed report, its figures those of the long tables', async () => {
      const summary = await db.objects(`SELECT * FROM ${parquet(out, 'summary')}`);
      expect(summary).toHaveLength(files.length);
      for (const p of parsed.values()) {
        const rec = p.parsed!.record;
        const row = summary.find((r) => r.source_file === p.file)!;
        for (const col of FIGURE_COLUMNS) {
          const s = col.source;
          if ('derivedFrom' in s) continue;
          let want: number | null = null;
          if (s.table === 'disclosures') want = rec.disclosure[s.item]?.[s.measure]?.value ?? null;
          else if (s.table === 'applications') want = rec.applications[s.row]?.[s.applicant]?.value ?? null;
          else want = rec.reviews[s.proceeding]?.[s.outcome]?.value ?? null;
          expect(row[col.name], `${p.file} ${col.name}`).toBe(want);
        }
      }
    });
  });

  describe('2. CSV twins', () => {
    it('every table has a .csv that starts with the UTF-8 BOM', () => {
      for (const name of TABLE_NAMES) {
        const bytes = readFileSync(join(out, `${name}.csv`));
        expect([...bytes.subarray(0, 3)], `${name}.csv`).toEqual([0xef, 0xbb, 0xbf]);
        // Exactly one BOM: the text after it does not start with another.
        expect(bytes[3], `${name}.csv`).not.toBe(0xef);
      }
    });

    it('each CSV has the Parquet file’s header and rows (values as strings)', async () => {
      for (const name of TABLE_NAMES) {
        const text = readFileSync(join(out, `${name}.csv`), 'utf8').replace(/^\uFEFF/, '');
        const csv = Papa.parse<string[]>(text, { skipEmptyLines: true });
        expect(csv.errors, `${name}.csv parses`).toEqual([]);
        const { columns, rows } = await db.table(`SELECT * FROM ${parquet(out, name)}`);
        expect(csv.data[0], `${name}.csv header`).toEqual(columns);
        expect(csv.data.length - 1, `${name}.csv rows`).toBe(rows.length);
        expect(rows.length, name).toBeGreaterThan(0);
        const want = rows.map((r) => r.map(csvCell));
        expect(csv.data.slice(1), `${name}.csv rows`).toEqual(want);
        // Numbers survive the text round trip exactly.
        rows.forEach((r, i) =>
          r.forEach((v, j) => {
            if (typeof v === 'number') expect(Number(csv.data[i + 1][j]), `${name} ${columns[j]} row ${i}`).toBe(v);
          }),
        );
      }
    });

    it('a null is an empty cell and never 0 in the CSV', async () => {
      // 000_…'s section 四 is missing: its review rows are empty cells.
      const id = idOf('000_0e823e9c66ae55d4.txt');
      const text = readFileSync(join(out, 'reviews.csv'), 'utf8').replace(/^\uFEFF/, '');
      const csv = Papa.parse<string[]>(text, { skipEmptyLines: true, header: true });
      const mine = (csv.data as unknown as Record<string, string>[]).filter((r) => r.report_id === id);
      expect(mine).toHaveLength(15);
      for (const r of mine) {
        expect(r.value).toBe('');
        expect(r.line).toBe('');
      }
    });
  });

  describe('7. manifest', () => {
    it('counts by status equal the reports table; every file is counted', async () => {
      const byStatus = Object.fromEntries((await db.rows(`SELECT status, count(*) FROM ${parquet(out, 'reports')} GROUP BY status`)).map(([s, n]) => [String(s), Number(n)]));
      expect(manifest.files.by_status).toEqual(byStatus);
      expect(manifest.files.total).toBe(files.length);
      expect(manifest.files.parsed + manifest.files.unchanged).toBe(files.length);
      const bySeverity = Object.fromEntries((await db.rows(`SELECT severity, count(*) FROM ${parquet(out, 'findings')} GROUP BY severity`)).map(([s, n]) => [String(s), Number(n)]));
      expect(manifest.findings.by_severity).toEqual(bySeverity);
      const byRule = Object.fromEntries((await db.rows(`SELECT rule, count(*) FROM ${parquet(out, 'findings')} GROUP BY rule`)).map(([s, n]) => [String(s), Number(n)]));
      expect(manifest.findings.by_rule).toEqual(byRule);
    });

    it('lists every output, each existing with the recorded size, sha256 and row count', async () => {
      const onDisk = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
      expect(onDisk).toEqual(manifest);
      const listed = manifest.outputs.map((o) => o.file).sort();
      expect(listed).toEqual([...TABLE_NAMES.flatMap((t) => [`${t}.parquet`, `${t}.csv`]), 'dictionary.json'].sort());
      for (const o of manifest.outputs) {
        const path = join(out, o.file);
        expect(existsSync(path), o.file).toBe(true);
        expect(statSync(path).size, `${o.file} bytes`).toBe(o.bytes);
        expect(sha256File(path), `${o.file} sha256`).toBe(o.sha256);
        if (o.format === 'parquet') expect(o.rows, `${o.file} rows`).toBe(await db.scalar(`SELECT count(*) FROM ${parquet(out, o.table)}`));
        if (o.format === 'csv') expect(o.rows, `${o.file} rows`).toBe(Papa.parse(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data.length - 1);
      }
      // Nothing else is left in the output folder (no staging or half-written files).
      expect(readdirSync(out).sort()).toEqual([...listed, 'manifest.json'].sort());
    });

    it('records the schema and parser versions', async () => {
      expect(manifest.schema_version).toBe(SCHEMA_VERSION);
      expect(manifest.parser_version).toMatch(/^[0-9a-f]{12}$/);
      const versions = await db.rows(`SELECT DISTINCT parser_version FROM ${parquet(out, 'reports')}`);
      expect(versions).toEqual([[manifest.parser_version]]);
      expect(Date.parse(manifest.built_at)).not.toBeNaN();
    });
  });

  describe('8. data dictionary', () => {
    it('docs/data-dictionary.md is up to date (npm run docs:dictionary)', () => {
      expect(readFileSync(join(ROOT, 'docs/data-dictionary.md'), 'utf8')).toBe(dictionaryMarkdown());
    });

    it('dictionary.json lists every table and every column of each Parquet file, with its type', async () => {
      const dict = JSON.parse(readFileSync(join(out, 'dictionary.json'), 'utf8')) as { schema_version: string; tables: { name: string; files: string[]; sorted_by: string[]; columns: { name: string; type: string }[] }[] };
      expect(dict.schema_version).toBe(manifest.schema_version);
      const parquetFiles = readdirSync(out).filter((f) => f.endsWith('.parquet')).map((f) => f.replace(/\.parquet$/, '')).sort();
      expect(dict.tables.map((t) => t.name).sort()).toEqual(parquetFiles);
      for (const t of dict.tables) {
        expect(t.files, t.name).toEqual([`${t.name}.parquet`, `${t.name}.csv`]);
        const actual = await db.describe(out, t.name);
        expect(t.columns.map((c) => ({ name: c.name, type: c.type })), `${t.name} columns`).toEqual(actual);
        for (const key of t.sorted_by) expect(t.columns.map((c) => c.name), `${t.name} sorted_by ${key}`).toContain(key);
      }
    });
  });

  describe('9. sort order', () => {
    it('each Parquet file is sorted by its TableSpec.sortBy, NULLS LAST', async () => {
      await expectSorted(out);
      // Not vacuous: the long tables have many rows, and the files' own order is not the place order.
      expect((await unsortedRows(out, 'applications')).rows).toBeGreaterThan(1000);
      const inFile = (await db.rows(`SELECT source_file FROM ${parquet(out, 'reports')}`)).map((r) => r[0]);
      expect(inFile).not.toEqual(files);
    });
  });
});

function placeOf(rec: { province_code: string | null; city_code: string | null; county_code: string | null; town_code: string | null; year: number | null }) {
  return { province_code: rec.province_code, city_code: rec.city_code, county_code: rec.county_code, town_code: rec.town_code, year: rec.year };
}

// ---------------------------------------------------------------------------

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
    const original = await figuresOf(out, idOf(GOOD));
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
      expect(await figuresOf(out, idOf(file)), file).toEqual(original);
    }
  });

  it('sorts the failed rows (no place) last', async () => {
    await expectSorted(out);
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
    first = await readAllTables(out);
  });

  it('a second build parses nothing and gives identical tables', async () => {
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 7, parsed: 0, unchanged: 7 });
    expect(await readAllTables(out)).toEqual(first);
  });

  it('touching a file’s mtime without changing it still parses nothing', async () => {
    const future = new Date(Date.now() + 3_600_000);
    for (const f of readdirSync(raw)) utimesSync(join(raw, f), future, future);
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files).toMatchObject({ total: 7, parsed: 0, unchanged: 7 });
    expect(await readAllTables(out)).toEqual(first);
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
    const now = await readAllTables(out);
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
    const cached = await readAllTables(out);
    const m = await buildData({ raw, out, today: TODAY, cache: false });
    expect(m.files).toMatchObject({ total: 6, parsed: 6, unchanged: 0 });
    expect(await readAllTables(out)).toEqual(cached);
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

describe('10. generator truth (synthetic corpus)', () => {
  let raw: string;
  let out: string;
  let truth: TruthRecord[];
  let summary: Map<string, RowObject>;

  beforeAll(async () => {
    raw = tempDir('synth-raw');
    out = tempDir('synth-out');
    const stats = generateCorpus({ out: raw, towns: 30, years: [2020, 2022], seed: 'build-test', inconsistent: 0.25 });
    expect(stats.reports).toBe(60);
    // The truth file is not a report: keep it out of the raw folder.
    const truthPath = join(tempDir('synth-truth'), 'truth.jsonl');
    renameSync(join(raw, 'truth.jsonl'), truthPath);
    truth = readFileSync(truthPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TruthRecord);
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files.total).toBe(60);
    summary = new Map((await db.objects(`SELECT * FROM ${parquet(out, 'summary')}`)).map((r) => [String(r.source_file), r]));
  });

  it('every report is in the summary with its year, template and closing date', () => {
    expect(truth).toHaveLength(60);
    expect(new Set(truth.map((t) => t.template))).toEqual(new Set(['2019', '2021']));
    for (const t of truth) {
      const s = summary.get(t.file);
      expect(s, t.file).toBeDefined();
      expect({ year: s!.year, template: s!.template, published_on: s!.published_on }, t.file).toEqual({ year: t.year, template: t.template, published_on: t.published_on });
      if (s!.town_code !== null || /(镇|乡|街道|苏木)$/.test(t.town)) expect(s!.town_code, t.file).toBe(t.town_code);
    }
  });

  // The narrative's proactive_items is left out: it is the parser's (compared with the record in
  // test 1); the figures of the three tables are what the build pivots into the summary.
  it('every summary figure equals the truth (money in yuan; derived totals; other template’s columns null)', () => {
    const sum = (vs: (number | null)[]) => (vs.some((v) => v === null) ? null : vs.reduce<number>((a, b) => a + (b as number), 0));
    let compared = 0;
    let procurement = 0;
    for (const t of truth) {
      const s = summary.get(t.file)!;
      const total = (row: string) => t.applications[row]?.[APPLICANT_CODES.indexOf('total')] ?? null;
      const expected: Record<string, number | null> = {};
      for (const col of FIGURE_COLUMNS) {
        const src = col.source;
        if ('derivedFrom' in src) {
          const parts = src.derivedFrom.map((name) => expected[name]);
          expected[col.name] = col.name === 'other_handling_any__total' ? (parts[0] ?? sum(parts.slice(1))) : sum(parts);
        } else if (src.table === 'disclosures') expected[col.name] = t.disclosure[src.item]?.[src.measure] ?? null;
        else if (src.table === 'applications') expected[col.name] = src.applicant === 'total' ? total(src.row) : (t.applications[src.row]?.[APPLICANT_CODES.indexOf(src.applicant)] ?? null);
        else expected[col.name] = t.reviews[src.proceeding]?.[OUTCOME_CODES.indexOf(src.outcome)] ?? null;
      }
      const got = Object.fromEntries(FIGURE_COLUMNS.map((c) => [c.name, s[c.name]]));
      expect(got, t.file).toEqual(expected);
      compared += FIGURE_COLUMNS.length;
      if (t.procurement && expected.procurement__amount_yuan) procurement++;
    }
    expect(compared).toBe(60 * FIGURE_COLUMNS.length);
    expect(procurement).toBeGreaterThan(5);
    // The procurement amount is printed in 万元 in some reports and stored in yuan.
    expect(truth.some((t) => t.procurement?.unit === '万元' && (t.disclosure.procurement?.amount_yuan ?? 0) > 0)).toBe(true);
  });

  it('checks.parquet has a failed row for every deliberate inconsistency, and no other', async () => {
    const rows = await db.rows(`SELECT r.source_file, c."check", c.scope FROM ${parquet(out, 'checks')} c JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE c.status = 'fail'`);
    const failed = new Map<string, string[]>();
    for (const [file, check, scope] of rows) failed.set(String(file), [...(failed.get(String(file)) ?? []), `${check}:${scope}`]);
    const changed = truth.filter((t) => t.changed);
    expect(changed.length).toBeGreaterThan(5);
    for (const t of truth) {
      const want = t.failing.map((f) => `${f.check}:${f.scope}`).sort();
      expect((failed.get(t.file) ?? []).sort(), t.file).toEqual(want);
      expect(summary.get(t.file)!.checks_failed, t.file).toBe(want.length);
    }
  });

  it('its Parquet files are sorted too', async () => {
    await expectSorted(out);
  });
});
