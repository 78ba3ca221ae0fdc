// Exact-name look-ups and cutting a place name out of running text.

import { gazetteer } from './load.ts';
import { typeStem } from './names.ts';
import { LEVELS, type PlaceLevel, type ResolvedPlace } from './types.ts';

/** Every place at the given level(s) whose name equals `name` exactly, top level first, then by code. */
export function lookup(name: string, levels: readonly PlaceLevel[] = LEVELS): ResolvedPlace[] {
  const g = gazetteer();
  const out: ResolvedPlace[] = [];
  for (const level of LEVELS) {
    if (!levels.includes(level)) continue;
    const list = g.byName[level].get(name);
    if (list) out.push(...list);
  }
  return out;
}

/** Is this exact string a known place name at any of the levels? */
export function isPlaceName(name: string, levels: readonly PlaceLevel[] = LEVELS): boolean {
  const g = gazetteer();
  for (const level of levels) if (g.byName[level].has(name)) return true;
  return false;
}

/** All places of a level, ordered by code (shared frozen objects). */
export function allPlaces(level: PlaceLevel): readonly ResolvedPlace[] {
  return gazetteer().places[level];
}

/** All towns, townships and streets (乡镇、街道 and the like), ordered by code. */
export function allTowns(): Iterable<ResolvedPlace> {
  return gazetteer().places.town;
}

/** The place with this code at this level, if any (a municipality's city has the 2-digit province code). */
export function placeByCode(code: string, level: PlaceLevel): ResolvedPlace | null {
  return gazetteer().byCode[level].get(code) ?? null;
}

/**
 * Names that are listed as places but are common nouns, which would be cut out of any longer
 * unknown name: the town-level rows named just '街道' (130273001, 653223001), and names such as
 * '农场', '林场', '开发区', '经济开发区' that have no type suffix of their level (镇, 乡, 街道 …;
 * 县, 区, 市 …) and end ≥ 20 other names of the level. They are still found by lookup() and isPlaceName(), but longestPlaceSuffix()
 * skips them.
 */
let generic: Map<PlaceLevel, Set<string>> | null = null;

const GENERIC_MIN_ENDINGS = 20;

function genericNames(level: PlaceLevel): Set<string> {
  if (!generic) {
    generic = new Map();
    const g = gazetteer();
    for (const lv of LEVELS) {
      const names = g.byName[lv];
      const endings = new Map<string, number>();
      for (const name of names.keys()) {
        for (let i = 1; i <= name.length - 2; i++) {
          const tail = name.slice(i);
          if (names.has(tail)) endings.set(tail, (endings.get(tail) ?? 0) + 1);
        }
      }
      const set = new Set<string>();
      for (const name of names.keys()) {
        const stem = typeStem(name, lv);
        if (stem === '' || (stem === null && (endings.get(name) ?? 0) >= GENERIC_MIN_ENDINGS)) set.add(name);
      }
      generic.set(lv, set);
    }
  }
  return generic.get(level)!;
}

/**
 * Finds the longest suffix of `run` (e.g. '由两城镇' or '盐边县新九镇') that is a known place name at
 * `level`; returns it with the remaining prefix (which may itself name an ancestor, e.g. '盐边县').
 * Returns null if no suffix of length ≥ 2 is a known name. Generic names (see above) are skipped.
 */
export function longestPlaceSuffix(run: string, level: PlaceLevel): { name: string; prefix: string } | null {
  return placeSuffixes(run, level)[0] ?? null;
}

/**
 * Every suffix of `run` that is a known place name at `level`, longest first; generic names
 * ('街道', '开发区') only with `generic`.
 */
export function placeSuffixes(run: string, level: PlaceLevel, generic = false): { name: string; prefix: string }[] {
  const g = gazetteer();
  const names = g.byName[level];
  const skip = generic ? new Set<string>() : genericNames(level);
  const out: { name: string; prefix: string }[] = [];
  for (let i = Math.max(0, run.length - g.maxNameLength[level]); i <= run.length - 2; i++) {
    const name = run.slice(i);
    if (names.has(name) && !skip.has(name)) out.push({ name, prefix: run.slice(0, i) });
  }
  return out;
}
