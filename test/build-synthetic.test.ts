// The data build on a synthetic corpus, against the generator's truth.
//
//  10 generator truth       summary and checks against the synthetic truth

import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { FIGURE_COLUMNS } from '../src/lib/build/summary.ts';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import type { TruthRecord } from '../src/lib/synth/truth.ts';
import { APPLICANT_CODES, OUTCOME_CODES } from '../src/lib/template/model.ts';
import { Db, parquet, type RowObject, tempDir } from './helpers/build.ts';
import { closeDb, expectSorted, TODAY } from './helpers/build-data.ts';

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

describe('10. generator truth (synthetic corpus)', () => {
  let raw: string;
  let out: string;
  let truth: TruthRecord[];
  let summary: Map<string, RowObject>;

  beforeAll(async () => {
    raw = tempDir('synth-raw');
    out = tempDir('synth-out');
    // One report per town and year, none late or copied: the checks across reports are test/synth-sequences.test.ts's.
    const sequence = { broken: 0, late: 0, copied: 0, duplicated: 0 };
    const stats = generateCorpus({ out: raw, towns: 30, years: [2020, 2022], seed: 'build-test', inconsistent: 0.25, sequence });
    expect(stats.reports).toBe(60);
    // The truth file is not a report: keep it out of the raw folder.
    const truthPath = join(tempDir('synth-truth'), 'truth.jsonl');
    renameSync(join(raw, 'truth.jsonl'), truthPath);
    truth = readFileSync(truthPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TruthRecord);
    const m = await buildData({ raw, out, today: TODAY });
    expect(m.files.total).toBe(60);
    summary = new Map((await db.objects(`SELECT * FROM ${parquet(out, 'summary')}`)).map((r) => [String(r.source_file), r]));
  }, 120_000);

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
    await expectSorted(db, out);
  });
});
