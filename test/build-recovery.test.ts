// The data build keeps how each figure was placed: the corpus reports as their
// PDFs' reading order gives them (test/fixtures/derived/pdftotext) and as their
// layout text gives them (data/raw) give the same figures; the first have
// figures placed by the template's identities, marked 'identity' in every
// figure table, the second none. A figure not given has no placement.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { Db, parquet, ROOT, sqlString, tempDir, type RowObject } from './helpers/build.ts';
import { closeDb, FIGURE_TABLES, idOf, RAW, TODAY } from './helpers/build-data.ts';

const REPORTS = ['001_huaian_hongze_district_2023.txt', '011_jiangsu_huaian_city_gov_2024.txt'];
const stream = (file: string) => `stream_${file}`;

let db: Db;
let out: string;
beforeAll(async () => {
  db = await Db.open();
  const raw = tempDir('recovery-raw');
  out = tempDir('recovery-out');
  for (const file of REPORTS) {
    copyFileSync(join(RAW, file), join(raw, file));
    copyFileSync(join(ROOT, 'test/fixtures/derived/pdftotext', file), join(raw, stream(file)));
  }
  await buildData({ raw, out, today: TODAY });
});
afterAll(() => closeDb(db));

const keyOf = (table: string, r: RowObject) => (table === 'disclosures' ? `${r.item}.${r.measure}` : table === 'applications' ? `${r.row}.${r.applicant}` : `${r.proceeding}.${r.outcome}`);

describe('placement of figures in the data', () => {
  for (const table of FIGURE_TABLES) {
    it(`${table}: the same figures from both forms; 'identity' only in the PDF reading order, only on figures given`, async () => {
      const rows = (file: string) => db.objects(`SELECT * FROM ${parquet(out, table)} WHERE report_id = ${sqlString(idOf(file))}`);
      let placedByIdentity = 0;
      for (const file of REPORTS) {
        const layout = await rows(file);
        const read = await rows(stream(file));
        expect(read.length).toBe(layout.length);
        const values = (list: RowObject[]) => Object.fromEntries(list.map((r) => [keyOf(table, r), r.value]));
        expect(values(read)).toEqual(values(layout));
        for (const r of [...layout, ...read]) expect(r.placement === null, keyOf(table, r)).toBe(r.value === null);
        expect(layout.filter((r) => r.placement === 'identity')).toEqual([]);
        placedByIdentity += read.filter((r) => r.placement === 'identity').length;
      }
      expect(placedByIdentity).toBeGreaterThan(0);
    });
  }

  it('says so in a finding of the report', async () => {
    for (const file of REPORTS) {
      const findings = await db.objects(`SELECT rule FROM ${parquet(out, 'findings')} WHERE report_id = ${sqlString(idOf(stream(file)))}`);
      expect(findings.map((f) => f.rule)).toContain('recovered_by_identity');
    }
  });
});
