// Every hand-checked figure of the samples and the shared corpus, read again
// from the forms converters and PDF viewers leave reports in:
//   content-stream text   the corpus PDFs as pdftotext (without -layout) and
//                         pdf.js give them (test/fixtures/derived, made by
//                         scripts/make-derived-fixtures.ts)
//   converter Markdown    every report through synth/convert.ts with every
//                         damage (tables split, labels apart from their figures,
//                         rows merged, generic headers, sections renumbered),
//                         under several seeds (a wider sweep is in
//                         docs/recovery.md)
// The figures must all be there, none wrong; the figures recovered are marked
// as placed by identity.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { MARKDOWN_DAMAGES, toConverterMarkdown } from '../src/lib/synth/convert.ts';
import { Rng } from '../src/lib/synth/prng.ts';
import { checkRecord, loadExpected } from './helpers/golden.ts';

const root = join(import.meta.dirname, '..');
const today = new Date('2026-11-21');
const parse = (text: string, name: string): ReportRecord => parseReport(text, name, { today }).record;

const corpus = loadExpected('corpus.json');
const seeds = loadExpected('seeds.json');

/** Figures placed by identity, in all three tables. */
function identityPlaced(record: ReportRecord): number {
  let n = 0;
  for (const table of [record.disclosure, record.applications, record.reviews]) {
    for (const row of Object.values(table)) for (const f of Object.values(row)) if (f.placement === 'identity') n++;
  }
  return n;
}

describe('content-stream text of the corpus PDFs', () => {
  for (const order of ['pdftotext', 'pdfjs']) {
    const dir = join(root, 'test/fixtures/derived', order);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      it(`${order}: ${file}`, () => {
        const expected = corpus[file];
        expect(expected, `${file} has expected figures`).toBeDefined();
        const record = parse(readFileSync(join(dir, file), 'utf8'), file);
        checkRecord(record, expected);
        expect(identityPlaced(record), 'figures placed by identity').toBeGreaterThan(0);
        expect(record.findings.some((f) => f.rule === 'recovered_by_identity')).toBe(true);
      });
    }
  }
});

interface Source {
  name: string;
  path: string;
  expected: Record<string, unknown>;
}

function sources(): Source[] {
  const out: Source[] = [];
  for (const [name, expected] of Object.entries(seeds)) if (!name.startsWith('_')) out.push({ name, path: join(root, 'data/raw', name), expected });
  for (const [name, expected] of Object.entries(corpus)) {
    if (name.endsWith('.pdf')) continue;
    out.push({ name, path: join(root, name.includes('.partial.') ? 'test/fixtures/corpus/excerpts' : 'data/raw', name), expected });
  }
  return out;
}

describe('converter Markdown of every sample and corpus report', () => {
  // The excerpts stop in the middle of a table: a row run together with the cut-off row leaves
  // nothing to tell which labels its figures belong to (they come out null, as they should).
  const all = new Set(MARKDOWN_DAMAGES);
  const cut = new Set(MARKDOWN_DAMAGES.filter((d) => d !== 'merged_rows'));
  for (const source of sources()) {
    it(basename(source.path), () => {
      const text = readFileSync(source.path, 'utf8');
      const damages = source.name.includes('.partial.') ? cut : all;
      for (let seed = 1; seed <= 8; seed++) {
        const markdown = toConverterMarkdown(text, Rng.of('markdown', seed), damages);
        const record = parse(markdown, source.name);
        try {
          checkRecord(record, source.expected);
        } catch (error) {
          throw new Error(`seed ${seed}: ${(error as Error).message}`);
        }
      }
    });
  }
});
