// Two synthetic reports in PDF reading order that the accuracy run once read
// wrong (test/fixtures/derived/synthetic, cut from `npm run gen:corpus` with
// their truth): where the text cannot tie figures to rows, they stay null.
//   heading-zeros   a table of zeros whose first row's label is misspelt: the
//                   （六） heading given figures of its own fits the count as
//                   well as the unlabelled first row does, so neither is placed
//   labels-after    labels standing after their figures, in a table whose
//                   arithmetic is broken on purpose: a label followed by the
//                   next row's figures does not keep them

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../src/lib/validate/index.ts';

const dir = join(import.meta.dirname, 'fixtures/derived/synthetic');
const today = new Date('2026-11-21');

interface Truth {
  changed: unknown;
  applications: Record<string, (number | null)[]>;
}

const APPLICANTS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other', 'total'];

function read(name: string) {
  const record = parseReport(readFileSync(join(dir, `${name}.txt`), 'utf8'), `${name}.txt`, { today }).record;
  const truth = JSON.parse(readFileSync(join(dir, `${name}.truth.json`), 'utf8')) as Truth;
  let right = 0;
  const wrong: string[] = [];
  for (const [row, values] of Object.entries(truth.applications)) {
    values.forEach((want, c) => {
      const got = record.applications[row]?.[APPLICANTS[c]]?.value ?? null;
      if (got === null) return;
      if (got === want) right++;
      else wrong.push(`${row}.${APPLICANTS[c]}: ${want} → ${got}`);
    });
  }
  return { record, right, wrong };
}

describe('figures the text does not tie to a row stay null', () => {
  it('heading-zeros: no figure wrong; the heading and the unlabelled row are left null, with a finding', () => {
    const { record, right, wrong } = read('heading-zeros_430822104_2022');
    expect(wrong).toEqual([]);
    expect(right).toBeGreaterThan(100);
    expect(Object.values(record.applications.other_handling ?? {}).every((f) => f.value === null)).toBe(true);
    expect(record.findings.some((f) => f.rule === 'recovery_ambiguous')).toBe(true);
  });

  it('labels-after: no figure wrong; the rows read from other lines than their labels are left null, with a finding', () => {
    const { record, wrong } = read('labels-after_430481100_2021');
    expect(wrong).toEqual([]);
    expect(Object.values(record.applications.other_handling_other ?? {}).every((f) => f.value === null)).toBe(true);
    expect(Object.values(record.applications.total_handled ?? {}).every((f) => f.value === null)).toBe(true);
    expect(record.findings.some((f) => f.rule === 'recovery_ambiguous' && f.message.includes('不在其行名所在行'))).toBe(true);
  });
});
