// Writes a synthetic corpus to disk, one report at a time: DIR/<province
// code>/<town code>_<year>.txt and DIR/truth.jsonl. Nothing but the town list
// and one report is held in memory; truth lines are written in chunks.

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { allTowns, type ResolvedPlace } from '../gazetteer/index.ts';
import { Rng } from './prng.ts';
import { generateReport, type GeneratedReport } from './report.ts';
import { DEFAULT_SEQUENCE_RATES, type ProseSource, type SequenceRates } from './sequence.ts';

export interface CorpusOptions {
  out: string;
  /** How many towns (the first N of a seeded shuffle of the national list). */
  towns: number;
  /** Instead: every town of these counties (codes), so that towns have peers (a small corpus for tests). */
  counties?: readonly string[];
  years: readonly number[];
  seed?: string | number;
  /** Share of reports with a deliberate inconsistency; default 0.03. */
  inconsistent?: number;
  /** Shares of broken continuity, late publication, copied words and second versions (sequence.ts). */
  sequence?: SequenceRates;
  /** Called every `progressEvery` reports. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface CorpusStats {
  reports: number;
  towns: number;
  bytes: number;
  ms: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_INCONSISTENT = 0.03;
const TRUTH_CHUNK = 1 << 20;

/** The first `n` towns of the national list in a seeded shuffle (the same seed gives the same towns). */
export function pickTowns(n: number, seed: string | number): ResolvedPlace[] {
  const towns = [...allTowns()];
  Rng.of(seed, 'towns').shuffle(towns);
  return towns.slice(0, Math.max(0, Math.min(n, towns.length)));
}

/** Names borne by one town only in the whole national list. */
export function uniqueTownNames(): Set<string> {
  const count = new Map<string, number>();
  for (const t of allTowns()) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n === 1).map(([name]) => name));
}

export function reportPath(town: ResolvedPlace, year: number): string {
  return `${town.province_code}/${town.code}_${year}.txt`;
}

export function generateCorpus(options: CorpusOptions): CorpusStats {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const rate = options.inconsistent ?? DEFAULT_INCONSISTENT;
  const towns = options.counties ? [...allTowns()].filter((t) => options.counties!.includes(t.county_code!)) : pickTowns(options.towns, seed);
  const unique = uniqueTownNames();
  const total = towns.length * options.years.length;
  const every = options.progressEvery ?? 10_000;

  mkdirSync(options.out, { recursive: true });
  const made = new Set<string>();
  const truthFd = openSync(join(options.out, 'truth.jsonl'), 'w');
  let chunk = '';
  let done = 0;
  let bytes = 0;
  const rates = options.sequence ?? DEFAULT_SEQUENCE_RATES;
  // The words of the town generated last, per year: a neighbour to copy from.
  const lastProse = new Map<number, ProseSource>();
  const write = (file: string, report: GeneratedReport) => {
    const data = Buffer.from(report.text, 'utf8');
    writeFileSync(join(options.out, file), data);
    bytes += data.length;
    chunk += JSON.stringify(report.truth) + '\n';
    if (chunk.length >= TRUTH_CHUNK) {
      writeSync(truthFd, chunk);
      chunk = '';
    }
    if (++done % every === 0) options.onProgress?.(done, total);
  };
  try {
    for (const town of towns) {
      if (!made.has(town.province_code)) {
        mkdirSync(join(options.out, town.province_code), { recursive: true });
        made.add(town.province_code);
      }
      let previous: { year: number; report: GeneratedReport } | null = null;
      for (const year of options.years) {
        const file = reportPath(town, year);
        const base = { town, year, seed, uniqueName: unique.has(town.name), inconsistentRate: rate, rates };
        const carry = previous?.year === year - 1 ? previous.report.carry : null;
        const pick = Rng.of(seed, town.code, year, 'sequence');
        const prose = previous && pick.chance(rates.copied) ? previous.report.prose : lastProse.has(year) && pick.chance(rates.copied) ? lastProse.get(year)! : null;
        const report = generateReport({ ...base, file, carry, prose });
        write(file, report);
        if (pick.chance(rates.duplicated)) {
          // Published twice: the same file again, or a first version with other figures published earlier.
          const second = file.replace(/\.txt$/, '_2.txt');
          const again = pick.chance(0.5);
          write(second, again ? { ...report, truth: { ...report.truth, file: second, duplicate_of: file } } : generateReport({ ...base, file: second, carry, duplicateOf: { file, published_on: report.truth.published_on } }));
        }
        lastProse.set(year, report.prose);
        previous = { year, report };
      }
    }
    if (chunk) writeSync(truthFd, chunk);
  } finally {
    closeSync(truthFd);
  }
  return { reports: done, towns: towns.length, bytes, ms: performance.now() - started };
}
