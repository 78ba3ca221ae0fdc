// npm run bench [-- --only parse,formats,hostile,site,collect,search] [--national] [--towns N] [--runs N]
//
// Every benchmark of the project, each reporting medians of several runs,
// printed as Markdown (the tables of docs/benchmarks.md):
//   parse     parse throughput on one core vs read-and-decode (issue 3)
//   formats   PDF pages/s, .docx and .html documents/s beside plain text (issue 8)
//   hostile   zip bombs, deep HTML and PDF floods against the decoder's caps (issue 12)
//   ocr       OCR of both corpus PDFs as scans: CPU s/page, pages/s on two cores, figures; .doc beside .docx (issue 15)
//   site      the overview in headless Chromium on the sample data (issue 5)
//   collect   npm run collect against 50 synthetic county sites on 127.0.0.1 (issue 16)
//   search    the search box's index of every place: build, size, decoding, searches (issue 18)
//   first     the first figures of a place page, an overview and a quality filter change and a
//             comparison, on a phone profile and desktop, with the first answers and on today's
//             path (the engine), on the samples (issue 17); with --national, on the national corpus too
//   first-national  the same on the national corpus's existing data build (--corpus DIR)
//   national  (with --national; ~15 minutes) a synthetic corpus of every town × 2019–2024:
//             cold and unchanged data builds (wall time, peak memory, output sizes),
//             the published site's largest file, and the overview in Chromium on it.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { OcrBenchResult } from './bench/ocr.ts';
import type { ParseBenchResult } from './bench/parse.ts';
import { benchSite, buildSite, largestFile, type SiteBenchResult } from './bench/site.ts';
import { PHONE, benchFirstFiguresSite, type FirstFiguresRow } from './bench/first-figures.ts';
import { fmt } from './bench/stats.ts';
import { removeBuildOutput } from '../src/lib/build/output.ts';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    national: { type: 'boolean', default: false },
    towns: { type: 'string', default: '41352' },
    runs: { type: 'string', default: '5' },
    corpus: { type: 'string', default: join(tmpdir(), 'bench-national') },
  },
});
const runs = Math.max(1, Number(values.runs) || 5);
const sections = new Set((values.only ?? `parse,formats,hostile,ocr,site,collect,search,first${values.national ? ',national' : ''}`).split(','));
const out: string[] = [];
const print = (line = '') => {
  console.log(line);
  out.push(line);
};

const mb = (bytes: number) => `${fmt(bytes / 1048576, 1)} MiB`;
const kb = (bytes: number) => `${fmt(bytes / 1024, 0)} KiB`;
const size = (bytes: number) => (bytes < 1048576 ? kb(bytes) : mb(bytes));

function node(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

function siteTable(title: string, s: SiteBenchResult, targets: boolean) {
  print(`#### ${title}`);
  print();
  print('| figure | median | target |');
  print('|---|---|---|');
  print(`| first chart (first contentful paint, charts are in the HTML) | ${fmt(s.firstChartMs)} ms | ${targets ? '< 1,000 ms' : ''} |`);
  print(`| DOMContentLoaded | ${fmt(s.domContentLoadedMs)} ms | |`);
  print(`| bytes transferred before DuckDB-WASM is needed | ${kb(s.bytesBeforeEngine)} | ${targets ? '< 300 KB' : ''} |`);
  print(`| DuckDB-WASM cold start (download 7.7 MB gzipped, expand, instantiate) | ${fmt(s.engineColdStartMs)} ms | |`);
  print(`| first filter change (cold: loads the engine and the data) | ${fmt(s.coldChangeMs)} ms | |`);
  print(`| later filter change (warm): the queries answered | ${fmt(s.warmQueryMs)} ms | ${targets ? '< 100 ms' : ''} |`);
  print(`| later filter change (warm): every chart, table and figure redrawn | ${fmt(s.warmChangeMs)} ms | |`);
  print(`| Parquet fetched by the first change | ${kb(s.coldChangeParquetBytes)} | ${targets ? '< 2 MB' : ''} |`);
  print(`| Parquet fetched by the later change | ${kb(s.warmChangeParquetBytes)} | ${targets ? '< 2 MB' : ''} |`);
  print(`| size of dist/ | ${mb(s.distBytes)} in ${fmt(s.distFiles)} files | |`);
  print(`| largest file in dist/ | ${mb(s.largestFile.bytes)} (${s.largestFile.path}) | ${targets ? '≤ 25 MiB' : ''} |`);
  print();
}

/** The first figures of the four views: both paths side by side, per profile. */
async function firstFiguresTable(title: string, dataDir: string, targets: { phoneBytes: string }) {
  const work = mkdtempSync(join(tmpdir(), 'bench-first-'));
  const dist = join(work, 'dist');
  const built = performance.now();
  const printed = buildSite(dataDir, dist);
  const buildMs = performance.now() - built;
  const answers = JSON.parse(/ANSWERS (.*)/.exec(printed)?.[1] ?? '{}') as Record<string, { keys: number; ms: number; cpuMs: number; bytes: number; statements: { batched: number; alone: number; batches: number } }>;
  const largest = largestFile(dist);
  const cell = (r: FirstFiguresRow) => `${fmt(r.ms)} ms, ${kb(r.bytes)}, engine ${r.engineRuns}/${r.runs}${r.dcl !== null && r.path === 'answers' ? ` (page's DOMContentLoaded ${fmt(r.dcl)} ms)` : ''}`;
  print(`#### ${title}`);
  print();
  print(`Phone: ${PHONE.bitsPerSecond / 1e6} Mbit/s, ${PHONE.latency} ms latency, CPU ${PHONE.cpuSlowdown}× slower (Chromium's throttling through CDP); desktop: localhost, no throttling. Cold cache, 390 px wide. Each cell: median time to first figures, median bytes transferred until then, runs in which DuckDB-WASM was requested before them. Site (data, answers and pages) built in ${fmt(buildMs / 1000, 1)} s.`);
  print();
  const only = process.env.ANSWERS_PROVINCES ? ` (only the keys of province ${process.env.ANSWERS_PROVINCES}: ANSWERS_PROVINCES)` : '';
  const total = Object.values(answers).reduce((t, a) => ({ ms: t.ms + a.ms, cpuMs: t.cpuMs + a.cpuMs, bytes: t.bytes + a.bytes }), { ms: 0, cpuMs: 0, bytes: 0 });
  print(`First answers built${only} in ${fmt(total.ms / 1000, 1)} s (${fmt(total.cpuMs / 1000, 1)} s of CPU), ${size(total.bytes)}; the largest file of the site: ${largest.path} (${mb(largest.bytes)}; limit 25 MiB).`);
  print();
  print('| answers | keys | wall time | CPU time | per key (wall) | statements from batches (batch statements) | run alone | size |');
  print('|---|---|---|---|---|---|---|---|');
  for (const [set, a] of Object.entries(answers)) {
    print(`| ${set} | ${fmt(a.keys)} | ${fmt(a.ms / 1000, 1)} s | ${fmt(a.cpuMs / 1000, 1)} s | ${fmt(a.ms / Math.max(1, a.keys), 2)} ms | ${fmt(a.statements.batched)} (${fmt(a.statements.batches)}) | ${fmt(a.statements.alone)} | ${size(a.bytes)} |`);
  }
  print();
  const rows = await benchFirstFiguresSite({ dist, dataDir, runs });
  rmSync(work, { recursive: true, force: true });
  print('| view | profile | today (engine) | first answers | target |');
  print('|---|---|---|---|---|');
  for (const view of [...new Set(rows.map((r) => r.view.id))]) {
    for (const profile of ['phone', 'desktop'] as const) {
      const of = (path: string) => rows.find((r) => r.view.id === view && r.profile === profile && r.path === path)!;
      print(`| ${of('answers').view.label} | ${profile} | ${cell(of('engine'))} | ${cell(of('answers'))} | ${profile === 'phone' ? `< 2,500 ms, ${targets.phoneBytes}, engine 0` : '< 1,000 ms'} |`);
    }
  }
  print();
}

print(`Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU'} (${(await import('node:os')).availableParallelism()} cores). Medians of ${runs} runs unless said otherwise.`);
print();

if (sections.has('parse')) {
  const r = JSON.parse(node([TSX, 'scripts/bench/parse.ts', '--runs', String(runs)]).stdout) as ParseBenchResult;
  print('### Parse throughput (one core)');
  print();
  print(`The ${readdirSync(join(ROOT, 'data/raw')).length} sample reports replicated to ${fmt(r.files)} files (${mb(r.bytes)}), read from disk in one process, alternating the two passes.`);
  print();
  print('| pass | time for all files | per report | reports/s |');
  print('|---|---|---|---|');
  print(`| read + decode | ${fmt(r.readDecodeMs)} ms | ${fmt((r.readDecodeMs / r.files) * 1000)} µs | ${fmt(r.readDecodePerSecond)} |`);
  print(`| read + decode + parse + validate | ${fmt(r.fullMs)} ms | ${fmt((r.fullMs / r.files) * 1000)} µs | ${fmt(r.reportsPerSecond)} |`);
  print();
  print(`Parsing costs **${fmt(r.parseToReadRatio, 2)}×** the read-and-decode (median of the per-round ratios; target ≤ 3×).`);
  print();
}

if (sections.has('formats')) {
  const r = node([TSX, 'scripts/bench/formats.ts', '--runs', String(runs)]);
  print('### Document formats (one core)');
  print();
  print(r.stdout.trim());
  print();
}

if (sections.has('hostile')) {
  // Three runs at most: the accepted worst cases take seconds each.
  const r = node([TSX, 'scripts/bench/hostile.ts', '--runs', String(Math.min(runs, 3))]);
  print('### Hostile input against the decoder\'s caps');
  print();
  print(r.stdout.trim());
}

if (sections.has('ocr')) {
  const r = JSON.parse(node([TSX, 'scripts/bench/ocr.ts', '--runs', String(Math.min(runs, 3))]).stdout) as OcrBenchResult;
  print('### OCR: scans of both corpus PDFs (150 dpi, image-only PDFs)');
  print();
  print(`${r.pages} pages, read ${Math.min(runs, 3)} times each without the cache, one ONNX Runtime thread (as one build worker per core). Engine load ${fmt(r.engineLoadMs)} ms (once per worker).`);
  print();
  print('| figure | median |');
  print('|---|---|');
  print(`| CPU time per page (render + detect + recognise + rebuild) | ${fmt(r.cpuMsPerPage / 1000, 2)} s |`);
  print(`| wall time per page, this run | ${fmt(r.wallMsPerPage / 1000, 2)} s |`);
  print(`| pages/s on two cores (two workers) | ${fmt((2 * 1000) / r.cpuMsPerPage, 2)} |`);
  print(`| share of OCR time inside the models (ONNX Runtime) | ${fmt(100 * r.modelShare, 0)}% |`);
  print(`| .doc (decode + parse) | ${fmt(r.docPerSecond)} docs/s |`);
  print(`| .docx of the same texts (decode + parse) | ${fmt(r.docxPerSecond)} docs/s |`);
  print();
  print('| scan | pages | figures given | missing | wrong |');
  print('|---|---|---|---|---|');
  for (const f of r.files) print(`| ${f.file} | ${f.pages} | ${f.correct}/${f.expected} (${fmt((100 * f.correct) / f.expected, 1)}%) | ${f.missing} | ${f.wrong.length} |`);
  print();
}

if (sections.has('site')) {
  const work = mkdtempSync(join(tmpdir(), 'bench-data-'));
  node([TSX, 'scripts/build-data.ts', '--raw', 'data/raw', '--out', work, '--quiet']);
  const s = await benchSite({ dataDir: work, runs });
  removeBuildOutput(work);
  print('### The overview in headless Chromium');
  print();
  siteTable('Sample reports (7)', s, true);
}

if (sections.has('first')) {
  const work = mkdtempSync(join(tmpdir(), 'bench-data-'));
  node([TSX, 'scripts/build-data.ts', '--raw', 'data/raw', '--out', work, '--quiet']);
  print('### First figures without the query engine');
  print();
  await firstFiguresTable('Sample reports (7)', work, { phoneBytes: '< 500 KB' });
  rmSync(work, { recursive: true, force: true });
}

if (sections.has('first-national')) {
  // The national corpus's data build as the national section left it (or --corpus DIR/build).
  const build = join(values.corpus!, 'build');
  if (!existsSync(join(build, 'manifest.json'))) throw new Error(`no national data build in ${build}: run npm run bench -- --national first`);
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));
  await firstFiguresTable(`National scale: ${fmt(manifest.files.total)} synthetic reports`, build, { phoneBytes: '< 2 MB' });
}

if (sections.has('collect')) {
  // Each run takes about a minute at this rate: at most three.
  const r = node([TSX, 'scripts/bench/collect.ts', '--hosts', '50', '--towns', '14', '--rate', '4', '--latency', '100', '--runs', String(Math.min(runs, 3))]);
  print('### Collecting (npm run collect)');
  print();
  print(r.stdout.trim());
  print();
}

if (sections.has('search')) {
  print('### The search index');
  print();
  print(node([TSX, 'scripts/bench/search.ts', '--runs', String(runs)]).stdout.trim());
  print();
}

if (sections.has('national')) {
  const corpus = values.corpus!;
  const raw = join(corpus, 'raw');
  const towns = Number(values.towns);
  if (!existsSync(join(raw, '.done'))) {
    rmSync(corpus, { recursive: true, force: true });
    const t = performance.now();
    node([TSX, 'scripts/gen-corpus.ts', '--towns', String(towns), '--years', '2019-2024', '--out', raw, '--seed', '7', '--quiet']);
    // The truth file is for the accuracy check, not a report: keep it out of the raw folder.
    node(['-e', `require('fs').renameSync(${JSON.stringify(join(raw, 'truth.jsonl'))}, ${JSON.stringify(join(corpus, 'truth.jsonl'))}); require('fs').writeFileSync(${JSON.stringify(join(raw, '.done'))}, '')`]);
    print(`Generated ${fmt(towns)} towns × 6 years in ${fmt((performance.now() - t) / 1000, 1)} s.`);
    print();
  }
  const build = join(corpus, 'build');
  const timed = (label: string) => {
    const r = node([TSX, 'scripts/build-data.ts', '--raw', raw, '--out', build, '--quiet'], { BUILD_PRINT_RUSAGE: '1' });
    const usage = JSON.parse(/RUSAGE (.*)/.exec(r.stderr)![1]) as { maxRssKb: number; wallMs: number };
    const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));
    return { label, ...usage, manifest };
  };
  removeBuildOutput(build);
  const cold = timed('cold (nothing cached)');
  const warm = timed('unchanged (every file cached)');
  print('### National scale: the data build');
  print();
  print(`${fmt(cold.manifest.files.total)} synthetic reports (every town of the national list × 2019–2024), ${mb(readdirSync(raw).reduce((s, d) => s + (statSync(join(raw, d)).isDirectory() ? readdirSync(join(raw, d)).reduce((t, f) => t + statSync(join(raw, d, f)).size, 0) : 0), 0))} of text.`);
  print();
  print('| build | wall time | peak RSS | parse | assemble | CSV | manifest | target |');
  print('|---|---|---|---|---|---|---|---|');
  for (const b of [cold, warm]) {
    const t = b.manifest.timings_ms;
    print(`| ${b.label} | ${fmt(b.wallMs / 1000, 1)} s | ${mb(b.maxRssKb * 1024)} | ${fmt(t.parse / 1000, 1)} s | ${fmt(t.assemble / 1000, 1)} s | ${fmt(t.csv / 1000, 1)} s | ${fmt(t.manifest / 1000, 1)} s | ${b === cold ? '< 300 s, < 2 GB' : ''} |`);
  }
  print();
  print('| output | rows | Parquet | CSV |');
  print('|---|---|---|---|');
  const outputs = cold.manifest.outputs as { file: string; table: string; format: string; bytes: number; rows: number | null }[];
  for (const table of [...new Set(outputs.filter((o) => o.format === 'parquet').map((o) => o.table))]) {
    const p = outputs.find((o) => o.table === table && o.format === 'parquet')!;
    const c = outputs.find((o) => o.table === table && o.format === 'csv');
    print(`| ${table} | ${fmt(p.rows ?? 0)} | ${mb(p.bytes)} | ${c ? mb(c.bytes) : ''} |`);
  }
  print();
  await firstFiguresTable(`National scale: ${fmt(cold.manifest.files.total)} synthetic reports`, build, { phoneBytes: '< 2 MB' });
  const s = await benchSite({ dataDir: build, runs });
  print('### National scale: the site');
  print();
  siteTable(`${fmt(cold.manifest.files.total)} synthetic reports`, s, true);
}

if (process.env.BENCH_OUT) (await import('node:fs')).writeFileSync(process.env.BENCH_OUT, out.join('\n') + '\n');
