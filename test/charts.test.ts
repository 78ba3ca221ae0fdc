// Value axes of the dashboard's bar charts: what a reader sees on the tick labels.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { barsByPlace, barsByYear, stackedByYear, type Datum } from '../src/lib/charts/basic.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
const doc = document as unknown as Document;
const count = (v: number) => v.toLocaleString('zh-CN');
const opts = { width: 480, document: doc, label: '件', tick: count, text: (v: number | null) => (v === null ? '未披露' : count(v)), title: () => '' };

/** The tick labels of the value axis, in order. */
function ticks(svg: Element, axis: 'x' | 'y'): string[] {
  const g = svg.querySelector(`g[aria-label="${axis}-axis tick label"]`);
  return g ? [...g.querySelectorAll('text')].map((t) => t.textContent ?? '') : [];
}

describe('value axes', () => {
  it('gives all-zero counts a 0–1 axis with whole-number ticks', () => {
    const rows: Datum[] = [{ year: 2021, n: 0 }, { year: 2022, n: 0 }];
    expect(ticks(barsByYear(rows, { ...opts, value: 'n' }), 'y')).toEqual(['0', '1']);
  });

  it('never labels fractional ticks on small counts', () => {
    const rows: Datum[] = [{ place: '甲镇', n: 3 }, { place: '乙镇', n: 1 }];
    expect(ticks(barsByPlace(rows, { ...opts, value: 'n' }), 'x')).toEqual(['0', '1', '2', '3']);
  });

  it('keeps nice ticks for larger values, reaching past the largest bar', () => {
    const rows: Datum[] = [{ year: 2021, n: 1234 }, { year: 2022, n: 87 }];
    const labels = ticks(barsByYear(rows, { ...opts, value: 'n' }), 'y');
    expect(labels[0]).toBe('0');
    expect(labels.length).toBeGreaterThan(2);
    expect(Number(labels.at(-1)!.replace(/,/g, ''))).toBeGreaterThanOrEqual(1200);
  });

  it('draws no bar for a missing year and says 未披露', () => {
    const rows: Datum[] = [{ year: 2021, n: 5 }, { year: 2022, n: null }];
    const svg = barsByYear(rows, { ...opts, value: 'n' });
    expect(svg.querySelectorAll('rect').length).toBe(1);
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
