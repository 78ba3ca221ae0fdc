// SQL text shared by the build (DuckDB in Node) and the site (DuckDB-WASM).

/** A string as an SQL literal: 'it''s'. */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;
