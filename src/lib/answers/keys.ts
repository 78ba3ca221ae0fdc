// Which views have first answers, and under what key. Shared by the build
// (which enumerates the keys) and the pages (which look a view up): a view
// whose key is null is not answered and goes to the query engine.

import type { Filter } from '../db/filter.ts';
import type { PlaceLevel } from '../db/levels.ts';
import type { QualityFilter } from '../db/quality-filter.ts';
import type { CompareState } from '../place/compare.ts';

export const ANSWER_SETS = ['overview', 'place', 'compare', 'quality'] as const;
export type AnswerSet = (typeof ANSWER_SETS)[number];

/** A region as province/city/county codes: '37/3715/371523', '37//', '//' for the country. */
export function regionKey(r: { province: string | null; city: string | null; county: string | null }): string {
  return `${r.province ?? ''}/${r.city ?? ''}/${r.county ?? ''}`;
}

/** The overview's first view of a region: every level, every year, the region's own grain. */
export function overviewKey(f: Filter): string | null {
  if (f.level !== 'all' || f.from !== null || f.to !== null || f.q || f.by) return null;
  return regionKey(f);
}

/** The quality page's first view of a region: every rule, severity and year. */
export function qualityKey(f: QualityFilter): string | null {
  if (f.rule || f.severity || f.year !== null) return null;
  return regionKey(f);
}

/** A place page: its code, and the level where a 2-digit code names both a province and its municipality. */
export function placeKey(code: string, level: PlaceLevel | null): string {
  return level && code.length === 2 ? `${code}:${level}` : code;
}

/** The comparison's first view of a town: its county's towns, in the year the page picks. */
export function compareKey(s: CompareState): string | null {
  if (!s.code || s.scope !== 'county' || s.list.length || s.year !== null) return null;
  return s.code;
}
