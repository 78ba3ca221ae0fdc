// Fuzzed inputs for the parser and the properties every output must have.
// Shared by test/parse-properties.test.ts (a CI-sized run) and scripts/fuzz.ts
// (npm run fuzz: the full run, with its figures).
//
// Inputs: arbitrary strings and bytes, text made of the reports' own pieces,
// and the samples damaged by deleting, duplicating and swapping lines and
// digits and by inserting garbage. Properties of the output, checked against
// the text alone (never against the parser's own helpers):
//   - every figure stands in its cell: its line holds its raw text, not as part
//     of a longer number, and its value is the number that text denotes;
//   - the narrative counts stand in the text (the proactive count on its line).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeReport } from '../../src/lib/decode/index.ts';
import { parseReport, type Figure, type MoneyFigure, type ReportRecord } from '../../src/lib/validate/index.ts';
import { isMoney } from '../../src/lib/parse/record.ts';
import {
  APPLICANTS,
  APPLICATION_GROUPS,
  APPLICATION_HEADERS,
  APPLICATION_ROWS,
  DISCLOSURE_HEADERS,
  DISCLOSURE_ITEMS,
  MEASURES,
  OUTCOMES,
  PROCEEDINGS,
  SECTIONS,
  type MoneyUnit,
} from '../../src/lib/template/model.ts';

export const RAW = join(import.meta.dirname, '..', '..', 'data', 'raw');
export const TODAY = new Date('2026-11-21');

export const parse = (text: string) => parseReport(text, 'prop.txt', { today: TODAY });

// ---------------------------------------------------------------------------
// What a raw cell denotes, worked out independently of the parser.

/** Full-width forms to half-width; runs of whitespace to one space (they separate cells). */
function norm(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : ch;
  }
  return out.replace(/[\u200b\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

const UNIT_WORDS: Record<string, MoneyUnit> = { 元: '元', 万元: '万元', 万: '万元', 亿元: '亿元', 亿: '亿元' };
const DENOTES = /^([+增\-−减])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:余|多)?(万元|亿元|元|万|亿|件|条|个|项|次|人|家)?$/;

/** The number a cell's text denotes: its sign, its digits as written (no separators) and its money unit if it writes one; null when it is no number. */
export function denote(raw: string): { negative: boolean; digits: string; unit: MoneyUnit | null } | null {
  const m = DENOTES.exec(norm(raw).replace(/ /g, ''));
  if (!m) return null;
  const negative = m[1] === '-' || m[1] === '−' || m[1] === '减';
  return { negative, digits: m[2].replace(/,/g, '') + (m[3] ?? ''), unit: m[4] ? (UNIT_WORDS[m[4]] ?? null) : null };
}

const UNIT_PLACES: Record<MoneyUnit, number> = { 元: 0, 万元: 4, 亿元: 8 };

/**
 * The digits a stored value must print as: those written, the decimal point moved by the unit,
 * trailing zeros of a fraction dropped. Nothing else: a leading zero, a digit lost to rounding
 * or an exponent makes them differ.
 */
function expectedDigits(digits: string, unit: MoneyUnit | null): string {
  const places = unit ? UNIT_PLACES[unit] : 0;
  const [whole, fraction = ''] = digits.split('.');
  const moved = fraction.padEnd(places, '0');
  let int = whole + moved.slice(0, places);
  // '0.5' 万元 is 5000 and '0' 万元 is 0: a lone zero is not a leading zero written.
  if (whole === '0') int = int.replace(/^0+(?=\d)/, '');
  const rest = moved.slice(places).replace(/0+$/, '');
  return rest ? `${int}.${rest}` : int;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Whether the character at `at`, next to a number, would make it part of a longer one: a digit
 * or a decimal point, or a comma with a digit beyond it ('1,136'; a comma between words is a
 * clause separator). `away` is the direction away from the number.
 */
function extends_(hay: string, at: number, away: -1 | 1): boolean {
  const c = hay[at];
  return isDigit(c) || c === '.' || (c === ',' && isDigit(hay[at + away]));
}

/** Whether `needle` stands in `hay` as a whole: not as part of a longer number on either side. */
export function standsAlone(hay: string, needle: string): boolean {
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    if (!extends_(hay, at - 1, -1) && !extends_(hay, at + needle.length, 1)) return true;
  }
  return false;
}

interface Located {
  where: string;
  figure: Figure | MoneyFigure;
}

export function allFigures(record: ReportRecord): Located[] {
  const out: Located[] = [];
  for (const [table, grid] of [['disclosure', record.disclosure], ['applications', record.applications], ['reviews', record.reviews]] as const) {
    for (const [row, cells] of Object.entries(grid)) {
      for (const [col, figure] of Object.entries(cells)) out.push({ where: `${table}.${row}.${col}`, figure });
    }
  }
  return out;
}

/**
 * What is wrong with a record's figures against the text it was read from, or [] when nothing is:
 * every non-null figure stands as a whole in the cell text of its line and is the number that
 * text denotes (money in yuan by the unit recorded); the narrative counts stand in the text.
 */
export function figureProblems(text: string, record: ReportRecord): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  const normLines = new Map<number, string>();
  const lineText = (no: number) => {
    let s = normLines.get(no);
    if (s === undefined) normLines.set(no, (s = norm(lines[no - 1] ?? '')));
    return s;
  };
  for (const { where, figure } of allFigures(record)) {
    if (figure.value === null) continue;
    if (typeof figure.line !== 'number' || typeof figure.raw !== 'string' || figure.line < 1 || figure.line > lines.length) {
      problems.push(`${where}: ${figure.value} has no line or raw text (${figure.line}, ${figure.raw})`);
      continue;
    }
    if (!standsAlone(lineText(figure.line), norm(figure.raw))) problems.push(`${where}: line ${figure.line} does not hold “${figure.raw}” as a cell`);
    const d = denote(figure.raw);
    if (!d) {
      problems.push(`${where}: “${figure.raw}” is not a number`);
      continue;
    }
    const unit = isMoney(figure) ? figure.unit : null;
    if (isMoney(figure) && d.unit && figure.unit !== d.unit) problems.push(`${where}: unit ${figure.unit}, written ${d.unit}`);
    if (!isMoney(figure) && d.unit) problems.push(`${where}: a count with a money unit (“${figure.raw}”)`);
    const signDiffers = figure.value < 0 !== (d.negative && figure.value !== 0);
    if (String(Math.abs(figure.value)) !== expectedDigits(d.digits, unit) || signDiffers) problems.push(`${where}: ${figure.value} is not “${figure.raw}”${unit ? ` in yuan (${unit})` : ''}`);
  }
  // A narrative count is written plain or with thousands separators ('1136', '1,136'), never otherwise ('1,1,3,6').
  const writes = (hay: string, v: number) => standsAlone(hay, String(v)) || standsAlone(hay, v.toLocaleString('en-US'));
  if (record.proactive_items !== null) {
    const line = record.proactive_items_line;
    if (line === null || !writes(lineText(line), record.proactive_items)) problems.push(`proactive_items ${record.proactive_items} is not written on line ${line}`);
  }
  for (const key of ['npc_suggestions', 'cppcc_proposals'] as const) {
    const v = record[key];
    if (v !== null && !writes(norm(text), v)) problems.push(`${key} ${v} is not written in the text`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Generators: text made of the reports' own pieces, so that tables are found
// and rows filled, in every layout the reader knows, with every kind of cell.

export const labels = [
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
  '根据《条例》（以下简称《1,2,3条例》）有关规定，主动公开信息',
  '依据《条例》第21条、国办公开办函〔2019〕60号，公开',
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

export const figureText = fc.oneof(
  fc.nat({ max: 20 }).map(digitsOf),
  fc.nat({ max: 10_000_000 }).map(digitsOf),
  fc.nat({ max: 10_000_000 }).map(grouped),
  fc.nat({ max: 999 }).map((n) => fullWidth(digitsOf(n))),
  fc.tuple(fc.constantFrom('+', '-', '增', '减', '−', '＋'), fc.nat({ max: 99 })).map(([s, n]) => `${s}${n}`),
  fc.tuple(fc.nat({ max: 99999 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.nat({ max: 99999 }), fc.constantFrom('元', '万元', '亿元', ' 万元', '万', '件', '条', '余条', '余'), fc.boolean()).map(([n, u, dec]) => `${dec ? `${n}.5` : n}${u}`),
  // Overlong, overflowing and oddly written figures: refused with a finding, never stored altered.
  fc.stringMatching(/^[0-9]{10,30}$/),
  fc.constantFrom('3000000000', '99999999999999999999', '2147483648', '9007199254740993', '0301', '007', '00', '0,301', '1.23456789012345678万元'),
  fc.constantFrom('—', '/', '无', '-', '——', '／', '0', '1,0', '1,00', ',100', '.5', '5.', '1..2', '0x10', '1e5', '٣'),
);

const separator = fc.constantFrom('\t', '\t', '\t', '  ', '   ', ' ', '|', ' | ', '||', '\n', '\n', '\n\t', '\n\n', '\u3000\u3000', '\r\n', '\u00a0\u00a0');
const cellSeparator = fc.constantFrom('\t', '\t', '  ', '     ', ' | ', '|', '\n\t', '\n', '\t\t');

/** A table row: a label, then as many figures as some table has columns (or not), in one layout. */
export const row = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...rowLabels) }, { weight: 1, arbitrary: fc.constantFrom(...labels) }),
    cellSeparator,
    fc.oneof(fc.constantFrom(1, 2, 3, 7, 7, 15), fc.nat({ max: 9 })).chain((k) => fc.array(figureText, { minLength: k, maxLength: k })),
    fc.constantFrom('', '', '\t', ' |', '  '),
  )
  .map(([label, sep, cells, end]) => [label, ...cells].join(sep) + end);

export const junk = fc.array(fc.oneof(figureText, separator, fc.constantFrom(...labels), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }).map((p) => p.join(''));

const title = fc.constantFrom('洛碛镇2020年政府信息公开工作年度报告', '潘庄镇2021年政府信息公开工作年度报告', '淮安市人民政府2024年政府信息公开工作年度报告', '');

/** Text made of the reports' own pieces: a title, headings, rows of figures, and junk. */
export const reportish = fc
  .tuple(title, fc.array(fc.oneof({ weight: 6, arbitrary: row }, { weight: 2, arbitrary: fc.constantFrom(...labels) }, { weight: 2, arbitrary: junk }), { maxLength: 40 }), fc.constantFrom('\n', '\n', '\r\n', '\n\n'))
  .map(([t, lines, nl]) => [t, ...lines].join(nl));

export const SAMPLE_FILES = ['000_0e823e9c66ae55d4.txt', '001_6f137c09381843de.txt', '001_huaian_hongze_district_2023.txt', '002_6d8ce434c4304d77.txt', '003_2945165e826adaca.txt', '004_c11732510b83538c.txt', '011_jiangsu_huaian_city_gov_2024.txt'];
export const SAMPLES = SAMPLE_FILES.map((f) => readFileSync(join(RAW, f), 'utf8'));

const LINE_EDITS = ['delete', 'duplicate', 'swap', 'insert', 'replace'] as const;
const CHAR_EDITS = ['digit-delete', 'digit-duplicate', 'digit-swap', 'digit-replace', 'garbage'] as const;
type EditKind = (typeof LINE_EDITS)[number] | (typeof CHAR_EDITS)[number];
type Edit = { at: number; kind: EditKind; text: string; other: number };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<EditKind>(...LINE_EDITS, ...CHAR_EDITS),
  text: fc.oneof(figureText, fc.constantFrom(...labels), row, junk, fc.string({ unit: 'binary', maxLength: 8 })),
  other: fc.nat(),
});

function editLines(lines: string[], e: Edit): void {
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

/** Deletes, repeats, swaps with its neighbour or changes the digit `e.at` picks; or inserts garbage anywhere. */
function editChars(text: string, e: Edit): string {
  if (e.kind === 'garbage') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  const digits: number[] = [];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) digits.push(k);
  if (digits.length === 0) return text;
  const at = digits[e.at % digits.length];
  if (e.kind === 'digit-delete') return text.slice(0, at) + text.slice(at + 1);
  if (e.kind === 'digit-duplicate') return text.slice(0, at) + text[at] + text.slice(at);
  if (e.kind === 'digit-replace') return text.slice(0, at) + String(e.other % 10) + text.slice(at + 1);
  const next = Math.min(at + 1, text.length - 1);
  return text.slice(0, at) + text[next] + text[at] + text.slice(next + 1);
}

/** A sample with lines deleted, repeated, swapped or replaced, digits changed, and garbage inserted. */
export const mutatedSample = fc.tuple(fc.nat({ max: SAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 })).map(([k, edits]) => {
  let text = SAMPLES[k];
  for (const e of edits) {
    if ((CHAR_EDITS as readonly string[]).includes(e.kind)) text = editChars(text, e);
    else {
      const lines = text.split('\n');
      editLines(lines, e);
      text = lines.join('\n');
    }
  }
  return text;
});

const ENCODINGS = ['utf8', 'gb18030', 'utf16le', 'utf16be', 'big5'] as const;

/** Bytes: random ones, or report-like text in some encoding with a few bytes changed. */
export const bytes = fc.oneof(
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
// One fuzzed input, and what became of it.

export type FuzzInput = { kind: 'string' | 'reportish' | 'mutated'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

/** Every kind of input, the damaged samples most often (they reach the deepest code). */
export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })).map((text) => ({ kind: 'string' as const, text })) },
  { weight: 2, arbitrary: reportish.map((text) => ({ kind: 'reportish' as const, text })) },
  { weight: 4, arbitrary: mutatedSample.map((text) => ({ kind: 'mutated' as const, text })) },
  { weight: 2, arbitrary: bytes.map((b) => ({ kind: 'bytes' as const, bytes: b })) },
);

export interface FuzzOutcome {
  /** Decode (for bytes) and parse, in milliseconds. */
  ms: number;
  problems: string[];
}

/** Runs the decoder (for bytes) and the parser on one input, times them, and checks the output. Throws what they throw. */
export function runInput(input: FuzzInput): FuzzOutcome {
  const t0 = performance.now();
  let text: string | null = input.kind === 'bytes' ? null : input.text;
  const problems: string[] = [];
  if (input.kind === 'bytes') {
    const decoded = decodeReport(input.bytes, 'prop.txt');
    if (decoded.ok) text = decoded.text;
    else if (decoded.text !== '' || decoded.findings.length === 0) problems.push('a failed decode must give no text and a finding');
  }
  const record = text === null ? null : parse(text).record;
  const ms = performance.now() - t0;
  if (record && text !== null) problems.push(...figureProblems(text, record));
  return { ms, problems };
}

/**
 * Loads what the parser loads once per process (the national gazetteer, the label tables) and
 * lets the JIT see the code, so that timings are those of one input and not of start-up.
 */
export function warmUp(): void {
  for (const text of SAMPLES) runInput({ kind: 'bytes', bytes: new TextEncoder().encode(text) });
}

/** The longest a single input may take. */
export const MAX_MS_PER_INPUT = 1000;
