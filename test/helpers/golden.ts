// The comparison of a parsed record with the hand-checked figures of
// test/fixtures/expected/{seeds,corpus}.json, shared by the golden test and
// the document format test.
//
// Conventions of those files: null means the figure is absent and must be
// null, never 0; "incomplete" means every value of that row is null;
// "not_in_template" means the report's template has no such row at all.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ReportRecord } from '../../src/lib/parse/index.ts';
import { APPLICANT_CODES, OUTCOME_CODES, PROCEEDING_CODES, applicationRows } from '../../src/lib/template/model.ts';

const root = join(import.meta.dirname, '..', '..');
const TOP_FIELDS = ['agency', 'level', 'town', 'town_code', 'county', 'city', 'province', 'year', 'template', 'published_on', 'proactive_items', 'proactive_items_approx'] as const;

export type Expected = Record<string, unknown> & { disclosure?: Record<string, unknown>; applications?: Record<string, unknown>; reviews?: unknown };

export function loadExpected(name: string): Record<string, Expected> {
  return JSON.parse(readFileSync(join(root, 'test/fixtures/expected', name), 'utf8'));
}

function values(row: Record<string, { value: number | null }> | undefined): (number | null)[] {
  return row ? Object.values(row).map((f) => f.value) : [];
}

export function checkRecord(record: ReportRecord, expected: Expected): void {
  for (const field of TOP_FIELDS) {
    if (field in expected) expect(record[field], field).toEqual(expected[field]);
  }
  for (const [item, want] of Object.entries(expected.disclosure ?? {})) {
    const got = record.disclosure[item];
    if (want === 'not_in_template') {
      expect(got, `${item} is not in the template`).toBeUndefined();
      continue;
    }
    expect(got, `${item} is in the template`).toBeDefined();
    if (want === null || want === 'incomplete') {
      expect(values(got), `${item} all null`).toEqual(values(got).map(() => null));
      continue;
    }
    for (const [measure, v] of Object.entries(want as Record<string, unknown>)) {
      if (measure === 'amount_raw') expect(got.amount_yuan.raw, `${item} raw`).toBe(v);
      else if (measure === 'unit_inferred') expect((got.amount_yuan as { unit_inferred: boolean }).unit_inferred, `${item} unit inferred`).toBe(v);
      else expect(got[measure]?.value, `${item}.${measure}`).toBe(v);
    }
  }
  const apps = expected.applications;
  if (apps) {
    const commonRows = applicationRows(record.template!).filter((r) => !r.parent).map((r) => r.code);
    for (const [row, want] of Object.entries(apps)) {
      if (row === '_rows_all_zero' || row === '_rows_null') {
        const rows = want === 'all 23 rows' ? commonRows : (want as string[]);
        if (want === 'all 23 rows') expect(rows).toHaveLength(23);
        for (const r of rows) expect(values(record.applications[r]), `${r} ${row}`).toEqual(APPLICANT_CODES.map(() => (row === '_rows_null' ? null : 0)));
      } else if (want === null || want === 'incomplete') {
        expect(values(record.applications[row]), `${row} all null`).toEqual(APPLICANT_CODES.map(() => null));
      } else {
        expect(values(record.applications[row]), row).toEqual(APPLICANT_CODES.map((a) => (want as Record<string, number>)[a]));
      }
    }
  }
  if ('reviews' in expected) {
    const want = expected.reviews;
    for (const p of PROCEEDING_CODES) {
      const got = values(record.reviews[p]);
      if (want === null) expect(got, `${p} null`).toEqual(OUTCOME_CODES.map(() => null));
      else if (want === 'all 15 zero') expect(got, `${p} zero`).toEqual(OUTCOME_CODES.map(() => 0));
      else expect(got, p).toEqual(OUTCOME_CODES.map((o) => (want as Record<string, Record<string, number>>)[p][o]));
    }
  }
}
