// The place page of a place of the national list that has no report of its
// own on the site (a town found with the search box, a county whose towns
// report but not its government): it says so plainly, and leads to the views
// of the regions it lies in and to the places within it that have reports.

import type { PlaceRow } from '../db/queries/place.ts';
import { h } from '../dom.ts';
import { placeList } from './header.ts';
import { levelName } from './levels.ts';
import type { PlaceLevel } from '../db/levels.ts';
import { placeUrl, regionOverviewUrl } from './links.ts';
import type { SearchPlace } from './search-index.ts';

/** A code's level by its length; a 2-digit code is a province unless the URL says it is a municipality's city. */
const IMPLIED_LEVEL: Record<number, PlaceLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'town' };

/** The index's place with this code (and level, when the URL gives one). */
export function findPlace<P extends SearchPlace>(index: readonly P[], code: string, level: PlaceLevel | null): P | null {
  const wanted = level ?? IMPLIED_LEVEL[code.length];
  return index.find((p) => p.code === code && p.level === wanted) ?? (level ? null : (index.find((p) => p.code === code) ?? null));
}

/** The place as a `places` row, for the page's breadcrumb and facts. */
export function asPlaceRow(p: SearchPlace): PlaceRow {
  return {
    place_code: p.code, level: p.level, name: p.name, agency: null,
    town: p.level === 'town' ? p.name : null, county: p.county, county_code: p.county_code, city: p.city, city_code: p.city_code,
    province: p.province, province_code: p.province_code,
    first_year: null, last_year: null, reports: 0,
  };
}

/** The regions a place lies in, nearest first (a municipality's city is its province: listed once). */
export function regionsAbove<P extends SearchPlace>(index: readonly P[], p: SearchPlace): P[] {
  const wanted: [PlaceLevel, string | null][] = [
    ['county', p.level === 'town' ? p.county_code : null],
    ['city', p.level === 'town' || p.level === 'county' ? p.city_code : null],
    ['province', p.level === 'province' ? null : p.province_code],
  ];
  const out: P[] = [];
  for (const [level, code] of wanted) {
    const found = code ? index.find((q) => q.level === level && q.code === code) : undefined;
    if (found && !out.includes(found)) out.push(found);
  }
  return out;
}

/** Places with reports of their own within a region (a town's: its county's), largest first. */
export function reportedWithin<P extends SearchPlace>(index: readonly P[], region: SearchPlace): P[] {
  const order = ['province', 'city', 'county', 'town'];
  return index
    .filter((q) => q.reports > 0 && q !== region && q.code.startsWith(region.code) && order.indexOf(q.level) > order.indexOf(region.level))
    .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || (a.code < b.code ? -1 : 1));
}

/** What the site has of the place, in a sentence. */
export function noReportWhy(p: SearchPlace): string {
  if (p.level === 'town') return `本站还没有${p.name}的政府信息公开工作年度报告：可能还没有收集到，或者还没有在网上找到。`;
  if (p.reportsWithin > 0) return `本站没有${p.name}本级的年度报告；其辖区内的地方有 ${p.reportsWithin} 份报告，可在总览中查看。`;
  return `本站还没有${p.name}及其辖区内各地的年度报告。`;
}

/** Links to the views of the place and the regions above it: their pages (if they report) and the overview filtered to them. */
function regionLinks(doc: Document, p: SearchPlace, above: readonly SearchPlace[]): HTMLElement[] {
  const links: HTMLElement[] = [];
  for (const r of [p, ...above]) {
    if (r.reports > 0) links.push(h(doc, 'a', { href: placeUrl(r.code, r.level), 'data-view': 'page' }, `${r.name}（${levelName(r.level)}）的报告`));
    if (r.level !== 'town' && r.reportsWithin > 0) links.push(h(doc, 'a', { href: regionOverviewUrl(r), 'data-view': 'overview' }, `在总览中查看${r.name}`));
  }
  return links;
}

/** The body of the page: the regions' views, and the places near it (within it, or in its county) that have reports. */
export function noReportContent(doc: Document, p: SearchPlace, index: readonly SearchPlace[]): HTMLElement[] {
  const above = regionsAbove(index, p);
  const links = regionLinks(doc, p, above);
  const area = p.level === 'town' ? above.find((r) => r.level === 'county') : p;
  const near = area ? reportedWithin(index, area).slice(0, 50) : [];
  return [
    links.length ? h(doc, 'h2', {}, '所在地区') : null,
    links.length ? h(doc, 'ul', { class: 'region-links' }, links.map((a) => h(doc, 'li', {}, a))) : h(doc, 'p', {}, `${p.province ?? '这个省份'}还没有任何报告。`),
    near.length && area ? h(doc, 'h2', {}, `${area.name}有报告的地方`) : null,
    near.length ? placeList(doc, near) : null,
  ].filter((el): el is HTMLElement => el !== null);
}
