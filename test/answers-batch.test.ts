// The first answers' batches (src/lib/answers/batches.ts, prefetch.ts): every
// statement a view asks for one key, taken from a batch asked for many keys,
// is what that statement gives when run alone — on the sample data and on a
// small synthetic corpus (several towns a county, so peers, ranks and medians
// have something to work on). And the batches cover every statement the views
// ask: none is left to run alone.

import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prefetched, type Run } from '../src/lib/answers/batches.ts';
import { prefetchComparisons, prefetchOverviews, prefetchPlaces, prefetchQuality } from '../src/lib/answers/prefetch.ts';
import { WHOLE_TABLES } from '../src/lib/db/queries/quality.ts';
import { EMPTY_QUALITY_FILTER } from '../src/lib/db/quality-filter.ts';
import { regionView } from '../src/lib/quality/region-view.ts';
import { EMPTY_FILTER, type Filter } from '../src/lib/db/filter.ts';
import { regionOptions, viewRows } from '../src/lib/dashboard/view-rows.ts';
import { buildData } from '../src/lib/build/index.ts';
import { serverRunner } from '../src/lib/db/server.ts';
import type { Row } from '../src/lib/db/runner.ts';
import { compareFirstView, placeFirstView, wholeTables } from '../src/lib/place/first-view.ts';
import { isPlaceLevel, type PlaceLevel } from '../src/lib/db/levels.ts';
import { generateCorpus } from '../src/lib/synth/corpus.ts';
import { tempDir } from './helpers/build.ts';
import { TODAY } from './helpers/build-data.ts';

interface Data {
  run: Run;
  places: { place_code: string; level: string }[];
}

async function open(dir: string): Promise<Data> {
  const runner = await serverRunner(dir);
  const run: Run = (sql) => runner.query(sql);
  return { run, places: (await run('SELECT place_code, level FROM places ORDER BY place_code, level')) as Data['places'] };
}

/**
 * Runs a view for every target with a source that takes each statement from the batches and checks it
 * against the statement run alone. Returns how many statements were checked.
 */
async function checkViews(d: Data, pre: Prefetched, views: ((query: Run) => Promise<unknown>)[]): Promise<number> {
  let checked = 0;
  for (const view of views) {
    await view(async (sql) => {
      const batched = pre.peek(sql);
      expect(batched, `not asked in a batch: ${sql.slice(0, 120)}`).toBeDefined();
      const alone = await d.run(sql);
      expect(batched as Row[], sql.slice(0, 120)).toEqual(alone);
      checked++;
      return alone;
    });
  }
  return checked;
}

async function checkPlaces(d: Data): Promise<number> {
  const targets = d.places.filter((p) => isPlaceLevel(p.level)).flatMap((p) => [{ code: p.place_code, level: null }, ...(p.place_code.length === 2 ? [{ code: p.place_code, level: p.level as PlaceLevel }] : [])]);
  const pre = new Prefetched([d.run]);
  await prefetchPlaces(targets, pre);
  return checkViews(d, pre, targets.map((t) => (query: Run) => placeFirstView(t.code, t.level, wholeTables(query))));
}

async function checkComparisons(d: Data): Promise<number> {
  const towns = d.places.filter((p) => p.level === 'town').map((p) => p.place_code);
  const pre = new Prefetched([d.run]);
  await prefetchComparisons(towns, pre);
  return checkViews(d, pre, towns.map((code) => (query: Run) => compareFirstView({ code, scope: 'county', list: [], year: null }, wholeTables(query))));
}

/** Every region of the data: the country, its provinces, cities and counties. */
async function regions(d: Data): Promise<Filter[]> {
  const rows = (await d.run(`SELECT DISTINCT province_code AS province, city_code AS city, county_code AS county FROM region_year WHERE grain = 'county'`)) as { province: string; city: string; county: string }[];
  const all = rows.flatMap((r) => [{ province: r.province, city: null, county: null }, { province: r.province, city: r.city, county: null }, r]);
  const unique = new Map([{ province: null, city: null, county: null }, ...all].map((r) => [`${r.province}/${r.city}/${r.county}`, { ...EMPTY_FILTER, ...r }]));
  return [...unique.values()];
}

async function checkOverviews(d: Data): Promise<number> {
  const filters = await regions(d);
  const pre = new Prefetched([d.run]);
  await prefetchOverviews(filters, pre);
  return checkViews(
    d,
    pre,
    filters.map((f) => async (query: Run) => {
      await viewRows(f, query as never);
      if (f.province) await regionOptions('city', f.province, query as never);
      if (f.city) await regionOptions('county', f.city, query as never);
    }),
  );
}

async function checkQuality(d: Data): Promise<number> {
  const filters = (await regions(d)).filter((f) => f.province).map((f) => ({ ...EMPTY_QUALITY_FILTER, province: f.province, city: f.city, county: f.county }));
  const pre = new Prefetched([d.run]);
  await prefetchQuality(filters, pre);
  return checkViews(d, pre, filters.map((f) => (query: Run) => regionView(f, WHOLE_TABLES, query as never)));
}

describe('first answers asked in batches', () => {
  const data: Record<string, Data> = {};

  beforeAll(async () => {
    const samples = tempDir('answers-batch-samples');
    await buildData({ raw: 'data/raw', out: samples, today: TODAY });
    data.samples = await open(samples);
    // Every town of three counties (14, 7 and 6 towns; two of one city), so that each has peers.
    const raw = tempDir('answers-batch-raw');
    generateCorpus({ out: raw, towns: 0, counties: ['371503', '130111', '130128'], years: [2022, 2023], seed: 'answers-batch', inconsistent: 0.2, sequence: { broken: 0, late: 0, copied: 0, duplicated: 0 } });
    renameSync(join(raw, 'truth.jsonl'), join(tempDir('answers-batch-truth'), 'truth.jsonl'));
    const synthetic = tempDir('answers-batch-synth');
    await buildData({ raw, out: synthetic, today: TODAY });
    data.synthetic = await open(synthetic);
  }, 240_000);

  for (const name of ['samples', 'synthetic']) {
    it(`place pages (${name})`, async () => {
      expect(await checkPlaces(data[name])).toBeGreaterThan(data[name].places.length * 3);
    });
    it(`comparisons (${name})`, async () => {
      expect(await checkComparisons(data[name])).toBeGreaterThan(0);
    });
    it(`overview regions (${name})`, async () => {
      expect(await checkOverviews(data[name])).toBeGreaterThan(0);
    });
    it(`quality regions (${name})`, async () => {
      expect(await checkQuality(data[name])).toBeGreaterThan(0);
    });
  }
});
