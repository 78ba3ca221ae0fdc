// Where a place's views are: its page (place/?code=…) and the overview
// filtered to its region (?p=…&c=…&k=…); and where a search result leads.

import { EMPTY_FILTER, filterToParams } from '../db/filter.ts';
import { url } from '../site.ts';
import { isPlaceLevel, type PlaceLevel } from '../db/levels.ts';
import type { SearchPlace } from './search-index.ts';

/** What the place page shows, as its URL says: a place, else a name search, else a province's places. */
export interface PlacePage {
  code: string | null;
  /** Which of the places a 2-digit code names (a municipality's city or its province). */
  level: PlaceLevel | null;
  q: string | null;
  p: string | null;
}

export function placePageFromParams(params: URLSearchParams): PlacePage {
  const level = params.get('level');
  const p = params.get('p');
  return {
    // A malformed code is kept: the page says what is wrong with it.
    code: params.get('code')?.trim() ?? null,
    level: isPlaceLevel(level) ? level : null,
    q: params.get('q')?.trim().slice(0, 40) || null,
    p: p && /^\d\d$/.test(p) ? p : null,
  };
}

export function placePageToParams(s: PlacePage): URLSearchParams {
  const params = new URLSearchParams();
  if (s.code !== null) {
    params.set('code', s.code);
    if (s.level) params.set('level', s.level);
  } else if (s.q) params.set('q', s.q);
  else if (s.p) params.set('p', s.p);
  return params;
}

/** A place's page; a 2-digit code can be a municipality's city or its province, so the level goes along. */
export function placeUrl(code: string, level?: PlaceLevel): string {
  return url(`place/?${placePageToParams({ code, level: level && code.length === 2 ? level : null, q: null, p: null })}`);
}

/** The overview filtered to a region (a county needs its city, a city its province). */
export function overviewUrl(province: string | null, city: string | null, county: string | null): string {
  const p = filterToParams({ ...EMPTY_FILTER, province, city: province ? city : null, county: province && city ? county : null }).toString();
  return `${url('')}${p ? `?${p}` : ''}`;
}

/** The overview of a place's own region: a province, a city, a county (a town's is its county's). */
export function regionOverviewUrl(p: Pick<SearchPlace, 'level' | 'province_code' | 'city_code' | 'county_code'>): string {
  return overviewUrl(p.province_code, p.level === 'province' ? null : p.city_code, p.level === 'town' || p.level === 'county' ? p.county_code : null);
}

/**
 * Where a search result leads: a place with reports to its page; a region without reports of its own
 * but with some within it to the overview filtered to it; anything else to its page, which says
 * that the site has no report of it yet.
 */
export function searchTarget(p: SearchPlace): { href: string; kind: 'page' | 'overview' | 'no-report' } {
  if (p.reports > 0) return { href: placeUrl(p.code, p.level), kind: 'page' };
  if (p.level !== 'town' && p.reportsWithin > 0) return { href: regionOverviewUrl(p), kind: 'overview' };
  return { href: placeUrl(p.code, p.level), kind: 'no-report' };
}
