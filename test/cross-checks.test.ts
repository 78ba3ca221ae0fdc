// The checks across reports, in a real data build over reports made from the
// samples (test/helpers/cross-reports.ts): continuity of the carry-over and of
// the running counts, conflicting duplicates, copied text and timeliness, each
// naming both reports; a missing counterpart is not_checkable; and a change to
// one report re-checks its neighbours in an incremental build.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { Db, parquet, type RowObject, tempDir } from './helpers/build.ts';
import { closeDb, idOf, TODAY } from './helpers/build-data.ts';
import { guomaying, HONGZE, naturalPersons, panzhuang } from './helpers/cross-reports.ts';
import { QUALITY_PARTS, qualityIndex } from '../src/lib/quality-index.ts';

const FILES: Record<string, string> = {
  // 2022 says 5 came in from 2021, which carried 0 forward; its words are 2021's.
  'panzhuang_2021.txt': panzhuang({ year: 2021 }),
  'panzhuang_2022.txt': panzhuang({ year: 2022, carriedIn: naturalPersons(5), carriedOut: naturalPersons(5), date: '2023年5月10日' }),
  // 2023 takes over 2022's 5 and says so, in words of its own.
  'panzhuang_2023.txt': panzhuang({ year: 2023, carriedIn: naturalPersons(5), carriedOut: naturalPersons(5), ownWords: true }),
  // A second 2023 report, published earlier, with 4 where the first has 5.
  'panzhuang_2023_copy.txt': panzhuang({ year: 2023, carriedIn: naturalPersons(4), carriedOut: naturalPersons(4), ownWords: true, date: '2024年1月5日' }),
  // No 2024 report.
  'panzhuang_2025.txt': panzhuang({ year: 2025, ownWords: true }),
  // A neighbour's 2022 report: 潘庄镇's words with its own names.
  'songlin_2022.txt': panzhuang({ year: 2022, town: '松林镇' }),
  // 2019 template: 行政许可 runs on (3 + 2 = 5), 行政处罚 does not (1 + 0 ≠ 4).
  'guomaying_2019.txt': guomaying({ year: 2019, items: { 行政许可: [3, 2, 0], 行政处罚: [1, 0, 0] } }),
  'guomaying_2020.txt': guomaying({ year: 2020, items: { 行政许可: [5, 0, 0], 行政处罚: [4, 0, 0] } }),
  // A county government two days after its 31 March deadline.
  'hongze_2023.txt': `${HONGZE.trimEnd()}\n\n洪泽区人民政府\n2024年4月2日\n`,
};

let db: Db;
let raw: string;
let out: string;

async function checksOf(file: string, check: string): Promise<RowObject[]> {
  return db.objects(`SELECT scope, status, left_value, right_value, detail, other_report_id FROM ${parquet(out, 'checks')}
    WHERE report_id = '${idOf(file)}' AND "check" = '${check}' ORDER BY seq`);
}
const byScope = (rows: RowObject[]) => Object.fromEntries(rows.map((r) => [r.scope as string, r]));

beforeAll(async () => {
  db = await Db.open();
  raw = tempDir('cross-raw');
  out = tempDir('cross-out');
  mkdirSync(raw, { recursive: true });
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(raw, name), text);
  await buildData({ raw, out, today: TODAY, workers: 1 });
}, 120_000);
afterAll(() => closeDb(db));

describe('carry_over_continuity', () => {
  it('year N carried 0 forward and year N+1 says 5 came in: fails, naming both reports', async () => {
    const rows = byScope(await checksOf('panzhuang_2022.txt', 'carry_over_continuity'));
    expect(Object.keys(rows)).toEqual(['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other', 'total']);
    expect(rows.natural_person).toMatchObject({ status: 'fail', left_value: 0, right_value: 5, other_report_id: idOf('panzhuang_2021.txt') });
    expect(rows.natural_person.detail).toContain('panzhuang_2021.txt');
    expect(rows.total.status).toBe('fail');
    expect(rows.commercial).toMatchObject({ status: 'pass', other_report_id: idOf('panzhuang_2021.txt') });
    const [finding] = await db.objects(`SELECT severity, message, "column" FROM ${parquet(out, 'findings')} WHERE report_id = '${idOf('panzhuang_2022.txt')}' AND rule = 'carry_over_continuity' ORDER BY seq`);
    expect(finding).toMatchObject({ severity: 'warning', column: 'natural_person' });
    expect(finding.message).toContain('结转下年度继续办理 0 件；本年度上年结转 5 件');
  });

  it('a consistent pair passes in every column, against the report the site uses for the year before', async () => {
    const rows = await checksOf('panzhuang_2023.txt', 'carry_over_continuity');
    expect(rows.map((r) => r.status)).toEqual(Array(7).fill('pass'));
    expect(new Set(rows.map((r) => r.other_report_id))).toEqual(new Set([idOf('panzhuang_2022.txt')]));
  });

  it('a missing year is not_checkable, not passed', async () => {
    const rows = await checksOf('panzhuang_2025.txt', 'carry_over_continuity');
    expect(rows.map((r) => r.status)).toEqual(Array(7).fill('not_checkable'));
    expect(rows[0].other_report_id).toBeNull();
    expect(rows[0].detail).toContain('2024 年度的报告');
    expect((await checksOf('panzhuang_2021.txt', 'carry_over_continuity')).every((r) => r.status === 'not_checkable')).toBe(true);
  });
});

describe('prev_year_continuity (the template with running counts)', () => {
  it('passes where this year’s 上一年项目数量 is last year’s plus its change, fails where not, naming both', async () => {
    const rows = byScope(await checksOf('guomaying_2020.txt', 'prev_year_continuity'));
    expect(Object.keys(rows)).toEqual(['licensing', 'other_services', 'penalty', 'coercion', 'fees']);
    expect(rows.licensing).toMatchObject({ status: 'pass', left_value: 5, right_value: 5, other_report_id: idOf('guomaying_2019.txt') });
    expect(rows.penalty).toMatchObject({ status: 'fail', left_value: 1, right_value: 4 });
    expect(rows.penalty.detail).toContain('guomaying_2019.txt');
    expect(rows.penalty.detail).toContain('本年度上一年项目数量 4');
  });

  it('is not run for a template without running counts, and not_checkable without the year before', async () => {
    expect(await checksOf('panzhuang_2022.txt', 'prev_year_continuity')).toEqual([]);
    expect((await checksOf('guomaying_2019.txt', 'prev_year_continuity')).map((r) => r.status)).toEqual(Array(5).fill('not_checkable'));
  });
});

describe('conflicting_duplicates', () => {
  it('two reports of one agency and year whose figures differ fail, each naming the other and the figures', async () => {
    const [a] = await checksOf('panzhuang_2023.txt', 'conflicting_duplicates');
    const [b] = await checksOf('panzhuang_2023_copy.txt', 'conflicting_duplicates');
    expect(a).toMatchObject({ status: 'fail', other_report_id: idOf('panzhuang_2023_copy.txt') });
    expect(b).toMatchObject({ status: 'fail', other_report_id: idOf('panzhuang_2023.txt') });
    expect(a.detail).toContain('上年结转·自然人 5 对 4');
    expect(a.detail).toContain('结转下年度·总计 5 对 4');
    expect(a.left_value).toBe(4);
  });

  it('reports without a twin have no such check', async () => {
    expect(await checksOf('panzhuang_2022.txt', 'conflicting_duplicates')).toEqual([]);
  });
});

describe('copied_text', () => {
  it('a narrative copied from the same agency’s year before fails, naming it', async () => {
    const rows = byScope(await checksOf('panzhuang_2022.txt', 'copied_text'));
    expect(rows.previous_year).toMatchObject({ status: 'fail', right_value: 0.6, other_report_id: idOf('panzhuang_2021.txt') });
    expect(rows.previous_year.left_value as number).toBeGreaterThan(0.95);
  });

  it('a neighbour’s report of the same year with the names changed fails both ways', async () => {
    const [songlin] = (await checksOf('songlin_2022.txt', 'copied_text')).filter((r) => r.scope === 'same_year');
    expect(songlin).toMatchObject({ status: 'fail', other_report_id: idOf('panzhuang_2022.txt') });
    expect(songlin.detail).toContain('panzhuang_2022.txt');
    const [panzhuang] = (await checksOf('panzhuang_2022.txt', 'copied_text')).filter((r) => r.scope === 'same_year');
    expect(panzhuang).toMatchObject({ status: 'fail', other_report_id: idOf('songlin_2022.txt') });
  });

  it('a narrative of its own passes against the year before', async () => {
    const rows = byScope(await checksOf('panzhuang_2023.txt', 'copied_text'));
    expect(rows.previous_year).toMatchObject({ status: 'pass', other_report_id: idOf('panzhuang_2022.txt') });
    expect(rows.previous_year.left_value as number).toBeLessThan(0.2);
    expect(rows.same_year.status).toBe('pass');
  });
});

describe('timeliness', () => {
  it('a town within 31 March passes; after it fails with the days late', async () => {
    const [onTime] = await checksOf('panzhuang_2021.txt', 'timeliness');
    expect(onTime).toMatchObject({ status: 'pass', left_value: -69 });
    const [late] = await checksOf('panzhuang_2022.txt', 'timeliness');
    expect(late).toMatchObject({ status: 'fail', left_value: 40 });
    expect(late.detail).toContain('2023-03-31 40 天');
  });

  it('a county government two days late fails; a report without a date is not_checkable', async () => {
    const [county] = await checksOf('hongze_2023.txt', 'timeliness');
    expect(county).toMatchObject({ status: 'fail', left_value: 2 });
    expect(county.detail).toContain('县级以上人民政府');
    const [undated] = await checksOf('guomaying_2020.txt', 'timeliness');
    expect(undated.status).toBe('not_checkable');
  });
});

describe('the report-quality index', () => {
  it('is the weighted mean of the parts that can be judged, and low parts follow the failed checks', async () => {
    const rows = await db.objects(`SELECT source_file, quality_index, quality_continuity, quality_timeliness, quality_originality FROM ${parquet(out, 'reports')} ORDER BY source_file`);
    const at = Object.fromEntries(rows.map((r) => [r.source_file as string, r]));
    expect(at['panzhuang_2022.txt']).toMatchObject({ quality_continuity: 5 / 7, quality_timeliness: 1 - 40 / 90, quality_originality: 0 });
    expect(at['panzhuang_2023.txt']).toMatchObject({ quality_continuity: 1, quality_timeliness: 1, quality_originality: 1 });
    expect(at['panzhuang_2021.txt'].quality_continuity).toBeNull();
    expect(at['panzhuang_2023.txt'].quality_index as number).toBeGreaterThan(at['panzhuang_2022.txt'].quality_index as number);
  });

  it('equals, for every report, the index computed from its parts as /about/ publishes it', async () => {
    const rows = await db.objects(`SELECT * FROM ${parquet(out, 'reports')}`);
    expect(rows.length).toBe(Object.keys(FILES).length);
    for (const r of rows) {
      const parts = Object.fromEntries(QUALITY_PARTS.map((p) => [p.code, r[p.column] as number | null]));
      expect(r.quality_index, String(r.source_file)).toBe(qualityIndex(parts));
    }
  });
});

describe('incremental builds', () => {
  it('changing one report re-checks the unchanged reports of its agency', async () => {
    // 2022 now carries nothing in or out: it agrees with 2021, and 2023 (unchanged) no longer agrees with it.
    writeFileSync(join(raw, 'panzhuang_2022.txt'), panzhuang({ year: 2022, carriedIn: naturalPersons(0), carriedOut: naturalPersons(0) }));
    const m = await buildData({ raw, out, today: TODAY, workers: 1 });
    expect(m.files).toMatchObject({ parsed: 1, unchanged: Object.keys(FILES).length - 1 });
    expect((await checksOf('panzhuang_2022.txt', 'carry_over_continuity')).every((r) => r.status === 'pass')).toBe(true);
    const later = byScope(await checksOf('panzhuang_2023.txt', 'carry_over_continuity'));
    expect(later.natural_person).toMatchObject({ status: 'fail', left_value: 0, right_value: 5 });
    const counts = await db.rows(`SELECT count(*) FROM ${parquet(out, 'checks')} WHERE "check" = 'carry_over_continuity' GROUP BY report_id HAVING count(*) <> 7`);
    expect(counts).toEqual([]);
  }, 120_000);
});
