// The SQL of the report-quality index's league table (quality/league.ts ranks its rows): the
// regions of a view with the mean index of their reports, and the build-time sums for the country.

export type LeagueGrain = 'city' | 'county';

/** The regions of the view with the mean index of their reports. `reports`: the view's reports (with quality_index, is_primary, status). */
export function leagueSql(grain: LeagueGrain, reports: string, key = ''): string {
  const parent = grain === 'county' ? 'city' : 'province';
  // key: '__key, ' in a batch of views (db/batch.ts), each view's regions apart.
  return `SELECT ${key}${grain}_code AS code, coalesce(any_value(${grain}), ${grain}_code) AS name, any_value(${parent}) AS parent,
      any_value(province_code) AS province_code, any_value(city_code) AS city_code,
      count(*)::INTEGER AS reports, count(quality_index)::INTEGER AS scored, avg(quality_index)::DOUBLE AS mean
    FROM ${reports} WHERE is_primary AND status <> 'failed' AND ${grain}_code IS NOT NULL
    GROUP BY ${key}${grain}_code ORDER BY ${key}mean DESC NULLS LAST, code`;
}

export function summaryLeagueSql(reports: string): string {
  return `SELECT city_code AS c, any_value(city) AS name, province_code AS p, any_value(province) AS province, CAST(year AS INTEGER) AS y,
      count(*)::INTEGER AS reports, count(quality_index)::INTEGER AS n, sum(quality_index)::DOUBLE AS s
    FROM ${reports} WHERE is_primary AND status <> 'failed' AND city_code IS NOT NULL
    GROUP BY city_code, province_code, year ORDER BY c, y`;
}
