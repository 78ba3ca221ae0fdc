// Outside the tables: figures in the prose and the report's metadata (year, date, place), one test
// per quirk, each on a small made-up snippet (test/helpers/parse-snippets.ts). Every test asserts
// the exact values read and, where the parser should say something, the finding's rule.

import { describe, expect, it } from 'vitest';
import { read, findingsOf, T2020, SEC2 } from './helpers/parse-snippets.ts';

describe('figures in the prose', () => {
  const proactive = (...sentences: string[]) => {
    const r = read(T2020, '一、总体情况', ...sentences, SEC2);
    return { items: r.proactive_items, approx: r.proactive_items_approx, line: r.proactive_items_line };
  };

  it('reads an approximate count: 200余条', () => {
    expect(proactive('2020年，我镇通过政府网站等渠道共公开信息200余条。')).toEqual({ items: 200, approx: true, line: 3 });
  });

  it('takes the all-channel total among several counts', () => {
    expect(proactive('通过政府网站公开信息120条，通过微信公众号发布信息88条，', '全年共计主动公开政府信息230条。')).toEqual({ items: 230, approx: false, line: 4 });
  });

  it('leaves a running total (累计) out', () => {
    expect(proactive('本年度主动公开信息300条，历年累计公开信息1,500条。')).toEqual({ items: 300, approx: false, line: 3 });
    expect(proactive('截至目前累计公开信息1500条。')).toEqual({ items: null, approx: null, line: null });
  });

  it('reads the count in sections 一 and 二 only, wherever the headings stand', () => {
    const r = read(T2020, '一、总体情况', '全年主动公开信息120条。', SEC2, '五、存在的主要问题及改进情况', '下一步计划公开信息300条。', '二、主动公开政府信息情况', '另通过公众号发布信息150条。');
    expect(r.proactive_items).toBe(150);
    expect(r.proactive_items_line).toBe(8);
    const later = read(T2020, '一、总体情况', '全年主动公开信息120条。', SEC2, '五、存在的主要问题及改进情况', '下一步计划公开信息300条。');
    expect(later.proactive_items).toBe(120);
  });
});

describe('metadata', () => {
  it.each([
    ['2021. 1. 15', '2021-01-15'],
    ['2021年1月25日', '2021-01-25'],
    ['二〇二二年一月二十日', '2022-01-20'],
    ['２０２１年１２月３１日', '2021-12-31'],
  ])('reads the publication date %s', (date, iso) => {
    const r = read(T2020, '一、总体情况', '无。', '洛碛镇人民政府', date);
    expect(r.published_on).toBe(iso);
    expect(findingsOf(r, 'meta_published_before_year_end')).toEqual([]);
  });

  it('takes the year from the title, not from the publication date or the prose', () => {
    const r = read('洛碛镇2019年政府信息公开工作年度报告', '2020年1月，根据上级要求编制本报告。', '一、总体情况', '无。', '洛碛镇人民政府', '2020年1月20日');
    expect(r.year).toBe(2019);
    expect(r.published_on).toBe('2020-01-20');
    expect(r.template).toBe('2019');
    expect(r.template_basis).toBe('year');
  });

  it.each([
    ['洪官屯镇人民政府', { level: 'town', town: '洪官屯镇', town_code: '371503110', county: '茌平区', city: '聊城市', province: '山东省' }],
    ['上湾乡人民政府', { level: 'town', town: '上湾乡', town_code: '622922208', county: '康乐县', city: '临夏回族自治州', province: '甘肃省' }],
    ['官洲街道办事处', { level: 'town', town: '官洲街道', town_code: '440105018', county: '海珠区', city: '广州市', province: '广东省' }],
    ['洪泽区人民政府', { level: 'county', town: null, county: '洪泽区', county_code: '320813', city: '淮安市', province: '江苏省' }],
    ['微山县人民政府', { level: 'county', town: null, county: '微山县', county_code: '370826', city: '济宁市', province: '山东省' }],
    ['淮安市人民政府', { level: 'city', town: null, county: null, city: '淮安市', city_code: '3208', province: '江苏省' }],
    ['淮安市财政局', { level: 'department', town: null, county: null, city: '淮安市', province: '江苏省' }],
    ['淮安市洪泽区交通运输局', { level: 'department', town: null, county: '洪泽区', county_code: '320813', city: '淮安市' }],
  ])('tells the level and place of %s', (agency, want) => {
    const r = read(`${agency}2023年政府信息公开工作年度报告`, '一、总体情况');
    expect(r.agency).toBe(agency);
    expect(r).toMatchObject(want);
    expect(r.findings.filter((f) => f.rule.startsWith('meta_place'))).toEqual([]);
  });

  it('tells same-named towns apart by the county the text names, and says so when it names none', () => {
    const named = read('潘庄镇2021年政府信息公开工作年度报告', '一、总体情况', '2021年，潘庄镇在临清市委、市政府正确领导下开展工作。');
    expect(named).toMatchObject({ level: 'town', town: '潘庄镇', town_code: '371581108', county: '临清市', city: '聊城市', province: '山东省' });
    expect(findingsOf(named, 'meta_place_ambiguous')).toEqual([]);
    const unnamed = read('潘庄镇2021年政府信息公开工作年度报告', '一、总体情况', '2021年，潘庄镇在上级正确领导下开展工作。');
    expect(unnamed).toMatchObject({ level: 'town', town: '潘庄镇', town_code: null, county: null, city: null, province: null });
    const [f] = findingsOf(unnamed, 'meta_place_ambiguous');
    expect(f.message).toContain('全国有3个“潘庄镇”');
    expect(f.message).toContain('山东省聊城市临清市');
  });
});
