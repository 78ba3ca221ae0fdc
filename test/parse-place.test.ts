// Reporting bodies whose names trip a naive suffix match (found on the synthetic national corpus).

import { describe, expect, it } from 'vitest';
import { readPlace } from '../src/lib/parse/place.ts';

const place = (agency: string, text = '', inProse = false) => readPlace(agency, inProse, text, 1);

describe('reporting body → place', () => {
  it('takes the town after a county name, not a longer town name that swallows part of it', () => {
    const r = place('汾阳市西河街道办事处', '山西省吕梁市汾阳市');
    expect([r.level, r.town, r.town_code, r.county]).toEqual(['town', '西河街道', '141182003', '汾阳市']);
  });
  it('cuts a body out of running text', () => {
    const r = place('由两城镇人民政府', '微山县两城镇', true);
    expect([r.agency, r.town_code]).toEqual(['两城镇人民政府', '370826107']);
  });
  it('keeps a town whose listed name ends in 办事处', () => {
    // Both '南环街道办事处' and the several '南环街道' are candidates; the text's banner (旗) decides.
    expect(place('南环街道办事处', '阿拉善盟阿拉善左旗').town_code).toBe('152921403');
  });
  it('keeps a town listed with 办事处 after its county and city names', () => {
    // '兴隆林业局' (巴彦县) is a town of its own; the one this body names is '兴隆林业局办事处' of 木兰县.
    const r = place('哈尔滨市木兰县兴隆林业局办事处', '哈尔滨市木兰县兴隆林业局办事处 2020年政府信息公开工作年度报告');
    expect([r.town, r.town_code, r.county]).toEqual(['兴隆林业局办事处', '230127400', '木兰县']);
  });
  it('finds official names with brackets written half-width', () => {
    expect(place('(工业园区)城南街道办事处').town_code).toBe('220802006');
  });
  it('places a town the list names only "街道" by the development zone before it', () => {
    const r = place('唐山高新技术产业开发区街道办事处', '唐山市');
    expect([r.town_code, r.county]).toEqual(['130273001', '唐山高新技术产业开发区']);
  });
  it('reads town-level units without a town ending (农场, 管委会)', () => {
    const r = place('高新技术产业开发区管委会', '邢台市');
    expect(r.level).toBe('town');
  });
  it('puts a department of a district in the district', () => {
    const r = place('淮安市洪泽区交通运输局');
    expect([r.level, r.county_code, r.city]).toEqual(['department', '320813', '淮安市']);
  });
});
