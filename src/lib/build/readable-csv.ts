// The downloads' second CSV of each table, for a spreadsheet rather than a
// program: Chinese headers with the column's code beside them (行（row）),
// coded values in words beside their code, and the place's names (省级, 地级,
// 县级, 乡镇街道, 报告机关) on every row of the figure tables, taken from the
// report the row belongs to. The plain twin stays as it was: programs keep
// stable English names, and a journalist gets a file that reads on its own.
//
// Everything comes from the table specs (schema.ts): labels, codes and their
// labels; no column is named here but the report's place names.

import type { Column, TableSpec } from './schema.ts';
import { BOM, csvValue, ident } from './csv.ts';
import { sqlString } from '../sql.ts';

/** The columns of `reports` that name a row's place, in the order they are shown. */
const PLACE_NAMES = ['province', 'city', 'county', 'town', 'agency'] as const;

/** A coded column's value in words (the code itself when the spec has no label for it). */
function labelOf(c: Column, expr: string): string {
  const cases = (c.codes ?? []).map((code) => `WHEN ${sqlString(code.code)} THEN ${sqlString(code.label)}`).join(' ');
  return cases ? `CASE ${expr} ${cases} ELSE ${expr} END` : expr;
}

const header = (label: string, code: string) => `${label}（${code}）`;

/** The reports table's Parquet and spec: where a row's place names are joined from. */
export interface ReportsSource {
  parquet: string;
  spec: TableSpec;
}

/** The select list and source of the readable CSV of `spec`, read from `parquet`, names joined from `reports`. */
export function readableSelect(spec: TableSpec, parquet: string, reports: ReportsSource | null): { columns: string[]; from: string } {
  const own = new Set(spec.columns.map((c) => c.name));
  const joins = reports !== null && own.has('report_id') && !PLACE_NAMES.some((n) => own.has(n));
  // [expression, header] in file order; the first header carries the BOM.
  const pairs: [string, string][] = [];
  if (joins) {
    for (const name of PLACE_NAMES) {
      const c = reports.spec.columns.find((x) => x.name === name);
      if (c) pairs.push([`r.${ident(`__${name}`)}`, header(c.label, name)]);
    }
  }
  for (const c of spec.columns) {
    const expr = `t.${ident(c.name)}`;
    if (c.codes?.length) pairs.push([labelOf(c, expr), header(c.label, c.name)], [expr, header(`${c.label}代码`, c.name)]);
    else pairs.push([csvValue(expr, c.type), header(c.label, c.name)]);
  }
  const columns = pairs.map(([expr, name], i) => `${expr} AS ${ident(i === 0 ? BOM + name : name)}`);
  const table = `read_parquet(${sqlString(parquet)})`;
  const from = joins
    ? `${table} t LEFT JOIN (SELECT report_id AS __report_id, ${PLACE_NAMES.map((n) => `${ident(n)} AS ${ident(`__${n}`)}`).join(', ')} FROM read_parquet(${sqlString(reports.parquet)})) r ON t.report_id = r.__report_id`
    : `${table} t`;
  return { columns, from };
}

export interface ReadableCsvOptions {
  /** The reports table's Parquet and spec, to join the rows' place names from. */
  reports?: ReportsSource | null;
  /** Only the rows of this province (null: the rows placed in none); all rows when undefined. */
  province?: string | null;
  /** Within the province, only the rows of this city (a province too large for one file). */
  city?: string | null;
}

/** The COPY statement writing the readable CSV of `spec` to `csvPath` (gzipped for .gz), rows in the table's own order. */
export function readableCsvSql(spec: TableSpec, parquet: string, csvPath: string, options: ReadableCsvOptions = {}): string {
  const { columns, from } = readableSelect(spec, parquet, options.reports ?? null);
  const order = spec.sortBy.map((c) => `t.${ident(c)} NULLS LAST`).join(', ');
  const gzip = csvPath.endsWith('.gz') ? ', COMPRESSION gzip' : '';
  const p = options.province;
  const is = (column: string, v: string | null | undefined) => (v === undefined ? 'TRUE' : v === null ? `t.${column} IS NULL` : `t.${column} = ${sqlString(v)}`);
  const where = `${is('province_code', p)} AND ${is('city_code', options.city)}`;
  return `COPY (SELECT ${columns.join(', ')} FROM ${from} WHERE ${where} ORDER BY ${order}) TO ${sqlString(csvPath)} (FORMAT csv, HEADER, DELIMITER ',', QUOTE '"'${gzip})`;
}
