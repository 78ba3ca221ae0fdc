// tsx scripts/bench/cross-checks.ts BUILD_DIR [--runs N]
//
// The cost of the checks across reports and the quality index at the scale of
// a finished data build: its base tables are loaded into a DuckDB set up as the
// build's (file-backed, two threads, 768 MB), without the cross-report rows,
// and crossReportChecks and qualityIndex are timed, the copied-text part apart.
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

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: tsx scripts/bench/cross-checks.ts BUILD_DIR [--runs N]');
const runs = Math.max(1, Number(values.runs) || 3);
const codes = CROSS_CHECK_CODES.map(sqlString).join(', ');

interface Run {
  load: number;
  cross: number;
  index: number;
  rows: number;
  reports: number;
}

async function once(): Promise<Run> {
  const temp = mkdtempSync(join(tmpdir(), 'bench-cross-'));
  try {
    return await withDuckDb({ tempDir: temp, threads: 2, memoryLimit: '768MB' }, async (conn) => {
      let t = performance.now();
      for (const spec of BASE_TABLES) {
        const where = spec === CHECKS ? `WHERE "check" NOT IN (${codes})` : spec === FINDINGS ? `WHERE section IS DISTINCT FROM 'build' OR rule = 'duplicate_report'` : '';
        await conn.run(`CREATE TABLE ${spec.name} AS SELECT * FROM read_parquet(${sqlString(join(dir, `${spec.name}.parquet`))}) ${where}`);
      }
      await conn.run('CHECKPOINT');
      const load = performance.now() - t;
      t = performance.now();
      await crossReportChecks(conn);
      const cross = performance.now() - t;
      t = performance.now();
      await qualityIndex(conn);
      const index = performance.now() - t;
      const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0][0]);
      return { load, cross, index, rows: await count(`SELECT count(*) FROM checks WHERE "check" IN (${codes})`), reports: await count('SELECT count(*) FROM reports') };
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const results: Run[] = [];
for (let i = 0; i < runs; i++) results.push(await once());
const r = results[0];
console.log(`${fmt(r.reports)} reports, ${fmt(r.rows)} cross-report check rows; medians of ${runs} runs, Node ${process.versions.node}.\n`);
console.log('| step | time |\n|---|---|');
console.log(`| load the base tables (not part of the checks) | ${fmt(median(results.map((x) => x.load)))} ms |`);
console.log(`| checks across reports (crossReportChecks) | ${fmt(median(results.map((x) => x.cross)))} ms |`);
console.log(`| quality index (qualityIndex) | ${fmt(median(results.map((x) => x.index)))} ms |`);
