// The peer comparison's queries: a town and its peers (the other towns of its
// county, city or province, or a list picked by hand) in one year, each key
// figure with every town's rank and percentile in the group, the median of the
// peers (the picked town left out), each town's difference from that median
// and its change from the year before. Ranks count only towns whose report
// gives the figure: a figure not given (未披露) is never ranked as 0.

import type { ParentPlaces } from '../../parse/record.ts';
import type { TableRequest } from '../parquet.ts';
import { sqlString } from '../../sql.ts';
import { one, type Batch, type TargetValues } from '../batch.ts';


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

/** The group's batch values: its codes by column (scope_<column>). A batch holds groups of one scope and one code each. */
export function scopeValues(town: CompareTown, scope: PeerScope, list: readonly string[]): TargetValues {
  return Object.fromEntries(Object.entries(scopeWhere(town, scope, list)).map(([column, values]) => [`scope_${column}`, values]));
}

function scopeSql(town: CompareTown, scope: PeerScope, list: readonly string[], b: Batch): string {
  return Object.keys(scopeWhere(town, scope, list))
    .map((column) => b.in(column, `scope_${column}`))
    .join(' AND ');
}

/** The years with a report in the town's group. Batch values: scopeValues. */
export function compareYearsSql(town: CompareTown, scope: PeerScope, list: readonly string[], table: string, b: Batch = one(scopeValues(town, scope, list))): string {
  return `${b.lead}SELECT DISTINCT ${b.k}CAST(year AS INTEGER) AS year FROM ${table}${b.from}
    WHERE is_primary AND level = 'town' AND town_code IS NOT NULL AND year IS NOT NULL AND ${scopeSql(town, scope, list, b)} ORDER BY ${b.k}year`;
}

/** A comparison's batch values (see compareSql): the town, its group and the year. */
export function compareValues(town: CompareTown, scope: PeerScope, list: readonly string[], year: number): TargetValues {
  return { code: town.code, name: town.name, county: town.county, city: town.city, province: town.province, year, prev: year - 1, ...scopeValues(town, scope, list) };
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
export function compareSql(
  town: CompareTown,
  scope: PeerScope,
  list: readonly string[],
  year: number,
  measures: readonly string[],
  table: string,
  b: Batch = one(compareValues(town, scope, list, year)),
): string {
  const me = b.v('code');
  const per = (f: (m: string) => string) => measures.map(f).join(', ');
  // Towns picked by hand stay in the table in a year they have no report, said so (has_report false).
  const picked = scope === 'list' ? list.filter((c) => c !== town.code) : [];
  if (b.many && picked.length) throw new Error('a comparison with towns picked by hand is asked alone');
  // In a batch, each statement below the first reads its target's values by joining the targets on the key.
  return `WITH ${b.with}two_years AS (
      SELECT ${b.k}town_code AS code, any_value(town) AS name, any_value(county) AS county, any_value(city) AS city, any_value(province) AS province,
        CAST(year AS INTEGER) AS year, string_agg(DISTINCT template, ',') AS template, ${per((m) => `CAST(max(${m}) AS DOUBLE) AS ${m}`)}
      FROM ${table}${b.from}
      WHERE is_primary AND level = 'town' AND town_code IS NOT NULL AND year IN (${b.v('year')}, ${b.v('prev')}) AND ${scopeSql(town, scope, list, b)}
      GROUP BY ${b.k}town_code, year
    ),
    cur AS (SELECT two_years.* FROM two_years${b.join} WHERE year = ${b.v('year')}),
    grp AS (
      SELECT *, TRUE AS has_report FROM cur
      UNION ALL
      SELECT ${b.k}${me}, ${b.v('name')}, ${b.v('county')}, ${b.v('city')}, ${b.v('province')}, ${b.v('year')}, NULL, ${per(() => 'NULL')}, FALSE${b.many ? ' FROM __targets' : ''}
      WHERE NOT EXISTS (SELECT 1 FROM cur WHERE cur.code = ${me}${b.many ? ' AND cur.__key = __targets.__key' : ''})
      ${picked.length ? `UNION ALL
      SELECT code, coalesce(name, code), county, city, province, ${year}, NULL, ${per(() => 'NULL')}, FALSE
      FROM (SELECT unnest([${picked.map(sqlString).join(', ')}]) AS code) AS p
        LEFT JOIN (SELECT town_code AS code, any_value(town) AS name, any_value(county) AS county, any_value(city) AS city, any_value(province) AS province
          FROM ${table} WHERE town_code IS NOT NULL GROUP BY town_code) AS known USING (code)
      WHERE code NOT IN (SELECT code FROM cur)` : ''}
    ),
    prev AS (SELECT ${b.k}code, TRUE AS has_prev, template AS prev_template, ${per((m) => `${m} AS ${m}__prev`)} FROM two_years${b.join} WHERE year = ${b.v('prev')}),
    med AS (SELECT ${b.k}${per((m) => `CAST(median(${m}) FILTER (WHERE code <> ${me}) AS DOUBLE) AS ${m}__median`)} FROM grp${b.join}${b.many ? ' GROUP BY __key' : ''}),
    ranked AS (
      SELECT grp.*, ${per(
        (m) => `CASE WHEN ${m} IS NOT NULL THEN count(${m}) OVER (${b.part}) - count(${m}) OVER (${b.part} ORDER BY ${m} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
          + (count(${m}) OVER (PARTITION BY ${b.k}${m}) + 1) / 2.0 END AS ${m}__rank,
        count(${m}) OVER (${b.part})::INTEGER AS ${m}__n,
        CASE WHEN ${m} IS NOT NULL THEN count(${m}) OVER (PARTITION BY ${b.k}${m})::INTEGER END AS ${m}__ties,
        CASE WHEN ${m} IS NOT NULL AND count(${m}) OVER (${b.part}) > 1 THEN
          (count(${m}) OVER (${b.part} ORDER BY ${m} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - count(${m}) OVER (PARTITION BY ${b.k}${m})
            + (count(${m}) OVER (PARTITION BY ${b.k}${m}) - 1) / 2.0) / (count(${m}) OVER (${b.part}) - 1) END AS ${m}__pct`,
      )}
      FROM grp
    )
    SELECT ranked.*, (ranked.code = ${me}) AS is_self, coalesce(prev.has_prev, FALSE) AS has_prev, prev.prev_template,
      ${per((m) => `med.${m}__median, ranked.${m} - med.${m}__median AS ${m}__diff, prev.${m}__prev, ranked.${m} - prev.${m}__prev AS ${m}__change`)}
    FROM ranked ${b.many ? 'JOIN med USING (__key)' : 'CROSS JOIN med'} LEFT JOIN prev USING (${b.k}code)${b.join}
    ORDER BY ${b.k}is_self DESC, code`;
}
