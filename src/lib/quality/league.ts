// The league table of the report-quality index (quality/index-parts.ts) on the
// quality page: the counties and the cities of the view ranked by the mean
// index of their reports (the ones the site uses). Row by row when the view's
// reports are loaded; for the whole country at national scale, the cities from
// the build-time summary (sums and counts by city and year).

import type { QualityFilter } from './filter.ts';

export type LeagueGrain = 'city' | 'county';

export interface LeagueRow {
  code: string;
  name: string;
  /** The city a county belongs to, or the province of a city. */
  parent: string | null;
  reports: number;
  /** Reports with an index. */
  scored: number;
  mean: number | null;
  /** 1 = highest mean; regions with the same mean (to one decimal) share a rank; null without a score. */
  rank: number | null;
  /** The filter that shows the region on this page. */
  drill: QualityFilter;
}

export interface League {
  /** Null: every year of the view together. */
  year: number | null;
  byCity: LeagueRow[];
  /** Null when the view is the whole country from the summary (choose a province for its counties). */
  byCounty: LeagueRow[] | null;
}

/** Build-time sums by city and year, for the whole country. */
export interface SummaryLeague {
  c: string;
  name: string | null;
  p: string | null;
  province: string | null;
  y: number | null;
  reports: number;
  n: number;
  s: number | null;
}

/** The regions of the view with the mean index of their reports. `reports`: the view's reports (with quality_index, is_primary, status). */
export function leagueSql(grain: LeagueGrain, reports: string, key = ''): string {
  const parent = grain === 'county' ? 'city' : 'province';
  // key: '__key, ' in a batch of views (db/batch.ts), each view's regions apart.
  return `SELECT ${key}${grain}_code AS code, coalesce(any_value(${grain}), ${grain}_code) AS name, any_value(${parent}) AS parent,
      any_value(province_code) AS province_code, any_value(city_code) AS city_code,
      count(*)::INTEGER AS reports, count(quality_index)::INTEGER AS scored, avg(quality_index)::DOUBLE AS mean
    FROM ${reports} WHERE is_primary AND status <> 'failed' AND ${grain}_code IS NOT NULL
    GROUP BY ${key}${grain}_code ORDER BY ${key}mean DESC NULLS LAST, code`;
}

export function summaryLeagueSql(reports: string): string {
  return `SELECT city_code AS c, any_value(city) AS name, province_code AS p, any_value(province) AS province, CAST(year AS INTEGER) AS y,
      count(*)::INTEGER AS reports, count(quality_index)::INTEGER AS n, sum(quality_index)::DOUBLE AS s
    FROM ${reports} WHERE is_primary AND status <> 'failed' AND city_code IS NOT NULL
    GROUP BY city_code, province_code, year ORDER BY c, y`;
}

/** Ranks by mean, best first; equal means (to one decimal, as shown) share a rank. */
export function ranked(rows: Omit<LeagueRow, 'rank'>[]): LeagueRow[] {
  const sorted = [...rows].sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || a.code.localeCompare(b.code));
  let rank = 0;
  let last: string | null = null;
  return sorted.map((r, i) => {
    const shown = r.mean === null ? null : r.mean.toFixed(1);
    if (shown !== last) rank = i + 1;
    last = shown;
    return { ...r, rank: shown === null ? null : rank };
  });
}

const drillTo = (f: QualityFilter, grain: LeagueGrain, row: { code: string; province_code?: unknown; city_code?: unknown }): QualityFilter =>
  grain === 'city'
    ? { ...f, province: String(row.province_code ?? row.code.slice(0, 2)), city: row.code, county: null }
    : { ...f, province: String(row.province_code ?? row.code.slice(0, 2)), city: String(row.city_code ?? f.city ?? ''), county: row.code };

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function leagueRows(f: QualityFilter, grain: LeagueGrain, rows: Row[]): LeagueRow[] {
  return ranked(
    rows.map((r) => ({
      code: String(r.code),
      name: String(r.name ?? r.code),
      parent: r.parent === null || r.parent === undefined ? null : String(r.parent),
      reports: Number(r.reports),
      scored: Number(r.scored),
      mean: num(r.mean),
      drill: drillTo(f, grain, { code: String(r.code), province_code: r.province_code, city_code: r.city_code }),
    })),
  );
}

/** The cities of the whole country (or of one year) from the build-time sums. */
export function summaryLeague(f: QualityFilter, rows: readonly SummaryLeague[]): League {
  const by = new Map<string, { name: string; p: string | null; province: string | null; reports: number; n: number; s: number }>();
  for (const r of rows) {
    if (f.year !== null && r.y !== f.year) continue;
    const e = by.get(r.c) ?? { name: r.name ?? r.c, p: r.p, province: r.province, reports: 0, n: 0, s: 0 };
    e.reports += r.reports;
    e.n += r.n;
    e.s += r.s ?? 0;
    by.set(r.c, e);
  }
  const byCity = ranked(
    [...by].map(([code, e]) => ({
      code,
      name: e.name,
      parent: e.province,
      reports: e.reports,
      scored: e.n,
      mean: e.n > 0 ? e.s / e.n : null,
      drill: drillTo(f, 'city', { code, province_code: e.p }),
    })),
  );
  return { year: f.year, byCity, byCounty: null };
}
