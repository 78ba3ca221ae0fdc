// Parse throughput on one core: the sample reports replicated to N files on
// disk, timed as (a) read + decode only and (b) read + decode + parse +
// validate, in the same process, alternating, several rounds. Reports the
// medians and the ratio of the parse cost to the read-and-decode cost.
//
// Run by `npm run bench` as a process of its own (`tsx scripts/bench/parse.ts --runs N` prints the
// result as JSON), with only the decoder and the parser loaded, as in a build worker: in the bench's
// own process the modules of the other sections (Chromium driving, PDF) weigh on every garbage
// collection and slowed parsing by a fifth.

import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeReport } from '../../src/lib/decode/index.ts';
import { parseReport } from '../../src/lib/validate/index.ts';
import { median } from './stats.ts';

export interface ParseBenchResult {
  files: number;
  bytes: number;
  rounds: number;
  readDecodeMs: number;
  fullMs: number;
  reportsPerSecond: number;
  readDecodePerSecond: number;
  /** (full − read/decode) ÷ read/decode: what parsing costs on top of reading the file. */
  parseToReadRatio: number;
}

function replicate(source: string, target: string, count: number): string[] {
  const samples = readdirSync(source).filter((f) => !f.startsWith('.')).sort();
  rmSync(target, { recursive: true, force: true });
  const files: string[] = [];
  for (let i = 0; files.length < count; i++) {
    const dir = join(target, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(dir, { recursive: true });
    const sample = samples[i % samples.length];
    const path = join(dir, `${i}_${sample}`);
    cpSync(join(source, sample), path);
    files.push(path);
  }
  return files;
}

export function benchParse({ count = 10_010, rounds = 5, source = 'data/raw' } = {}): ParseBenchResult {
  const dir = join(tmpdir(), 'bench-parse-corpus');
  const files = replicate(source, dir, count);
  let bytes = 0;
  const readDecode = () => {
    const t = performance.now();
    for (const f of files) {
      const b = readFileSync(f);
      decodeReport(b, f);
    }
    return performance.now() - t;
  };
  const full = () => {
    const t = performance.now();
    for (const f of files) {
      const b = readFileSync(f);
      const d = decodeReport(b, f);
      if (d.ok) parseReport(d.text, f);
    }
    return performance.now() - t;
  };
  for (const f of files) bytes += readFileSync(f).length;
  // Warm-up: load the gazetteer, compile the code, fill the page cache.
  full();
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(readDecode());
    b.push(full());
  }
  rmSync(dir, { recursive: true, force: true });
  const readDecodeMs = median(a);
  const fullMs = median(b);
  return {
    files: files.length,
    bytes,
    rounds,
    readDecodeMs,
    fullMs,
    reportsPerSecond: files.length / (fullMs / 1000),
    readDecodePerSecond: files.length / (readDecodeMs / 1000),
    parseToReadRatio: median(a.map((x, i) => (b[i] - x) / x)),
  };
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
console.log(JSON.stringify(benchParse({ rounds: Math.max(1, Number(values.runs) || 5) })));
