// buildData: a folder of raw reports in, the data product out (Parquet and
// CSV of every table, a manifest and the data dictionary). Unchanged files
// (same sha256, same parser version) are not parsed again. The new build is
// written beside the old one and switched in at the end (output.ts), so an
// interrupted build leaves the previous one whole.

import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../decode/index.ts';
import { ALL_TABLES, assemble, withDuckDb } from './assemble.ts';
import { writeCsvTwin } from './csv.ts';
import { SCHEMA_VERSION, dictionary } from './dictionary.ts';
import { reportId } from './flatten.ts';
import { listRaw } from './listing.ts';
import { defaultWorkerOcr } from './ocr.ts';
import { cleanLeftovers, currentBuild, newVersion, switchOutput } from './output.ts';
import { defaultWorkers, runPool, type PoolRun, type Task, type WorkerOcr } from './pool.ts';
import { BASE_TABLES } from './schema.ts';
import { cacheKey, splitSidecars } from './sidecar.ts';
import { STAGING, stagingFiles } from './staging.ts';
import { parserVersion } from './version.ts';
import { sqlString } from '../sql.ts';

export { listRaw, listReports } from './listing.ts';

/**
 * DuckDB's own memory limit for the assembly. Its process also holds Node's heap and memory DuckDB
 * allocates outside the limit. With 1 GB an unchanged national rebuild (43 million rows taken over
 * from the previous Parquet and sorted again, spilling to disk) peaked at 1.7–2.3 GB resident;
 * with 768 MB at 1.5–1.6 GB, in the same time (docs/benchmarks.md).
 */
const DUCKDB_MEMORY = '768MB';

export interface BuildOptions {
  raw: string;
  /** The output: a link to the folder of the current build (see output.ts). */
  out: string;
  workers?: number;
  /** Reuse the previous build's rows for unchanged files (default true). */
  cache?: boolean;
  /** Write the CSV twins (default true). */
  csv?: boolean;
  maxBytes?: number;
  memoryLimit?: string;
  /** Time one file may take to parse (default 30 s). */
  fileTimeoutMs?: number;
  today?: Date;
  log?: (line: string) => void;
  /** Called as each step starts (clean, list, parse, assemble, csv, manifest, switch, retire). */
  onPhase?: (phase: string) => void;
  /** Called when the parsing is done, with the pool's account (peak memory of the parse processes). */
  onParsed?: (run: PoolRun) => void;
  /**
   * OCR of scans and pictures (default: on, results cached in OUT/ocr-cache, 300 s per file).
   * false: such files and pages are reported unread.
   */
  ocr?: false | Partial<WorkerOcr>;
}

export interface Manifest {
  built_at: string;
  schema_version: string;
  parser_version: string;
  /** `total` counts report files; `sidecars` the collector's provenance files attached to them (not rows). */
  files: { total: number; parsed: number; unchanged: number; sidecars: number; by_status: Record<string, number> };
  findings: { by_severity: Record<string, number>; by_rule: Record<string, number> };
  outputs: { file: string; table: string; format: 'parquet' | 'csv' | 'json'; bytes: number; sha256: string; rows: number | null }[];
  timings_ms: Record<string, number>;
}

/** Streamed: at national scale a CSV twin runs to gigabytes. */
async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** source_file → sha256 in the build folder `dir`, when its rows may be reused. */
async function previousHashes(dir: string, version: string): Promise<Map<string, string> | null> {
  if (BASE_TABLES.some((t) => !existsSync(join(dir, `${t.name}.parquet`)))) return null;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.parser_version !== version || manifest.schema_version !== SCHEMA_VERSION) return null;
  return withDuckDb({}, async (conn) => {
    const reader = await conn.runAndReadAll(`SELECT source_file, source_sha256, source_meta_sha256 FROM read_parquet(${sqlString(join(dir, 'reports.parquet'))}) WHERE source_sha256 IS NOT NULL`);
    return new Map(reader.getRows().map(([f, s, m]) => [String(f), cacheKey(String(s), m === null ? null : String(m))]));
  });
}

/** The manifest's list of outputs: every file of the build folder `dir`, with its size, hash and rows. */
async function describeOutputs(dir: string, rows: Map<string, number>): Promise<Manifest['outputs']> {
  const outputs: Manifest['outputs'] = [];
  for (const t of ALL_TABLES) {
    for (const format of ['parquet', 'csv'] as const) {
      const file = `${t.name}.${format}`;
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      outputs.push({ file, table: t.name, format, bytes: statSync(path).size, sha256: await sha256File(path), rows: rows.get(t.name) ?? null });
    }
  }
  const dict = join(dir, 'dictionary.json');
  outputs.push({ file: 'dictionary.json', table: 'dictionary', format: 'json', bytes: statSync(dict).size, sha256: await sha256File(dict), rows: null });
  return outputs;
}

export async function buildData(options: BuildOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const phase = options.onPhase ?? (() => {});
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0);
    t0 = t;
  };
  const version = parserVersion();
  phase('clean');
  const removed = cleanLeftovers(options.out);
  if (removed.length) log(`清理了之前未完成的构建留下的 ${removed.length} 项。`);
  // Resolved once: the previous build is read from this folder even if the link moves meanwhile.
  const current = currentBuild(options.out);
  phase('list');
  const listed = listRaw(options.raw);
  const problems = new Map(listed.filter((f) => f.problem).map((f) => [f.file, f.problem!]));
  const { reports: files, sidecars } = splitSidecars(listed.map((f) => f.file));
  const previous = options.cache === false || !current ? null : await previousHashes(current, version);
  lap('list');

  const next = newVersion(options.out);
  const stagingDir = join(next, '.staging');
  mkdirSync(stagingDir);
  try {
    phase('parse');
    const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), files.length || 1));
    const tasks: Task[] = files.map((f, seq) => {
      const sidecar = sidecars.get(f);
      const problem = problems.get(f);
      return { seq, path: resolve(options.raw, f), sourceFile: f, previousSha: previous?.get(f) ?? null, sidecar: sidecar ? resolve(options.raw, sidecar) : null, ...(problem ? { problem } : {}) };
    });
    log(`读取 ${files.length} 个文件（${workers} 个进程${previous ? '，复用上次构建中未改动的文件' : ''}${sidecars.size ? `；${sidecars.size} 个来源说明并入其报告` : ''}）…`);
    let lastShown = 0;
    const run = await runPool(tasks, {
      workers,
      stagingDir,
      parserVersion: version,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      fileTimeoutMs: options.fileTimeoutMs,
      today: (options.today ?? new Date()).toISOString(),
      // Absolute: parse processes run in the staging folder (pool.ts), where a relative path means nothing.
      raw: resolve(options.raw),
      ocr: options.ocr === false ? undefined : { ...defaultWorkerOcr(options.out), ...options.ocr },
      onNote: log,
      onProgress: (done, total) => {
        if (done - lastShown >= 5000 || done === total) {
          lastShown = done;
          if (total >= 5000) log(`  ${done}/${total}`);
        }
      },
    });
    options.onParsed?.(run);
    if (run.deaths) log(`  ${run.deaths} 个解析进程因文件而终止或超时，这些文件已记为失败。`);
    lap('parse');
    phase('assemble');
    const unchanged = run.results.filter((r) => !r.changed).map((r) => reportId(r.sourceFile));
    const staging = Object.fromEntries(STAGING.map((t) => [t.name, stagingFiles(stagingDir, t.name)]));
    const memoryLimit = options.memoryLimit ?? DUCKDB_MEMORY;
    const outputs = await assemble({ staging, unchanged, previousDir: previous ? current : null, outDir: next, tempDir: join(stagingDir, 'duckdb'), threads: workers, memoryLimit });
    lap('assemble');
    phase('csv');
    if (options.csv !== false) {
      await withDuckDb({ threads: workers, memoryLimit }, async (conn) => {
        for (const t of ALL_TABLES) await writeCsvTwin(conn, join(next, `${t.name}.parquet`), join(next, `${t.name}.csv`));
      });
    }
    lap('csv');
    phase('manifest');
    writeFileSync(join(next, 'dictionary.json'), JSON.stringify(dictionary(), null, 1));
    rmSync(stagingDir, { recursive: true, force: true });
    const counts = await countFindings(next);
    const manifest: Manifest = {
      built_at: new Date().toISOString(),
      schema_version: SCHEMA_VERSION,
      parser_version: version,
      files: { total: files.length, parsed: run.results.length - unchanged.length, unchanged: unchanged.length, sidecars: sidecars.size, by_status: counts.byStatus },
      findings: { by_severity: counts.bySeverity, by_rule: counts.byRule },
      outputs: await describeOutputs(next, new Map(outputs.map((o) => [o.table, o.rows]))),
      timings_ms: timings,
    };
    lap('manifest');
    // Written last and whole (aside, then renamed): a folder with a manifest is a complete build.
    const manifestPath = join(next, 'manifest.json');
    writeFileSync(`${manifestPath}.part`, JSON.stringify(manifest, null, 1));
    renameSync(`${manifestPath}.part`, manifestPath);
    phase('switch');
    const old = switchOutput(options.out, next);
    phase('retire');
    if (old) rmSync(old, { recursive: true, force: true, maxRetries: 3 });
    return manifest;
  } catch (error) {
    rmSync(next, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

async function countFindings(out: string) {
  return withDuckDb({}, async (conn) => {
    const q = async (sql: string) => Object.fromEntries((await conn.runAndReadAll(sql)).getRows().map(([k, n]) => [String(k), Number(n)]));
    const f = (name: string) => `read_parquet(${sqlString(join(out, `${name}.parquet`))})`;
    return {
      byStatus: await q(`SELECT status, count(*) FROM ${f('reports')} GROUP BY status ORDER BY status`),
      bySeverity: await q(`SELECT severity, count(*) FROM ${f('findings')} GROUP BY severity ORDER BY severity`),
      byRule: await q(`SELECT rule, count(*) FROM ${f('findings')} GROUP BY rule ORDER BY count(*) DESC, rule`),
    };
  });
}
