// The peer comparison's queries: a town and its peers (the other towns of its
// county, city or province, or a list picked by hand) in one year, each key
// figure with every town's rank and percentile in the group, the median of the
// peers (the picked town left out), each town's difference from that median
// and its change from the year before. Ranks count only towns whose report
// gives the figure: a figure not given (未披露) is never ranked as 0.

import type { ParentPlaces } from '../../parse/record.ts';
import type { TableRequest } from '../parquet.ts';
import { sqlString } from '../../sql.ts';


export type PeerScope = 'county' | 'city' | 'province' | 'list';
export const PEER_SCOPES: readonly PeerScope[] = ['county', 'city', 'province', 'list'];
/** At most this many towns picked by hand besides the town itself. */
export const MAX_LIST = 12;

export interface CompareTown extends ParentPlaces {
  code: string;
  name: string | null;
}

/** The province of a town code (its first two digits): the split tables are read by province. */
export const provinceOf = (code: string) => code.slice(0, 2);

function scopeWhere(town: CompareTown, scope: PeerScope, list: readonly string[]): Record<string, readonly string[]> {
  const province = town.province_code ?? provinceOf(town.code);
  if (scope === 'county' && town.county_code) return { province_code: [province], county_code: [town.county_code] };
  if (scope === 'city' && town.city_code) return { province_code: [province], city_code: [town.city_code] };
  if (scope === 'list') {
    const codes = [town.code, ...list.filter((c) => c !== town.code)];
    return { province_code: [...new Set(codes.map(provinceOf))].sort(), town_code: codes };
  }
  return { province_code: [province] };
}

/** A short stable name for a table request, so that two groups never share a DuckDB table. */
function tableName(where: Record<string, readonly string[]>): string {
  let h = 5381;
  for (const ch of JSON.stringify(where)) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return `cmp_${h.toString(36)}`;
}

/** The summary rows of a town's group. */
export function compareRequest(town: CompareTown, scope: PeerScope, list: readonly string[], measures: readonly string[]): TableRequest {
  const where = scopeWhere(town, scope, list);
  return {
    name: tableName(where),
    table: 'summary',
    columns: ['is_primary', 'level', 'template', 'year', 'town', 'town_code', 'county', 'county_code', 'city', 'city_code', 'province', 'province_code', ...measures],
    where,
  };
}

function scopeSql(town: CompareTown, scope: PeerScope, list: readonly string[]): string {
  const where = scopeWhere(town, scope, list);
  return Object.entries(where)
    .map(([column, values]) => `${column} IN (${values.map(sqlString).join(', ')})`)
    .join(' AND ');
}

/** The years with a report in the town's group. */
export function compareYearsSql(town: CompareTown, scope: PeerScope, list: readonly string[], table: string): string {
  return `SELECT DISTINCT CAST(year AS INTEGER) AS year FROM ${table}
    WHERE is_primary AND level = 'town' AND town_code IS NOT NULL AND year IS NOT NULL AND ${scopeSql(town, scope, list)} ORDER BY year`;
}

/**
 * One row per town of the group in `year` (the picked town first, even without a report that year,
 * and so the towns picked by hand),
 * with for each figure m: m, m__rank (1 = largest; tied towns share the middle of the ranks they
 * span: four towns tied at 0 below one larger are all 3.5 of 5), m__n (towns giving it), m__ties
 * (towns with the same figure, itself included), m__pct (the share of the other towns giving it
 * that have a smaller figure, a tied one counting half: 0–1, null in a group of one), m__median (median
 * of the peers, the picked town left out), m__diff (m − median), m__prev (last year's figure)
 * and m__change (m − m__prev); has_prev and prev_template say whether there was a report last year
 * and on which template.
 */
export function compareSql(town: CompareTown, scope: PeerScope, list: readonly string[], year: number, measures: readonly string[], table: string): string {
  const me = sqlString(town.code);
  const text = (v: string | null) => (v === null ? 'NULL' : sqlString(v));
  const per = (f: (m: string) => string) => measures.map(f).join(', ');
  // Towns picked by hand stay in the table in a year they have no report, said so (has_report false).
  const picked = scope === 'list' ? list.filter((c) => c !== town.code) : [];
  return `WITH two_years AS (
      SELECT town_code AS code, any_value(town) AS name, any_value(county) AS county, any_value(city) AS city, any_value(province) AS province,
        CAST(year AS INTEGER) AS year, string_agg(DISTINCT template, ',') AS template, ${per((m) => `CAST(max(${m}) AS DOUBLE) AS ${m}`)}
      FROM ${table}
      WHERE is_primary AND level = 'town' AND town_code IS NOT NULL AND year IN (${year}, ${year - 1}) AND ${scopeSql(town, scope, list)}
      GROUP BY town_code, year
    ),
    cur AS (SELECT * FROM two_years WHERE year = ${year}),
    grp AS (
      SELECT *, TRUE AS has_report FROM cur
      UNION ALL
      SELECT ${me}, ${text(town.name)}, ${text(town.county)}, ${text(town.city)}, ${text(town.province)}, ${year}, NULL, ${per(() => 'NULL')}, FALSE
      WHERE NOT EXISTS (SELECT 1 FROM cur WHERE code = ${me})
      ${picked.length ? `UNION ALL
      SELECT code, coalesce(name, code), county, city, province, ${year}, NULL, ${per(() => 'NULL')}, FALSE
      FROM (SELECT unnest([${picked.map(sqlString).join(', ')}]) AS code) AS p
        LEFT JOIN (SELECT town_code AS code, any_value(town) AS name, any_value(county) AS county, any_value(city) AS city, any_value(province) AS province
          FROM ${table} WHERE town_code IS NOT NULL GROUP BY town_code) AS known USING (code)
      WHERE code NOT IN (SELECT code FROM cur)` : ''}
    ),
    prev AS (SELECT code, TRUE AS has_prev, template AS prev_template, ${per((m) => `${m} AS ${m}__prev`)} FROM two_years WHERE year = ${year - 1}),
    med AS (SELECT ${per((m) => `CAST(median(${m}) FILTER (WHERE code <> ${me}) AS DOUBLE) AS ${m}__median`)} FROM grp),
    ranked AS (
      SELECT grp.*, ${per(
        (m) => `CASE WHEN ${m} IS NOT NULL THEN count(${m}) OVER () - count(${m}) OVER (ORDER BY ${m} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
          + (count(${m}) OVER (PARTITION BY ${m}) + 1) / 2.0 END AS ${m}__rank,
        count(${m}) OVER ()::INTEGER AS ${m}__n,
        CASE WHEN ${m} IS NOT NULL THEN count(${m}) OVER (PARTITION BY ${m})::INTEGER END AS ${m}__ties,
        CASE WHEN ${m} IS NOT NULL AND count(${m}) OVER () > 1 THEN
          (count(${m}) OVER (ORDER BY ${m} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - count(${m}) OVER (PARTITION BY ${m})
            + (count(${m}) OVER (PARTITION BY ${m}) - 1) / 2.0) / (count(${m}) OVER () - 1) END AS ${m}__pct`,
      )}
      FROM grp
    )
    SELECT ranked.*, (ranked.code = ${me}) AS is_self, coalesce(prev.has_prev, FALSE) AS has_prev, prev.prev_template,
      ${per((m) => `med.${m}__median, ranked.${m} - med.${m}__median AS ${m}__diff, prev.${m}__prev, ranked.${m} - prev.${m}__prev AS ${m}__change`)}
    FROM ranked CROSS JOIN med LEFT JOIN prev USING (code)
    ORDER BY is_self DESC, code`;
}
