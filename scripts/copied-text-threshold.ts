// npm run threshold:copied-text [-- --towns N]
//
// The data behind the copied-text threshold (COPIED_TEXT in the template model),
// printed as the Markdown tables of docs/cross-checks.md:
//   1. unrelated real reports: every pair of the samples (data/raw) and the corpus excerpts
//      (test/fixtures/corpus/excerpts), exact shingle Jaccard and the signature's estimate;
//   2. real copies: each real report copied with the names and figures changed, then with a share
//      of its sentences replaced by other reports' sentences (a copy partly rewritten);
//   3. synthetic: every pair of N towns' independent reports of one year, and the synthetic copies.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeReport } from '../src/lib/decode/index.ts';
import { tokenize } from '../src/lib/parse/cells.ts';
import { parseReport } from '../src/lib/validate/index.ts';
import { fingerprintOf, nameForms, narrativeText, normalizeNarrative, shingleJaccard, signatureSimilarity } from '../src/lib/parse/fingerprint.ts';
import { generateReport, pickTowns, uniqueTownNames } from '../src/lib/synth/index.ts';
import { Rng } from '../src/lib/synth/prng.ts';
import { COPIED_TEXT } from '../src/lib/template/model.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { towns: { type: 'string', default: '400' } } });

interface Doc {
  name: string;
  /** Narrative as written and its names. */
  text: string;
  names: string[];
}

const norm = (d: Doc, text = d.text) => normalizeNarrative(text, d.names);
const sim = (a: string, b: string) => ({ exact: shingleJaccard(a, b), estimate: signatureSimilarity(fingerprintOf(a).signature, fingerprintOf(b).signature) ?? 0 });

function readDocs(): Doc[] {
  const seen = new Set<string>();
  const docs: Doc[] = [];
  for (const dir of ['data/raw', 'test/fixtures/corpus/excerpts']) {
    for (const file of readdirSync(join(ROOT, dir)).sort()) {
      const bytes = readFileSync(join(ROOT, dir, file));
      const decoded = decodeReport(bytes, file);
      if (!decoded.ok) continue;
      const text = narrativeText(tokenize(decoded.text));
      if (seen.has(text)) continue;
      seen.add(text);
      const r = parseReport(decoded.text, file).record;
      docs.push({ name: file, text, names: nameForms([r.agency, r.town, r.county, r.city, r.province]) });
    }
  }
  return docs;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
};
const f2 = (x: number) => x.toFixed(3);

function unrelated(docs: Doc[]): void {
  const exact: number[] = [];
  const est: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const s = sim(norm(docs[i]), norm(docs[j]));
      exact.push(s.exact);
      est.push(s.estimate);
    }
  }
  console.log(`### 1. Unrelated real reports (${docs.length} reports, ${exact.length} pairs)\n`);
  console.log('| measure | median | max |', '\n|---|---|---|');
  console.log(`| exact shingle Jaccard | ${f2(quantile(exact, 0.5))} | ${f2(Math.max(...exact))} |`);
  console.log(`| signature estimate | ${f2(quantile(est, 0.5))} | ${f2(Math.max(...est))} |\n`);
}

const sentences = (text: string) => text.split(/(?<=[。；！？])/).filter((s) => s.trim().length > 0);

function copies(docs: Doc[]): void {
  const long = docs.filter((d) => norm(d).length - 4 >= COPIED_TEXT.minShingles);
  const pool = docs.flatMap((d) => sentences(d.text));
  const rng = Rng.of('copied-text-threshold');
  console.log(`### 2. Real reports copied (${long.length} reports with at least ${COPIED_TEXT.minShingles} shingles)\n`);
  console.log('A copy with the names and figures changed leaves the same normalized text: similarity 1. Then a share of its sentences is replaced by sentences of the other reports.\n');
  console.log('| sentences rewritten | (1 − f)/(1 + f) | exact: min | exact: median | estimate: min | estimate: median |', '\n|---|---|---|---|---|---|');
  for (const f of [0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5]) {
    const exact: number[] = [];
    const est: number[] = [];
    for (const d of long) {
      for (let k = 0; k < 5; k++) {
        const own = sentences(d.text);
        const others = pool.filter((s) => !own.includes(s));
        const n = Math.round(f * own.length);
        const idx = rng.shuffle(own.map((_, i) => i)).slice(0, n);
        const copy = own.map((s, i) => (idx.includes(i) ? rng.pick(others) : s)).join('');
        const s = sim(norm(d), norm(d, copy));
        exact.push(s.exact);
        est.push(s.estimate);
      }
    }
    console.log(`| ${f * 100} % | ${f2((1 - f) / (1 + f))} | ${f2(Math.min(...exact))} | ${f2(quantile(exact, 0.5))} | ${f2(Math.min(...est))} | ${f2(quantile(est, 0.5))} |`);
  }
  console.log('');
}

function synthetic(n: number): void {
  const towns = pickTowns(n, 'copied-text-threshold');
  const unique = uniqueTownNames();
  const docs = towns.map((town) => {
    const { text, prose } = generateReport({ town, year: 2022, seed: 'copied-text-threshold', uniqueName: unique.has(town.name), inconsistentRate: 0, file: 'x' });
    const r = parseReport(text, 'x');
    return { fp: r.fingerprint, town, prose };
  });
  const est: number[] = [];
  for (let i = 0; i < docs.length; i++) for (let j = i + 1; j < docs.length; j++) est.push(signatureSimilarity(docs[i].fp.signature, docs[j].fp.signature) ?? 0);
  // Copies: each town's report written again with a neighbour's words (its names, its figures).
  const copied: number[] = [];
  for (let i = 1; i < Math.min(docs.length, 200); i++) {
    const { text } = generateReport({ town: towns[i], year: 2022, seed: 'copied-text-threshold', uniqueName: unique.has(towns[i].name), inconsistentRate: 0, file: 'x', prose: docs[i - 1].prose });
    copied.push(signatureSimilarity(parseReport(text, 'x').fingerprint.signature, docs[i - 1].fp.signature) ?? 0);
  }
  console.log(`### 3. Synthetic reports (${n} towns, one year: ${est.length} pairs; ${copied.length} copies)\n`);
  console.log('| pairs | median | 99th percentile | 99.9th percentile | max | min |', '\n|---|---|---|---|---|---|');
  console.log(`| independent | ${f2(quantile(est, 0.5))} | ${f2(quantile(est, 0.99))} | ${f2(quantile(est, 0.999))} | ${f2(Math.max(...est))} | |`);
  console.log(`| a neighbour's words copied | ${f2(quantile(copied, 0.5))} | | | ${f2(Math.max(...copied))} | ${f2(Math.min(...copied))} |\n`);
}

const docs = readDocs();
console.log(`Threshold in force: ${COPIED_TEXT.threshold} (shingles of 5 characters, ${COPIED_TEXT.minShingles} at least).\n`);
unrelated(docs);
copies(docs);
synthetic(Number(values.towns));
