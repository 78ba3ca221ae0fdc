// The dashboard's filter: what a visitor has chosen, as it lives in the URL.
// Parsing is strict (codes are digits, years are years) because the values end
// up in SQL.

export type LevelFilter = 'all' | 'town' | 'county' | 'city' | 'department';

export interface Filter {
  from: number | null;
  to: number | null;
  province: string | null;
  city: string | null;
  county: string | null;
  level: LevelFilter;
  /** Town name search. */
  q: string | null;
  /** 'town': list towns whatever the region (a whole country's or province's towns, for the by-place table). */
  by?: 'town' | null;
  /** The by-place table's measures (a section id) and the column it is sorted by ('-' first: largest first). */
  table?: string | null;
  sort?: string | null;
}

export const LEVELS: readonly LevelFilter[] = ['all', 'town', 'county', 'city', 'department'];

export const LEVEL_NAMES: Record<LevelFilter, string> = {
  all: '全部层级',
  town: '乡镇街道',
  county: '县级',
  city: '地级',
  department: '部门',
};

export const EMPTY_FILTER: Filter = { from: null, to: null, province: null, city: null, county: null, level: 'all', q: null, by: null, table: null, sort: null };

const code = (v: string | null, digits: number) => (v && new RegExp(`^\\d{${digits}}$`).test(v) ? v : null);
const year = (v: string | null) => (v && /^(19|20)\d\d$/.test(v) ? Number(v) : null);

export function filterFromParams(params: URLSearchParams): Filter {
  const level = params.get('level');
  const q = params.get('q')?.trim().slice(0, 40) || null;
  const province = code(params.get('p'), 2);
  // A city or county outside the chosen province is ignored; so is a county without its city.
  const city = province ? (code(params.get('c'), 2) ?? code(params.get('c'), 4)) : null;
  const county = city ? code(params.get('k'), 6) : null;
  // Years given the wrong way round (from=2024&to=2019) mean the same span.
  const [from, to] = [year(params.get('from')), year(params.get('to'))];
  const reversed = from !== null && to !== null && from > to;
  return {
    from: reversed ? to : from,
    to: reversed ? from : to,
    province,
    city: city && city.startsWith(province!) ? city : null,
    county: county && city && county.startsWith(city) ? county : null,
    level: (LEVELS as readonly string[]).includes(level ?? '') ? (level as LevelFilter) : 'all',
    q,
    by: params.get('by') === 'town' ? 'town' : null,
    table: word(params.get('t')),
    sort: word(params.get('sort')),
  };
}

/** A table or column name from the URL: letters, digits and underscores (a leading '-' for descending). */
const word = (v: string | null) => (v && /^-?[a-z][a-z0-9_]{0,60}$/.test(v) ? v : null);

export function filterToParams(f: Filter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.from !== null) p.set('from', String(f.from));
  if (f.to !== null) p.set('to', String(f.to));
  if (f.province) p.set('p', f.province);
  if (f.city) p.set('c', f.city);
  if (f.county) p.set('k', f.county);
  if (f.level !== 'all') p.set('level', f.level);
  if (f.q) p.set('q', f.q);
  if (f.by) p.set('by', f.by);
  if (f.table) p.set('t', f.table);
  if (f.sort) p.set('sort', f.sort);
  return p;
}

/** A span of years as a visitor reads it: 2020 年, 2019–2021 年, 2030 年及以后, 2018 年及以前. */
function spanText(from: number | null, to: number | null): string {
  if (from !== null && to !== null) return from === to ? `${from} 年` : `${from}–${to} 年`;
  return from !== null ? `${from} 年及以后` : `${to} 年及以前`;
}

/**
 * Why a span of years (either end open) can select no report, given the years the data has reports
 * of: none of them lies in it (from=2030, or a year between two with reports). Null when one does.
 */
export function yearsProblem(from: number | null, to: number | null, years: readonly number[]): string | null {
  if ((from === null && to === null) || years.length === 0) return null;
  if (years.some((y) => (from === null || y >= from) && (to === null || y <= to))) return null;
  const sorted = [...years].sort((a, b) => a - b);
  return `没有 ${spanText(from, to)}的报告：本站数据中有报告的年度是 ${sorted.join('、')}。请在“年度”中重新选择。`;
}

/** How the charts group places under this filter: the level below the narrowest region chosen. */
export type Grouping = 'province' | 'city' | 'county' | 'town';

export function groupingOf(f: Filter): Grouping {
  if (f.county || f.q || f.by === 'town') return 'town';
  if (f.city) return 'county';
  if (f.province) return 'city';
  return 'province';
}

