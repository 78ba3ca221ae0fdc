// `npm run parse` (scripts/parse.ts) reads every format the data build reads,
// through the same decoder (issue 12, item 13): a .docx made here from a
// sample and the corpus PDF print the record the build's reader gives, where
// they used to print 暂不支持.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeReportAsync } from '../src/lib/decode/index.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { removeTempDirs, ROOT, runScript, tempDir } from './helpers/build.ts';

afterAll(removeTempDirs);

const PDF = join(ROOT, 'test/fixtures/corpus/pdf/001_huaian_hongze_district_2023.pdf');
const SAMPLE = join(ROOT, 'data/raw/003_2945165e826adaca.txt');

/** The record the CLI printed: the JSON before its findings list. */
function printed(stdout: string): Omit<ReportRecord, 'findings'> {
  return JSON.parse(stdout.slice(0, stdout.indexOf('\nfindings (')));
}

/** What the data build's reader and the parser make of the file. */
async function asTheBuildReadsIt(path: string, name: string) {
  const decoded = await decodeReportAsync(new Uint8Array(readFileSync(path)), name);
  expect(decoded.ok, name).toBe(true);
  const { findings: _findings, ...record } = parseReport(decoded.text, name).record;
  return { format: decoded.format, record };
}

/** A Word file of the sample, one paragraph per line (TAB rows keep their TABs). */
async function sampleDocx(): Promise<string> {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  const path = join(tempDir('parse-cli'), 'sample.docx');
  writeFileSync(path, await Packer.toBuffer(doc));
  return path;
}

describe('npm run parse reads what the build reads', () => {
  it.each([
    ['the corpus PDF', async () => PDF],
    ['a .docx made from a sample', sampleDocx],
  ])('%s', async (_what, make) => {
    const path = await make();
    const name = path.split('/').pop()!;
    const { format, record } = await asTheBuildReadsIt(path, name);
    expect(['pdf', 'docx']).toContain(format);
    const r = await runScript('scripts/parse.ts', ['--', path], 120_000);
    expect(r.code, r.stderr + r.stdout.slice(0, 500)).toBe(0);
    expect(r.stdout).not.toContain('暂不支持');
    const got = printed(r.stdout);
    expect(got).toEqual(JSON.parse(JSON.stringify(record)));
    // And it is a report read in full, not an empty record.
    expect(got.agency).toBeTruthy();
    expect(got.tables_found).toEqual({ disclosure: true, applications: true, reviews: true });
  }, 150_000);
});
