// CSV twins of the Parquet files, for spreadsheets: UTF-8 with a byte-order
// mark (without it Excel and WPS show the Chinese as mojibake), written with
// papaparse in chunks streamed out of DuckDB so memory stays flat.

import { closeSync, openSync, writeSync } from 'node:fs';
import Papa from 'papaparse';
import type { DuckDBConnection } from '@duckdb/node-api';

export const BOM = '\uFEFF';

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Writes `parquetPath` as CSV to `csvPath`, rows in file order. Returns the row count. */
export async function writeCsvTwin(conn: DuckDBConnection, parquetPath: string, csvPath: string): Promise<number> {
  const result = await conn.stream(`SELECT * FROM read_parquet(${sqlString(parquetPath)})`);
  const fd = openSync(csvPath, 'w');
  let rows = 0;
  try {
    writeSync(fd, BOM + Papa.unparse([result.columnNames()], { newline: '\r\n' }) + '\r\n');
    for await (const chunk of result.yieldRowsJson()) {
      if (chunk.length === 0) continue;
      writeSync(fd, Papa.unparse(chunk as unknown[][], { newline: '\r\n' }) + '\r\n');
      rows += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
  return rows;
}
