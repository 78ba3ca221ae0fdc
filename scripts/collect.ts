// npm run collect -- --from URL [--from URL …] [--list FILE] [--out DIR] [--rate N] [--years 2019-2024] [--max N]
//
// Exit codes: 0 done (whatever some pages did); 1 nothing could be reached;
// 2 bad arguments. See docs/collect.md.

import { readFileSync } from 'node:fs';
import { ArgumentError, parseCollectArgs, USAGE, userAgent } from '../src/lib/collect/args.ts';
import { collect } from '../src/lib/collect/crawler.ts';
import { reporter } from '../src/lib/collect/progress.ts';

let options;
try {
  options = parseCollectArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ArgumentError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
if (!options.contact) console.error('提示：没有给出联系方式（--contact 或环境变量 COLLECT_CONTACT），网站管理员将无法联系你。');
const terminal = Boolean(process.stdout.isTTY) && !options.quiet;
const show = reporter((text) => process.stdout.write(text), terminal);
const started = Date.now();
const summary = await collect({ ...options, userAgent: userAgent(version, options.contact), onEvent: options.quiet ? undefined : (e) => show.onEvent(e) });
console.log(show.summary(summary, Date.now() - started));
console.log(`→ ${options.out}`);
// For the benchmark: this process's CPU time and peak memory.
if (process.env.COLLECT_PRINT_RUSAGE) {
  const u = process.resourceUsage();
  console.error(`RUSAGE ${JSON.stringify({ wallMs: Date.now() - started, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS })}`);
}
if (summary.requests > 0 && summary.responses === 0) {
  console.error('没有任何网站作出应答：请检查网络和地址。');
  process.exit(1);
}
