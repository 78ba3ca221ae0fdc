// Reading one figure out of one cell: '0', '１２', '1,327,766', '483.7 万元',
// '+19', '增15', '减4', '-3', '200余'. Placeholders ('—', '/', '无') are
// explicit blanks: the cell is there but gives no figure.

import { isDigit, isSpace, toHalfWidth } from './text.ts';
import type { MoneyUnit } from '../template/model.ts';

export interface NumberToken {
  kind: 'number';
  value: number;
  /** The figure as written in the cell. */
  raw: string;
  /** Its digits without sign, separators or unit ('0301', '483.7'): what `value` was read from. */
  digits: string;
  unit: MoneyUnit | null;
  signed: boolean;
  decimal: boolean;
  approx: boolean;
}

export interface BlankToken {
  kind: 'blank';
  raw: string;
  /**
   * The cell holds a figure with characters that could not be read (U+FFFD: bytes that did not
   * decode, or digits OCR was unsure of): a figure was written, but which one is unknown.
   */
  illegible?: true;
}

export type FigureToken = NumberToken | BlankToken;

const BLANKS = new Set(['—', '-', '--', '——', '―', '─', '/', '\\', '无', '空', '－', '／', '×', 'x', 'X', '*', '…', '...', '-/-']);

const UNREADABLE = '\uFFFD';
/** Digits and separators with at least one unreadable character, and a unit at most. */
const ILLEGIBLE_FIGURE = /^[+-]?[\d,.\uFFFD]*\uFFFD[\d,.\uFFFD]*(?:万元|亿元|元|万|亿|件|条|个|项|次)?$/;

const MONEY_UNITS: Record<string, MoneyUnit> = { 元: '元', 万元: '万元', 万: '万元', 亿元: '亿元', 亿: '亿元' };
const COUNT_UNITS = new Set(['件', '条', '个', '项', '次', '人', '家']);

/** Reads a single figure, or returns null when the text is not one. `s` is one cell or one part of it. */
export function readFigure(cell: string): FigureToken | null {
  const s = compact(toHalfWidth(cell));
  if (s === null || s.length === 0) return null;
  if (BLANKS.has(s)) return { kind: 'blank', raw: cell.trim() };
  // Long enough for any figure with separators and a unit, and for the overlong ones that are
  // refused later with a finding (a cell of 20 digits is a figure out of range, not text).
  if (s.length > MAX_FIGURE_CHARS) return null;
  if (s.indexOf(UNREADABLE) !== -1) return ILLEGIBLE_FIGURE.test(s) ? { kind: 'blank', raw: cell.trim(), illegible: true } : null;
  let i = 0;
  let sign = 1;
  let signed = false;
  const c0 = s[0];
  if (c0 === '+' || c0 === '增') {
    signed = true;
    i = 1;
  } else if (c0 === '-' || c0 === '−' || c0 === '减') {
    signed = true;
    sign = -1;
    i = 1;
  }
  const start = i;
  let digits = '';
  while (i < s.length && (isDigit(s.charCodeAt(i)) || s[i] === ',')) {
    if (s[i] !== ',') digits += s[i];
    else if (!groupedComma(s, i, start)) return null;
    i++;
  }
  if (digits.length === 0) return null;
  let decimal = false;
  if (s[i] === '.' && i + 1 < s.length && isDigit(s.charCodeAt(i + 1))) {
    decimal = true;
    digits += '.';
    i++;
    while (i < s.length && isDigit(s.charCodeAt(i))) digits += s[i++];
  }
  let approx = false;
  if (s[i] === '余' || s[i] === '多') {
    approx = true;
    i++;
  }
  const tail = s.slice(i);
  let unit: MoneyUnit | null = null;
  if (tail.length > 0) {
    const money = MONEY_UNITS[tail];
    if (money) unit = money;
    else if (!COUNT_UNITS.has(tail)) return null;
  }
  return { kind: 'number', value: sign * Number(digits), raw: cell.trim(), digits, unit, signed, decimal, approx };
}

/** The longest cell text read as a figure (tokenize asks no more of a cell). */
export const MAX_FIGURE_CHARS = 60;

/** '0301', '00', '00.5': a whole part of two digits or more that starts with 0 is no way to write a number in a table. */
export function hasLeadingZero(digits: string): boolean {
  return digits.length > 1 && digits.charCodeAt(0) === 48 && digits.charCodeAt(1) !== 46;
}

/** Significant digits of a plain decimal ('0.0500' has 3): a double holds 15 of them exactly. */
export function significantDigits(digits: string): number {
  const plain = digits.replace('.', '');
  let a = 0;
  while (a < plain.length && plain[a] === '0') a++;
  let b = plain.length;
  if (digits.includes('.')) while (b > a && plain[b - 1] === '0') b--;
  return Math.max(b - a, 1);
}

/** The most significant digits a stored figure may have: every decimal of 15 digits survives a double unchanged. */
export const EXACT_DIGITS = 15;

function groupedComma(s: string, i: number, start: number): boolean {
  // A thousands separator sits after 1-3 digits (first group) or 3 digits, and before exactly 3 digits.
  const before = i - start;
  if (before < 1) return false;
  // The first group has 1-3 digits; later ones were checked to have 3 when their comma was read.
  if (before > 3 && !s.slice(start, i).includes(',')) return false;
  for (let k = 1; k <= 3; k++) if (!isDigit(s.charCodeAt(i + k))) return false;
  return !isDigit(s.charCodeAt(i + 4));
}

/**
 * Drops spaces, except that a space between two digits or separators ('21 0 0') means
 * several figures, never one: the result is then null.
 */
function compact(s: string): string | null {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  let out = '';
  for (let k = a; k < b; k++) {
    if (!isSpace(s.charCodeAt(k))) {
      out += s[k];
      continue;
    }
    let next = k + 1;
    while (next < b && isSpace(s.charCodeAt(next))) next++;
    if (numeric(s.charCodeAt(k - 1)) && numeric(s.charCodeAt(next))) return null;
    k = next - 1;
  }
  return out;
}

const numeric = (c: number) => isDigit(c) || c === 44 /* , */ || c === 46; /* . */

/**
 * A cell holding several figures separated by spaces ('0 0 0', '21 0 0') is several cells;
 * a unit after a space belongs to the figure before it ('483.7 万元'). Returns null when the
 * cell is not made of figures only.
 */
export function readFigures(cell: string): FigureToken[] | null {
  const one = readFigure(cell);
  if (one) return [one];
  const parts = toHalfWidth(cell).split(/\s+/).filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  const out: FigureToken[] = [];
  for (const part of parts) {
    const unit = MONEY_UNITS[part];
    const last = out[out.length - 1];
    // A figure that writes a count unit ('12件') is not money, whatever follows it.
    if (unit && last && last.kind === 'number' && !last.unit && !COUNT_UNITS.has(last.raw.slice(-1))) {
      out[out.length - 1] = { ...last, unit, raw: `${last.raw} ${part}` };
      continue;
    }
    if (COUNT_UNITS.has(part) && last) continue;
    const fig = readFigure(part);
    if (!fig) return null;
    out.push(fig);
  }
  return out;
}

const UNIT_SHIFT: Record<MoneyUnit, number> = { 元: 0, 万元: 4, 亿元: 8 };

/**
 * Money in yuan, as decimal text: the unit moves the decimal point ('483.7' 万元 → '4837000').
 * Multiplying in floating point would leave dust (483.7 × 10000 = 4836999.999…), and rounding
 * that away would round real fractions too.
 */
export function yuanDigits(digits: string, unit: MoneyUnit): string {
  const shift = UNIT_SHIFT[unit];
  const dot = digits.indexOf('.');
  const whole = dot === -1 ? digits : digits.slice(0, dot);
  const fraction = dot === -1 ? '' : digits.slice(dot + 1);
  const moved = fraction.padEnd(shift, '0');
  const int = (whole + moved.slice(0, shift)).replace(/^0+(?=\d)/, '');
  const rest = moved.slice(shift).replace(/0+$/, '');
  return rest ? `${int}.${rest}` : int;
}
