// The data build on figures that cannot be stored as written (issue 12, items
// 1 and 2), built by the CLI beside the samples: a count of 3,000,000,000 in
// section 三 (which used to crash the whole build with exit 3), one in section
// 四, a 20-digit count and a leading-zero cell in section 二, an overflowing
// count in the prose.
//
// Each gives exit 0, one row per file, the refused cell null with a finding
// that names the file, the line and the cell, the rest of its report intact,
// and the samples' figures unchanged.

import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, parquet, type RowObject, runBuildCli, sqlString, tempDir } from './helpers/build.ts';
import { CLEAN_SAMPLE, closeDb, figuresOf, idOf, RAW } from './helpers/build-data.ts';

let db: Db;
beforeAll(async () => (db = await Db.open()));
afterAll(() => closeDb(db));

const SAMPLE = readFileSync(join(RAW, CLEAN_SAMPLE), 'utf8');
const SAMPLES = readdirSync(RAW).sort();

/** The clean sample with the first line that matches `pattern` changed by `edit`; and that line's number. */
function edited(pattern: RegExp, edit: (line: string) => string): { text: string; line: number } {
  const lines = SAMPLE.split('\n');
  const k = lines.findIndex((l) => pattern.test(l));
  if (k < 0) throw new Error(`no line matches ${pattern}`);
  lines[k] = edit(lines[k]);
  return { text: lines.join('\n'), line: k + 1 };
}

/** Replaces the `n`-th TAB-separated cell (0-based) of a line. */
const cell = (n: number, value: string) => (line: string) => line.split('\t').map((c, k) => (k === n ? value : c)).join('\t');

interface Hostile {
  file: string;
  text: string;
  line: number;
  table: 'applications' | 'reviews' | 'disclosures' | 'reports';
  /** The refused cell: [row, column] of its table, or the reports column. */
  at: [string, string] | string;
  rule: 'figure_out_of_range' | 'figure_malformed';
  raw: string;
}

const HOSTILE: Hostile[] = [
  { file: 'applications-3e9.txt', ...edited(/^一、本年新收/, cell(2, '3000000000')), table: 'applications', at: ['new_received', 'natural_person'], rule: 'figure_out_of_range', raw: '3000000000' },
  { file: 'reviews-3e9.txt', ...edited(/^0(\t0){14}$/, cell(0, '3000000000')), table: 'reviews', at: ['review', 'upheld'], rule: 'figure_out_of_range', raw: '3000000000' },
  { file: 'disclosure-20-digits.txt', ...edited(/^规章\t/, cell(1, '99999999999999999999')), table: 'disclosures', at: ['regulations', 'issued'], rule: 'figure_out_of_range', raw: '99999999999999999999' },
  { file: 'disclosure-leading-zero.txt', ...edited(/^规范性文件\t/, cell(3, '0301')), table: 'disclosures', at: ['normative_docs', 'in_force'], rule: 'figure_malformed', raw: '0301' },
  { file: 'prose-3e9.txt', ...edited(/政府信息 59 条/, (l) => l.replace('59 条', '3000000000 条')), table: 'reports', at: 'proactive_items', rule: 'figure_out_of_range', raw: '3000000000' },
];

const KEYS = { applications: ['row', 'applicant'], reviews: ['proceeding', 'outcome'], disclosures: ['item', 'measure'] } as const;

describe('figures that cannot be stored, built beside the samples', () => {
  let out: string;
  let alone: string;
  let code: number | null;
  let stderr: string;
  let reports: RowObject[];

  beforeAll(async () => {
    const raw = tempDir('figures-raw');
    const samplesOnly = tempDir('figures-samples');
    for (const f of SAMPLES) {
      copyFileSync(join(RAW, f), join(raw, f));
      copyFileSync(join(RAW, f), join(samplesOnly, f));
    }
    for (const h of HOSTILE) writeFileSync(join(raw, h.file), h.text);
    out = tempDir('figures-out');
    alone = tempDir('figures-alone');
    const [withHostile, samples] = await Promise.all([runBuildCli(['--raw', raw, '--out', out, '--quiet', '--workers', '1'], 120_000), runBuildCli(['--raw', samplesOnly, '--out', alone, '--quiet', '--workers', '1'], 120_000)]);
    ({ code, stderr } = withHostile);
    expect(samples.code, samples.stderr).toBe(0);
    reports = await db.objects(`SELECT * FROM ${parquet(out, 'reports')}`);
  }, 240_000);

  it('exits 0 (a section 三 count of 3,000,000,000 used to end the build with exit 3)', () => {
    expect(code, stderr).toBe(0);
  });

  it('writes one report row per file', () => {
    expect(reports.map((r) => r.source_file).sort()).toEqual([...SAMPLES, ...HOSTILE.map((h) => h.file)].sort());
  });

  it.each(HOSTILE)('$file: the cell is null, with a finding naming the file, line and cell', async (h) => {
    const id = sqlString(idOf(h.file));
    if (typeof h.at === 'string') {
      expect(reports.find((r) => r.source_file === h.file)![h.at]).toBeNull();
    } else {
      const [rowKey, colKey] = KEYS[h.table as keyof typeof KEYS];
      const cells = await db.objects(`SELECT value, line FROM ${parquet(out, h.table)} WHERE report_id = ${id} AND "${rowKey}" = ${sqlString(h.at[0])} AND "${colKey}" = ${sqlString(h.at[1])}`);
      // Null, but still placed: the line the figure was refused on is kept.
      expect(cells).toEqual([{ value: null, line: h.line }]);
      if (h.table === 'disclosures') expect(await db.scalar(`SELECT count(*) FROM ${parquet(out, h.table)} WHERE report_id = ${id} AND raw = ${sqlString(h.raw)}`)).toBe(1);
    }
    const findings = await db.objects(`SELECT rule, section, "row", "column", line, message FROM ${parquet(out, 'findings')} WHERE report_id = ${id} AND rule LIKE 'figure_%'`);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.rule).toBe(h.rule);
    expect(f.line).toBe(h.line);
    if (typeof h.at === 'string') expect(f.row).toBe(h.at);
    else expect([f.row, f.column]).toEqual(h.at);
    expect(String(f.message)).toContain(h.file);
    expect(String(f.message)).toContain(`第 ${h.line} 行`);
    expect(String(f.message)).toContain(h.raw);
  });

  it('every other figure of a hostile report is the clean sample’s', async () => {
    const clean = await figuresOf(db, alone, idOf(CLEAN_SAMPLE));
    for (const h of HOSTILE) {
      const figures = await figuresOf(db, out, idOf(h.file));
      for (const t of ['applications', 'reviews', 'disclosures'] as const) {
        const differing = figures[t].filter((row, k) => JSON.stringify(row) !== JSON.stringify(clean[t][k]));
        expect(differing.length, `${h.file} ${t}`).toBe(h.table === t ? 1 : 0);
      }
    }
  });

  it('the samples’ figures are those of a build of the samples alone', async () => {
    for (const f of SAMPLES) expect(await figuresOf(db, out, idOf(f)), f).toEqual(await figuresOf(db, alone, idOf(f)));
  });
});
