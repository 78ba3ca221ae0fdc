// The league table of the report-quality index as DOM nodes (quality page), from a
// QualityView's league: by city and by county, best mean first.

import { formatCount } from '../charts/format.ts';
import { builder, fragment } from '../dom.ts';
import { url } from '../site.ts';
import type { LeagueRow } from './league.ts';
import { qualityHref } from './render.ts';
import type { QualityView } from './view.ts';

type El = ReturnType<typeof builder>;

function table(el: El, rows: readonly LeagueRow[], grain: 'city' | 'county'): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'missing' }, '当前筛选条件下没有可排名的地区。');
  const head = grain === 'city' ? ['名次', '地市', '所属省份'] : ['名次', '县区', '所属地市'];
  const body = rows.map((r) =>
    el(
      'tr',
      { 'data-code': r.code, 'data-rank': r.rank ?? '' },
      el('td', { class: 'num' }, r.rank === null ? '—' : formatCount(r.rank)),
      el('th', { scope: 'row' }, el('a', { href: qualityHref(r.drill) }, r.name)),
      el('td', {}, r.parent ?? ''),
      el('td', { class: 'num', 'data-k': 'mean' }, r.mean === null ? '—' : r.mean.toFixed(1)),
      el('td', { class: 'num' }, formatCount(r.scored), r.scored < r.reports && ` / ${formatCount(r.reports)}`),
    ),
  );
  const th = [...head.map((x, i) => el('th', { scope: 'col', class: i === 0 ? 'num' : undefined }, x)), el('th', { scope: 'col', class: 'num' }, '平均报告质量指数'), el('th', { scope: 'col', class: 'num' }, '报告')];
  return el('div', { class: 'table-scroll' }, el('table', { class: 'data q-league', 'data-grain': grain }, el('thead', {}, el('tr', {}, th)), el('tbody', {}, body)));
}

export function renderLeague(v: QualityView, doc: Document = document): Node {
  const el = builder(doc);
  const l = v.league;
  const when = l.year === null ? '所选范围内各年度的报告合计' : `${l.year} 年度的报告`;
  const intro = el('p', { class: 'note' }, `按${when}（网站采用的报告）的报告质量指数平均值排名。报告质量指数是本项目的评价方法，不是官方评价；`, el('a', { href: url('about/#quality-index') }, '权重与理由'), '。');
  const counties = l.byCounty === null ? el('p', { class: 'missing' }, '全国的县区太多，请先在上方选择省份，再看县区排名。') : table(el, l.byCounty, 'county');
  return fragment(doc, intro, el('h3', {}, '按地市'), table(el, l.byCity, 'city'), el('h3', {}, '按县区'), counties);
}
