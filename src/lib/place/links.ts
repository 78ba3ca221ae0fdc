// Where a place's views are: its page (place/?code=…) and the overview
// filtered to its region (?p=…&c=…&k=…); and where a search result leads.

import { EMPTY_FILTER, filterToParams } from '../db/filter.ts';
import { url } from '../site.ts';
import type { PlaceLevel } from '../db/levels.ts';
import type { SearchPlace } from './search-index.ts';

/** A place's page; a 2-digit code can be a municipality's city or its province, so the level goes along. */
export function placeUrl(code: string, level?: PlaceLevel): string {
  return url(`place/?code=${code}${level && code.length === 2 ? `&level=${level}` : ''}`);
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
