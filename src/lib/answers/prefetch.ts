// Build time: each answered view's statements, asked for a chunk of keys in
// batches (batches.ts) before the views run. Each step follows its view
// (place/first-view.ts, dashboard/view-rows.ts, quality/region-view.ts): the
// same builders, with the tables the whole-table source names, so each
// target's own statement is the text its view asks. Where a step and its
// view part ways, the view's statement runs alone: slower, never different.

import { regionValues, type TargetValues, type Batch } from '../db/batch.ts';
import { ownAndAbove, placeValues, peersRequest, placeCodesSql, placeReportsSql, placeSql, townsSql, trendSql, trendValues, type PlaceRow } from '../db/queries/place.ts';
import { compareSql, compareValues, compareYearsSql, scopeValues } from '../db/queries/compare.ts';
import { compareTown, compareYear, REPORT_YEAR_COLUMNS } from '../place/first-view.ts';
import type { PlaceLevel } from '../db/levels.ts';
import { COMPARE_RANKED, KEY_MEASURE_KEYS } from '../place/measures.ts';
import type { Prefetched } from './batches.ts';
import type { Filter } from '../db/filter.ts';
import { headlineSql, levelsSql, placeTableSql, regionsSql } from '../db/queries/overview.ts';
import { PANELS } from '../dashboard/panels.ts';
import type { QualityFilter } from '../db/quality-filter.ts';
import { completenessGrain, FAILING_LIMIT, FINDINGS_LIMIT } from '../quality/view.ts';
import { completenessSql, failingSql, findingsSql, headlineSql as qualityHeadlineSql, leagueQuerySql, placeCountSql, regionOptionsSql, ruleCountsSql, WHOLE_TABLES } from '../db/queries/quality.ts';

/** Targets grouped by the shape of their statement (what a builder reads from them besides its values). */
function byShape<T>(items: readonly T[], shape: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const s = shape(t);
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)!.push(t);
  }
  return [...groups.values()];
}

/** Asks, for each group of items of one shape, the statement `build` writes for the group's first. */
async function askByShape<T>(pre: Prefetched, items: readonly T[], shape: (t: T) => string, values: (t: T) => TargetValues, build: (first: T, b: Batch) => string): Promise<void> {
  for (const group of byShape(items, shape)) await pre.ask(group.map(values), (b) => build(group[0], b));
}

const first = <T,>(pre: Prefetched, sql: string): T | null => (pre.peek(sql)?.[0] as T | undefined) ?? null;

/** placeFirstView for every place page of a chunk: the place, the regions above it, its reports' years, its trend. */
export async function prefetchPlaces(targets: readonly { code: string; level: PlaceLevel | null }[], pre: Prefetched): Promise<void> {
  await askByShape(pre, targets, (t) => String(t.level !== null), (t) => placeValues(t.code, t.level), (t, b) => placeSql(t.code, t.level, 'places', b));
  const places = targets.map((t) => first<PlaceRow>(pre, placeSql(t.code, t.level, 'places'))).filter((p): p is PlaceRow => p !== null);
  await pre.ask(places.map((p) => ({ codes: ownAndAbove(p.place_code) })), (b) => placeCodesSql([], 'places', b));
  await askByShape(pre, places, (p) => p.level, (p) => ({ code: p.place_code }), (p, b) => placeReportsSql(p, 'reports', REPORT_YEAR_COLUMNS, b));
  const withPeers = places.filter((p) => peersRequest(p, KEY_MEASURE_KEYS));
  await askByShape(pre, withPeers, (p) => `${p.level}:${trendValues(p).parent !== null}`, trendValues, (p, b) => trendSql(p, KEY_MEASURE_KEYS, 'summary', b));
}

/** compareFirstView for every town of a chunk: the town, its county's years, the comparison in the year the page picks. */
export async function prefetchComparisons(codes: readonly string[], pre: Prefetched): Promise<void> {
  await pre.ask(codes.map((code) => ({ codes: [code] })), (b) => townsSql([], 'places', b));
  const towns = codes.map((code) => first<PlaceRow>(pre, townsSql([code], 'places'))).filter((p): p is PlaceRow => p !== null);
  const shape = (p: PlaceRow) => Object.keys(scopeValues(compareTown(p), 'county', [])).join();
  await askByShape(pre, towns, shape, (p) => scopeValues(compareTown(p), 'county', []), (p, b) => compareYearsSql(compareTown(p), 'county', [], 'summary', b));
  const withYear = towns.map((p) => {
    const years = (pre.peek(compareYearsSql(compareTown(p), 'county', [], 'summary')) ?? []).map((y) => Number(y.year));
    return { p, year: compareYear(null, p, years) };
  });
  await askByShape(pre, withYear, ({ p }) => shape(p), ({ p, year }) => compareValues(compareTown(p), 'county', [], year), ({ p, year }, b) => compareSql(compareTown(p), 'county', [], year, COMPARE_RANKED, 'summary', b));
}

/** The overview's view of every region of a chunk (dashboard/view-rows.ts viewRows, then the selects' options). */
export async function prefetchOverviews(filters: readonly Filter[], pre: Prefetched): Promise<void> {
  for (const group of byShape(filters, (f) => Object.keys(regionValues(f)).join())) {
    const f = group[0];
    const targets = group.map(regionValues);
    // The panels share statements (by year, by place, the grid): each once.
    const statements = new Map<string, (b: Batch) => string>([
      [headlineSql(f), (b) => headlineSql(f, b)],
      [levelsSql(f), (b) => levelsSql(f, b)],
      ...PANELS.map((p) => [p.sql(f), (b: Batch) => p.sql(f, b)] as const),
      [placeTableSql(f), (b) => placeTableSql(f, b)],
    ]);
    for (const build of statements.values()) await pre.ask(targets, build);
  }
  // A target a view: a parent's options are asked once, and kept for every view that asks them.
  const parents = (parent: (f: Filter) => string | null) => filters.map(parent).filter((p): p is string => p !== null).map((p) => ({ parent: p }));
  await pre.ask(parents((f) => f.province), (b) => regionsSql('city', 'x', undefined, b));
  await pre.ask(parents((f) => f.city), (b) => regionsSql('county', 'x', undefined, b));
}

/** The quality page's view of every region of a chunk (quality/region-view.ts regionView). */
export async function prefetchQuality(filters: readonly QualityFilter[], pre: Prefetched): Promise<void> {
  const t = WHOLE_TABLES;
  for (const group of byShape(filters, (f) => Object.keys(regionValues(f)).join())) {
    const f = group[0];
    const targets = group.map(regionValues);
    const ask = (build: (b: Batch) => string) => pre.ask(targets, build);
    if (f.province) await ask((b) => regionOptionsSql('city', f, t, b));
    if (f.city) await ask((b) => regionOptionsSql('county', f, t, b));
    await ask((b) => qualityHeadlineSql(f, t, b));
    await ask((b) => ruleCountsSql(f, t, b));
    await ask((b) => failingSql(f, t, FAILING_LIMIT, b));
    await ask((b) => findingsSql(f, t, FINDINGS_LIMIT, b));
    await ask((b) => placeCountSql(f, t, b));
    // The grid's grain follows the count of places: the views of one grain together.
    const grains = group.map((g) => ({ g, grain: completenessGrain(g, Number(first<{ places: number }>(pre, placeCountSql(g, t))?.places ?? 0)) }));
    await askByShape(pre, grains, ({ grain }) => grain, ({ g }) => regionValues(g), ({ grain }, b) => completenessSql(f, t, grain, b));
    await ask((b) => leagueQuerySql(f, t, 'city', b));
    await ask((b) => leagueQuerySql(f, t, 'county', b));
  }
}
