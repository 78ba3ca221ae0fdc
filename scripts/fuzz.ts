// The parser's full fuzz run (npm run fuzz): 100,000 inputs from the
// generators of test/helpers/parse-fuzz.ts (arbitrary strings and bytes, text
// made of the reports' pieces, the samples damaged line by line and digit by
// digit), each decoded (bytes) and parsed in this process, timed, and its
// figures checked against the text. Prints how many inputs of each kind ran,
// the time per input (mean, 99th percentile, maximum), and every throw, slow
// input or figure not in the text. Exits 1 if there was any. The samples are
// parsed once first: loading the national gazetteer is start-up, not an input.
//
//   npm run fuzz [-- --runs N] [-- --seed S]
//
// CI runs the same property on 2,000 inputs (test/parse-properties.test.ts).

import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzInput, MAX_MS_PER_INPUT, runInput, warmUp, type FuzzInput } from '../test/helpers/parse-fuzz.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
  process.exit(2);
}

interface Failure {
  what: string;
  input: FuzzInput;
}

const times = new Float64Array(runs);
const kinds: Record<string, number> = {};
const failures: Failure[] = [];
let throws = 0;
let slow = 0;
let wrong = 0;
let n = 0;
let slowest = { ms: 0, kind: '' };
// Start-up (the gazetteer is loaded on the first report) is not any input's time.
warmUp();
const started = performance.now();

fc.assert(
  fc.property(fuzzInput, (input) => {
    kinds[input.kind] = (kinds[input.kind] ?? 0) + 1;
    try {
      const { ms, problems } = runInput(input);
      times[n] = ms;
      if (ms > slowest.ms) slowest = { ms, kind: input.kind };
      if (ms > MAX_MS_PER_INPUT) {
        slow++;
        failures.push({ what: `took ${ms.toFixed(0)} ms`, input });
      }
      if (problems.length > 0) {
        wrong++;
        failures.push({ what: problems.join('; '), input });
      }
    } catch (error) {
      throws++;
      failures.push({ what: `threw ${error instanceof Error ? error.stack : String(error)}`, input });
    }
    n++;
    if (n % 10_000 === 0) console.error(`${n.toLocaleString('en-US')} inputs, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }),
  { numRuns: runs, seed },
);

const sorted = times.slice(0, n).sort();
const total = sorted.reduce((a, b) => a + b, 0);
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(`# Parser fuzz run: ${n.toLocaleString('en-US')} inputs, seed ${seed}, Node ${process.version}`);
console.log('');
console.log('| inputs | kind |');
console.log('|---|---|');
for (const [kind, count] of Object.entries(kinds).sort()) console.log(`| ${count.toLocaleString('en-US')} | ${kind} |`);
console.log('');
console.log('| figure | value |');
console.log('|---|---|');
console.log(`| inputs | ${n.toLocaleString('en-US')} |`);
console.log(`| throws | ${throws} |`);
console.log(`| inputs over ${MAX_MS_PER_INPUT} ms | ${slow} |`);
console.log(`| outputs with a figure not in its cell of the text | ${wrong} |`);
console.log(`| time per input (decode + parse), mean | ${fmt(total / n)} |`);
console.log(`| time per input, 99th percentile | ${fmt(sorted[Math.floor(n * 0.99)] ?? 0)} |`);
console.log(`| time per input, maximum | ${fmt(slowest.ms)} (${slowest.kind}) |`);
console.log(`| wall time | ${((performance.now() - started) / 1000).toFixed(0)} s |`);
for (const f of failures.slice(0, 5)) console.log(`\nFAILED: ${f.what}\ninput: ${JSON.stringify(f.input.kind === 'bytes' ? { kind: 'bytes', bytes: Buffer.from(f.input.bytes).toString('base64') } : f.input).slice(0, 4000)}`);
process.exitCode = failures.length > 0 ? 1 : 0;
