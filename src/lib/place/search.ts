// Finding a place by name. Names repeat (there are dozens of 城关镇), so every
// result carries its county, city and province. Exact names first, then names
// that start with the query, then names and agencies that contain it; within
// each, towns before counties and cities, then by code.

import { levelName } from './levels.ts';

export interface SearchPlace {
  code: string;
  level: string;
  name: string;
  agency: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
}

/** Spaces, the common suffix words people leave out and full-width forms do not count. */
export function normalize(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const LEVEL_RANK: Record<string, number> = { town: 0, county: 1, city: 2, province: 3 };

export function searchPlaces(places: readonly SearchPlace[], query: string, options: { limit?: number; levels?: readonly string[] } = {}): SearchPlace[] {
  const q = normalize(query);
  if (!q) return [];
  const limit = options.limit ?? 20;
  const scored: { p: SearchPlace; score: number }[] = [];
  for (const p of places) {
    if (options.levels && !options.levels.includes(p.level)) continue;
    const name = normalize(p.name ?? '');
    let score = -1;
    if (name === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (name.includes(q)) score = 2;
    else if (p.agency && normalize(p.agency).includes(q)) score = 3;
    if (score >= 0) scored.push({ p, score });
  }
  scored.sort((a, b) => a.score - b.score || (LEVEL_RANK[a.p.level] ?? 9) - (LEVEL_RANK[b.p.level] ?? 9) || a.p.code.localeCompare(b.p.code));
  return scored.slice(0, limit).map((s) => s.p);
}

/** Where a place is: 茌平区 · 聊城市 · 山东省 (the levels above it; a municipality is not named twice). */
export function placeContext(p: Pick<SearchPlace, 'level' | 'county' | 'city' | 'province'>): string {
  const above = p.level === 'town' ? [p.county, p.city, p.province] : p.level === 'county' ? [p.city, p.province] : p.level === 'city' ? [p.province] : [];
  const seen = new Set<string>();
  return above.filter((x): x is string => !!x && !seen.has(x) && !!seen.add(x)).join(' · ');
}

/** 洪官屯镇（乡镇街道）— 茌平区 · 聊城市 · 山东省 */
export function describePlace(p: SearchPlace): string {
  const where = placeContext(p);
  return `${p.name}（${levelName(p.level)}）${where ? `— ${where}` : ''}`;
}

/** 乡镇街道, 县级, 地级, 省级. */
export const levelLabel = levelName;
