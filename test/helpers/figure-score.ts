// Scoring a parsed record against the hand-checked figures of
// test/fixtures/expected/*.json one figure at a time: how many it gives,
// how many it leaves null, and which it gets wrong. For readers that may
// lose figures but must never invent one (OCR): the golden checkRecord
// fails at the first difference instead.

import type { ReportRecord } from '../../src/lib/parse/index.ts';
import { APPLICANT_CODES, OUTCOME_CODES, PROCEEDING_CODES, applicationRows } from '../../src/lib/template/model.ts';
import type { Expected } from './golden.ts';

export interface FigureScore {
  expected: number;
  correct: number;
  missing: string[];
  wrong: string[];
}

/** Every non-null figure of `expected` (nulls and 'incomplete' rows are not figures to give). */
export function scoreFigures(record: ReportRecord, expected: Expected): FigureScore {
  const score: FigureScore = { expected: 0, correct: 0, missing: [], wrong: [] };
  const check = (path: string, want: unknown, got: number | null | undefined) => {
    if (typeof want !== 'number') return;
    score.expected++;
    if (got === want) score.correct++;
    else if (got === null || got === undefined) score.missing.push(path);
    else score.wrong.push(`${path}: ${got} ≠ ${want}`);
  };
  for (const [item, want] of Object.entries(expected.disclosure ?? {})) {
    if (typeof want !== 'object' || want === null) continue;
    for (const [measure, v] of Object.entries(want as Record<string, unknown>)) {
      if (measure !== 'amount_raw' && measure !== 'unit_inferred') check(`disclosure.${item}.${measure}`, v, record.disclosure[item]?.[measure]?.value);
    }
  }
  const apps = expected.applications ?? {};
  const commonRows = record.template ? applicationRows(record.template).filter((r) => !r.parent).map((r) => r.code) : [];
  for (const [row, want] of Object.entries(apps)) {
    if (row === '_rows_all_zero') {
      const rows = want === 'all 23 rows' ? commonRows : (want as string[]);
      for (const r of rows) for (const a of APPLICANT_CODES) check(`applications.${r}.${a}`, 0, record.applications[r]?.[a]?.value);
    } else if (want && typeof want === 'object') {
      for (const a of APPLICANT_CODES) check(`applications.${row}.${a}`, (want as Record<string, number>)[a], record.applications[row]?.[a]?.value);
    }
  }
  const reviews = expected.reviews;
  for (const p of PROCEEDING_CODES) {
    for (const o of OUTCOME_CODES) {
      const want = reviews === 'all 15 zero' ? 0 : reviews && typeof reviews === 'object' ? (reviews as Record<string, Record<string, number>>)[p]?.[o] : undefined;
      check(`reviews.${p}.${o}`, want, record.reviews[p]?.[o]?.value);
    }
  }
  for (const field of ['year', 'proactive_items'] as const) check(field, expected[field], record[field]);
  return score;
}
