// Synthetic year sequences (src/lib/synth/sequence.ts) and the accuracy run of
// the checks across reports (verify-cross.ts): a town's reports continue one
// another unless broken on purpose, some are late, copied or published twice,
// and the data build finds exactly those: 0 missed, 0 false alarms.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import type { TruthRecord } from '../src/lib/synth/truth.ts';
import { verifyCrossChecks, type CrossVerifyResult } from '../src/lib/synth/verify-cross.ts';
import { APPLICANT_CODES, CARRY_OVER, RUNNING_COUNT } from '../src/lib/template/model.ts';

const YEARS = [2019, 2020, 2021, 2022];
let dir: string;
let truth: TruthRecord[];
let result: CrossVerifyResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'synth-sequences-'));
  // Rates well above the defaults, so that every kind shows in a small corpus.
  generateCorpus({ out: dir, towns: 40, years: YEARS, seed: 'sequences', inconsistent: 0.05, sequence: { broken: 0.15, late: 0.1, copied: 0.08, duplicated: 0.08 } });
  truth = readFileSync(join(dir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TruthRecord);
  result = await verifyCrossChecks(dir);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = (t: TruthRecord, year: number) => `${t.town_code}:${year}`;

describe('year sequences', () => {
  it('a year continues the year before unless broken on purpose', () => {
    const first = new Map(truth.filter((t) => !t.duplicate_of).map((t) => [key(t, t.year), t]));
    let consistent = 0;
    let broken = 0;
    for (const t of truth.filter((x) => !x.duplicate_of && !x.changed)) {
      const prev = first.get(key(t, t.year - 1));
      if (!prev || prev.changed) continue;
      const carried = APPLICANT_CODES.every((_, c) => {
        const out = prev.applications[CARRY_OVER.out][c];
        const into = t.applications[CARRY_OVER.in][c];
        return out === null || into === null || out === into;
      });
      const running = Object.entries(t.disclosure).every(([item, m]) => {
        const p = prev.disclosure[item];
        if (!p || !(RUNNING_COUNT.count in m) || p[RUNNING_COUNT.count] === null || p[RUNNING_COUNT.change] === null || m[RUNNING_COUNT.count] === null) return true;
        return p[RUNNING_COUNT.count]! + p[RUNNING_COUNT.change]! === m[RUNNING_COUNT.count];
      });
      // A broken figure may stand in a row the report lost (null in the truth): then nothing shows.
      if (t.broken === null) expect(carried && running, t.file).toBe(true);
      if (t.broken === null) consistent++;
      else if (!(carried && running)) broken++;
    }
    expect(consistent).toBeGreaterThan(50);
    expect(broken).toBeGreaterThan(3);
    expect(new Set(truth.flatMap((t) => (t.broken ? [t.broken.kind] : [])))).toEqual(new Set(['carry_over', 'running_count']));
  });

  it('has late, copied and twice-published reports', () => {
    expect(truth.filter((t) => t.published_on.slice(5) > '03-31').length).toBeGreaterThan(5);
    const prose = new Map<string, number>();
    for (const t of truth) prose.set(t.prose, (prose.get(t.prose) ?? 0) + 1);
    expect([...prose.values()].filter((n) => n > 1).length).toBeGreaterThan(5);
    expect(truth.filter((t) => t.duplicate_of).length).toBeGreaterThan(3);
  });
});

describe('the accuracy run counts the checks across reports', () => {
  it('every kind of check is compared, with failures expected', () => {
    for (const check of ['carry_over_continuity', 'prev_year_continuity', 'copied_text', 'timeliness', 'conflicting_duplicates']) {
      expect(result.compared[check]?.fail, check).toBeGreaterThan(0);
      expect(result.compared[check]?.pass, check).toBeGreaterThan(0);
    }
    expect(result.compared.carry_over_continuity.not_checkable).toBeGreaterThan(0);
    expect(result.reports).toBeGreaterThan(150);
  });

  it('0 missed, 0 false alarms, and every failure names a report it should', () => {
    expect(result.missed.slice(0, 5)).toEqual([]);
    expect(result.falseAlarms.slice(0, 5)).toEqual([]);
    expect(result.otherMismatches.slice(0, 5)).toEqual([]);
  });
});
