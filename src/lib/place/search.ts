// Finding a place by name, pinyin or initials: 聊城, liaocheng and lc all find
// 聊城市. Names repeat (there are dozens of 城关镇), so every result carries its
// county, city and province. Exact matches first (the name, or the name
// without its type suffix: 聊城 for 聊城市), then names that start with the
// query, then names that contain it; at equal quality, places with reports of
// their own, then regions with reports within them, then the rest; then the
// larger places first (a city before the towns named after it), shorter names,
// and code order.

import { levelName } from './levels.ts';
import { normalize, type IndexedPlace, type MatchKeys, type SearchPlace } from './search-index.ts';

export type { SearchPlace, IndexedPlace } from './search-index.ts';
export { normalize } from './search-index.ts';

export interface SearchOptions {
  limit?: number;
  /** Only these levels (town, county, city, province). */
  levels?: readonly string[];
  /** Only places with reports of their own (picking a town to compare). */
  reportedOnly?: boolean;
}

/** 0 exact, 1 starts with the query, 2 contains it; null: no match. */
export type MatchQuality = 0 | 1 | 2;

const HAN = /\p{Script=Han}/u;
const LATIN = /^[a-z]+$/;

/** How a query is matched: Chinese against names, letters against pinyin and initials, digits against codes. */
export function queryKind(q: string): 'name' | 'pinyin' | 'code' {
  if (HAN.test(q)) return 'name';
  if (/^\d+$/.test(q)) return 'code';
  return LATIN.test(q) ? 'pinyin' : 'name';
}

function nameQuality(k: MatchKeys, q: string): MatchQuality | null {
  if (k.name === q || k.stem === q) return 0;
  if (k.name.startsWith(q)) return 1;
  return k.name.includes(q) ? 2 : null;
}

function pinyinQuality(k: MatchKeys, q: string): MatchQuality | null {
  if (k.pinyin === q || k.pinyinStem === q || k.initials === q || k.initialsStem === q) return 0;
  if (k.pinyin.startsWith(q) || k.initials.startsWith(q)) return 1;
  // Inside a reading only from two letters on: one letter is in nearly every name.
  return q.length >= 2 && k.pinyin.includes(q) ? 2 : null;
}

function codeQuality(code: string, q: string): MatchQuality | null {
  if (code === q) return 0;
  return code.startsWith(q) ? 1 : null;
}

/** How well a place matches a normalized query (see queryKind). */
export function matchQuality(p: IndexedPlace, q: string, kind = queryKind(q)): MatchQuality | null {
  return kind === 'name' ? nameQuality(p.keys, q) : kind === 'pinyin' ? pinyinQuality(p.keys, q) : codeQuality(p.code, q);
}

/** 0: reports of its own; 1: reports within it only; 2: none. */
export function reportRank(p: Pick<SearchPlace, 'reports' | 'reportsWithin'>): number {
  return p.reports > 0 ? 0 : p.reportsWithin > 0 ? 1 : 2;
}

const LEVEL_RANK: Record<string, number> = { province: 0, city: 1, county: 2, town: 3 };

export function searchPlaces<P extends IndexedPlace>(places: readonly P[], query: string, options: SearchOptions = {}): P[] {
  const q = normalize(query);
  if (!q) return [];
  const kind = queryKind(q);
  const limit = options.limit ?? 20;
  const scored: { p: P; quality: number; rank: number }[] = [];
  for (const p of places) {
    if (options.levels && !options.levels.includes(p.level)) continue;
    if (options.reportedOnly && p.reports === 0) continue;
    const quality = matchQuality(p, q, kind);
    if (quality !== null) scored.push({ p, quality, rank: reportRank(p) });
  }
  scored.sort(
    (a, b) =>
      a.quality - b.quality ||
      a.rank - b.rank ||
      LEVEL_RANK[a.p.level] - LEVEL_RANK[b.p.level] ||
      a.p.name.length - b.p.name.length ||
      (a.p.code < b.p.code ? -1 : a.p.code > b.p.code ? 1 : 0),
  );
  return scored.slice(0, limit).map((s) => s.p);
}

/** Where a place is: 茌平区 · 聊城市 · 山东省 (the levels above it; a municipality is not named twice). */
export function placeContext(p: Pick<SearchPlace, 'level' | 'county' | 'city' | 'province'>): string {
  const above = p.level === 'town' ? [p.county, p.city, p.province] : p.level === 'county' ? [p.city, p.province] : p.level === 'city' ? [p.province] : [];
  const seen = new Set<string>();
  return above.filter((x): x is string => !!x && !seen.has(x) && !!seen.add(x)).join(' · ');
}

/** What the site has of a place: 2 份报告; 无报告（辖区内 3 份）; 无报告. */
export function reportNote(p: Pick<SearchPlace, 'level' | 'reports' | 'reportsWithin'>): string {
  if (p.reports > 0) return `${p.reports} 份报告`;
  return p.level !== 'town' && p.reportsWithin > 0 ? `无本级报告 · 辖区内 ${p.reportsWithin} 份` : '无报告';
}

/** 乡镇街道, 县级, 地级, 省级. */
export const levelLabel = levelName;
