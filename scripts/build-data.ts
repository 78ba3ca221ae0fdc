// npm run build:data -- [--raw DIR] [--out DIR] [--strict] [--workers N] [--file-timeout SECONDS] [--no-cache] [--no-csv]
//
// For the kill test (test/build-kill.test.ts): BUILD_REPORT_PHASES=1 prints 'PHASE <step>' on
// stderr as each step starts, and BUILD_PAUSE_AT=<step>:<ms> holds the build that long at the start
// of that step, so that a kill can be aimed at a step that takes no time (the switch). For the
// benchmark: BUILD_PRINT_RUSAGE=1 prints the peak memory (see below).
//
// Exit codes: 0 built; 1 built, but --strict and a file failed or an
// error-level finding exists; 2 bad arguments or no raw folder; 3 the build
// itself crashed.

import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildData } from '../src/lib/build/index.ts';
import { RULES, type RuleCode } from '../src/lib/findings.ts';

const USAGE = 'usage: npm run build:data -- [--raw DIR] [--out DIR] [--strict] [--workers N] [--file-timeout SECONDS] [--no-cache] [--no-csv]';

function args() {
  try {
    return parseArgs({
      options: {
        raw: { type: 'string', default: 'data/raw' },
        out: { type: 'string', default: 'data/build' },
        strict: { type: 'boolean', default: false },
        workers: { type: 'string' },
        'file-timeout': { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        'no-csv': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const opts = args();
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!existsSync(opts.raw) || !statSync(opts.raw).isDirectory()) {
  console.error(`原始报告目录不存在：${opts.raw}\n${USAGE}`);
  process.exit(2);
}
const workers = opts.workers === undefined ? undefined : Number(opts.workers);
if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) {
  console.error(`--workers 应为正整数：${opts.workers}\n${USAGE}`);
  process.exit(2);
}

const timeout = opts['file-timeout'] === undefined ? undefined : Number(opts['file-timeout']);
if (timeout !== undefined && !(timeout > 0)) {
  console.error(`--file-timeout 应为正数（秒）：${opts['file-timeout']}\n${USAGE}`);
  process.exit(2);
}

function reportPhase(phase: string): void {
  process.stderr.write(`PHASE ${phase}\n`);
  const [at, ms] = (process.env.BUILD_PAUSE_AT ?? '').split(':');
  if (at === phase) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
}

try {
  const started = performance.now();
  // Peak resident memory: the parse processes run only during the parse step, DuckDB only after it.
  let parseStepKb = 0;
  const manifest = await buildData({
    raw: opts.raw,
    out: opts.out,
    workers,
    fileTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
    cache: !opts['no-cache'],
    csv: !opts['no-csv'],
    log: opts.quiet ? undefined : (l) => console.log(l),
    onPhase: process.env.BUILD_REPORT_PHASES ? reportPhase : undefined,
    onParsed: (run) => (parseStepKb = process.resourceUsage().maxRSS + run.workerMaxRssKb.reduce((a, b) => a + b, 0)),
  });
  const { files, findings } = manifest;
  const status = Object.entries(files.by_status).map(([s, n]) => `${s} ${n}`).join('，');
  console.log(`完成：${files.total} 个文件（新解析 ${files.parsed}，未改动 ${files.unchanged}）；${status}；用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒 → ${opts.out}`);
  if (!opts.quiet) {
    const rules = Object.entries(findings.by_rule);
    if (rules.length) console.log('发现（按规则）：');
    for (const [rule, n] of rules) {
      const spec = RULES[rule as RuleCode];
      console.log(`  ${String(n).padStart(7)}  ${spec?.severity.padEnd(7) ?? ''} ${rule}  ${spec?.title ?? ''}`);
    }
  }
  // For the benchmark: an upper bound of the peak resident memory of the build and its parse
  // processes together (during the parse step: this process's peak so far plus each lane's).
  if (process.env.BUILD_PRINT_RUSAGE) {
    const maxRssKb = Math.max(process.resourceUsage().maxRSS, parseStepKb);
    console.error(`RUSAGE ${JSON.stringify({ maxRssKb, wallMs: Math.round(performance.now() - started) })}`);
  }
  const failed = files.by_status.failed ?? 0;
  const errors = findings.by_severity.error ?? 0;
  if (opts.strict && (failed > 0 || errors > 0)) {
    console.error(`--strict：${failed} 个文件解析失败，${errors} 条错误级发现。`);
    process.exit(1);
  }
} catch (error) {
  console.error('构建失败：', error);
  process.exit(3);
}
