// What the site serves of the data product. Static hosts refuse large files
// (Cloudflare Pages: 25 MiB), and a national build has Parquet tables near
// 30 MB and CSV twins of gigabytes. A table whose file fits is served whole;
// one that does not is served in one file per province (sorted as the whole,
// so range reads still fetch little), and a CSV that does not fit is served
// gzipped, per province if need be. files.json lists what was written.

import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALL_TABLES, ROW_GROUP_ROWS, withDuckDb } from './assemble.ts';
import type { TableSpec } from './schema.ts';
import { writeCsvTwin } from './csv.ts';
import { readableCsvSql } from './readable-csv.ts';
import { REPORTS } from './schema.ts';
import { sqlString } from '../sql.ts';

/** Under the 25 MiB that the strictest common host accepts, with room to spare. */
export const FILE_LIMIT = 24 * 1024 * 1024;

export interface PublishedFile {
  file: string;
  bytes: number;
  sha256: string;
  /** For a table split by province: the province code ('' for reports placed nowhere). */
  province?: string;
  /** For a province split again by city (a readable CSV too large for one file): the city code ('' for none). */
  city?: string;
}

export interface PublishedTable {
  rows: number | null;
  parquet: PublishedFile[];
  csv: PublishedFile[];
  /** The readable CSV (readable-csv.ts): Chinese headers, codes in words, the places' names. */
  csv_zh: PublishedFile[];
}

export interface Published {
  built_at: string;
  limit_bytes: number;
  tables: Record<string, PublishedTable>;
  /** manifest.json, dictionary.json. */
  documents: PublishedFile[];
}

async function describe(path: string, file: string, province?: string): Promise<PublishedFile> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { file, bytes: statSync(path).size, sha256: hash.digest('hex'), ...(province !== undefined ? { province } : {}) };
}


/** The distinct values of a place column (province_code, city_code) among the rows matching `where`, nulls last. */
async function placeCodes(conn: DuckDBConnection, parquet: string, column: 'province_code' | 'city_code', where = 'TRUE'): Promise<(string | null)[]> {
  const r = await conn.runAndReadAll(`SELECT DISTINCT ${column} FROM read_parquet(${sqlString(parquet)}) WHERE ${where} ORDER BY 1 NULLS LAST`);
  return r.getRows().map(([v]) => (v === null ? null : String(v)));
}

const provinceFilter = (p: string | null) => (p === null ? 'province_code IS NULL' : `province_code = ${sqlString(p)}`);
const partName = (p: string | null) => p ?? '_';

/**
 * The readable CSV of a table: one file when it fits, else gzipped per province (`parts`: the
 * provinces when the plain twin was split already; the readable one is larger, so it is split too).
 */
async function publishReadable(conn: DuckDBConnection, spec: TableSpec, parquet: string, reportsParquet: string, outDir: string, parts: (string | null)[] | null, limit: number): Promise<PublishedFile[]> {
  const reports = existsSync(reportsParquet) ? { parquet: reportsParquet, spec: REPORTS } : null;
  if (parts === null) {
    const file = `${spec.name}.zh.csv`;
    await conn.run(readableCsvSql(spec, parquet, join(outDir, file), { reports }));
    if (statSync(join(outDir, file)).size <= limit) return [await describe(join(outDir, file), file)];
    rmSync(join(outDir, file));
    parts = await placeCodes(conn, parquet, 'province_code');
    mkdirSync(join(outDir, spec.name), { recursive: true });
  }
  const files: PublishedFile[] = [];
  for (const p of parts) {
    const file = `${spec.name}/${partName(p)}.zh.csv.gz`;
    await conn.run(readableCsvSql(spec, parquet, join(outDir, file), { reports, province: p }));
    if (statSync(join(outDir, file)).size <= limit) {
      files.push(await describe(join(outDir, file), file, p ?? ''));
      continue;
    }
    // Names and words make the readable file larger than the plain one: a large province comes per city.
    rmSync(join(outDir, file));
    mkdirSync(join(outDir, spec.name, partName(p)), { recursive: true });
    for (const c of await placeCodes(conn, parquet, 'city_code', provinceFilter(p))) {
      const part = `${spec.name}/${partName(p)}/${partName(c)}.zh.csv.gz`;
      await conn.run(readableCsvSql(spec, parquet, join(outDir, part), { reports, province: p, city: c }));
      files.push({ ...(await describe(join(outDir, part), part, p ?? '')), city: c ?? '' });
    }
  }
  return files;
}

export async function publish(dataDirOrLink: string, outDir: string, limit = FILE_LIMIT): Promise<Published> {
  // Resolved once (data/build is a link that a new build switches): every file comes from one build.
  const dataDir = realpathSync(dataDirOrLink);
  mkdirSync(outDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { built_at: string; outputs: { table: string; rows: number | null }[] };
  const published: Published = { built_at: manifest.built_at, limit_bytes: limit, tables: {}, documents: [] };
  await withDuckDb({ threads: 2 }, async (conn) => {
    for (const spec of ALL_TABLES) {
      const parquet = join(dataDir, `${spec.name}.parquet`);
      const csv = join(dataDir, `${spec.name}.csv`);
      if (!existsSync(parquet)) continue;
      const table: PublishedTable = { rows: manifest.outputs.find((o) => o.table === spec.name)?.rows ?? null, parquet: [], csv: [], csv_zh: [] };
      const split = statSync(parquet).size > limit || (existsSync(csv) && statSync(csv).size > limit);
      const parts = split ? await placeCodes(conn, parquet, 'province_code') : [];
      if (split) mkdirSync(join(outDir, spec.name), { recursive: true });

      if (statSync(parquet).size <= limit) {
        copyFileSync(parquet, join(outDir, `${spec.name}.parquet`));
        table.parquet.push(await describe(join(outDir, `${spec.name}.parquet`), `${spec.name}.parquet`));
      } else {
        for (const p of parts) {
          const file = `${spec.name}/${partName(p)}.parquet`;
          await conn.run(`COPY (SELECT * FROM read_parquet(${sqlString(parquet)}) WHERE ${provinceFilter(p)}) TO ${sqlString(join(outDir, file))} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${ROW_GROUP_ROWS[spec.name] ?? 65536})`);
          table.parquet.push(await describe(join(outDir, file), file, p ?? ''));
        }
      }

      if (existsSync(csv) && statSync(csv).size <= limit) {
        copyFileSync(csv, join(outDir, `${spec.name}.csv`));
        table.csv.push(await describe(join(outDir, `${spec.name}.csv`), `${spec.name}.csv`));
      } else if (existsSync(csv)) {
        // Gzipped CSV per province, made like the whole twin (BOM, row order).
        for (const p of parts) {
          const file = `${spec.name}/${partName(p)}.csv.gz`;
          await writeCsvTwin(conn, parquet, join(outDir, file), provinceFilter(p));
          table.csv.push(await describe(join(outDir, file), file, p ?? ''));
        }
      }
      if (existsSync(csv)) table.csv_zh = await publishReadable(conn, spec, parquet, join(dataDir, 'reports.parquet'), outDir, split ? parts : null, limit);
      published.tables[spec.name] = table;
    }
  });
  for (const doc of ['manifest.json', 'dictionary.json']) {
    if (!existsSync(join(dataDir, doc))) continue;
    copyFileSync(join(dataDir, doc), join(outDir, doc));
    published.documents.push(await describe(join(outDir, doc), doc));
  }
  writeFileSync(join(outDir, 'files.json'), JSON.stringify(published, null, 1));
  return published;
}
