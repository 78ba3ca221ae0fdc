// The peer comparison's and the place trend's SQL (src/lib/db/queries/compare.ts,
// place.ts) on DuckDB in Node, over a made-up summary table with ties, gaps
// (未披露), duplicates and other levels, against the same figures computed
// here in plain TypeScript; and the comparison's URL state.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSql, compareYearsSql, compareRequest, type CompareTown, type PeerScope } from '../src/lib/db/queries/compare.ts';
import { trendSql, type PlaceRow } from '../src/lib/db/queries/place.ts';
import { plainValue } from '../src/lib/db/plain.ts';
import { compareColumns, compareFromParams, compareToParams, compareCsvRows, percentileText, rankText } from '../src/lib/place/compare.ts';
import { KEY_MEASURES, KEY_MEASURE_KEYS } from '../src/lib/place/measures.ts';
import { tableCsv } from '../src/lib/charts/table.ts';

type Row = Record<string, string | number | boolean | null>;

/** A seeded generator, so that the table is the same every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const KEYS = KEY_MEASURE_KEYS;

function fixture(): Row[] {
  const rand = random(7);
  const rows: Row[] = [];
  const counties = [
    { county_code: '371503', county: '茌平区', city_code: '3715', city: '聊城市' },
    { county_code: '371581', county: '临清市', city_code: '3715', city: '聊城市' },
    { county_code: '370784', county: '安丘市', city_code: '3707', city: '潍坊市' },
  ];
  counties.forEach((c, ci) => {
    for (let t = 0; t < 7; t++) {
      const code = `${c.county_code}${String(100 + t).padStart(3, '0')}`;
      for (const year of [2019, 2020]) {
        if (rand() < 0.12) continue; // no report that year
        const row: Row = { is_primary: true, level: 'town', template: '2019', year, town: `镇${ci}${t}`, town_code: code, ...c, province: '山东省', province_code: '37' };
        for (const k of KEYS) row[k] = rand() < 0.2 ? null : Math.floor(rand() * 5) * (k === 'procurement__amount_yuan' ? 100_000 : 1); // ties are common
        rows.push(row);
      }
    }
    // The county's own report and a department's: not towns, never in a group.
    rows.push({ is_primary: true, level: 'county', template: '2019', year: 2020, town: null, town_code: null, ...c, province: '山东省', province_code: '37', ...Object.fromEntries(KEYS.map((k) => [k, 999_999])) });
  });
  // A duplicate report the site does not use: left out.
  rows.push({ ...rows.find((r) => r.town_code === '371503100' && r.year === 2020)!, is_primary: false, proactive_items: 1_000_000 });
  return rows;
}

let conn: DuckDBConnection;
const data = fixture();

async function query(sql: string): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], plainValue(v)])));
}

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  const columns = ['is_primary BOOLEAN', 'level VARCHAR', 'template VARCHAR', 'year INTEGER', 'town VARCHAR', 'town_code VARCHAR', 'county VARCHAR', 'county_code VARCHAR', 'city VARCHAR', 'city_code VARCHAR', 'province VARCHAR', 'province_code VARCHAR', ...KEYS.map((k) => `${k} DOUBLE`)];
  await conn.run(`CREATE TABLE s (${columns.join(', ')})`);
  const lit = (v: Row[string]) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));
  const names = columns.map((c) => c.split(' ')[0]);
  await conn.run(`INSERT INTO s VALUES ${data.map((r) => `(${names.map((n) => lit(r[n] ?? null)).join(', ')})`).join(', ')}`);
});

afterAll(() => conn?.closeSync());

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function townOf(code: string): CompareTown {
  const r = data.find((x) => x.town_code === code)!;
  return { code, name: r.town as string, county: r.county as string, county_code: r.county_code as string, city: r.city as string, city_code: r.city_code as string, province: '山东省', province_code: '37' };
}

/** The comparison computed here: the group, ranks, percentiles, the peers' median, differences and changes. */
function expectedComparison(town: CompareTown, scope: PeerScope, list: string[], year: number) {
  const inScope = (r: Row) =>
    r.is_primary === true && r.level === 'town' && (scope === 'county' ? r.county_code === town.county_code : scope === 'city' ? r.city_code === town.city_code : scope === 'province' ? true : [town.code, ...list].includes(r.town_code as string));
  const cur = data.filter((r) => inScope(r) && r.year === year);
  const prev = new Map(data.filter((r) => inScope(r) && r.year === year - 1).map((r) => [r.town_code, r]));
  const absent = (code: string) => ({ town_code: code, ...Object.fromEntries(KEYS.map((k) => [k, null])) }) as Row;
  // The town itself, and the towns picked by hand, are listed even in a year they have no report.
  const shownAnyway = [town.code, ...(scope === 'list' ? list : [])];
  const group = [...cur, ...shownAnyway.filter((c) => !cur.some((r) => r.town_code === c)).map(absent)];
  return group.map((r) => {
    const out: Row = { code: r.town_code as string };
    for (const k of KEYS) {
      const v = r[k] as number | null;
      const given = group.map((g) => g[k]).filter((x): x is number => x !== null);
      const peers = group.filter((g) => g.town_code !== town.code).map((g) => g[k]).filter((x): x is number => x !== null);
      const med = median(peers);
      const p = prev.get(r.town_code)?.[k] ?? null;
      out[k] = v;
      // Ties share the middle of their ranks, and count half in the percentile; a group of one has no percentile.
      const ties = v === null ? 0 : given.filter((x) => x === v).length;
      out[`${k}__rank`] = v === null ? null : given.filter((x) => x > v).length + (ties + 1) / 2;
      out[`${k}__n`] = given.length;
      out[`${k}__ties`] = v === null ? null : ties;
      out[`${k}__pct`] = v === null || given.length < 2 ? null : (given.filter((x) => x < v).length + (ties - 1) / 2) / (given.length - 1);
      out[`${k}__median`] = med;
      out[`${k}__diff`] = v === null || med === null ? null : v - med;
      out[`${k}__prev`] = p as number | null;
      out[`${k}__change`] = v === null || p === null ? null : v - (p as number);
    }
    return out;
  });
}

describe('compareSql', () => {
  const cases: [string, PeerScope, string[], number][] = [
    ['371503100', 'county', [], 2020],
    ['371503102', 'city', [], 2020],
    ['370784104', 'province', [], 2020],
    ['371581103', 'list', ['371503101', '370784100', '370784106', '371581103'], 2020],
    ['371503100', 'province', [], 2019],
  ];
  for (const [code, scope, list, year] of cases) {
    it(`ranks, percentiles, medians and changes: ${code} among ${scope} in ${year}`, async () => {
      const town = townOf(code);
      const rows = await query(compareSql(town, scope, list, year, KEYS, 's'));
      const expected = expectedComparison(town, scope, list.filter((c) => c !== code), year);
      expect(rows.map((r) => r.code)).toEqual([code, ...expected.map((r) => r.code as string).filter((c) => c !== code).sort()]);
      expect(rows[0].is_self).toBe(true);
      for (const e of expected) {
        const got = rows.find((r) => r.code === e.code)!;
        for (const [k, v] of Object.entries(e)) {
          if (typeof v === 'number') expect(got[k], `${e.code} ${k}`).toBeCloseTo(v, 9);
          else expect(got[k], `${e.code} ${k}`).toBe(v);
        }
      }
    });
  }

  it('keeps the picked town in the table in a year it has no report', async () => {
    const town = townOf('371503100');
    const missing = data.find((r) => r.is_primary && r.level === 'town' && !data.some((x) => x.town_code === r.town_code && x.year === 2019 && x.is_primary));
    const t = missing ? townOf(missing.town_code as string) : town;
    const rows = await query(compareSql(t, 'province', [], 2019, KEYS, 's'));
    const self = rows.find((r) => r.is_self)!;
    if (missing) expect(self.has_report).toBe(false);
    for (const k of KEYS) if (missing) expect(self[`${k}__rank`]).toBeNull();
  });

  it('lists the years of the group', async () => {
    expect(await query(compareYearsSql(townOf('371503100'), 'county', [], 's'))).toEqual([{ year: 2019 }, { year: 2020 }]);
  });

  it('reads a group by province, then county, city or the picked codes', () => {
    const town = townOf('371503100');
    expect(compareRequest(town, 'county', [], KEYS).where).toEqual({ province_code: ['37'], county_code: ['371503'] });
    expect(compareRequest(town, 'city', [], KEYS).where).toEqual({ province_code: ['37'], city_code: ['3715'] });
    expect(compareRequest(town, 'province', [], KEYS).where).toEqual({ province_code: ['37'] });
    expect(compareRequest(town, 'list', ['500112144', '371581108'], KEYS).where).toEqual({ province_code: ['37', '50'], town_code: ['371503100', '500112144', '371581108'] });
    // Different groups never share a DuckDB table.
    expect(compareRequest(town, 'county', [], KEYS).name).not.toBe(compareRequest(town, 'city', [], KEYS).name);
  });
});

describe('trendSql', () => {
  it('gives a place’s figures by year beside the median of the other towns of its county', async () => {
    const code = '371503101';
    const r = data.find((x) => x.town_code === code)!;
    const place = { place_code: code, level: 'town', name: r.town, county_code: r.county_code, city_code: r.city_code, province_code: '37' } as PlaceRow;
    const rows = await query(trendSql(place, KEYS, 's'));
    for (const year of [2019, 2020]) {
      const got = rows.find((x) => x.year === year)!;
      const own = data.find((x) => x.town_code === code && x.year === year && x.is_primary);
      const peers = data.filter((x) => x.is_primary && x.level === 'town' && x.county_code === r.county_code && x.town_code !== code && x.year === year);
      expect(got.has_report).toBe(!!own);
      expect(got.peers).toBe(peers.length);
      for (const k of KEYS) {
        expect(got[k], `${year} ${k}`).toBe(own ? own[k] : null);
        const vals = peers.map((p) => p[k]).filter((v): v is number => v !== null);
        expect(got[`${k}__median`], `${year} ${k} median`).toBe(median(vals));
        expect(got[`${k}__n`]).toBe(vals.length);
      }
    }
  });
});

describe('the comparison state and CSV', () => {
  it('round-trips through the URL, strictly', () => {
    const s = compareFromParams(new URLSearchParams('code=371503110&peers=list&with=370784118,371503110,abc,632525101&year=2020'));
    expect(s).toEqual({ code: '371503110', scope: 'list', list: ['370784118', '632525101'], year: 2020 });
    expect(compareFromParams(compareToParams(s))).toEqual(s);
    expect(compareToParams({ ...s, scope: 'county' }).toString()).toBe('code=371503110&year=2020');
    expect(compareFromParams(new URLSearchParams('code=12&peers=x&year=1850'))).toEqual({ code: null, scope: 'county', list: [], year: null });
    const many = Array.from({ length: 20 }, (_, i) => String(371503100 + i)).join(',');
    expect(compareFromParams(new URLSearchParams(`code=371503110&peers=list&with=${many}`)).list).toHaveLength(12);
  });

  it('writes every town with raw figures, ranks and empty cells for what is not given', async () => {
    const rows = await query(compareSql(townOf('371503100'), 'county', [], 2020, KEYS, 's'));
    const csv = tableCsv(compareColumns(KEY_MEASURES), compareCsvRows(rows, KEY_MEASURES));
    expect(csv.startsWith('\uFEFF乡镇街道,区划代码,')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toContain('371503100');
    expect(lines[1].split(',')[5]).toBe('是');
  });
});

describe('ranks and words for ties and groups of one', () => {
  it('gives tied towns the middle of their ranks and says how many are tied', () => {
    expect(rankText(3.5, 5, 4)).toBe('第 3.5/5 名（4 个并列）');
    expect(rankText(1, 5, 1)).toBe('第 1/5 名');
  });

  it('says a town alone in its group has nothing to be compared with', () => {
    expect(rankText(1, 1, 1)).toBe('同组无可比较');
    expect(percentileText(null)).toBe('—');
  });
});
