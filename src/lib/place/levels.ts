// What the place pages say about levels and codes: the levels' names (from the data dictionary's
// level codes) and whether a URL's code can name a place. The levels themselves, their columns and
// peers are the data's shape: db/levels.ts.

import { LEVEL_CODES } from '../build/schema.ts';

/** 乡镇街道, 县级, 地级, 省级 (and 部门 for reports that are not a place's). */
export function levelName(level: string | null | undefined): string {
  return LEVEL_CODES.find((l) => l.code === level)?.label ?? String(level ?? '');
}

/** A place code as it may appear in a URL: 2, 4, 6 or 9 digits. */
export function isPlaceCode(v: string | null | undefined): v is string {
  return !!v && /^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(v);
}

/** Why a URL's code cannot name a place page (in Chinese), or null when it has the shape of one. */
export function placeCodeProblem(v: string): string | null {
  const shown = v.trim();
  if (isPlaceCode(v)) return null;
  if (!shown) return '网址中的地方代码是空的。';
  const quoted = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  return `“${quoted}”不是地方代码：地方代码是 2 位（省）、4 位（地级市）、6 位（县级）或 9 位（乡镇街道）数字，例如 371503110。`;
}

/** The place codes a code begins with, longest first (6325251010 → 632525101, 632525, 6325, 63): the regions it may lie in. */
export function codePrefixes(v: string): string[] {
  const whole = v.trim();
  const digits = /^\d+/.exec(whole)?.[0] ?? '';
  // The code itself is not among them, unless something follows its digits (632525101x).
  return [9, 6, 4, 2].filter((n) => n < digits.length || (n === digits.length && digits !== whole)).map((n) => digits.slice(0, n));
}
