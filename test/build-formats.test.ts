// PDF reports through the whole data build: rows with the right figures, and
// a source map that turns a figure's line into the PDF page it stands on.

import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { sourceMapText } from '../src/lib/build/flatten.ts';

const root = join(import.meta.dirname, '..');

describe('source maps', () => {
  it('encodes runs of lines by page or paragraph', () => {
    expect(sourceMapText([{ page: 1 }, { page: 1 }, { page: 2 }])).toBe('1-2:p1;3-3:p2');
    expect(sourceMapText([{ paragraph: 0 }, { paragraph: 1 }, { paragraph: 1 }])).toBe('1-1:¶0;2-3:¶1');
    expect(sourceMapText(undefined)).toBeNull();
  });
});

describe('a folder of PDF reports', () => {
  const raw = mkdtempSync(join(tmpdir(), 'pdf-raw-'));
  const out = mkdtempSync(join(tmpdir(), 'pdf-out-'));
  let rows: Record<string, unknown>[] = [];
  let figure: (file: string, item: string, measure: string) => Promise<{ value: number | null; line: number | null }>;

  beforeAll(async () => {
    mkdirSync(raw, { recursive: true });
    cpSync(join(root, 'test/fixtures/corpus/pdf'), raw, { recursive: true });
    await buildData({ raw, out, today: new Date('2026-11-21') });
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    rows = (await db.runAndReadAll(`SELECT * FROM read_parquet('${join(out, 'reports.parquet')}') ORDER BY source_file`)).getRowObjectsJS() as Record<string, unknown>[];
    figure = async (file, item, measure) => {
      const r = await db.runAndReadAll(
        `SELECT d.value, d.line FROM read_parquet('${join(out, 'disclosures.parquet')}') d JOIN read_parquet('${join(out, 'reports.parquet')}') r USING (report_id) WHERE r.source_file = '${file}' AND item = '${item}' AND measure = '${measure}'`,
      );
      const [value, line] = r.getRows()[0];
      return { value: value === null ? null : Number(value), line: line === null ? null : Number(line) };
    };
  }, 120_000);

  it('reads both PDFs as reports, with a page map', () => {
    expect(rows.map((r) => [r.source_file, r.source_format, r.status])).toEqual([
      ['001_huaian_hongze_district_2023.pdf', 'pdf', 'ok'],
      ['011_jiangsu_huaian_city_gov_2024.pdf', 'pdf', 'ok'],
    ]);
    for (const r of rows) expect(String(r.source_map)).toMatch(/^1-\d+:p1(;\d+-\d+:p\d+)+$/);
  });

  it('gives the hand-checked figures, and their page', async () => {
    const penalty = await figure('011_jiangsu_huaian_city_gov_2024.pdf', 'penalty', 'decisions');
    expect(penalty.value).toBe(3985758);
    const fees = await figure('001_huaian_hongze_district_2023.pdf', 'fees', 'fee_amount_yuan');
    expect(fees.value).toBe(77302800);
    // The line falls in the map's runs: the page can be told.
    const map = String(rows.find((r) => r.source_file === '011_jiangsu_huaian_city_gov_2024.pdf')!.source_map);
    const page = map.split(';').map((run) => run.match(/^(\d+)-(\d+):p(\d+)$/)!).find(([, a, b]) => penalty.line! >= Number(a) && penalty.line! <= Number(b))?.[3];
    expect(Number(page)).toBe(4);
  });
});
