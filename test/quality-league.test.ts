// The quality page's league of the report-quality index (src/lib/quality/league.ts):
// ranks with ties, and the whole country's cities from the build-time sums.

import { describe, expect, it } from 'vitest';
import { ranked, summaryLeague } from '../src/lib/quality/league.ts';
import { EMPTY_QUALITY_FILTER } from '../src/lib/db/quality-filter.ts';
import { qualityIndex } from '../src/lib/quality-index.ts';
import { renderLeague } from '../src/lib/quality/league-render.ts';
import type { QualityView } from '../src/lib/quality/view.ts';
import { parseHTML } from 'linkedom';

const row = (code: string, mean: number | null) => ({ code, name: code, parent: null, reports: 1, scored: mean === null ? 0 : 1, mean, drill: EMPTY_QUALITY_FILTER });

describe('league', () => {
  it('ranks by mean, best first; equal means as shown share a rank; no score, no rank', () => {
    const r = ranked([row('b', 80.04), row('a', 91), row('c', 80.01), row('d', null), row('e', 70)]);
    expect(r.map((x) => [x.code, x.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['e', 4], ['d', null]]);
  });

  it('averages the cities’ reports over the years from the build-time sums, or over one year', () => {
    const sums = [
      { c: '1101', name: 'Y市', p: '11', province: 'Z省', y: 2021, reports: 2, n: 2, s: 180 },
      { c: '1101', name: 'Y市', p: '11', province: 'Z省', y: 2022, reports: 1, n: 1, s: 60 },
      { c: '1201', name: 'W市', p: '12', province: 'V省', y: 2021, reports: 3, n: 2, s: 170 },
    ];
    const all = summaryLeague(EMPTY_QUALITY_FILTER, sums);
    expect(all.byCity.map((x) => [x.code, x.mean, x.rank, x.reports, x.scored])).toEqual([['1201', 85, 1, 3, 2], ['1101', 80, 2, 3, 3]]);
    expect(all.byCounty).toBeNull();
    expect(all.byCity[0].drill).toMatchObject({ province: '12', city: '1201', county: null });
    const y2022 = summaryLeague({ ...EMPTY_QUALITY_FILTER, year: 2022 }, sums);
    expect(y2022.byCity.map((x) => [x.code, x.mean])).toEqual([['1101', 60]]);
  });
});

describe('the league as a table', () => {
  it('puts names in as text: a name that looks like markup stays words on the page', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: Document };
    const hostile = { ...row('3201', 88), name: '<img src=x onerror=alert(1)>南京市', parent: '"江苏省"&' };
    const view = { league: { year: null, byCity: ranked([hostile, row('3202', 70)]), byCounty: null } } as unknown as QualityView;
    const body = document.createElement('div');
    body.append(renderLeague(view, document));
    expect(body.querySelector('img')).toBeNull();
    const first = body.querySelector('table.q-league[data-grain="city"] tbody tr')!;
    expect(first.getAttribute('data-code')).toBe('3201');
    expect(first.querySelector('th a')!.textContent).toBe(hostile.name);
    expect(first.querySelectorAll('td')[1].textContent).toBe('"江苏省"&');
    expect(body.querySelector('p.missing')!.textContent).toContain('请先在上方选择省份');
  });
});

describe('the index from its parts', () => {
  it('is the weighted mean of the parts that can be judged', () => {
    expect(qualityIndex({ completeness: 1, arithmetic: 1, continuity: 1, timeliness: 1, originality: 1, tables: 1 })).toBe(100);
    // completeness 25 × 0.5, arithmetic 25 × 1, the rest unknown: (12.5 + 25) / 50.
    expect(qualityIndex({ completeness: 0.5, arithmetic: 1 })).toBe(75);
    expect(qualityIndex({})).toBeNull();
  });
});
