// DuckDB-WASM in the browser, loaded only when a visitor needs a query.
//
// Everything comes from the site itself: the worker script and the wasm
// module are served under the site's base path, the module gzipped and
// expanded here with DecompressionStream. Extensions are never loaded (they
// would be fetched from another host), external access is switched off and
// the configuration locked, so no query can reach beyond the tables handed to
// DuckDB as Arrow.

import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { plainValue } from './plain.ts';
import type { QueryRunner, Row, ViewSource } from './runner.ts';
import { loadParquetTable, type FileToRead, type TableRequest } from './parquet.ts';
import { dataFiles, partsOf, versionedUrl } from './files.ts';

export interface LoadProgress {
  stage: 'download' | 'start' | 'ready';
  loaded: number;
  total: number | null;
}

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
export const DUCKDB_WORKER = `${BASE}duckdb/duckdb-browser-eh.worker.js`;
export const DUCKDB_MODULE = `${BASE}duckdb/duckdb-eh.wasm.gz`;
export const DATA_BASE = `${BASE}data/`;

interface Loaded {
  db: AsyncDuckDB;
  conn: AsyncDuckDBConnection;
}

let loading: Promise<Loaded> | null = null;
/** The tables loaded into the current engine, by request. */
const loadedTables = new Map<string, Promise<void>>();
const listeners = new Set<(p: LoadProgress) => void>();

export function onLoadProgress(fn: (p: LoadProgress) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function report(p: LoadProgress): void {
  for (const fn of listeners) fn(p);
}

/**
 * Downloads the gzipped module with progress and returns an object URL of the wasm. Hosts differ:
 * a plain one (S3, bare nginx) sends the .gz bytes as they are and they are expanded here; one that
 * labels .gz files Content-Encoding: gzip has the browser expand them already. The first two bytes tell.
 */
async function moduleUrl(): Promise<string> {
  const response = await fetch(DUCKDB_MODULE);
  if (!response.ok || !response.body) throw new Error(`无法下载查询引擎（HTTP ${response.status}）`);
  const total = Number(response.headers.get('content-length')) || null;
  const reader = response.body.getReader();
  const first = await reader.read();
  const head = first.value ?? new Uint8Array();
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  let loaded = 0;
  const counted = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.byteLength) {
        loaded += head.byteLength;
        controller.enqueue(head);
      }
      if (first.done) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      loaded += value.byteLength;
      // Expanded by the browser, the byte count outgrows the compressed Content-Length.
      report({ stage: 'download', loaded: gzipped ? loaded : Math.min(loaded, total ?? loaded), total: gzipped ? total : null });
      controller.enqueue(value);
    },
  });
  const wasm = gzipped ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
  const blob = await new Response(wasm).blob();
  return URL.createObjectURL(new Blob([blob], { type: 'application/wasm' }));
}

export function duckdb(): Promise<Loaded> {
  if (loading) return loading;
  let worker: Worker | null = null;
  const starting = (async () => {
    // Marks for the benchmark (and anyone profiling): how long the engine takes to arrive.
    performance.mark('duckdb-start');
    const [lib, wasm] = await Promise.all([import('@duckdb/duckdb-wasm'), moduleUrl()]);
    report({ stage: 'start', loaded: 0, total: null });
    worker = new Worker(DUCKDB_WORKER);
    const db = new lib.AsyncDuckDB(new lib.VoidLogger(), worker);
    await db.instantiate(wasm);
    URL.revokeObjectURL(wasm);
    await db.open({ query: { castBigIntToDouble: true } });
    const conn = await db.connect();
    for (const setting of ['autoinstall_known_extensions = false', 'autoload_known_extensions = false', 'enable_external_access = false', 'lock_configuration = true']) {
      await conn.query(`SET ${setting}`);
    }
    report({ stage: 'ready', loaded: 0, total: null });
    performance.mark('duckdb-ready');
    return { db, conn };
  })();
  loading = starting;
  // An engine that failed to load (a dropped connection, a blocked download) is tried afresh next time.
  starting.catch(() => {
    worker?.terminate();
    if (loading === starting) loading = null;
  });
  return starting;
}

/**
 * Stops the engine, whatever it is doing, and forgets every table loaded into it: the next duckdb()
 * starts a new worker and ensureTable reads the tables again. The way out of a query that ignores a
 * cancel request (a busy worker reads no messages).
 */
export async function restartDuckdb(): Promise<void> {
  const old = loading;
  loading = null;
  loadedTables.clear();
  const loaded = await old?.catch(() => null);
  await loaded?.db.terminate();
}

export function duckdbStarted(): boolean {
  return loading !== null;
}

/** The file(s) a request reads: the whole table, or the parts of the provinces it asks for. */
async function filesFor(request: TableRequest): Promise<FileToRead[]> {
  const entry = dataFiles()[request.table];
  if (!entry) throw new Error(`网站没有数据表 ${request.table}`);
  if (entry.file) return [{ url: versionedUrl(DATA_BASE, entry.file), bytes: entry.file.bytes }];
  const provinces = request.where?.province_code;
  if (!provinces?.length) throw new Error(`数据表 ${request.table} 按省份分卷，读取时须指定省份`);
  return (await partsOf(DATA_BASE, request.table, provinces)).map((f) => ({ url: versionedUrl(DATA_BASE, f), bytes: f.bytes, province: f.province }));
}

/** Makes sure a table (a subset of a Parquet file's columns and rows) is in DuckDB under `request.name`. */
export async function ensureTable(request: TableRequest): Promise<void> {
  const key = JSON.stringify(request);
  let pending = loadedTables.get(key);
  if (!pending) {
    pending = (async () => {
      const { conn } = await duckdb();
      await loadParquetTable(conn, await filesFor(request), request);
    })();
    loadedTables.set(key, pending);
    const mine = pending;
    mine.catch(() => loadedTables.get(key) === mine && loadedTables.delete(key));
  }
  return pending;
}

export const browserRunner: QueryRunner = {
  async query<T extends Row>(sql: string): Promise<T[]> {
    const { conn } = await duckdb();
    const table = await conn.query(sql);
    const names = table.schema.fields.map((f) => f.name);
    const columns = names.map((_, i) => table.getChildAt(i));
    const rows: T[] = [];
    for (let r = 0; r < table.numRows; r++) {
      const row: Row = {};
      names.forEach((n, i) => (row[n] = plainValue(columns[i]?.get(r))));
      rows.push(row as T);
    }
    return rows;
  },
};

/** A view's statements on the engine, over the rows each request names (loaded first). */
export const engineSource: ViewSource = {
  query: <T>(sql: string) => browserRunner.query(sql) as Promise<T[]>,
  table: async (request) => {
    await ensureTable(request);
    return request.name;
  },
};
