// The search box's index of every place (src/lib/place/search-index*.ts): how
// long the site build takes to make it, its size raw and compressed (what a
// visitor downloads on first focus), how long decoding it takes, and single
// searches over it. Prints a Markdown table. Node, one process: the browser
// decodes with the same code.
//   tsx scripts/bench/search.ts [--runs N]

import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSearchIndex, indexPlaces } from '../../src/lib/place/search-index-build.ts';
import { decodeSearchIndex, type SearchIndexFile } from '../../src/lib/place/search-index.ts';
import { searchPlaces } from '../../src/lib/place/search.ts';
import { fmt, median } from './stats.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs) || 5);

/** CPU milliseconds of `f` (user + system), less sensitive than wall time to other processes on a shared machine. */
function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

let file: SearchIndexFile | null = null;
const buildMs = cpuMs(() => {
  file = buildSearchIndex(indexPlaces([]), 'bench');
});
const json = JSON.stringify(file);
const raw = Buffer.byteLength(json);
const gz = gzipSync(json, { level: constants.Z_BEST_COMPRESSION }).length;
const br = brotliCompressSync(json).length;
const parsedMs: number[] = [];
const decodeMs: number[] = [];
let places = decodeSearchIndex(JSON.parse(json) as SearchIndexFile);
for (let i = 0; i < runs; i++) {
  let parsed: SearchIndexFile | null = null;
  parsedMs.push(cpuMs(() => (parsed = JSON.parse(json) as SearchIndexFile)));
  decodeMs.push(cpuMs(() => (places = decodeSearchIndex(parsed!))));
}
const queries = ['l', '镇', 'liaocheng', '聊城', 'hgt'];
const queryMs = queries.map((q) => median(Array.from({ length: runs }, () => cpuMs(() => searchPlaces(places, q, { limit: 30 })))));

const kib = (b: number) => `${fmt(b / 1024, 0)} KiB`;
console.log(`${fmt(places.length)} places (every province, city, county and town of the national list). CPU time, median of ${runs} runs.`);
console.log();
console.log('| figure | value |');
console.log('|---|---|');
console.log(`| building the index (pinyin of every name; once per site build) | ${fmt(buildMs)} ms |`);
console.log(`| size: JSON / gzip -9 (as served) / brotli | ${kib(raw)} / ${kib(gz)} / ${kib(br)} |`);
console.log(`| JSON.parse | ${fmt(median(parsedMs))} ms |`);
console.log(`| decoding: codes, parents, readings and match keys of every place | ${fmt(median(decodeMs))} ms |`);
for (const [i, q] of queries.entries()) {
  const n = searchPlaces(places, q, { limit: 1e6 }).length;
  console.log(`| one search for “${q}” (${fmt(n)} match${n === 1 ? '' : 'es'}, best 30 kept) | ${fmt(queryMs[i], 1)} ms |`);
}
