// buildData: a folder of raw reports in, the data product out (Parquet and
// CSV of every table, a manifest and the data dictionary). Unchanged files
// (same sha256, same parser version) are not parsed again.

import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../decode/index.ts';
import { ALL_TABLES, assemble, withDuckDb } from './assemble.ts';
import { writeCsvTwin } from './csv.ts';
import { SCHEMA_VERSION, dictionary } from './dictionary.ts';
import { reportId } from './flatten.ts';
import { defaultWorkerOcr } from './ocr.ts';
import { defaultWorkers, runPool, type Task, type TaskResult, type WorkerOcr } from './pool.ts';
import { BASE_TABLES } from './schema.ts';
import { cacheKey, splitSidecars } from './sidecar.ts';
import { STAGING, stagingFile } from './staging.ts';
import { parserVersion } from './version.ts';
import { sqlString } from '../sql.ts';

/**
 * DuckDB's own memory limit for the assembly. Its process also holds Node's heap and memory DuckDB
 * allocates outside the limit. With 1 GB an unchanged national rebuild (43 million rows taken over
 * from the previous Parquet and sorted again, spilling to disk) peaked at 1.7–2.3 GB resident;
 * with 768 MB at 1.5–1.6 GB, in the same time (docs/benchmarks.md).
 */
const DUCKDB_MEMORY = '768MB';

export interface BuildOptions {
  raw: string;
  out: string;
  workers?: number;
  /** Reuse the previous build's rows for unchanged files (default true). */
  cache?: boolean;
  /** Write the CSV twins (default true). */
  csv?: boolean;
  maxBytes?: number;
  memoryLimit?: string;
  today?: Date;
  log?: (line: string) => void;
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

/** Every file under `dir`, as paths relative to it with '/' separators, sorted; dot files are skipped. */
export function listReports(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Streamed: at national scale a CSV twin runs to gigabytes. */
async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** source_file → sha256 of the previous build, when its rows may be reused. */
async function previousHashes(out: string, version: string): Promise<Map<string, string> | null> {
  const manifestPath = join(out, 'manifest.json');
  if (!existsSync(manifestPath) || BASE_TABLES.some((t) => !existsSync(join(out, `${t.name}.parquet`)))) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.parser_version !== version || manifest.schema_version !== SCHEMA_VERSION) return null;
  return withDuckDb({}, async (conn) => {
    const reader = await conn.runAndReadAll(`SELECT source_file, source_sha256, source_meta_sha256 FROM read_parquet(${sqlString(join(out, 'reports.parquet'))})`);
    return new Map(reader.getRows().map(([f, s, m]) => [String(f), cacheKey(String(s), m === null ? null : String(m))]));
  });
}

export async function buildData(options: BuildOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0);
    t0 = t;
  };
  const version = parserVersion();
  mkdirSync(options.out, { recursive: true });
  const { reports: files, sidecars } = splitSidecars(listReports(options.raw));
  const previous = options.cache === false ? null : await previousHashes(options.out, version);
  lap('list');

  const stagingDir = join(options.out, `.staging-${process.pid}`);
  const nextDir = join(options.out, `.next-${process.pid}`);
  rmSync(stagingDir, { recursive: true, force: true });
  rmSync(nextDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  mkdirSync(nextDir, { recursive: true });
  try {
    const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), files.length || 1));
    const tasks: Task[] = files.map((f, seq) => {
      const sidecar = sidecars.get(f);
      return { seq, path: join(options.raw, f), sourceFile: f, previousSha: previous?.get(f) ?? null, sidecar: sidecar ? join(options.raw, sidecar) : null };
    });
    log(`读取 ${files.length} 个文件（${workers} 个线程${previous ? '，复用上次构建中未改动的文件' : ''}${sidecars.size ? `；${sidecars.size} 个来源说明并入其报告` : ''}）…`);
    let lastShown = 0;
    const results: TaskResult[] = await runPool(tasks, {
      workers,
      stagingDir,
      parserVersion: version,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      today: (options.today ?? new Date()).toISOString(),
      raw: options.raw,
      ocr: options.ocr === false ? undefined : { ...defaultWorkerOcr(options.out), ...options.ocr },
      onNote: log,
      onProgress: (done, total) => {
        if (done - lastShown >= 5000 || done === total) {
          lastShown = done;
          if (total >= 5000) log(`  ${done}/${total}`);
        }
      },
    });
    lap('parse');
    const unchanged = results.filter((r) => !r.changed).map((r) => reportId(r.sourceFile));
    const staging = Object.fromEntries(
      STAGING.map((t) => [t.name, Array.from({ length: workers }, (_, i) => stagingFile(stagingDir, t.name, i)).filter((f) => existsSync(f) && statSync(f).size > 0)]),
    );
    const outputs = await assemble({
      staging,
      unchanged,
      previousDir: previous ? options.out : null,
      outDir: nextDir,
      tempDir: join(stagingDir, 'duckdb'),
      threads: workers,
      memoryLimit: options.memoryLimit ?? DUCKDB_MEMORY,
    });
    lap('assemble');
    for (const t of ALL_TABLES) renameSync(join(nextDir, `${t.name}.parquet`), join(options.out, `${t.name}.parquet`));
    const rows = new Map(outputs.map((o) => [o.table, o.rows]));
    if (options.csv !== false) {
      await withDuckDb({ threads: workers, memoryLimit: options.memoryLimit ?? DUCKDB_MEMORY }, async (conn) => {
        for (const t of ALL_TABLES) await writeCsvTwin(conn, join(options.out, `${t.name}.parquet`), join(options.out, `${t.name}.csv`));
      });
    } else {
      for (const t of ALL_TABLES) rmSync(join(options.out, `${t.name}.csv`), { force: true });
    }
    lap('csv');
    writeFileSync(join(options.out, 'dictionary.json'), JSON.stringify(dictionary(), null, 1));
    const counts = await countFindings(options.out);
    const manifest: Manifest = {
      built_at: new Date().toISOString(),
      schema_version: SCHEMA_VERSION,
      parser_version: version,
      files: { total: files.length, parsed: results.length - unchanged.length, unchanged: unchanged.length, sidecars: sidecars.size, by_status: counts.byStatus },
      findings: { by_severity: counts.bySeverity, by_rule: counts.byRule },
      outputs: [],
      timings_ms: timings,
    };
    for (const t of ALL_TABLES) {
      for (const format of ['parquet', 'csv'] as const) {
        const file = `${t.name}.${format}`;
        const path = join(options.out, file);
        if (!existsSync(path)) continue;
        manifest.outputs.push({ file, table: t.name, format, bytes: statSync(path).size, sha256: await sha256File(path), rows: rows.get(t.name) ?? null });
      }
    }
    const dict = join(options.out, 'dictionary.json');
    manifest.outputs.push({ file: 'dictionary.json', table: 'dictionary', format: 'json', bytes: statSync(dict).size, sha256: await sha256File(dict), rows: null });
    lap('manifest');
    manifest.timings_ms = timings;
    writeFileSync(join(options.out, 'manifest.json'), JSON.stringify(manifest, null, 1));
    return manifest;
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
    rmSync(nextDir, { recursive: true, force: true });
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
