// tsx scripts/bench/cross-checks.ts BUILD_DIR [--runs N] [--share S]
//
// The cost of the checks across reports and the quality index at the scale of
// a finished data build: its base tables are loaded into a DuckDB set up as the
// build's (file-backed, two threads, 768 MB), without the cross-report rows,
// and crossReportChecks and qualityIndex are timed. --share S takes the reports
// of that share of the towns only (0 < S ≤ 1, whole towns, so that their years
// stay together): two shares of one build show how the cost grows.
// Prints a Markdown table (docs/benchmarks.md, "Checks across reports").

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withDuckDb } from '../../src/lib/build/assemble.ts';
import { CROSS_CHECK_CODES, crossReportChecks } from '../../src/lib/build/cross-checks.ts';
import { qualityIndex } from '../../src/lib/build/quality-index.ts';
import { BASE_TABLES, CHECKS, FINDINGS } from '../../src/lib/build/schema.ts';
import { sqlString } from '../../src/lib/sql.ts';
import { fmt, median } from './stats.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' }, share: { type: 'string', default: '1' }, profile: { type: 'boolean', default: false } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: tsx scripts/bench/cross-checks.ts BUILD_DIR [--runs N]');
const runs = Math.max(1, Number(values.runs) || 3);
const codes = CROSS_CHECK_CODES.map(sqlString).join(', ');
const share = Math.min(1, Math.max(0, Number(values.share) || 1));

interface Run {
  load: number;
  cross: number;
  index: number;
  /** CPU time of the process (Node and DuckDB's threads), which a busy shared machine disturbs less than wall time. */
  crossCpu: number;
  indexCpu: number;
  rows: number;
  reports: number;
}

async function once(): Promise<Run> {
  const temp = mkdtempSync(join(tmpdir(), 'bench-cross-'));
  try {
    return await withDuckDb({ tempDir: temp, threads: 2, memoryLimit: '768MB' }, async (conn) => {
      let t = performance.now();
      const pq = (name: string) => `read_parquet(${sqlString(join(dir, `${name}.parquet`))})`;
      await conn.run(`CREATE TABLE kept AS SELECT report_id FROM ${pq('reports')} WHERE hash(coalesce(town_code, county_code, agency, report_id)) % 1000 < ${Math.round(share * 1000)}`);
      for (const spec of BASE_TABLES) {
        const where = spec === CHECKS ? ` AND "check" NOT IN (${codes})` : spec === FINDINGS ? ` AND (section IS DISTINCT FROM 'build' OR rule = 'duplicate_report')` : '';
        await conn.run(`CREATE TABLE ${spec.name} AS SELECT * FROM ${pq(spec.name)} WHERE report_id IN (SELECT report_id FROM kept)${where}`);
      }
      await conn.run('CHECKPOINT');
      const load = performance.now() - t;
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };
      let c = cpu();
      t = performance.now();
      if (values.profile) {
        // Each statement's time, slowest first (to see where the checks spend it).
        const run = conn.run.bind(conn);
        const spent: [number, string][] = [];
        conn.run = (async (sql: string) => {
          if (sql === 'DROP TABLE x_cand') console.error(`candidate pairs (same year, other agency): ${fmt(Number((await conn.runAndReadAll('SELECT count(*) FROM x_cand')).getRows()[0][0]))}`);
          const t0 = performance.now();
          const r = await run(sql);
          spent.push([performance.now() - t0, sql.replace(/\s+/g, ' ').slice(0, 110)]);
          return r;
        }) as typeof conn.run;
        await crossReportChecks(conn);
        conn.run = run;
        for (const [ms, sql] of spent.sort((a, b) => b[0] - a[0]).slice(0, 12)) console.error(`${fmt(ms).padStart(8)} ms  ${sql}`);
      } else await crossReportChecks(conn);
      const cross = performance.now() - t;
      const crossCpu = cpu() - c;
      c = cpu();
      t = performance.now();
      await qualityIndex(conn);
      const index = performance.now() - t;
      const indexCpu = cpu() - c;
      const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0][0]);
      return { load, cross, index, crossCpu, indexCpu, rows: await count(`SELECT count(*) FROM checks WHERE "check" IN (${codes})`), reports: await count('SELECT count(*) FROM reports') };
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const results: Run[] = [];
for (let i = 0; i < runs; i++) results.push(await once());
const r = results[0];
console.log(`${fmt(r.reports)} reports (${share * 100} % of the towns of ${dir}), ${fmt(r.rows)} cross-report check rows; medians of ${runs} runs, Node ${process.versions.node}.\n`);
const ms = (f: (x: Run) => number) => `${fmt(median(results.map(f)))} ms`;
console.log('| step | wall time | CPU time (2 threads) |\n|---|---|---|');
console.log(`| load the base tables (not part of the checks) | ${ms((x) => x.load)} | |`);
console.log(`| checks across reports (crossReportChecks) | ${ms((x) => x.cross)} | ${ms((x) => x.crossCpu)} |`);
console.log(`| quality index (qualityIndex) | ${ms((x) => x.index)} | ${ms((x) => x.indexCpu)} |`);
