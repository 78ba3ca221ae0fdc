// Properties of the parser on arbitrary input, and metamorphic properties on
// the clean samples.
//
// 1. Whatever the input (any string, any bytes through the decoder), the
//    parser does not throw, and every figure it returns is in the text: its
//    line is set, that line holds its raw text, and its value is the number
//    the raw text denotes (money: in yuan, by the unit written or recorded).
// 2. Layout that carries no meaning does not change the figures: spaces
//    around cells, trailing spaces, blank lines between rows, tab rows written
//    one cell per line (and back), space-aligned rows written as tab rows.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeReport } from '../src/lib/decode/index.ts';
import { parseReport, type Figure, type MoneyFigure, type ReportRecord } from '../src/lib/parse/index.ts';
import { countBefore } from '../src/lib/parse/narrative.ts';
import { compactText, removeSpaces, toHalfWidth } from '../src/lib/parse/text.ts';
import { isMoney } from '../src/lib/parse/record.ts';
import {
  APPLICANTS,
  APPLICATION_GROUPS,
  APPLICATION_HEADERS,
  APPLICATION_ROWS,
  DISCLOSURE_HEADERS,
  DISCLOSURE_ITEMS,
  MEASURES,
  MONEY_FACTORS,
  OUTCOMES,
  PROCEEDINGS,
  SECTIONS,
  type MoneyUnit,
} from '../src/lib/template/model.ts';

const RAW = join(import.meta.dirname, '..', 'data', 'raw');
const TODAY = new Date('2026-11-21');
const RUNS = 300;

const parse = (text: string) => parseReport(text, 'prop.txt', { today: TODAY });

// ---------------------------------------------------------------------------
// What a raw cell denotes, worked out independently of the parser.

/** Full-width forms to half-width, then every kind of space removed. */
function norm(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
  }
  return out.replace(/[\s\u200b\ufeff]/g, '');
}

const UNIT_WORDS: Record<string, MoneyUnit> = { 元: '元', 万元: '万元', 万: '万元', 亿元: '亿元', 亿: '亿元' };
const DENOTES = /^([+增\-−减])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:余|多)?(万元|亿元|元|万|亿|件|条|个|项|次|人|家)?$/;

/** The number a cell's text denotes, and its money unit if it writes one; null when it is no number. */
function denote(raw: string): { n: number; unit: MoneyUnit | null } | null {
  const m = DENOTES.exec(norm(raw));
  if (!m) return null;
  const sign = m[1] === '-' || m[1] === '−' || m[1] === '减' ? -1 : 1;
  const n = sign * Number(m[2].replace(/,/g, '') + (m[3] ?? ''));
  return { n, unit: m[4] ? (UNIT_WORDS[m[4]] ?? null) : null };
}

interface Located {
  where: string;
  figure: Figure | MoneyFigure;
}

function allFigures(record: ReportRecord): Located[] {
  const out: Located[] = [];
  for (const [table, grid] of [['disclosure', record.disclosure], ['applications', record.applications], ['reviews', record.reviews]] as const) {
    for (const [row, cells] of Object.entries(grid)) {
      for (const [col, figure] of Object.entries(cells)) out.push({ where: `${table}.${row}.${col}`, figure });
    }
  }
  return out;
}

/** Every non-null figure stands on its line and is the number its raw text denotes. */
function expectFiguresFromText(text: string, record: ReportRecord): void {
  const lines = text.split('\n');
  for (const { where, figure } of allFigures(record)) {
    if (figure.value === null) continue;
    expect(figure.line, `${where} has a line`).toBeTypeOf('number');
    expect(figure.raw, `${where} has its raw text`).toBeTypeOf('string');
    const source = lines[(figure.line as number) - 1];
    expect(source, `${where}: line ${figure.line} exists`).toBeTypeOf('string');
    expect(norm(source), `${where}: line ${figure.line} holds “${figure.raw}”`).toContain(norm(figure.raw as string));
    const d = denote(figure.raw as string);
    expect(d, `${where}: “${figure.raw}” is a number`).not.toBeNull();
    const { n, unit } = d!;
    if (isMoney(figure)) {
      if (unit) expect(figure.unit, `${where}: the unit written`).toBe(unit);
      const yuan = figure.unit ? n * MONEY_FACTORS[figure.unit] : n;
      expect(Math.abs(figure.value - yuan), `${where}: ${figure.value} is “${figure.raw}” in yuan`).toBeLessThan(0.01 + Math.abs(yuan) * 1e-12);
    } else {
      expect(unit, `${where}: a count has no money unit`).toBeNull();
      expect(figure.value === n, `${where}: ${figure.value} is “${figure.raw}”`).toBe(true);
    }
  }
}

// ---------------------------------------------------------------------------
// Generators: text made of the reports' own pieces, so that tables are found
// and rows filled, in every layout the reader knows, with every kind of cell.

const labels = [
  ...APPLICATION_ROWS.flatMap((r) => [r.label, `${r.number}、${r.label}`, `${r.number}.${r.label}`, `（${r.number}）${r.label}`]),
  ...APPLICATION_GROUPS.map((g) => g.label),
  ...APPLICATION_HEADERS.map((h) => h.label),
  ...APPLICANTS.map((a) => a.label),
  ...DISCLOSURE_ITEMS.map((i) => i.label),
  ...DISCLOSURE_HEADERS.map((h) => h.label),
  ...MEASURES.flatMap((m) => [m.label, `${m.label}（万元）`, `${m.label}（元）`]),
  ...PROCEEDINGS.map((p) => p.label),
  ...OUTCOMES.flatMap((o) => [o.label, o.label.split('').join(' ')]),
  ...SECTIONS.flatMap((s) => [s.label, `${'一二三四五六'[s.number - 1]}、${s.label}`]),
  '洛碛镇2020年政府信息公开工作年度报告',
  '潘庄镇人民政府2021年度政府信息公开工作年度报告',
  '主动公开政府信息200余条。',
  '累计公开信息1,500条，',
  '2021. 1. 15',
  '二〇二二年一月二十日',
  '-3-',
  '第 2 页',
];

/** The labels that head rows of figures. */
const rowLabels = [...APPLICATION_ROWS.flatMap((r) => [r.label, `${r.number}.${r.label}`, `（${r.number}）${r.label}`]), ...DISCLOSURE_ITEMS.map((i) => i.label), '行政复议'];

const digitsOf = (n: number) => String(n);
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const grouped = (n: number) => n.toLocaleString('en-US');

const figureText = fc.oneof(
  fc.nat({ max: 20 }).map(digitsOf),
  fc.nat({ max: 10_000_000 }).map(digitsOf),
  fc.nat({ max: 10_000_000 }).map(grouped),
  fc.nat({ max: 999 }).map((n) => fullWidth(digitsOf(n))),
  fc.tuple(fc.constantFrom('+', '-', '增', '减', '−', '＋'), fc.nat({ max: 99 })).map(([s, n]) => `${s}${n}`),
  fc.tuple(fc.nat({ max: 99999 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.nat({ max: 99999 }), fc.constantFrom('元', '万元', '亿元', ' 万元', '万', '件', '条', '余条', '余'), fc.boolean()).map(([n, u, dec]) => `${dec ? `${n}.5` : n}${u}`),
  fc.constantFrom('—', '/', '无', '-', '——', '／', '0', '00', '1,0', '1,00', ',100', '.5', '5.', '1..2', '0x10', '1e5', '٣'),
);

const separator = fc.constantFrom('\t', '\t', '\t', '  ', '   ', ' ', '|', ' | ', '||', '\n', '\n', '\n\t', '\n\n', '\u3000\u3000', '\r\n', '\u00a0\u00a0');
const cellSeparator = fc.constantFrom('\t', '\t', '  ', '     ', ' | ', '|', '\n\t', '\n', '\t\t');

/** A table row: a label, then as many figures as some table has columns (or not), in one layout. */
const row = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...rowLabels) }, { weight: 1, arbitrary: fc.constantFrom(...labels) }),
    cellSeparator,
    fc.oneof(fc.constantFrom(1, 2, 3, 7, 7, 15), fc.nat({ max: 9 })).chain((k) => fc.array(figureText, { minLength: k, maxLength: k })),
    fc.constantFrom('', '', '\t', ' |', '  '),
  )
  .map(([label, sep, cells, end]) => [label, ...cells].join(sep) + end);

const junk = fc.array(fc.oneof(figureText, separator, fc.constantFrom(...labels), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }).map((p) => p.join(''));

const title = fc.constantFrom('洛碛镇2020年政府信息公开工作年度报告', '潘庄镇2021年政府信息公开工作年度报告', '淮安市人民政府2024年政府信息公开工作年度报告', '');

/** Text made of the reports' own pieces: a title, headings, rows of figures, and junk. */
const reportish = fc
  .tuple(title, fc.array(fc.oneof({ weight: 6, arbitrary: row }, { weight: 2, arbitrary: fc.constantFrom(...labels) }, { weight: 2, arbitrary: junk }), { maxLength: 40 }), fc.constantFrom('\n', '\n', '\r\n', '\n\n'))
  .map(([t, lines, nl]) => [t, ...lines].join(nl));

const SAMPLE_FILES = ['000_0e823e9c66ae55d4.txt', '001_6f137c09381843de.txt', '001_huaian_hongze_district_2023.txt', '002_6d8ce434c4304d77.txt', '003_2945165e826adaca.txt', '004_c11732510b83538c.txt', '011_jiangsu_huaian_city_gov_2024.txt'];
const SAMPLES = SAMPLE_FILES.map((f) => readFileSync(join(RAW, f), 'utf8'));

type Edit = { at: number; kind: 'delete' | 'duplicate' | 'swap' | 'insert' | 'replace'; text: string; other: number };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'insert', 'replace'),
  text: fc.oneof(figureText, fc.constantFrom(...labels), row, junk),
  other: fc.nat(),
});

/** A sample with some lines deleted, repeated, swapped, or with cells inserted or replaced. */
const mutatedSample = fc.tuple(fc.nat({ max: SAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 })).map(([k, edits]) => {
  const lines = SAMPLES[k].split('\n');
  for (const e of edits) {
    const i = e.at % lines.length;
    const j = e.other % lines.length;
    if (e.kind === 'delete') lines.splice(i, 1);
    else if (e.kind === 'duplicate') lines.splice(i, 0, lines[i]);
    else if (e.kind === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
    else if (e.kind === 'insert') lines.splice(i, 0, e.text);
    else {
      const cells = lines[i].split('\t');
      cells[e.other % cells.length] = e.text;
      lines[i] = cells.join('\t');
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
});

const ENCODINGS = ['utf8', 'gb18030', 'utf16le', 'utf16be', 'big5'] as const;

/** Bytes: random ones, or report-like text in some encoding with a few bytes changed. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc
    .tuple(fc.oneof(reportish, mutatedSample), fc.constantFrom(...ENCODINGS), fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 5 }))
    .map(([text, enc, bom, flips]) => {
      const out = new Uint8Array(iconv.encode(text, enc, { addBOM: bom }));
      for (const [at, b] of flips) if (out.length > 0) out[at % out.length] = b;
      return out;
    }),
);

// ---------------------------------------------------------------------------

describe('the parser on arbitrary input', () => {
  it('reads every figure of the samples from the text', () => {
    for (const [k, text] of SAMPLES.entries()) expectFiguresFromText(text, parse(text).record), void k;
  });

  it('never throws on arbitrary strings and returns only figures that are in the text', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 1, arbitrary: fc.string({ maxLength: 400 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) }, { weight: 4, arbitrary: reportish }), (text) => {
        expectFiguresFromText(text, parse(text).record);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on damaged samples and returns only figures that are in the text', () => {
    fc.assert(
      fc.property(mutatedSample, (text) => {
        expectFiguresFromText(text, parse(text).record);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary bytes (through the decoder) and returns only figures that are in the text', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const decoded = decodeReport(data, 'prop.txt');
        if (!decoded.ok) {
          expect(decoded.text).toBe('');
          expect(decoded.findings.length).toBeGreaterThan(0);
          return;
        }
        expectFiguresFromText(decoded.text, parse(decoded.text).record);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('compactText', () => {
  it('is removeSpaces(toHalfWidth(s)) in one pass', () => {
    const text = fc.array(fc.constantFrom('a', '1', '１', '（', '）', '，', '。', ' ', '\u3000', '\u00a0', '\t', '\u200b', '\ufeff', '\u2003', '镇', '＃', '～', '\uff5f'), { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(compactText(s)).toBe(removeSpaces(toHalfWidth(s)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the proactive-count reader', () => {
  // The reader looks for each '条' and reads the count backwards; this is the pattern it stands for.
  const PATTERN = /([0-9０-９][0-9０-９,，]*)\s*(余|多)?\s*条/g;
  const text = fc.array(fc.constantFrom('1', '2', '０', '９', ',', '，', ' ', '\u3000', '\t', '余', '多', '条', '公', '开', '。', 'x'), { maxLength: 40 }).map((cs) => cs.join(''));

  it('finds before every 条 what the pattern matches ending there', () => {
    fc.assert(
      fc.property(text, (s) => {
        const expected = [...s.matchAll(PATTERN)].map((m) => ({ start: m.index, end: m.index + m[1].length, approx: m[2] !== undefined, tiao: m.index + m[0].length - 1 }));
        const found = [];
        for (let t = s.indexOf('条'); t !== -1; t = s.indexOf('条', t + 1)) {
          const m = countBefore(s, t);
          if (m) found.push({ ...m, tiao: t });
        }
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------
// Metamorphic properties.

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
