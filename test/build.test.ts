// The data build (src/lib/build, scripts/build-data.ts) end to end on data/raw: every output read
// back with DuckDB and compared with what the parser itself returns.
//
//   1 round trip            data/raw → Parquet = decode + parseReport of each file
//   2 CSV twins             BOM, same header and rows as the Parquet file
//   7 manifest              counts, sizes and hashes of every output
//   8 data dictionary       docs up to date, dictionary.json = Parquet columns
//   9 sort order            every Parquet file sorted by its TableSpec.sortBy
//
// The other sections: build-inputs.test.ts (3, 4), build-incremental.test.ts (5, 6),
// build-synthetic.test.ts (10).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryMarkdown, SCHEMA_VERSION } from '../src/lib/build/dictionary.ts';
import { CROSS_CHECK_CODES } from '../src/lib/build/cross-checks.ts';
import { buildData, listReports, type Manifest } from '../src/lib/build/index.ts';
import { FIGURE_COLUMNS } from '../src/lib/build/summary.ts';
import { isMoney } from '../src/lib/parse/record.ts';
import { APPLICANTS, applicationRows, DISCLOSURE_ITEMS, measuresOf, OUTCOMES, PROCEEDINGS } from '../src/lib/template/model.ts';
import { Db, parquet, ROOT, sha256, sha256File, sqlString, tempDir } from './helpers/build.ts';
import { CLEAN_SAMPLE, closeDb, csvCell, expectedStatus, expectSorted, HONGZE, idOf, type Parsed, parseFile, PLACE, placeOf, RAW, TABLE_NAMES, TODAY, unsortedRows } from './helpers/build-data.ts';

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

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
        // The build's own findings and checks (across reports) follow the parser's: test/cross-checks.test.ts.
        const gotFindings = await db.objects(`SELECT seq, rule, severity, message, section, "row", "column", line FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(p.file))} AND section IS DISTINCT FROM 'build' ORDER BY seq`);
        expect(gotFindings, p.file).toEqual(findings);
        const checks = (p.parsed?.checks ?? []).map((c, seq) => ({ seq, check: c.check, scope: c.scope, status: c.status, left_value: c.left, right_value: c.right, detail: c.detail, line: c.line }));
        const gotChecks = await db.objects(`SELECT seq, "check", scope, status, left_value, right_value, detail, line FROM ${parquet(out, 'checks')} WHERE report_id = ${sqlString(idOf(p.file))} AND "check" NOT IN (${CROSS_CHECK_CODES.map(sqlString).join(', ')}) ORDER BY seq`);
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
      await expectSorted(db, out);
      // Not vacuous: the long tables have many rows, and the files' own order is not the place order.
      expect((await unsortedRows(db, out, 'applications')).rows).toBeGreaterThan(1000);
      const inFile = (await db.rows(`SELECT source_file FROM ${parquet(out, 'reports')}`)).map((r) => r[0]);
      expect(inFile).not.toEqual(files);
    });
  });
});
