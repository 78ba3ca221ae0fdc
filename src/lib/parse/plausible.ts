// Whether a number read from a report can be stored as the figure it claims
// to be. It cannot when it is written in a way no table writes a number
// ('0301'), has more digits than a stored figure keeps exactly, or lies outside
// the plausible range the template model gives its cell. Such a figure is not
// rounded, clipped or guessed at: it is null, keeps its raw text, and the
// finding made here names the file, the line and the cell.

import { finding, type Finding } from '../findings.ts';
import { inRange, type Range } from '../template/model.ts';
import { EXACT_DIGITS, hasLeadingZero, significantDigits } from './numbers.ts';

/** Where a figure stands, for the finding. */
export interface FigurePlace {
  file: string;
  section: 'disclosure' | 'applications' | 'reviews' | 'narrative';
  row: string | null;
  column: string | null;
  line: number | null;
  /** The cell's Chinese name ('本年新收·自然人'). */
  name: string;
}

export interface ReadNumber {
  /** As written. */
  raw: string;
  /** The digits as written, without sign, separators or unit; null when its commas are not thousands separators ('1,2,3'). */
  digits: string | null;
  /** The digits of the value to be stored, when a unit moved the decimal point (money in yuan). */
  stored?: string;
  value: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function at(place: FigurePlace): string {
  return `“${place.file}”${place.line === null ? '' : `第 ${place.line} 行`}“${place.name}”`;
}

/** Null when the number can be stored as it is; otherwise the finding that says why it is not. */
export function implausibility(n: ReadNumber, range: Range, place: FigurePlace): Finding | null {
  const where = { section: place.section, row: place.row, column: place.column, line: place.line };
  const written = `${at(place)}填写为“${n.raw}”`;
  if (n.digits === null) {
    return finding('figure_malformed', { ...where, message: `${written}，逗号不是千位分隔符，无法确定其数值，记为未披露。` });
  }
  if (hasLeadingZero(n.digits)) {
    return finding('figure_malformed', { ...where, message: `${written}，以 0 开头，不是通常的数字写法，无法确定其数值，记为未披露。` });
  }
  if (!Number.isFinite(n.value) || !inRange(n.value, range)) {
    return finding('figure_out_of_range', { ...where, message: `${written}，超出该栏的合理范围（${fmt(range.min)} 至 ${fmt(range.max)}），记为未披露。` });
  }
  const stored = n.stored ?? n.digits;
  const places = stored.includes('.') ? stored.length - stored.indexOf('.') - 1 : 0;
  if (places > (range.decimals ?? Infinity)) {
    return finding('figure_malformed', { ...where, message: `${written}，折合后有 ${places} 位小数，比该栏的最小单位（${10 ** -range.decimals!}）还细，无法确定其数值，记为未披露。` });
  }
  const digits = significantDigits(stored);
  if (digits > EXACT_DIGITS) {
    return finding('figure_malformed', { ...where, message: `${written}，有效数字多达 ${digits} 位，无法精确保存，记为未披露。` });
  }
  return null;
}
