// The league table of the report-quality index (quality-index.ts) on the
// quality page: the counties and the cities of the view ranked by the mean
// index of their reports (the ones the site uses). Row by row when the view's
// reports are loaded; for the whole country at national scale, the cities from
// the build-time summary (sums and counts by city and year).

import type { QualityFilter } from '../db/quality-filter.ts';
import type { LeagueGrain } from '../db/queries/league.ts';

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
