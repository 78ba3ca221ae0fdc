// The first answers (src/lib/answers): built from the sample data, every
// page kind's first view read back from the Parquet files must be what the
// page's statements give when run on the data itself; and the files are laid
// out so that a view is one row group away.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnswers, type AnswersBuild } from '../src/lib/answers/build.ts';
import { compareKey, overviewKey, placeKey, qualityKey } from '../src/lib/answers/keys.ts';
import { answerQuery, NotAnswered, partOf, sqlId, type AnswerFiles, type Answers } from '../src/lib/answers/payload.ts';
import { rowGroupSizes } from '../src/lib/answers/write.ts';
import { EMPTY_FILTER } from '../src/lib/db/filter.ts';
import { WHOLE_TABLES } from '../src/lib/db/queries/quality.ts';
import { serverRunner } from '../src/lib/db/server.ts';
import { viewRows } from '../src/lib/dashboard/view-rows.ts';
import { compareFirstView, placeFirstView, wholeTables } from '../src/lib/place/first-view.ts';
import { EMPTY_QUALITY_FILTER } from '../src/lib/db/quality-filter.ts';
import { regionView } from '../src/lib/quality/region-view.ts';
import { runBuildCli } from './helpers/build.ts';
import type { Datum } from '../src/lib/charts/basic.ts';

const TOWN = '371503110'; // 洪官屯镇
let work: string;
let data: string;
let site: string;
let built: AnswersBuild;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'answers-test-'));
  data = join(work, 'data');
  site = join(work, 'site');
  const r = await runBuildCli(['--raw', 'data/raw', '--out', data, '--quiet'], 120_000);
  expect(r.code).toBe(0);
  built = await buildAnswers({ dataDir: data, siteData: site });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A key's answers as the browser reads them: the part's file, filtered by the key's statistics. */
async function read(set: string, key: string): Promise<{ answers: Answers | null; groupsRead: number }> {
  const listing = JSON.parse(readFileSync(join(site, 'answers.json'), 'utf8')) as AnswerFiles;
  const part = listing[set]?.[partOf(key)];
  if (!part) return { answers: null, groupsRead: 0 };
  const file = await asyncBufferFromFile(join(site, 'answers', part.file));
  const metadata = await parquetMetadataAsync(file);
  const rows = await parquetReadObjects({ file, metadata, columns: ['key', 'answers'], filter: { key: { $eq: key } } });
  const groupsRead = metadata.row_groups.filter((g) => {
    const stats = g.columns[0].meta_data?.statistics;
    return String(stats?.min_value) <= key && key <= String(stats?.max_value);
  }).length;
  const hit = rows.find((r) => r.key === key);
  return { answers: hit ? (JSON.parse(String(hit.answers)) as Answers) : null, groupsRead };
}

const live = async () => {
  const runner = await serverRunner(data);
  return (sql: string) => runner.query(sql);
};

describe('first answers', () => {
  it('lists a file per set and province, named by its content', () => {
    const listing = JSON.parse(readFileSync(join(site, 'answers.json'), 'utf8')) as AnswerFiles;
    expect(Object.keys(listing).sort()).toEqual(['compare', 'overview', 'place', 'quality']);
    for (const parts of Object.values(listing)) for (const [part, f] of Object.entries(parts)) expect(f.file).toMatch(new RegExp(`^\\w+/${part}\\.[0-9a-f]{12}\\.parquet$`));
    expect(built.stats.place.keys).toBeGreaterThan(0);
  });

  it("gives a place page's first view as the statements give it on the data", async () => {
    const { answers, groupsRead } = await read('place', placeKey(TOWN, null));
    expect(answers).not.toBeNull();
    expect(groupsRead).toBe(1);
    const fromAnswers = await placeFirstView(TOWN, null, wholeTables(answerQuery(answers!)));
    const fromData = await placeFirstView(TOWN, null, wholeTables(await live()));
    expect(fromAnswers).toEqual(fromData);
    expect(fromAnswers!.place.name).toBe('洪官屯镇');
    expect(fromAnswers!.trend.length).toBeGreaterThan(0);
  });

  it('has no answers for a code that names no place', async () => {
    expect((await read('place', '371503999')).answers).toBeNull();
  });

  it("gives a comparison's first view, and refuses a statement it does not hold (other peers)", async () => {
    const state = { code: TOWN, scope: 'county' as const, list: [], year: null };
    const { answers } = await read('compare', compareKey(state)!);
    const fromAnswers = await compareFirstView(state, wholeTables(answerQuery(answers!)));
    expect(fromAnswers).toEqual(await compareFirstView(state, wholeTables(await live())));
    expect(fromAnswers.rows[0].is_self).toBe(true);
    await expect(compareFirstView({ ...state, scope: 'province' }, wholeTables(answerQuery(answers!)))).rejects.toBeInstanceOf(NotAnswered);
  });

  it("gives the overview's first view of a province and a county, with the selects' options", async () => {
    for (const f of [{ ...EMPTY_FILTER, province: '37' }, { ...EMPTY_FILTER, province: '37', city: '3715', county: '371503' }]) {
      const { answers } = await read('overview', overviewKey(f)!);
      const query = answerQuery(answers!) as (sql: string) => Promise<Datum[]>;
      const fromAnswers = await viewRows(f, query);
      expect(fromAnswers).toEqual(await viewRows(f, (await live()) as (sql: string) => Promise<Datum[]>));
      expect(fromAnswers.headline.reports).toBeGreaterThan(0);
    }
    // A level or years are not a region's first view: no key, the engine answers.
    expect(overviewKey({ ...EMPTY_FILTER, province: '37', level: 'town' })).toBeNull();
  });

  it("gives the quality page's first view of a province", async () => {
    const f = { ...EMPTY_QUALITY_FILTER, province: '37' };
    const { answers } = await read('quality', qualityKey(f)!);
    const fromAnswers = await regionView(f, WHOLE_TABLES, answerQuery(answers!));
    expect(fromAnswers).toEqual(await regionView(f, WHOLE_TABLES, await live()));
    expect(fromAnswers.cities?.length).toBeGreaterThan(0);
    expect(qualityKey({ ...f, year: 2020 })).toBeNull();
  });
});

describe('answer files', () => {
  it('end row groups on a key, at about the target size', () => {
    expect(rowGroupSizes([10, 10, 10, 10, 10], 25)).toEqual([3, 2]);
    expect(rowGroupSizes([100, 1, 1], 25)).toEqual([1, 2]);
    expect(rowGroupSizes([], 25)).toEqual([]);
  });

  it('name a result by its statement', () => {
    expect(sqlId('SELECT 1')).toBe(sqlId('SELECT 1'));
    expect(sqlId('SELECT 1')).not.toBe(sqlId('SELECT 2'));
    expect(partOf('371503110')).toBe('37');
    expect(partOf('//')).toBe('_');
  });
});
