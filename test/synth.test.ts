// The synthetic corpus (src/lib/synth) against the parser: about 400 reports
// over 2019–2024 in every layout, each figure compared with the truth, each
// deliberate inconsistency looked for among the failed checks.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import { ALL_LAYOUT_TAGS, DAMAGE_CLASSES, type LayoutTag, type TruthRecord } from '../src/lib/synth/truth.ts';

const isClass = (tag: LayoutTag) => (DAMAGE_CLASSES as readonly string[]).includes(tag);
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
    // Generating and parsing 400 reports takes seconds alone, minutes on a busy machine.
  }, 600_000);

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
    // Reports as written (no converter, no PDF reading order) give every figure.
    const plain = new Set(truth.filter((t) => !t.layout.some(isClass)).map((t) => t.file));
    expect(result.missing.filter((m) => plain.has(m.file)).slice(0, 10)).toEqual([]);
    expect(result.figures).toBeGreaterThan(truth.length * 150);
  });

  it('reads reports in PDF reading order and converter Markdown: none wrong, at most 1 % missing where the identities decide', () => {
    for (const tag of DAMAGE_CLASSES) {
      const stats = result.byLayout[tag];
      expect(stats?.reports, tag).toBeGreaterThan(5);
      expect(stats.wrong, tag).toBe(0);
    }
    // Where the identities decide: reports whose own arithmetic holds (a deliberate inconsistency leaves
    // them nothing to decide by) and whose zeros are not mixed with placeholders ('—' among zeros in
    // PDF reading order can stand in any of several cells).
    const decidable = truth.filter((t) => t.layout.some(isClass) && !t.changed && !t.layout.includes('placeholder_cells'));
    for (const tag of DAMAGE_CLASSES) {
      const files = new Set(decidable.filter((t) => t.layout.includes(tag)).map((t) => t.file));
      const missing = result.missing.filter((m) => files.has(m.file)).length;
      expect(missing / (files.size * (result.figures / result.reports)), tag).toBeLessThanOrEqual(0.01);
    }
  });

  it('every deliberate inconsistency fails the recorded checks, and nothing else fails', () => {
    // A report in PDF reading order whose arithmetic is broken cannot have its figures placed by it.
    const plain = new Set(truth.filter((t) => !t.layout.some(isClass)).map((t) => t.file));
    expect(result.missedInconsistencies.filter((m) => plain.has(m.file))).toEqual([]);
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
