// The search box: the index of every place of the national list (its
// compact format and how the browser decodes it) and finding places in it by
// name, pinyin and initials, ranked by match quality and then by whether the
// site has reports of them. A small hand-made list checks the rules; the real
// national list checks the names visitors type.

import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, indexPlaces, nameReadings, type IndexInput } from '../src/lib/place/search-index-build.ts';
import { decodeCodes, decodeSearchIndex, encodeCodes, type IndexedPlace, type SearchIndexFile } from '../src/lib/place/search-index.ts';
import { matchQuality, placeContext, queryKind, reportNote, searchPlaces } from '../src/lib/place/search.ts';
import { searchTarget } from '../src/lib/place/links.ts';
import { asPlaceRow, findPlace, noReportContent, noReportWhy, regionsAbove } from '../src/lib/place/no-report.ts';
import { parseHTML } from 'linkedom';
import { gazetteerInfo } from '../src/lib/gazetteer/index.ts';

const p = (code: string, level: IndexInput['level'], name: string, reports = 0): IndexInput => ({ code, level, name, reports });

/** A corner of the list: Shandong's 聊城 with 临清 and 茌平, a Chongqing district, and places to confuse them with. */
const SMALL: IndexInput[] = [
  p('37', 'province', '山东省'),
  p('3715', 'city', '聊城市'),
  p('371503', 'county', '茌平区'),
  p('371503110', 'town', '洪官屯镇', 2),
  p('371503111', 'town', '洪屯镇'),
  p('371581', 'county', '临清市'),
  p('371581108', 'town', '潘庄镇', 1),
  p('371581109', 'town', '临清镇'),
  p('371581110', 'town', '老城街道'),
  p('43', 'province', '湖南省'),
  p('4301', 'city', '长沙市'),
  p('430102', 'county', '长子区'),
  p('430102001', 'town', '长青街道'),
  p('50', 'province', '重庆市'),
  p('500112', 'county', '渝北区'),
  p('500112144', 'town', '洛碛镇', 1),
  p('500112145', 'town', '洪湖镇'),
];

const decode = (places: readonly IndexInput[]) => decodeSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(places, 'test'))) as SearchIndexFile);
const codes = (found: readonly IndexedPlace[]) => found.map((x) => x.code);

describe('the search index file', () => {
  it('writes each code after its parent part, whole where the place before does not spell it', () => {
    const list = [p('50', 'province', ''), p('50', 'city', ''), p('500112', 'county', ''), p('500112144', 'town', ''), p('500113', 'county', ''), p('51', 'province', ''), p('5101', 'city', '')];
    const encoded = encodeCodes(list);
    // A municipality's district has no city above it: its whole code; so has the municipality's city of the same code.
    expect(encoded).toBe('50,=50,=500112,144,13,51,01');
    expect(decodeCodes(encoded, 'pckt' + 'kpc')).toEqual(list.map((x) => x.code));
    expect(() => decodeCodes(encoded, 'pck')).toThrow(/7 codes for 3 places/);
  });

  it('keeps one reading per character and the places that read it otherwise', () => {
    const file = buildSearchIndex(SMALL, 'test');
    const readings = new Map([...file.chars].map((ch, i) => [ch, file.readings.split(',')[i]]));
    expect(readings.get('长')).toBe('chang'); // 长沙, 长青 …
    const at = (code: string) => SMALL.findIndex((x) => x.code === code);
    // … but 长子 reads zhang: listed as an exception of that place, at the character's position.
    expect(file.exceptions).toEqual([at('430102'), 0, 'zhang']);
    expect(nameReadings('重庆市')).toEqual(['chong', 'qing', 'shi']);
    expect(nameReadings('单县')).toEqual(['shan', 'xian']); // a place-name reading pinyin-pro alone gets wrong
    expect(nameReadings('流波䃥镇（一）')).toEqual(['liu', 'bo', '', 'zhen', '', 'yi', '']);
  });

  it('decodes every place with its parents, its reports and the reports within it', () => {
    const places = decode(SMALL);
    expect(places.map((x) => [x.code, x.level, x.name])).toEqual(SMALL.map((x) => [x.code, x.level, x.name]));
    const get = (code: string) => places.find((x) => x.code === code)!;
    expect(get('371503110')).toMatchObject({ county: '茌平区', county_code: '371503', city: '聊城市', city_code: '3715', province: '山东省', province_code: '37', reports: 2, reportsWithin: 0 });
    expect(get('3715')).toMatchObject({ reports: 0, reportsWithin: 3 });
    expect(get('371581')).toMatchObject({ reports: 0, reportsWithin: 1 });
    expect(get('37')).toMatchObject({ reports: 0, reportsWithin: 3 });
    expect(get('4301')).toMatchObject({ reports: 0, reportsWithin: 0 });
    // A municipality's district: its city is the municipality, under its 2-digit code (as in the data).
    expect(get('500112144')).toMatchObject({ county: '渝北区', city: '重庆市', city_code: '50', province: '重庆市' });
    expect(get('50').reportsWithin).toBe(1);
    expect(get('430102').keys).toMatchObject({ pinyin: 'zhangziqu', pinyinStem: 'zhangzi', initials: 'zzq', initialsStem: 'zz' });
    expect(get('3715').keys).toMatchObject({ name: '聊城市', stem: '聊城', pinyin: 'liaochengshi', pinyinStem: 'liaocheng', initialsStem: 'lc' });
  });

  it('merges the data’s places into the national list, a municipality once', () => {
    const national = [p('50', 'province', '重庆市'), p('500112', 'county', '渝北区')];
    const merged = indexPlaces([p('500112', 'county', '渝北区', 3), p('500199', 'county', '旧县', 1)], national);
    expect(merged.map((x) => [x.code, x.reports])).toEqual([['50', 0], ['500112', 3], ['500199', 1]]);
  });
});

describe('finding places', () => {
  let places: IndexedPlace[];
  beforeAll(() => {
    places = decode(SMALL);
  });

  it('matches Chinese on names, letters on pinyin and initials, digits on codes', () => {
    expect(['聊城', 'liaocheng', 'LC', '3715', 'hong官'].map((q) => queryKind(q.toLowerCase()))).toEqual(['name', 'pinyin', 'pinyin', 'code', 'name']);
    const quality = (code: string, q: string) => matchQuality(places.find((x) => x.code === code)!, q);
    expect([quality('3715', '聊城市'), quality('3715', '聊城'), quality('3715', '聊'), quality('3715', '城')]).toEqual([0, 0, 1, 2]);
    expect([quality('3715', 'liaochengshi'), quality('3715', 'liaocheng'), quality('3715', 'lcs'), quality('3715', 'lc'), quality('3715', 'liaoch'), quality('3715', 'cheng'), quality('3715', 'x')]).toEqual([0, 0, 0, 0, 1, 2, null]);
    expect([quality('371503110', 'hgt'), quality('371503110', 'hongguantun'), quality('371503110', 'hongguan'), quality('371503110', 'hg')]).toEqual([0, 0, 1, 1]);
    expect([quality('371503110', '371503110'), quality('371503110', '3715'), quality('371503110', '503')]).toEqual([0, 1, null]);
  });

  it('finds 聊城 and 临清, which have no report of their own, by name, pinyin and initials', () => {
    for (const q of ['聊城', '聊城市', 'liaocheng', 'lc']) expect(searchPlaces(places, q)[0]?.name, q).toBe('聊城市');
    for (const q of ['临清', 'linqing']) expect(searchPlaces(places, q)[0]?.name, q).toBe('临清市');
    // lq is 洛碛 too, which has a report of its own: it comes first, 临清 (reports within) next.
    expect(searchPlaces(places, 'lq').map((x) => x.name)).toEqual(['洛碛镇', '临清市', '临清镇']);
    for (const q of ['洪官屯', 'hongguantun', 'hgt', 'hgtz']) expect(searchPlaces(places, q)[0]?.name, q).toBe('洪官屯镇');
    expect(searchPlaces(places, 'zhangzi')[0]?.name).toBe('长子区');
    expect(searchPlaces(places, '')).toEqual([]);
    expect(searchPlaces(places, 'qqq')).toEqual([]);
  });

  it('ranks exact before prefix before contains, and at equal quality places with reports first', () => {
    // 洪: three towns start with it; the one with reports first, then by length and code.
    expect(codes(searchPlaces(places, '洪'))).toEqual(['371503110', '371503111', '500112145']);
    // 临清 is exactly 临清市 (no report, but reports within it) and 临清镇 (none): the region first.
    expect(codes(searchPlaces(places, '临清'))).toEqual(['371581', '371581109']);
    // 'lc': the initials of 聊城 and of 老城 (街道) alike; 聊城 has reports within it.
    expect(codes(searchPlaces(places, 'lc'))).toEqual(['3715', '371581110']);
    // Contains comes after prefixes whatever the reports: 城 starts nothing here, so all are 'contains'.
    expect(codes(searchPlaces(places, '城'))).toEqual(['3715', '371581110']);
    // At equal quality and reports, the larger place first.
    expect(codes(searchPlaces(places, '渝北'))).toEqual(['500112']);
    // 'c' starts 重庆, 茌平, 长沙, 长青: regions with reports within first, the larger first; then the rest.
    expect(codes(searchPlaces(places, 'c'))).toEqual(['50', '371503', '4301', '430102001']);
  });

  it('limits the results, filters levels, and can offer only places with reports', () => {
    expect(searchPlaces(places, '镇', { limit: 2 })).toHaveLength(2);
    expect(codes(searchPlaces(places, '临清', { levels: ['town'] }))).toEqual(['371581109']);
    expect(codes(searchPlaces(places, '镇', { levels: ['town'], reportedOnly: true }))).toEqual(['371581108', '500112144', '371503110']);
  });

  it('says where a place is and what the site has of it, and leads to its views', () => {
    const get = (code: string) => places.find((x) => x.code === code)!;
    expect(placeContext(get('371503110'))).toBe('茌平区 · 聊城市 · 山东省');
    expect(placeContext(get('500112144'))).toBe('渝北区 · 重庆市'); // a municipality is not named twice
    expect(['371503110', '3715', '371503111', '4301'].map((c) => reportNote(get(c)))).toEqual(['2 份报告', '无本级报告 · 辖区内 3 份', '无报告', '无报告']);
    expect(searchTarget(get('371503110'))).toEqual({ href: '/place/?code=371503110', kind: 'page' });
    expect(searchTarget(get('3715'))).toEqual({ href: '/?p=37&c=3715', kind: 'overview' });
    expect(searchTarget(get('371581'))).toEqual({ href: '/?p=37&c=3715&k=371581', kind: 'overview' });
    expect(searchTarget(get('500112'))).toEqual({ href: '/?p=50&c=50&k=500112', kind: 'overview' });
    expect(searchTarget(get('37'))).toEqual({ href: '/?p=37', kind: 'overview' });
    expect(searchTarget(get('371581109'))).toEqual({ href: '/place/?code=371581109', kind: 'no-report' });
    expect(searchTarget(get('4301'))).toEqual({ href: '/place/?code=4301', kind: 'no-report' });
    expect(searchTarget(get('50'))).toEqual({ href: '/?p=50', kind: 'overview' });
  });
});

describe('the national index', () => {
  let places: IndexedPlace[];
  let gzipped: number;
  beforeAll(() => {
    // The data's places of the samples (聊城: 洪官屯镇 and 潘庄镇; 淮安: the city and 洪泽区).
    const reported = [p('371503110', 'town', '洪官屯镇', 1), p('371581108', 'town', '潘庄镇', 1), p('3208', 'city', '淮安市', 1), p('320813', 'county', '洪泽区', 1)];
    const file = buildSearchIndex(indexPlaces(reported), 'national');
    const json = Buffer.from(JSON.stringify(file));
    gzipped = gzipSync(json, { level: 9 }).length;
    places = decodeSearchIndex(JSON.parse(gunzipSync(gzipSync(json)).toString()) as SearchIndexFile);
  }, 120_000);

  it('holds every province, city, county and town of the list, a municipality once', () => {
    const { counts } = gazetteerInfo();
    const municipalities = places.filter((x) => x.level === 'province' && !places.some((c) => c.level === 'city' && c.code.startsWith(x.code))).length;
    expect(municipalities).toBe(4);
    expect(places.length).toBe(counts.province + counts.city + counts.county + counts.town - municipalities);
    expect(places.length).toBeGreaterThan(40_000);
  });

  it('stays small over the wire', () => {
    expect(gzipped).toBeLessThan(400 * 1024);
  });

  it('finds what visitors type first', () => {
    const first = (q: string, levels?: string[]) => searchPlaces(places, q, levels ? { levels } : {})[0];
    expect(first('聊城')).toMatchObject({ name: '聊城市', level: 'city', reportsWithin: 2 });
    expect(first('liaocheng')).toMatchObject({ name: '聊城市' });
    expect(first('临清')).toMatchObject({ name: '临清市', level: 'county', city: '聊城市' });
    expect(first('linqing')).toMatchObject({ name: '临清市' });
    expect(first('hongguantun')).toMatchObject({ name: '洪官屯镇', reports: 1 });
    expect(first('hgt')).toMatchObject({ name: '洪官屯镇' });
    // Initials of a city are shared by hundreds of places: the one with reports within it comes first.
    expect(first('lc')).toMatchObject({ name: '聊城市' });
    expect(first('chongqing')).toMatchObject({ name: '重庆市', level: 'province' });
    expect(first('shanxian')).toMatchObject({ name: '单县' });
    expect(first('huaian')).toMatchObject({ name: '淮安市', reports: 1 });
    // A town without a report is found too, with its county, city and province.
    const town = first('前进街道', ['town']);
    expect(town.reports).toBe(0);
    expect(placeContext(town).split(' · ').length).toBeGreaterThanOrEqual(2);
  });
});

describe('the page of a place without a report', () => {
  let places: IndexedPlace[];
  beforeAll(() => {
    places = decode(SMALL);
  });
  const get = (code: string) => places.find((x) => x.code === code)!;

  it('finds the place by code and level, a 2-digit code being a province unless the URL says otherwise', () => {
    expect(findPlace(places, '371581109', null)?.name).toBe('临清镇');
    expect(findPlace(places, '50', null)?.level).toBe('province');
    expect(findPlace(places, '50', 'city')).toBeNull();
    expect(findPlace(places, '371581999', null)).toBeNull();
    expect(regionsAbove(places, get('371581109')).map((r) => r.name)).toEqual(['临清市', '聊城市', '山东省']);
    expect(regionsAbove(places, get('500112144')).map((r) => r.name)).toEqual(['渝北区', '重庆市']);
  });

  it('says plainly that a town has no report, and leads to its county’s views and the towns there that report', () => {
    const town = get('371581109');
    expect(noReportWhy(town)).toContain('本站还没有临清镇的政府信息公开工作年度报告');
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    document.body.append(...noReportContent(document as unknown as Document, town, places));
    const links = [...document.querySelectorAll('ul.region-links a')].map((a) => [a.textContent, a.getAttribute('href')]);
    // 临清市 and 聊城市 have reports within them (潘庄镇; 洪官屯镇); 山东省 too.
    expect(links).toEqual([
      ['在总览中查看临清市', '/?p=37&c=3715&k=371581'],
      ['在总览中查看聊城市', '/?p=37&c=3715'],
      ['在总览中查看山东省', '/?p=37'],
    ]);
    expect(document.querySelector('h2:last-of-type')?.textContent).toBe('临清市有报告的地方');
    expect([...document.querySelectorAll('ul.matches a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['潘庄镇', '/place/?code=371581108']]);
    expect(asPlaceRow(town)).toMatchObject({ place_code: '371581109', level: 'town', county: '临清市', city: '聊城市', province: '山东省', reports: 0 });
  });

  it('says a region has no report of its own but reports within it, or none at all', () => {
    expect(noReportWhy(get('3715'))).toBe('本站没有聊城市本级的年度报告；其辖区内的地方有 3 份报告，可在总览中查看。');
    expect(noReportWhy(get('4301'))).toBe('本站还没有长沙市及其辖区内各地的年度报告。');
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    document.body.append(...noReportContent(document as unknown as Document, get('4301'), places));
    expect(document.body.textContent).toBe('湖南省还没有任何报告。');
  });
});
