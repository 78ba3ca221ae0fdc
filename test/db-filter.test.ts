// The overview's filter (src/lib/db/filter.ts): years given the wrong way
// round are swapped, and spans of years without any report are refused.

import { describe, expect, it } from 'vitest';
import { filterFromParams, filterToParams, yearsProblem } from '../src/lib/db/filter.ts';
import { withheldMessage, EngineUnavailable } from '../src/lib/db/unavailable.ts';

const YEARS = [2019, 2020, 2021, 2023, 2024];

describe('filterFromParams', () => {
  it('swaps years given the wrong way round', () => {
    const f = filterFromParams(new URLSearchParams('from=2024&to=2019&p=32'));
    expect([f.from, f.to]).toEqual([2019, 2024]);
    expect(filterToParams(f).toString()).toBe('from=2019&to=2024&p=32');
  });

  it('keeps a span given in order, and a single open end', () => {
    expect(filterFromParams(new URLSearchParams('from=2020&to=2020'))).toMatchObject({ from: 2020, to: 2020 });
    expect(filterFromParams(new URLSearchParams('to=2019'))).toMatchObject({ from: null, to: 2019 });
  });
});

describe('yearsProblem', () => {
  it('accepts spans with a year of reports, and no span', () => {
    expect(yearsProblem(null, null, YEARS)).toBeNull();
    expect(yearsProblem(2015, 2019, YEARS)).toBeNull();
    expect(yearsProblem(2022, 2023, YEARS)).toBeNull();
    expect(yearsProblem(2030, null, [])).toBeNull();
  });

  it('refuses spans beyond the data or between its years, saying which years have reports', () => {
    expect(yearsProblem(2030, null, YEARS)).toBe('没有 2030 年及以后的报告：本站数据中有报告的年度是 2019、2020、2021、2023、2024。请在“年度”中重新选择。');
    expect(yearsProblem(null, 2018, YEARS)).toMatch(/^没有 2018 年及以前的报告/);
    expect(yearsProblem(2022, 2022, YEARS)).toMatch(/^没有 2022 年的报告/);
    expect(yearsProblem(2025, 2030, YEARS)).toMatch(/^没有 2025–2030 年的报告/);
  });
});

describe('withheldMessage', () => {
  it('says plainly that no figures are shown for the selection, and why', () => {
    expect(withheldMessage('江苏省', new EngineUnavailable(new TypeError('Failed to fetch')))).toMatch(/^查询引擎没能载入，无法算出“江苏省”的数字，所以这里不显示任何数字.*\n原因：Failed to fetch$/s);
    expect(withheldMessage('江苏省', new Error('Binder Error'))).toMatch(/^查询出错，无法算出“江苏省”的数字/);
  });
});
