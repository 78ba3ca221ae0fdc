// The downloads' readable CSVs (src/lib/build/readable-csv.ts): every table
// gets one beside its plain twin; Chinese headers with the column codes beside
// them, codes in words, and the place's names on every figure row; the same
// rows as the plain twin, in the same order; and a table too large for one file
// comes per province, gzipped, like its plain twin.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { publish, type Published } from '../src/lib/build/publish.ts';
import { APPLICATIONS } from '../src/lib/build/schema.ts';
import { tempDir } from './helpers/build.ts';
import { RAW, TODAY } from './helpers/build-data.ts';

let out: string;
let site: string;
let published: Published;

const read = (path: string) => {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return { text, rows: Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data };
};

beforeAll(async () => {
  out = tempDir('readable-out');
  site = tempDir('readable-site');
  await buildData({ raw: RAW, out, today: TODAY });
  published = await publish(out, site);
}, 300_000);

describe('readable CSVs on the downloads', () => {
  it('every table with a CSV has a readable one, with the same rows in the same order', () => {
    for (const [name, table] of Object.entries(published.tables)) {
      expect(table.csv_zh.length, name).toBe(table.csv.length);
      const plain = read(join(site, table.csv[0].file)).rows;
      const zh = read(join(site, table.csv_zh[0].file)).rows;
      expect(zh.length, name).toBe(plain.length);
      // The report a row belongs to, row by row (report_id is the first plain column where there is one).
      const id = plain[0].indexOf('report_id');
      const zhId = zh[0].indexOf('报告编号（report_id）');
      if (id >= 0) expect(zh.slice(1).map((r) => r[zhId]), name).toEqual(plain.slice(1).map((r) => r[id]));
    }
  });

  it('starts with a BOM; headers are Chinese with the column code beside them', () => {
    const { text, rows } = read(join(site, published.tables.applications.csv_zh[0].file));
    expect(text.startsWith('\uFEFF')).toBe(true);
    for (const c of APPLICATIONS.columns) expect(rows[0]).toContain(`${c.label}（${c.name}）`);
    expect(rows[0].slice(0, 5)).toEqual(['省级（province）', '地级（city）', '县级（county）', '乡镇街道（town）', '报告机关（agency）']);
  });

  it('gives the place names, codes in words beside the codes, and the figures of the plain twin', () => {
    const { rows } = read(join(site, published.tables.applications.csv_zh[0].file));
    const [head, ...body] = rows;
    const col = (h: string) => head.indexOf(h);
    const town = body.filter((r) => r[col('乡级代码（town_code）')] === '371503110');
    expect(town.length).toBeGreaterThan(0);
    expect(new Set(town.map((r) => r[col('乡镇街道（town）')]))).toEqual(new Set(['洪官屯镇']));
    expect(new Set(town.map((r) => r[col('县级（county）')]))).toEqual(new Set(['茌平区']));
    const row = APPLICATIONS.columns.find((c) => c.name === 'row')!;
    for (const r of town) {
      const code = r[col('行代码（row）')];
      expect(r[col('行（row）')]).toBe(row.codes!.find((c) => c.code === code)!.label);
    }
    // The same figures as the plain twin.
    const plain = read(join(site, published.tables.applications.csv[0].file)).rows;
    const p = (h: string) => plain[0].indexOf(h);
    const figures = (list: string[][], key: (r: string[]) => string, value: (r: string[]) => string) => new Map(list.map((r) => [key(r), value(r)]));
    expect(figures(body, (r) => `${r[col('报告编号（report_id）')]}|${r[col('行代码（row）')]}|${r[col('申请人代码（applicant）')]}`, (r) => r[col('件数（value）')])).toEqual(
      figures(plain.slice(1), (r) => `${r[p('report_id')]}|${r[p('row')]}|${r[p('applicant')]}`, (r) => r[p('value')]),
    );
  });

  it('splits a readable CSV too large for one file by province, gzipped', async () => {
    const small = tempDir('readable-small');
    const parts = await publish(out, small, 20_000);
    const files = parts.tables.applications.csv_zh;
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(f.file).toMatch(/^applications\/[0-9_]+(\/[0-9_]+)?\.zh\.csv\.gz$/);
      expect(read(join(small, f.file)).text.startsWith('\uFEFF')).toBe(true);
    }
    const total = files.reduce((n, f) => n + read(join(small, f.file)).rows.length - 1, 0);
    expect(total).toBe(read(join(site, published.tables.applications.csv_zh[0].file)).rows.length - 1);
  });

  it('splits a province too large for one file again by city; every row is in exactly one file', async () => {
    const tiny = tempDir('readable-tiny');
    const parts = await publish(out, tiny, 3_000);
    const files = parts.tables.applications.csv_zh;
    const byCity = files.filter((f) => f.city !== undefined);
    expect(byCity.length).toBeGreaterThan(0);
    for (const f of byCity) expect(f.file).toBe(`applications/${f.province || '_'}/${f.city || '_'}.zh.csv.gz`);
    const total = files.reduce((n, f) => n + read(join(tiny, f.file)).rows.length - 1, 0);
    expect(total).toBe(read(join(site, published.tables.applications.csv_zh[0].file)).rows.length - 1);
  });
});
