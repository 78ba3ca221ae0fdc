// npm run gen:corpus -- --towns N --years 2019-2024 --out DIR [--seed S] [--inconsistent RATE]
// npm run gen:corpus -- --verify DIR [--limit N]
//
// Writes a synthetic corpus of township reports (see src/lib/synth) or checks
// the parser against one. Exit codes: 0 done (verify: no error found); 1
// verify found wrong figures, missed inconsistencies or false alarms; 2 bad
// arguments.

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_INCONSISTENT, DEFAULT_SEED, generateCorpus } from '../src/lib/synth/corpus.ts';
import { verifyCorpus, type Mismatch, type VerifyResult } from '../src/lib/synth/verify.ts';
import { verifyCrossChecks, type CrossVerifyResult } from '../src/lib/synth/verify-cross.ts';

const USAGE = `usage: npm run gen:corpus -- --towns N --years 2019-2024 --out DIR [--seed S] [--inconsistent RATE]
       npm run gen:corpus -- --verify DIR [--limit N] [--build BUILD_DIR | --no-cross]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function args() {
  try {
    return parseArgs({
      options: {
        towns: { type: 'string' },
        years: { type: 'string', default: '2019-2024' },
        out: { type: 'string' },
        seed: { type: 'string', default: String(DEFAULT_SEED) },
        inconsistent: { type: 'string', default: String(DEFAULT_INCONSISTENT) },
        verify: { type: 'string' },
        limit: { type: 'string' },
        build: { type: 'string' },
        'no-cross': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

function parseYears(s: string): number[] {
  const years = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(part);
    if (!m) fail(`--years 应为 2019-2024 或 2019,2021 这样的年份：${s}`);
    const a = Number(m[1]);
    const b = Number(m[2] ?? m[1]);
    if (b < a || a < 2019) fail(`--years 的年份应自 2019 年起且按先后写：${s}`);
    for (let y = a; y <= b; y++) years.add(y);
  }
  return [...years].sort((x, y) => x - y);
}

function positiveInt(name: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} 应为正整数：${s}`);
  return n;
}

const opts = args();
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}

if (opts.verify !== undefined) {
  if (!existsSync(opts.verify)) fail(`目录不存在：${opts.verify}`);
  const limit = positiveInt('limit', opts.limit);
  const started = performance.now();
  const result = await verifyCorpus(opts.verify, {
    limit,
    onReport: opts.quiet ? undefined : (n) => n % 1000 === 0 && process.stderr.write(`  已核对 ${n} 份\n`),
  });
  printSummary(result, performance.now() - started);
  let badCross = 0;
  // The checks across reports need the whole corpus built (a --limit run checks single reports only).
  if (!opts['no-cross'] && limit === undefined) {
    const crossStarted = performance.now();
    const cross = await verifyCrossChecks(opts.verify, { buildDir: opts.build, log: opts.quiet ? undefined : (line) => process.stderr.write(`  ${line}\n`) });
    printCross(cross, performance.now() - crossStarted);
    badCross = cross.missed.length + cross.falseAlarms.length + cross.otherMismatches.length;
  }
  const bad = result.wrong.length + result.missedInconsistencies.length + result.falseAlarms.length + result.unreadable.length + badCross;
  process.exit(bad > 0 ? 1 : 0);
}

const towns = positiveInt('towns', opts.towns) ?? fail('缺少 --towns');
if (!opts.out) fail('缺少 --out');
const years = parseYears(opts.years);
const inconsistent = Number(opts.inconsistent);
if (!(inconsistent >= 0 && inconsistent <= 1)) fail(`--inconsistent 应在 0 到 1 之间：${opts.inconsistent}`);
const stats = generateCorpus({
  out: opts.out,
  towns,
  years,
  seed: opts.seed,
  inconsistent,
  onProgress: opts.quiet ? undefined : (done, total) => process.stderr.write(`  ${done} / ${total}\n`),
});
const seconds = stats.ms / 1000;
console.log(
  `完成：${stats.towns} 个乡镇 × ${years.length} 年 = ${stats.reports} 份报告，${(stats.bytes / 1e6).toFixed(1)} MB，用时 ${seconds.toFixed(1)} 秒（${Math.round(stats.reports / seconds)} 份/秒）→ ${opts.out}`,
);

function printSummary(r: VerifyResult, ms: number): void {
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(3)}%`);
  console.log(`核对 ${r.reports} 份报告，${r.figures} 个数字，用时 ${(ms / 1000).toFixed(1)} 秒`);
  console.log(`  数字错误：${r.wrong.length}（${pct(r.wrong.length, r.figures)}），涉及 ${new Set(r.wrong.map((w) => w.file)).size} 份报告`);
  console.log(`  漏报的故意不一致：${r.missedInconsistencies.length}`);
  console.log(`  误报（干净报告或多出的核对失败）：${r.falseAlarms.length}`);
  console.log(`  年度、模板、落款日期、区划代码错误：${r.meta.wrong.length} / ${r.meta.compared}`);
  const units = new Set(r.meta.unplacedUnits.map((m) => m.expected));
  if (units.size) console.log(`  无法定位的非乡镇街道单位（开发区、农场等，名称不以镇、乡、街道、苏木结尾）：${units.size} 个单位，${r.meta.unplacedUnits.length} 份报告`);
  if (r.unreadable.length) console.log(`  无法读取的文件：${r.unreadable.length}`);
  console.log('  按版式：');
  for (const [tag, s] of Object.entries(r.byLayout).sort()) console.log(`    ${tag.padEnd(24)} ${String(s.reports).padStart(7)} 份，出错 ${s.failed}`);
  const groups = (list: Mismatch[]) => {
    const by = new Map<string, Mismatch[]>();
    for (const w of list) {
      const k = w.path.replace(/\.[a-z_]+$/, (m) => (w.path.startsWith('applications') || w.path.startsWith('reviews') ? '.*' : m));
      by.set(k, [...(by.get(k) ?? []), w]);
    }
    return [...by].sort((a, b) => b[1].length - a[1].length);
  };
  for (const [title, list] of [['数字错误', r.wrong], ['元数据错误', r.meta.wrong]] as const) {
    if (list.length === 0) continue;
    console.log(`  ${title}（按位置，前 15 项）：`);
    for (const [path, ws] of groups(list).slice(0, 15)) console.log(`    ${String(ws.length).padStart(6)}  ${path}  例如 ${ws[0].file}：应为 ${JSON.stringify(ws[0].expected)}，读到 ${JSON.stringify(ws[0].actual)}`);
  }
  for (const [title, list] of [['漏报', r.missedInconsistencies], ['误报', r.falseAlarms]] as const) {
    for (const m of list.slice(0, 10)) console.log(`  ${title}：${m.file} ${m.check}:${m.scope}（${m.status}）${m.detail ?? ''}`);
  }
}

function printCross(r: CrossVerifyResult, ms: number): void {
  console.log(`跨报告核对：${r.reports} 份报告（构建并核对用时 ${(ms / 1000).toFixed(1)} 秒；未定位为乡镇的单位 ${r.skipped} 份不计）`);
  for (const [check, n] of Object.entries(r.compared)) console.log(`    ${check.padEnd(24)} 应通过 ${n.pass}，应不通过 ${n.fail}，应无法核对 ${n.not_checkable}`);
  console.log(`  漏报：${r.missed.length}`);
  console.log(`  误报：${r.falseAlarms.length}`);
  console.log(`  其他不一致（应无法核对而通过或相反，或所指报告不对）：${r.otherMismatches.length}`);
  for (const [title, list] of [['漏报', r.missed], ['误报', r.falseAlarms], ['不一致', r.otherMismatches]] as const) {
    for (const m of list.slice(0, 10)) console.log(`  ${title}：${m.file} ${m.check}:${m.scope}（应为 ${m.expected}，得到 ${m.actual}）${m.detail ?? ''}`);
  }
}
