// Reading Parquet in the browser without DuckDB's Parquet extension (which
// DuckDB-WASM would fetch from another host): hyparquet reads only the
// columns asked for, and only the row groups whose statistics can match the
// filter, with HTTP range requests; the rows go to DuckDB as an Arrow table.

import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { plainValue } from './plain.ts';

export interface TableRequest {
  /** Name of the table in DuckDB. */
  name: string;
  /** The data product's table to read (its file, or its parts by province when it is split). */
  table: string;
  columns: readonly string[];
  /** Only rows whose columns each equal one of their values (the files are sorted by these codes, so whole row groups are skipped). */
  where?: Record<string, readonly string[]> | null;
}

type ArrowModule = typeof import('apache-arrow');

interface SchemaLeaf {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type: string };
}

function arrowType(arrow: ArrowModule, leaf: SchemaLeaf) {
  const logical = leaf.logical_type?.type ?? leaf.converted_type;
  if (leaf.type === 'BOOLEAN') return new arrow.Bool();
  if (leaf.type === 'BYTE_ARRAY' || logical === 'DATE' || logical === 'STRING' || logical === 'UTF8') return new arrow.Utf8();
  if (leaf.type === 'INT32') return new arrow.Int32();
  return new arrow.Float64();
}

export interface FileToRead {
  url: string;
  bytes: number;
  /** A province's part of a split table: every row is of that province (or of none, for ''). */
  province?: string;
}

/** The footer holds the statistics the reader needs first; most of ours are well under this. */
const FOOTER_GUESS = 64 * 1024;

export async function loadParquetTable(conn: AsyncDuckDBConnection, files: readonly FileToRead[], request: TableRequest): Promise<number> {
  const [{ asyncBufferFromUrl, cachedAsyncBuffer, parquetMetadataAsync, parquetReadObjects }, arrow] = await Promise.all([import('hyparquet'), import('apache-arrow')]);
  const filterFor = (f: FileToRead) => {
    // In a province's part the province condition holds for every row; kept, it would drop the
    // part of reports placed in no province (whose code is null, not '').
    const conditions = Object.entries(request.where ?? {})
      .filter(([column]) => !(f.province !== undefined && column === 'province_code'))
      .map(([column, values]) => ({ [column]: { $in: [...values] } }));
    return conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { $and: conditions };
  };
  const rows: Record<string, unknown>[] = [];
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>> | null = null;
  for (const f of files) {
    const file = cachedAsyncBuffer(await asyncBufferFromUrl({ url: f.url, byteLength: f.bytes }));
    metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_GUESS });
    const filter = filterFor(f);
    const read = await parquetReadObjects({ file, metadata, columns: [...request.columns], ...(filter ? { filter } : {}) });
    // Not rows.push(...read): spreading a few hundred thousand rows overflows the call stack.
    for (const row of read) rows.push(row);
  }
  if (!metadata) throw new Error(`没有可读的数据文件：${request.table}`);
  const leaves = new Map((metadata.schema as SchemaLeaf[]).map((s) => [s.name, s]));
  const vectors: Record<string, import('apache-arrow').Vector> = {};
  for (const column of request.columns) {
    const leaf = leaves.get(column);
    if (!leaf) throw new Error(`${request.table} has no column ${column}`);
    vectors[column] = arrow.vectorFromArray(rows.map((r) => plainValue(r[column])), arrowType(arrow, leaf));
  }
  await conn.query(`DROP TABLE IF EXISTS "${request.name}"`);
  if (rows.length === 0) {
    // Arrow cannot carry an empty batch into DuckDB; the empty table is created directly.
    const sqlType = (leaf: SchemaLeaf) => ({ Bool: 'BOOLEAN', Utf8: 'VARCHAR', Int32: 'INTEGER' })[String(arrowType(arrow, leaf))] ?? 'DOUBLE';
    await conn.query(`CREATE TABLE "${request.name}" (${request.columns.map((c) => `"${c}" ${sqlType(leaves.get(c)!)}`).join(', ')})`);
    return 0;
  }
  await conn.insertArrowTable(new arrow.Table(vectors), { name: request.name, create: true });
  return rows.length;
}
