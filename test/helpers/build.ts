// Helpers of the data build test (test/build.test.ts): temporary folders,
// one DuckDB connection to read the outputs back, the build CLI as a child
// process, and a seeded source of random bytes.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type Json } from '@duckdb/node-api';
import { removeBuildOutput } from '../../src/lib/build/output.ts';

export type { Json };
export type RowObject = Record<string, Json>;

export const ROOT = join(import.meta.dirname, '..', '..');

const made: string[] = [];

/** A fresh folder under os.tmpdir(), removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `build-test-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders made by tempDir (and, where one was a build's output, the build folders beside it). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) removeBuildOutput(dir);
}

import { sqlString } from '../../src/lib/sql.ts';

export { sqlString };

/** `read_parquet('<dir>/<table>.parquet')`, optionally with extra options. */
export function parquet(dir: string, table: string, options = ''): string {
  return `read_parquet(${sqlString(join(dir, `${table}.parquet`))}${options ? `, ${options}` : ''})`;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

/** One in-memory DuckDB for reading the build's Parquet files. */
export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(): Promise<Db> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    return new Db(instance, await instance.connect());
  }

  async rows(sql: string): Promise<Json[][]> {
    return (await this.conn.runAndReadAll(sql)).getRowsJson();
  }

  async objects(sql: string): Promise<RowObject[]> {
    return (await this.conn.runAndReadAll(sql)).getRowObjectsJson();
  }

  async table(sql: string): Promise<{ columns: string[]; rows: Json[][] }> {
    const reader = await this.conn.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJson() };
  }

  /** A single value (count, sum …) as a number, or null. */
  async scalar(sql: string): Promise<number | null> {
    const v = (await this.rows(sql))[0]?.[0];
    return v === null || v === undefined ? null : Number(v);
  }

  /** Column name and DuckDB type of each column of a Parquet file, in file order. */
  async describe(dir: string, table: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.rows(`DESCRIBE SELECT * FROM ${parquet(dir, table)}`);
    return rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/build-data.ts` through tsx with the given arguments, from the project root (as another user with `as`). */
export function runBuildCli(args: readonly string[], timeoutMs = 60_000, as: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  return runScript('scripts/build-data.ts', args, timeoutMs, as);
}

/** Runs a script of scripts/ through tsx with the given arguments, from the project root (as another user with `as`). */
export function runScript(script: string, args: readonly string[], timeoutMs = 60_000, as: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script, ...args],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1' }, ...as },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** mulberry32: the same seed gives the same bytes on every run. */
export function seededBytes(seed: number, length: number): Buffer {
  let s = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}
