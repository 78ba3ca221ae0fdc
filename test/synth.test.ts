// The synthetic corpus (src/lib/synth) against the parser: about 400 reports
// over 2019–2024 in every layout, each figure compared with the truth, each
// deliberate inconsistency looked for among the failed checks.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import { ALL_LAYOUT_TAGS, type TruthRecord } from '../src/lib/synth/truth.ts';
import { verifyCorpus, type VerifyResult } from '../src/lib/synth/verify.ts';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'synth-corpus-'));
  dirs.push(dir);
  return dir;
}

function truthOf(dir: string): TruthRecord[] {
  return readFileSync(join(dir, 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as TruthRecord);
}

/** Every file of a corpus folder, path → content. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out.set(path.slice(dir.length), readFileSync(path, 'utf8'));
    }
  }
  return out;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('synthetic corpus', () => {
  let dir: string;
  let truth: TruthRecord[];
  let result: VerifyResult;

  beforeAll(async () => {
    dir = tempDir();
    generateCorpus({ out: dir, towns: 67, years: YEARS, seed: 'synth-test', inconsistent: 0.1 });
    truth = truthOf(dir);
    result = await verifyCorpus(dir);
  });

  it('writes one report per town and year, under the province folder (and now and then a second one)', () => {
    const firsts = truth.filter((t) => !t.duplicate_of);
    expect(firsts).toHaveLength(67 * YEARS.length);
    for (const t of firsts) expect(t.file).toBe(`${t.town_code.slice(0, 2)}/${t.town_code}_${t.year}.txt`);
    for (const t of truth.filter((x) => x.duplicate_of)) expect(t.file).toBe(t.duplicate_of!.replace(/\.txt$/, '_2.txt'));
    expect(new Set(truth.map((t) => t.year))).toEqual(new Set(YEARS));
    for (const t of truth) expect(t.template).toBe(t.year >= 2021 ? '2021' : '2019');
  });

  it('shows every layout', () => {
    const seen = new Set(truth.flatMap((t) => t.layout));
    for (const tag of ALL_LAYOUT_TAGS) expect(seen.has(tag), tag).toBe(true);
  });

  it('has deliberate inconsistencies, each with the checks it breaks', () => {
    const changed = truth.filter((t) => t.changed);
    expect(changed.length).toBeGreaterThan(15);
    for (const t of changed) expect(t.failing.length).toBeGreaterThan(0);
    for (const t of truth.filter((x) => !x.changed)) expect(t.failing).toEqual([]);
  });

  it('the parser reads every figure as the truth has it', () => {
    expect(result.reports).toBe(truth.length);
    expect(result.unreadable).toEqual([]);
    // The first few mismatches make a readable failure; the count is the assertion.
    expect(result.wrong.slice(0, 10)).toEqual([]);
    expect(result.wrong).toHaveLength(0);
    expect(result.figures).toBeGreaterThan(truth.length * 150);
  });

  it('every deliberate inconsistency fails the recorded checks, and nothing else fails', () => {
    expect(result.missedInconsistencies).toEqual([]);
    expect(result.falseAlarms).toEqual([]);
  });

  it('reads year, template, publication date and town code', () => {
    expect(result.meta.wrong).toEqual([]);
    // Units named like 经济开发区 or 农场 are not places the parser knows how to read; all towns are.
    for (const m of result.meta.unplacedUnits) expect(truth.find((t) => t.file === m.file)?.town).not.toMatch(/(镇|乡|街道|苏木)$/);
  });
});

describe('determinism', () => {
  it('the same seed gives a byte-identical corpus', () => {
    const a = tempDir();
    const b = tempDir();
    generateCorpus({ out: a, towns: 12, years: YEARS, seed: 7 });
    generateCorpus({ out: b, towns: 12, years: YEARS, seed: 7 });
    expect(readFileSync(join(b, 'truth.jsonl'), 'utf8')).toBe(readFileSync(join(a, 'truth.jsonl'), 'utf8'));
    const fa = files(a);
    const fb = files(b);
    expect([...fb.keys()].sort()).toEqual([...fa.keys()].sort());
    for (const [path, text] of fa) expect(fb.get(path), path).toBe(text);
  });

  it('another seed gives other towns and other reports', () => {
    const a = tempDir();
    const b = tempDir();
    generateCorpus({ out: a, towns: 12, years: [2023], seed: 7 });
    generateCorpus({ out: b, towns: 12, years: [2023], seed: 8 });
    expect(readFileSync(join(b, 'truth.jsonl'), 'utf8')).not.toBe(readFileSync(join(a, 'truth.jsonl'), 'utf8'));
  });
});
