// Puts what the site serves but does not build into public/: the data
// product (data/build → public/data) and the DuckDB-WASM worker and module
// (→ public/duckdb). The 34 MB module is shipped gzipped (7.7 MB) and expanded
// in the browser, so it stays under every host's file-size limit and reaches
// visitors compressed even from hosts that do not compress.

import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The DuckDB-WASM files the site serves: the exception-handling build, which every current browser runs. */
export const DUCKDB_FILES = { worker: 'duckdb-browser-eh.worker.js', module: 'duckdb-eh.wasm' };

const newer = (src, dest) => !existsSync(dest) || statSync(dest).mtimeMs < statSync(src).mtimeMs;

export async function preparePublic({ dataDir = process.env.DATA_DIR ?? join(root, 'data/build') } = {}) {
  const publicData = join(root, 'public/data');
  rmSync(publicData, { recursive: true, force: true });
  mkdirSync(publicData, { recursive: true });
  for (const name of readdirSync(dataDir)) {
    if (/\.(parquet|csv|json)$/.test(name)) copyFileSync(join(dataDir, name), join(publicData, name));
  }
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const publicDuckdb = join(root, 'public/duckdb');
  mkdirSync(publicDuckdb, { recursive: true });
  copyFileSync(join(dist, DUCKDB_FILES.worker), join(publicDuckdb, DUCKDB_FILES.worker));
  const module = join(dist, DUCKDB_FILES.module);
  const gz = join(publicDuckdb, `${DUCKDB_FILES.module}.gz`);
  if (newer(module, gz)) {
    await pipeline(createReadStream(module), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(gz));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await preparePublic();
