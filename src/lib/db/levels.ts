// The levels of place the tables are grouped by, their code columns and what a place's peers are at
// each: the shape of the data, shared by the queries (db/queries/place.ts) and the pages. The codes
// are the administrative division codes (province 2, city 4, county 6, town 9 digits; a
// municipality's city code is its 2-digit province code).

export type PlaceLevel = 'town' | 'county' | 'city' | 'province';
export const PLACE_LEVELS: readonly PlaceLevel[] = ['town', 'county', 'city', 'province'];

export function isPlaceLevel(v: string | null | undefined): v is PlaceLevel {
  return !!v && (PLACE_LEVELS as readonly string[]).includes(v);
}

/** The code column of a level in every table: town_code, county_code, city_code, province_code. */
export function codeColumn(level: PlaceLevel): 'town_code' | 'county_code' | 'city_code' | 'province_code' {
  return `${level}_code`;
}

export interface PeerRule {
  /** The column the peers share with the place. */
  column: 'county_code' | 'city_code' | 'province_code';
  /** 同县, 同市, 同省 */
  label: string;
}

/** Peers of a place: other places of its level in the same county (towns), city (counties) or province (cities). */
export function peerRule(level: PlaceLevel): PeerRule | null {
  if (level === 'town') return { column: 'county_code', label: '同县（区）' };
  if (level === 'county') return { column: 'city_code', label: '同市' };
  if (level === 'city') return { column: 'province_code', label: '同省' };
  return null;
}
