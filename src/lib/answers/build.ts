// Build time: the first answers of every page kind. For each key (a region, a
// place, a town) the page's own statements run on DuckDB over the whole
// tables — the same code the browser runs, with a recorder for a runner — and
// their results are written per set (see write.ts). Keys run two at a time on
// one in-memory copy of the tables the pages read.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { EMPTY_FILTER, type Filter } from '../db/filter.ts';
import { plainValue } from '../db/plain.ts';
import type { Row } from '../db/runner.ts';
import { regionOptions, viewRows } from '../dashboard/view-rows.ts';
import { placeFirstView, compareFirstView, wholeTables } from '../place/first-view.ts';
import { isPlaceLevel } from '../db/levels.ts';
import { EMPTY_QUALITY_FILTER, type QualityFilter } from '../db/quality-filter.ts';
import { regionView } from '../quality/region-view.ts';
import { WHOLE_TABLES } from '../db/queries/quality.ts';
import { sqlString } from '../sql.ts';
import { ANSWER_SETS, compareKey, overviewKey, placeKey, qualityKey, type AnswerSet } from './keys.ts';
import { ANSWERS_LISTING, AnswerRecorder, partOf, type AnswerFiles } from './payload.ts';
import { writeAnswerSet, type KeyedAnswers } from './write.ts';
import { Prefetched, type Run } from './batches.ts';
import { prefetchComparisons, prefetchOverviews, prefetchPlaces, prefetchQuality } from './prefetch.ts';

/** The tables the pages' first views read. */
const TABLES = ['summary', 'region_year', 'places', 'reports', 'findings'];


/** Keys whose statements are asked in batches, then their views filled, at a time (bounds the results held). */
const KEYS_PER_CHUNK = 4000;

/** Results up to this many rows are kept for other keys that run the same statement. */
const SHARED_ROWS = 64;

interface Region {
  province: string | null;
  city: string | null;
  county: string | null;
}

/** The regions with a view of their own: the country, and every province, city and county of `table`. */
async function regions(run: Run, table: string, where = 'TRUE'): Promise<Region[]> {
  const rows = await run(`SELECT DISTINCT province_code AS province, city_code AS city, county_code AS county FROM ${table} WHERE ${where} AND province_code IS NOT NULL`);
  const out = new Map<string, Region>([['//', { province: null, city: null, county: null }]]);
  const add = (r: Region) => out.set(`${r.province}/${r.city}/${r.county}`, r);
  for (const r of rows as unknown as Region[]) {
    add({ province: r.province, city: null, county: null });
    // A city must lie in its province and a county in its city (the filters' own rule).
    if (r.city && r.city.startsWith(r.province!)) {
      add({ province: r.province, city: r.city, county: null });
      if (r.county && r.county.startsWith(r.city)) add({ province: r.province, city: r.city, county: r.county });
    }
  }
  return [...out.values()];
}

async function overviewView(f: Filter, recorder: AnswerRecorder): Promise<void> {
  const query = (sql: string) => recorder.query(sql);
  await viewRows(f, query);
  if (f.province) await regionOptions('city', f.province, query);
  if (f.city) await regionOptions('county', f.city, query);
}

async function qualityView(f: QualityFilter, recorder: AnswerRecorder): Promise<void> {
  await regionView(f, WHOLE_TABLES, (sql) => recorder.query(sql));
}

interface PlannedKey {
  key: string;
  fill(recorder: AnswerRecorder): Promise<unknown>;
}

interface SetPlan {
  keys: PlannedKey[];
  /** Asks the statements of some keys' views in batches before the views run (prefetch.ts). */
  prefetch?(keys: readonly PlannedKey[], pre: Prefetched): Promise<void>;
}

async function plan(set: AnswerSet, run: Run): Promise<SetPlan> {
  if (set === 'overview') {
    const list = await regions(run, 'region_year', "grain = 'county' OR grain = 'city' OR grain = 'province'");
    const filters = new Map(list.map((r) => ({ ...EMPTY_FILTER, ...r })).map((f) => [overviewKey(f)!, f]));
    return { keys: [...filters].map(([key, f]) => ({ key, fill: (rec) => overviewView(f, rec) })), prefetch: (ks, pre) => prefetchOverviews(ks.map((k) => filters.get(k.key)!), pre) };
  }
  if (set === 'quality') {
    // The country's own view is the page as built.
    const list = (await regions(run, 'reports')).filter((r) => r.province);
    const filters = new Map(list.map((r) => ({ ...EMPTY_QUALITY_FILTER, ...r })).map((f) => [qualityKey(f)!, f]));
    return { keys: [...filters].map(([key, f]) => ({ key, fill: (rec) => qualityView(f, rec) })), prefetch: (ks, pre) => prefetchQuality(ks.map((k) => filters.get(k.key)!), pre) };
  }
  const places = (await run(`SELECT place_code, level FROM places ORDER BY place_code, level`)) as { place_code: string; level: string }[];
  if (set === 'place') {
    const keys = places.filter((p) => isPlaceLevel(p.level)).flatMap((p) => {
      const level = p.level as Parameters<typeof placeKey>[1];
      // A 2-digit code is looked up with its level (a province and its municipality share it) and without.
      const asked = p.place_code.length === 2 ? [level, null] : [null];
      return asked.map((l) => ({ key: placeKey(p.place_code, l), target: { code: p.place_code, level: l }, fill: (rec: AnswerRecorder) => placeFirstView(p.place_code, l, wholeTables((sql) => rec.query(sql))) }));
    });
    const unique = [...new Map(keys.map((k) => [k.key, k])).values()];
    const targets = new Map(unique.map((k) => [k.key, k.target]));
    return { keys: unique, prefetch: (ks, pre) => prefetchPlaces(ks.map((k) => targets.get(k.key)!), pre) };
  }
  const towns = places.filter((p) => p.level === 'town');
  return {
    keys: towns.map((t) => {
      const state = { code: t.place_code, scope: 'county' as const, list: [], year: null };
      return { key: compareKey(state)!, fill: (rec: AnswerRecorder) => compareFirstView(state, wholeTables((sql) => rec.query(sql))) };
    }),
    prefetch: (ks, pre) => prefetchComparisons(ks.map((k) => k.key), pre),
  };
}

function runnerOf(conn: DuckDBConnection): Run {
  return async (sql) => {
    const reader = await conn.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], plainValue(v)])));
  };
}

export interface AnswersBuild {
  files: AnswerFiles;
  /** Keys answered, and milliseconds spent, by set. */
  stats: Record<string, { keys: number; ms: number; cpuMs: number; bytes: number; statements: { batched: number; alone: number; batches: number } }>;
}

/**
 * Runs every set's statements for every key over `dataDir`'s Parquet files and writes the answers
 * into the site's data folder: answers/<set>/<part>.<hash>.parquet, and answers.json listing them.
 */
export async function buildAnswers({
  dataDir,
  siteData,
  sets = ANSWER_SETS,
  concurrency = 2,
  provinces = null,
}: {
  dataDir: string;
  siteData: string;
  sets?: readonly AnswerSet[];
  concurrency?: number;
  /** Only the keys of these provinces (a benchmark of one province's views at national scale); null: all. */
  provinces?: readonly string[] | null;
}): Promise<AnswersBuild> {
  const outDir = join(siteData, 'answers');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: String(concurrency) });
  const setup = await instance.connect();
  for (const t of TABLES) {
    const file = join(dataDir, `${t}.parquet`);
    if (existsSync(file)) await setup.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet(${sqlString(file)})`);
  }
  const conns = await Promise.all(Array.from({ length: concurrency }, () => instance.connect()));
  const runs = conns.map(runnerOf);
  const files: AnswerFiles = {};
  const stats: AnswersBuild['stats'] = {};
  try {
    for (const set of sets) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const setPlan = await plan(set, runs[0]);
      const keys = setPlan.keys.filter((k) => !provinces || provinces.includes(partOf(k.key)));
      // Keys share statements (a county's towns, their group's years; a province's city list): each runs once.
      // Only small results are kept: a view's own large ones (its tables) recur in no other view.
      const shared = new Map<string, Promise<Row[]>>();
      const once = (run: Run): Run => async (sql) => {
        const known = shared.get(sql);
        if (known) return known;
        const rows = run(sql);
        shared.set(sql, rows);
        if ((await rows).length > SHARED_ROWS) shared.delete(sql);
        return rows;
      };
      const views: KeyedAnswers[] = [];
      const counts = { batched: 0, alone: 0, batches: 0 };
      // A chunk of keys at a time: its statements in batches, then its views from their results.
      for (let from = 0; from < keys.length; from += KEYS_PER_CHUNK) {
        const chunk = keys.slice(from, from + KEYS_PER_CHUNK);
        const pre = new Prefetched(runs);
        await setPlan.prefetch?.(chunk, pre);
        let next = 0;
        await Promise.all(
          runs.map(async (run) => {
            const answered = pre.runner(once(run));
            while (next < chunk.length) {
              const k = chunk[next++];
              const recorder = new AnswerRecorder(answered);
              await k.fill(recorder);
              views.push({ key: k.key, json: JSON.stringify(recorder.answers) });
            }
          }),
        );
        for (const c of Object.keys(counts) as (keyof typeof counts)[]) counts[c] += pre.counts[c];
      }
      files[set] = writeAnswerSet(outDir, set, views);
      const used = process.cpuUsage(cpu);
      stats[set] = { keys: keys.length, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, bytes: Object.values(files[set]).reduce((s, p) => s + p.bytes, 0), statements: counts };
    }
  } finally {
    for (const c of [setup, ...conns]) c.closeSync();
    instance.closeSync();
  }
  writeFileSync(join(siteData, ANSWERS_LISTING), JSON.stringify(files));
  return { files, stats };
}
