// Metamorphic properties of the parser on the clean samples: layout that
// carries no meaning does not change the figures. Spaces around cells,
// trailing spaces, blank lines between rows, tab rows written one cell per line
// (and back), space-aligned rows written as tab rows.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../src/lib/parse/index.ts';
import { isMoney } from '../src/lib/parse/record.ts';
import { allFigures, parse, RAW } from './helpers/parse-fuzz.ts';

/** The figures of a record by place: value, and unit for money. Lines and raw text may differ. */
function figures(record: ReportRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { where, figure } of allFigures(record)) out[where] = isMoney(figure) ? `${figure.value} ${figure.unit}` : String(figure.value);
  return out;
}

/** Seeded pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const spaces = (n: number) => ' '.repeat(n);

/**
 * Moves whitespace that carries no meaning: spaces around the cells of a tab row, the width of
 * the gaps (two spaces or more) between space-aligned cells, leading and trailing spaces, and
 * blank lines between lines.
 */
function shuffleWhitespace(text: string, seed: number): string {
  const rnd = random(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let l: string;
    if (line.includes('\t')) {
      l = line
        .split('\t')
        .map((cell) => (cell.trim() === '' ? spaces(pick(2)) : spaces(pick(2)) + cell.trim() + spaces(pick(2))))
        .join('\t');
    } else {
      const body = line.trim().replace(/ {2,}/g, () => spaces(2 + pick(5)));
      // No leading run of two spaces or more on a line of one cell: that would make an empty first cell.
      const lead = /\S {2,}\S/.test(body) ? pick(8) : pick(2);
      l = body === '' ? spaces(pick(3)) : spaces(lead) + body + spaces(pick(3));
    }
    out.push(l);
    for (let k = pick(4) === 0 ? 1 + pick(2) : 0; k > 0; k--) out.push(spaces(pick(2)));
  }
  return out.join('\n');
}

/** Tab rows written one cell per line, each cell on its own line after a TAB, a blank line after each row. */
function toCellPerLine(text: string): string {
  return text
    .split('\n')
    .flatMap((line) => (line.includes('\t') ? [...line.split('\t').map((cell) => `\t${cell}`), ''] : [line]))
    .join('\n');
}

/** The other way: each run of lines that start with a TAB becomes one tab row. */
function toTabRows(text: string): string {
  const out: string[] = [];
  let row: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      (row ??= []).push(line.slice(1));
      continue;
    }
    if (row) out.push(row.join('\t'));
    row = null;
    out.push(line);
  }
  if (row) out.push(row.join('\t'));
  return out.join('\n');
}

/** Space-aligned rows (PDF text) written as tab rows: gaps of two spaces or more become TABs. */
function alignedToTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const body = line.trim();
      return /\S {2,}\S/.test(body) ? body.split(/ {2,}/).join('\t') : line;
    })
    .join('\n');
}

const CLEAN = ['002_6d8ce434c4304d77.txt', '003_2945165e826adaca.txt', '004_c11732510b83538c.txt', '011_jiangsu_huaian_city_gov_2024.txt'];

describe.each(CLEAN)('layout that carries no meaning: %s', (file) => {
  const text = readFileSync(join(RAW, file), 'utf8');
  const want = figures(parse(text).record);
  const nonNull = Object.values(want).filter((v) => !v.startsWith('null')).length;

  it('has figures to compare', () => {
    expect(nonNull).toBeGreaterThan(40);
  });

  it('gives the same figures with whitespace moved around cells and blank lines between rows', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(figures(parse(shuffleWhitespace(text, seed)).record)).toEqual(want);
      }),
      { numRuns: 25 },
    );
  });

  it('gives the same figures with tab rows written one cell per line, and back', () => {
    const tabbed = file.startsWith('011') ? alignedToTabs(text) : text;
    if (file.startsWith('011')) expect(figures(parse(tabbed).record)).toEqual(want);
    const perLine = toCellPerLine(tabbed);
    expect(figures(parse(perLine).record)).toEqual(want);
    const back = toTabRows(perLine);
    expect(figures(parse(back).record)).toEqual(want);
    // The cell-per-line samples (002, 004) read the same as tab rows, too.
    expect(figures(parse(toTabRows(text)).record)).toEqual(want);
  });
});
