// The league table of the report-quality index as HTML (quality page), from a
// QualityView's league: by city and by county, best mean first.

import { formatCount } from '../charts/format.ts';
import { url } from '../site.ts';
import type { LeagueRow } from './league.ts';
import { esc, qualityHref } from './render.ts';
import type { QualityView } from './view.ts';

function table(rows: readonly LeagueRow[], grain: 'city' | 'county'): string {
  if (rows.length === 0) return '<p class="missing">当前筛选条件下没有可排名的地区。</p>';
  const head = grain === 'city' ? ['名次', '地市', '所属省份'] : ['名次', '县区', '所属地市'];
  const body = rows
    .map(
      (r) => `<tr data-code="${esc(r.code)}" data-rank="${r.rank ?? ''}">
      <td class="num">${r.rank === null ? '—' : formatCount(r.rank)}</td>
      <th scope="row"><a href="${esc(qualityHref(r.drill))}">${esc(r.name)}</a></th>
      <td>${esc(r.parent ?? '')}</td>
      <td class="num" data-k="mean">${r.mean === null ? '—' : r.mean.toFixed(1)}</td>
      <td class="num">${formatCount(r.scored)}${r.scored < r.reports ? ` / ${formatCount(r.reports)}` : ''}</td>
    </tr>`,
    )
    .join('');
  return `<div class="table-scroll"><table class="data q-league" data-grain="${grain}"><thead><tr>${head
    .map((x, i) => `<th scope="col"${i === 0 ? ' class="num"' : ''}>${x}</th>`)
    .join('')}<th scope="col" class="num">平均报告质量指数</th><th scope="col" class="num">报告</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

export function renderLeague(v: QualityView): string {
  const l = v.league;
  const when = l.year === null ? '所选范围内各年度的报告合计' : `${l.year} 年度的报告`;
  const intro = `<p class="note">按${esc(when)}（网站采用的报告）的报告质量指数平均值排名。报告质量指数是本项目的评价方法，不是官方评价；<a href="${esc(url('about/#quality-index'))}">权重与理由</a>。</p>`;
  const counties = l.byCounty === null ? '<p class="missing">全国的县区太多，请先在上方选择省份，再看县区排名。</p>' : table(l.byCounty, 'county');
  return `${intro}<h3>按地市</h3>${table(l.byCity, 'city')}<h3>按县区</h3>${counties}`;
}
