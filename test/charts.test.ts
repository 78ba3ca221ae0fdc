// The dashboard's chart forms: what a reader sees on the tick labels, what a
// chart of too few points becomes, and the labels that must not collide.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { barsByPlace, barsByYear, dotsByPlace, gridPlaceYear, groupedBars, logTicks, stackedByYear, wrapLabel, type Datum } from '../src/lib/charts/basic.ts';
import { trendChart } from '../src/lib/charts/place.ts';
import { chartRole } from '../src/lib/charts/plot.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const doc = document as unknown as Document;
const count = (v: number) => v.toLocaleString('zh-CN');
const opts = { width: 480, document: doc, label: '件', tick: count, text: (v: number | null) => (v === null ? '未披露' : count(v)), title: () => '' };

/** The tick labels of the value axis, in order. */
function ticks(svg: Element, axis: 'x' | 'y'): string[] {
  const g = svg.querySelector(`g[data-mark="${axis}-axis tick label"]`);
  return g ? [...g.querySelectorAll('text')].map((t) => t.textContent ?? '') : [];
}

describe('value axes', () => {
  it('never labels fractional ticks on small counts', () => {
    const rows: Datum[] = [{ place: '甲镇', n: 3 }, { place: '乙镇', n: 1 }, { place: '丙镇', n: 2 }];
    expect(ticks(barsByPlace(rows, { ...opts, value: 'n' }), 'x')).toEqual(['0', '1', '2', '3']);
  });

  it('keeps nice ticks for larger values, reaching past the largest bar', () => {
    const rows: Datum[] = [{ year: 2021, n: 1234 }, { year: 2022, n: 87 }, { year: 2023, n: 300 }];
    const labels = ticks(barsByYear(rows, { ...opts, value: 'n' }), 'y');
    expect(labels[0]).toBe('0');
    expect(labels.length).toBeGreaterThan(2);
    expect(Number(labels.at(-1)!.replace(/,/g, ''))).toBeGreaterThanOrEqual(1200);
  });

  it('draws no bar for a missing year and says 未披露', () => {
    const rows: Datum[] = [{ year: 2020, n: 2 }, { year: 2021, n: 5 }, { year: 2022, n: null }, { year: 2023, n: 1 }];
    const svg = barsByYear(rows, { ...opts, value: 'n' });
    expect(svg.querySelectorAll('rect').length).toBe(3);
    expect(svg.textContent).toContain('未披露');
  });
});

describe('stacked bars', () => {
  const series = [{ key: 'a', label: '自然人' }, { key: 'b', label: '法人' }];
  const stacked = (rows: Datum[]) => stackedByYear(rows, { width: 480, document: doc, series, label: '件', tick: count, title: () => '' });

  it('gives years with no applications at all a 0–1 axis', () => {
    expect(ticks(stacked([{ year: 2021, a: 0, b: 0 }, { year: 2022, a: 0, b: 0 }]), 'y')).toEqual(['0', '1']);
  });

  it('scales the axis to the tallest stack, in whole numbers', () => {
    expect(ticks(stacked([{ year: 2021, a: 1, b: 2 }, { year: 2022, a: 1, b: null }]), 'y')).toEqual(['0', '1', '2', '3']);
  });
});

describe('charts with little data', () => {
  const text = (el: Element) => el.textContent ?? '';

  it('lists one or two figures instead of drawing them, each with its year or place', () => {
    const byYear = barsByYear([{ year: 2021, n: 5 }, { year: 2022, n: null }], { ...opts, value: 'n' });
    expect(byYear.querySelector('svg')).toBeNull();
    expect([...byYear.querySelectorAll('dt')].map(text)).toEqual(['2021 年', '2022 年']);
    expect([...byYear.querySelectorAll('dd')].map(text)).toEqual(['5', '未披露']);
    expect(text(byYear)).toContain('只有 1 个数字');
    const byPlace = barsByPlace([{ place: '甲镇', n: 3 }, { place: '乙镇', n: 1 }], { ...opts, value: 'n' });
    expect([...byPlace.querySelectorAll('dt')].map(text)).toEqual(['甲镇', '乙镇']);
    expect(chartRole(byPlace)).toBe('group');
  });

  it('says all zeros instead of drawing an axis from 0 to 1', () => {
    const zeros = barsByYear([2019, 2020, 2021, 2022].map((year) => ({ year, n: 0 })), { ...opts, value: 'n' });
    expect(zeros.querySelector('svg')).toBeNull();
    expect(text(zeros)).toContain('均为 0');
  });

  it('draws three or more figures', () => {
    const chart = barsByYear([{ year: 2021, n: 5 }, { year: 2022, n: 1 }, { year: 2023, n: 0 }], { ...opts, value: 'n' });
    expect(chart.localName).toBe('svg');
    expect(chartRole(chart)).toBe('img');
  });

  it('gives a town with one year of figures its figure and its peers’ median, not a trend of one point', () => {
    const rows: Datum[] = [
      { year: 2020, value: 120, median: 80, n: 4, has_report: true, in_template: true },
      { year: 2021, value: null, median: 90, n: 4, has_report: false, in_template: true },
    ];
    const el = trendChart(rows, { width: 480, document: doc, kind: 'count', label: '条', place: '甲镇', peers: '同县' });
    expect(el.querySelector('svg')).toBeNull();
    expect([...el.querySelectorAll('dd:not(.few-detail)')].map(text)).toEqual(['120', '无报告']);
    expect([...el.querySelectorAll('dd.few-detail')].map(text)).toEqual(['同县中位数 80', '同县中位数 90']);
  });

  it('draws no quantile legend with fewer distinct amounts than classes (it printed one amount four times)', () => {
    const rows: Datum[] = ['甲镇', '乙镇', '丙镇'].flatMap((place) => [2020, 2021].map((year) => ({ place, year, value: 4_837_000 })));
    const grid = gridPlaceYear(rows, { width: 480, document: doc, label: '金额', text: (v) => String(v), title: () => '' });
    // Plot wraps a chart in a <figure> only to put a legend beside it.
    expect(grid.localName).toBe('svg');
    const varied = rows.map((r, i) => ({ ...r, value: 1000 * (i + 1) }));
    expect(gridPlaceYear(varied, { width: 480, document: doc, label: '金额', text: (v) => String(v), title: () => '' }).localName).toBe('figure');
  });
});

describe('labels that must not collide', () => {
  it('wraps a long group name before its bracket and to the width given', () => {
    expect(wrapLabel('行政诉讼（未经复议直接起诉）', 6)).toBe('行政诉讼\n（未经复议直\n接起诉）');
    expect(wrapLabel('行政复议', 6)).toBe('行政复议');
  });

  it('writes values over grouped bars only where every value fits over its bar', () => {
    const rows: Datum[] = ['行政复议', '行政诉讼'].flatMap((g) => ['维持', '纠正', '其他', '未结'].map((b, i) => ({ g, b, value: 4119 * (i + 1) })));
    const grouped = (width: number) => groupedBars(rows, { width, document: doc, group: 'g', bar: 'b', groups: ['行政复议', '行政诉讼'], bars: ['维持', '纠正', '其他', '未结'], label: '件', tick: count, text: (v) => count(v ?? 0), title: () => '' });
    expect(grouped(326).querySelector('g[data-mark="text"]')).toBeNull();
    expect(grouped(1100).querySelectorAll('g[data-mark="text"] text').length).toBe(8);
  });

  it('gives a narrow log axis distinct ticks, at most five', () => {
    const wan = (v: number) => `${(v / 10_000).toFixed(1)}万元`;
    const ticks = logTicks([12_000, 16_000, 15_500], wan);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ticks.map(wan)).size).toBe(ticks.length);
    expect(logTicks([762, 443_000, 1_612_000], wan).length).toBeLessThanOrEqual(5);
  });

  it('keeps dots on a log scale for places spanning orders of magnitude', () => {
    const rows: Datum[] = [{ place: '甲', n: 762 }, { place: '乙', n: 443_000 }, { place: '丙', n: 1_612_000 }];
    const svg = dotsByPlace(rows, { ...opts, value: 'n' });
    expect(ticks(svg, 'x').length).toBeGreaterThanOrEqual(2);
  });
});

describe('chart CSVs', () => {
  it('round averages to fen and shares to four decimals, and leave 未披露 empty', async () => {
    const { tableCsv } = await import('../src/lib/charts/table.ts');
    const csv = tableCsv(
      [{ key: 'place', label: '地区', kind: 'text' }, { key: 'avg', label: '平均金额', kind: 'yuan' }, { key: 'share', label: '占比', kind: 'share' }, { key: 'n', label: '项目', kind: 'count' }],
      [{ place: '山东省', avg: 1612333.3333333333, share: 0.123456, n: 3 }, { place: '重庆市', avg: null, share: null, n: null }],
    );
    expect(csv).toBe('\uFEFF地区,平均金额（元）,占比,项目\r\n山东省,1612333.33,0.1235,3\r\n重庆市,,,\r\n');
  });
});
