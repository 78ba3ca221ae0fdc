// One interface over the two places queries run: DuckDB in Node at build time
// (the first paint) and DuckDB-WASM in the browser. The same SQL runs on both.

import type { TableRequest } from './parquet.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface QueryRunner {
  query<T extends Row = Row>(sql: string): Promise<T[]>;
}

/** Where a page's first view reads its rows: the whole tables (the build, the answers) or the engine. */
export interface ViewSource {
  query<T = Row>(sql: string): Promise<T[]>;
  /** Makes the rows a request names available and says which table to query for them. */
  table(request: TableRequest): Promise<string>;
}
