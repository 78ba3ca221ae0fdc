// The levels a place page exists for, and what a place's peers are at each.
// Names come from the data dictionary's level codes; the codes are the
// administrative division codes (province 2, city 4, county 6, town 9 digits;
// a municipality's city code is its 2-digit province code).

import { LEVEL_CODES } from '../build/schema.ts';

export type PlaceLevel = 'town' | 'county' | 'city' | 'province';
export const PLACE_LEVELS: readonly PlaceLevel[] = ['town', 'county', 'city', 'province'];

/** 乡镇街道, 县级, 地级, 省级 (and 部门 for reports that are not a place's). */
export function levelName(level: string | null | undefined): string {
  return LEVEL_CODES.find((l) => l.code === level)?.label ?? String(level ?? '');
}

/** The code column of a level in every table: town_code, county_code, city_code, province_code. */
export function codeColumn(level: PlaceLevel): 'town_code' | 'county_code' | 'city_code' | 'province_code' {
  return `${level}_code`;
}

/** The name column of a level: town, county, city, province. */
export function nameColumn(level: PlaceLevel): 'town' | 'county' | 'city' | 'province' {
  return level;
}

export interface PeerRule {
  /** The column the peers share with the place. */
  column: 'county_code' | 'city_code' | 'province_code';
  /** 同县, 同市, 同省 */
  label: string;
}

/** Peers of a place: other places of its level in the same county (towns), city (counties) or province (cities). */
export function peerRule(level: PlaceLevel): PeerRule | null {
  if (level === 'town') return { column: 'county_code', label: '同县（区）' };
  if (level === 'county') return { column: 'city_code', label: '同市' };
  if (level === 'city') return { column: 'province_code', label: '同省' };
  return null;
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

export function isPlaceLevel(v: string | null | undefined): v is PlaceLevel {
  return !!v && (PLACE_LEVELS as readonly string[]).includes(v);
}

/** The level a code of this length names when nothing else tells (a 2-digit code can be a province or a municipality). */
export function levelOfCode(code: string): PlaceLevel {
  return code.length === 9 ? 'town' : code.length === 6 ? 'county' : code.length === 4 ? 'city' : 'province';
}
