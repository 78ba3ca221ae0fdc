// Build-time queries (Node): the Parquet files of data/build as views in an
// in-memory DuckDB. Used to render the first paint of every page.

import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { plainValue } from './plain.ts';
import type { QueryRunner, Row } from './runner.ts';
import { sqlString } from '../sql.ts';

let cached: Promise<QueryRunner> | null = null;

export function dataDir(): string {
  return process.env.DATA_DIR ?? join(process.cwd(), 'data/build');
}

export function serverRunner(dir = dataDir()): Promise<QueryRunner> {
  if (cached && dir === dataDir()) return cached;
  const runner = (async () => {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no data in ${dir}: run npm run build:data first`);
    // data/build is a link that a new build switches: every view reads the same build.
    const real = realpathSync(dir);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const file of readdirSync(real)) {
      if (!file.endsWith('.parquet')) continue;
      await conn.run(`CREATE VIEW ${file.replace(/\.parquet$/, '')} AS SELECT * FROM read_parquet(${sqlString(join(real, file))})`);
    }
    return {
      async query<T extends Row>(sql: string): Promise<T[]> {
        const reader = await conn.runAndReadAll(sql);
        const names = reader.columnNames();
        return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], plainValue(v)])) as T);
      },
    };
  })();
  if (dir === dataDir()) cached = runner;
  return runner;
}
