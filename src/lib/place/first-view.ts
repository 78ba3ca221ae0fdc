// The first view of a place page and of a comparison: the statements they
// run, in order, over a source of rows. In the browser the source is the
// first answers (statements run at build time over the whole tables) or, for
// a view the answers do not cover, the query engine over the rows it loaded;
// at build time it is DuckDB over the whole tables, recording the answers.
// One sequence of statements for all three: no query is written twice.

import type { Row, ViewSource } from '../db/runner.ts';
import type { TableRequest } from '../db/parquet.ts';
import { ownAndAbove, peersRequest, placeCodesSql, placeReportsSql, placeSql, placesByCodeRequest, placeTableRequest, townsSql, trendSql, type PlaceRow } from '../db/queries/place.ts';
import { compareRequest, compareSql, compareYearsSql, type CompareTown } from '../db/queries/compare.ts';
import type { CompareState } from './compare.ts';
import type { PlaceLevel } from '../db/levels.ts';
import { COMPARE_RANKED, KEY_MEASURE_KEYS } from './measures.ts';

/** Statements over the whole tables (the build; the answers, which the build computed so). */
export function wholeTables(query: (sql: string) => Promise<unknown[]>): ViewSource {
  return { query: <T>(sql: string) => query(sql) as Promise<T[]>, table: async (request) => request.table };
}

/** The columns of a place's reports its first view reads. */
export const REPORT_YEAR_COLUMNS = ['report_id', 'year', 'is_primary'] as const;

export interface ReportYear {
  report_id: string;
  year: number;
  is_primary: boolean | null;
}

export interface PlaceFirstView {
  place: PlaceRow;
  /** `level:code` of the regions above the place that have pages of their own. */
  known: Set<string>;
  /** Its reports' years (the facts and the links to each report). */
  reports: ReportYear[];
  /** Its key figures by year beside its peers' median (trendSql). */
  trend: Row[];
}

export async function placeFirstView(code: string, level: PlaceLevel | null, src: ViewSource): Promise<PlaceFirstView | null> {
  const codes = ownAndAbove(code);
  const places = await src.table(placesByCodeRequest(codes));
  const [place] = await src.query<PlaceRow>(placeSql(code, level, places));
  if (!place) return null;
  const known = new Set((await src.query<{ level: string; place_code: string }>(placeCodesSql(codes, places))).map((r) => `${r.level}:${r.place_code}`));
  const reportsTable = await src.table(placeTableRequest('reports', place));
  const reports = await src.query<ReportYear>(placeReportsSql(place, reportsTable, REPORT_YEAR_COLUMNS));
  const peers = peersRequest(place, KEY_MEASURE_KEYS);
  const trend = peers ? await src.query(trendSql(place, KEY_MEASURE_KEYS, await src.table(peers))) : [];
  return { place, known, reports, trend };
}

/** The year a comparison shows: the one asked for if the group has it, else the town's last, else the group's last. */
export function compareYear(asked: number | null, place: PlaceRow, years: readonly number[]): number {
  if (asked !== null && years.includes(asked)) return asked;
  if (place.last_year !== null && years.includes(Number(place.last_year))) return Number(place.last_year);
  return years[years.length - 1] ?? asked ?? new Date().getFullYear() - 1;
}

export interface CompareFirstView {
  towns: PlaceRow[];
  /** The town compared; null when no town has that code. */
  place: PlaceRow | null;
  years: number[];
  year: number;
  /** compareSql's rows: the town first, then its peers. */
  rows: Row[];
}

export function compareTown(place: PlaceRow): CompareTown {
  return { code: place.place_code, name: place.name, county: place.county, county_code: place.county_code, city: place.city, city_code: place.city_code, province: place.province, province_code: place.province_code };
}

export async function compareFirstView(s: CompareState & { code: string }, src: ViewSource): Promise<CompareFirstView> {
  const codes = [s.code, ...s.list];
  const towns = await src.query<PlaceRow>(townsSql(codes, await src.table(placesByCodeRequest(codes))));
  const place = towns.find((t) => t.place_code === s.code) ?? null;
  if (!place) return { towns, place, years: [], year: s.year ?? 0, rows: [] };
  const town = compareTown(place);
  const group = await src.table(compareRequest(town, s.scope, s.list, COMPARE_RANKED));
  const years = (await src.query<{ year: number }>(compareYearsSql(town, s.scope, s.list, group))).map((y) => Number(y.year));
  const year = compareYear(s.year, place, years);
  const rows = await src.query(compareSql(town, s.scope, s.list, year, COMPARE_RANKED, group));
  return { towns, place, years, year, rows };
}
