// Every hand-checked figure in test/fixtures/expected/{seeds,corpus}.json
// (copied from the project's shared material) against the parser. The
// comparison itself (and the files' conventions) is in helpers/golden.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { decodeReport } from '../src/lib/decode/index.ts';
import { checkRecord, loadExpected as load } from './helpers/golden.ts';

const root = join(import.meta.dirname, '..');
function parseFile(path: string): ReportRecord {
  const decoded = decodeReport(readFileSync(path), path.split('/').pop()!);
  expect(decoded.ok, `${path} decodes`).toBe(true);
  return parseReport(decoded.text, path.split('/').pop()!, { today: new Date('2026-11-21') }).record;
}

describe('sample reports (seeds.json)', () => {
  for (const [file, expected] of Object.entries(load('seeds.json'))) {
    if (file.startsWith('_')) continue;
    it(file, () => checkRecord(parseFile(join(root, 'data/raw', file)), expected));
  }
});

describe('real reports (corpus.json)', () => {
  for (const [file, expected] of Object.entries(load('corpus.json'))) {
    if (file.endsWith('.pdf')) continue; // read by the PDF reader's own test
    const path = file.includes('.partial.') ? join(root, 'test/fixtures/corpus/excerpts', file) : join(root, 'data/raw', file);
    it(file, () => checkRecord(parseFile(path), expected));
  }
});
