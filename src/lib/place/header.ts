// The place page's frame as DOM: the breadcrumb, the facts (name, kind,
// county, city, province, code), links onward, the years of its reports; and
// the place lists (a province's places, the matches of a search).

import type { PlaceRow } from '../db/queries/place.ts';
import { formatCount } from '../charts/format.ts';
import { url } from '../site.ts';
import { h, type Child } from '../dom.ts';
import { overviewUrl, placeUrl, searchTarget } from './links.ts';
import { levelName } from './levels.ts';
import { peerRule, type PlaceLevel } from '../db/levels.ts';
import { placeContext, reportNote, type SearchPlace } from './search.ts';

/** 全国 › 山东省 › 聊城市 › 茌平区 › 洪官屯镇: a region with a page of its own links to it, else to its view in the overview. */
export function crumbs(doc: Document, p: PlaceRow, known: ReadonlySet<string>): Child[] {
  const levels: { level: PlaceLevel; code: string | null; name: string | null }[] = [
    { level: 'province', code: p.province_code, name: p.province },
    { level: 'city', code: p.city_code, name: p.city },
    { level: 'county', code: p.county_code, name: p.county },
  ];
  const order = ['province', 'city', 'county', 'town'];
  const out: Child[] = [h(doc, 'a', { href: url('') }, '全国')];
  for (const l of levels) {
    if (order.indexOf(l.level) >= order.indexOf(p.level) || !l.code || !l.name) continue;
    // A municipality is its own city: not named twice.
    if (l.level === 'city' && l.code === p.province_code) continue;
    const href = known.has(`${l.level}:${l.code}`)
      ? placeUrl(l.code, l.level)
      : overviewUrl(p.province_code, l.level === 'province' ? null : p.city_code, l.level === 'county' ? p.county_code : null);
    out.push(h(doc, 'span', { class: 'sep', 'aria-hidden': 'true' }, '›'), h(doc, 'a', { href }, l.name));
  }
  out.push(h(doc, 'span', { class: 'sep', 'aria-hidden': 'true' }, '›'), h(doc, 'span', { 'aria-current': 'page' }, p.name ?? p.place_code));
  return out;
}

export function facts(doc: Document, p: PlaceRow, years: readonly number[]): Child[] {
  const item = (dt: string, dd: Child, key: string) => h(doc, 'div', { 'data-fact': key }, h(doc, 'dt', {}, dt), h(doc, 'dd', {}, dd ?? '—'));
  const above: { level: PlaceLevel; name: string | null }[] = [
    { level: 'county', name: p.county },
    { level: 'city', name: p.city },
    { level: 'province', name: p.province },
  ];
  const order = ['town', 'county', 'city', 'province'];
  const span = years.length ? (years.length === 1 ? `${years[0]} 年度` : `${Math.min(...years)}–${Math.max(...years)} 年度`) : '';
  return [
    item('类型', levelName(p.level), 'level'),
    ...above.filter((a) => order.indexOf(a.level) > order.indexOf(p.level) && a.name).map((a) => item(`所属${levelName(a.level)}`, a.name, a.level)),
    item('区划代码', p.place_code, 'code'),
    item('报告', `${formatCount(years.length)} 份${span ? `（${span}）` : ''}`, 'reports'),
  ];
}

export function links(doc: Document, p: PlaceRow): Child[] {
  const rule = peerRule(p.level);
  const out: Child[] = [];
  const region = p.level === 'town' ? p.county : p.level === 'county' ? p.city : null;
  out.push(h(doc, 'a', { href: overviewUrl(p.province_code, p.level === 'province' ? null : p.city_code, p.level === 'town' || p.level === 'county' ? p.county_code : null) }, `在总览中查看${region ?? p.name ?? ''}`));
  if (p.level === 'town') out.push(h(doc, 'a', { href: url(`compare/?code=${p.place_code}`) }, `与${rule?.label ?? ''}乡镇街道对比`));
  out.push(h(doc, 'a', { href: '#trends' }, '历年变化'));
  return out;
}

export function yearLinks(doc: Document, reports: readonly { report_id: string; year: number; is_primary?: unknown }[]): Child[] {
  if (reports.length === 0) return [h(doc, 'span', {}, '没有可显示的报告。')];
  return [h(doc, 'span', {}, '各年度报告：'), ...reports.map((r) => h(doc, 'a', { href: `#r-${r.report_id}` }, `${r.year}${r.is_primary === false ? '（重复）' : ''}`))];
}

/** One province's places: each city, then its counties, each with its towns. */
export function provincePlaces(doc: Document, rows: readonly PlaceRow[]): HTMLElement {
  const wrap = h(doc, 'div', { class: 'province-places' });
  const province = rows[0]?.province ?? '';
  wrap.append(h(doc, 'h2', {}, `${province}：${formatCount(rows.length)} 个地方`));
  const own = rows.filter((r) => r.level === 'province');
  if (own.length) wrap.append(h(doc, 'p', {}, own.map((r) => h(doc, 'a', { href: placeUrl(r.place_code, 'province') }, `${r.name}（${levelName('province')}）`))));
  const cities = [...new Set(rows.filter((r) => r.level !== 'province').map((r) => r.city_code ?? ''))];
  for (const city of cities) {
    const inCity = rows.filter((r) => r.level !== 'province' && (r.city_code ?? '') === city);
    const name = inCity.find((r) => r.city)?.city ?? '未定位地市';
    const cityPlace = inCity.find((r) => r.level === 'city');
    wrap.append(h(doc, 'h3', {}, cityPlace ? h(doc, 'a', { href: placeUrl(cityPlace.place_code, 'city') }, `${name}（${levelName('city')}）`) : name));
    const counties = [...new Set(inCity.filter((r) => r.level !== 'city').map((r) => r.county_code ?? ''))];
    for (const county of counties) {
      const inCounty = inCity.filter((r) => r.level !== 'city' && (r.county_code ?? '') === county);
      const countyPlace = inCounty.find((r) => r.level === 'county');
      const towns = inCounty.filter((r) => r.level === 'town');
      wrap.append(
        h(
          doc,
          'div',
          { class: 'county' },
          h(doc, 'h4', {}, countyPlace ? h(doc, 'a', { href: placeUrl(countyPlace.place_code) }, `${countyPlace.name}（${levelName('county')}）`) : (inCounty[0]?.county ?? '')),
          towns.length ? h(doc, 'ul', { class: 'places' }, towns.map((t) => h(doc, 'li', {}, h(doc, 'a', { href: placeUrl(t.place_code) }, t.name ?? t.place_code)))) : null,
        ),
      );
    }
  }
  return wrap;
}

/** Links to places (their pages, or for a region without reports of its own its overview), each with its level, what the site has of it and the regions it lies in. */
export function placeList(doc: Document, places: readonly SearchPlace[]): HTMLElement {
  return h(
    doc,
    'ul',
    { class: 'matches' },
    places.map((m) =>
      h(
        doc,
        'li',
        {},
        h(doc, 'a', { href: searchTarget(m).href }, m.name),
        h(doc, 'span', { class: 'lv' }, levelName(m.level)),
        m.reports > 0 ? null : h(doc, 'span', { class: 'rep none' }, reportNote(m)),
        h(doc, 'span', { class: 'ctx' }, placeContext(m)),
      ),
    ),
  );
}

/** The places matching a search (the search box's form, without JavaScript, leads here). */
export function matchList(doc: Document, query: string, matches: readonly SearchPlace[], limit: number): HTMLElement {
  return h(
    doc,
    'div',
    { class: 'matches-wrap' },
    h(doc, 'h2', {}, `名称或拼音含“${query}”的地方`),
    matches.length ? placeList(doc, matches) : h(doc, 'p', {}, '没有找到。'),
    matches.length >= limit ? h(doc, 'p', { class: 'more' }, `只列出最相符的 ${limit} 个；输入更多文字可缩小范围。`) : null,
  );
}
