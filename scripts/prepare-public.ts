// Puts what the site serves but does not build into public/: the data
// product (data/build → public/data, split by province where a file would be
// too large for a static host) and the DuckDB-WASM worker and module (→
// public/duckdb). The 34 MB module is shipped gzipped (7.7 MB) and expanded
// in the browser, so it stays under every host's file-size limit and reaches
// visitors compressed even from hosts that do not compress. Then the first
// answers: the results of every page's first view (src/lib/answers).

import { copyFileSync, cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { constants, createGzip } from 'node:zlib';
import { publish } from '../src/lib/build/publish.ts';
import { buildAnswers } from '../src/lib/answers/build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The DuckDB-WASM files the site serves: the exception-handling build, which every current browser runs. */
export const DUCKDB_FILES = { worker: 'duckdb-browser-eh.worker.js', module: 'duckdb-eh.wasm' };

const newer = (src: string, dest: string) => !existsSync(dest) || statSync(dest).mtimeMs < statSync(src).mtimeMs;

/**
 * `SITE_PUBLIC` names another folder to prepare (tests and benchmarks build side by side); the
 * committed files of public/ (the icon) are copied into it.
 */
export async function preparePublic({ dataDir = process.env.DATA_DIR ?? join(root, 'data/build'), publicDir = process.env.SITE_PUBLIC ?? join(root, 'public') } = {}): Promise<void> {
  const committed = join(root, 'public');
  if (publicDir !== committed) {
    mkdirSync(publicDir, { recursive: true });
    for (const name of readdirSync(committed)) if (name !== 'data' && name !== 'duckdb') cpSync(join(committed, name), join(publicDir, name), { recursive: true });
  }
  const publicData = join(publicDir, 'data');
  rmSync(publicData, { recursive: true, force: true });
  await publish(dataDir, publicData);
  // The first answers of every page kind (docs/first-answers.md).
  // ANSWERS_PROVINCES=37,50: only those provinces' keys (benchmarks of one province's views at national scale).
  const provinces = process.env.ANSWERS_PROVINCES ? process.env.ANSWERS_PROVINCES.split(',') : null;
  const { stats } = await buildAnswers({ dataDir, siteData: publicData, provinces });
  if (process.env.ANSWERS_STATS) console.log(`ANSWERS ${JSON.stringify(stats)}`);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const publicDuckdb = join(publicDir, 'duckdb');
  mkdirSync(publicDuckdb, { recursive: true });
  copyFileSync(join(dist, DUCKDB_FILES.worker), join(publicDuckdb, DUCKDB_FILES.worker));
  const module = join(dist, DUCKDB_FILES.module);
  const gz = join(publicDuckdb, `${DUCKDB_FILES.module}.gz`);
  if (newer(module, gz)) {
    await pipeline(createReadStream(module), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(gz));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await preparePublic();
