// Every query the site runs, in one place. They read the summary tables of
// the data build (summary, region_year) and run unchanged on DuckDB in Node
// (first paint, at build time) and DuckDB-WASM (in the browser).

import { whereSql, type Filter } from './filter.ts';
import type { TableRequest } from './parquet.ts';

/** Procurement (2019 template only) by place and year; a null amount is a report that does not give it. */
export function procurementByPlaceYear(f: Filter): string {
  return `
    SELECT coalesce(town, county, city, agency) AS place, town_code, CAST(year AS INTEGER) AS year, level,
      CAST(procurement__amount_yuan AS DOUBLE) AS amount, CAST(procurement__projects AS DOUBLE) AS projects
    FROM summary
    WHERE is_primary AND template = '2019' AND ${whereSql(f)}
    ORDER BY amount DESC NULLS LAST, place, year`;
}

/** What the browser loads for the procurement chart: a few columns of the summary. */
export const PROCUREMENT_TABLE: TableRequest = {
  name: 'summary',
  file: 'summary.parquet',
  columns: ['is_primary', 'template', 'level', 'agency', 'town', 'town_code', 'county', 'county_code', 'city', 'city_code', 'province_code', 'year', 'procurement__amount_yuan', 'procurement__projects'],
};
