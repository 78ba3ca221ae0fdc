// Legacy Word: the five sample reports saved by LibreOffice as Word 97–2003
// documents (scripts/fixtures/make-docs.ts), as plain paragraphs and with
// their tables as real Word tables, must give every hand-checked figure of
// seeds.json. A .wps that WPS saved in Word's format reads the same; one in
// another format is a failed row that says so.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReportAsync } from '../src/lib/decode/index.ts';
import { parseReport } from '../src/lib/validate/index.ts';
import { checkRecord, loadExpected } from './helpers/golden.ts';

const DIR = join(import.meta.dirname, 'fixtures', 'doc');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.doc')).sort();
const seeds = loadExpected('seeds.json');
const TODAY = new Date('2026-11-21');

describe('.doc fixtures', () => {
  it('has both forms of all five samples', () => {
    expect(FILES).toHaveLength(10);
  });

  for (const file of FILES) {
    it(`${file}: every hand-checked figure`, async () => {
      const decoded = await decodeReportAsync(readFileSync(join(DIR, file)), file);
      expect(decoded.ok).toBe(true);
      expect(decoded.format).toBe('doc');
      expect(decoded.findings).toEqual([]);
      checkRecord(parseReport(decoded.text, file, { today: TODAY }).record, seeds[file.replace(/(\.tables)?\.doc$/, '.txt')]);
    });
  }

  it('keeps a Word table as TAB-separated cells', async () => {
    const file = FILES.find((f) => f.endsWith('.tables.doc'))!;
    const { text } = await decodeReportAsync(readFileSync(join(DIR, file)), file);
    expect(text).toMatch(/一、本年新收政府信息公开申请数量\t+0\t0\t0\t0\t0\t0\t0\t/);
  });
});

describe('.wps', () => {
  it('in Word format: read as Word', async () => {
    const bytes = readFileSync(join(DIR, FILES[1]));
    const decoded = await decodeReportAsync(bytes, '报告.wps');
    expect(decoded.format).toBe('wps');
    expect(decoded.ok).toBe(true);
    checkRecord(parseReport(decoded.text, '报告.wps', { today: TODAY }).record, seeds[FILES[1].replace(/(\.tables)?\.doc$/, '.txt')]);
  });

  it('in another format: a failed row that says so', async () => {
    // An OLE2 container without a WordDocument stream, as the old WPS format is.
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const decoded = await decodeReportAsync(bytes, '报告.wps');
    expect(decoded.ok).toBe(false);
    expect(decoded.format).toBe('wps');
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_unsupported_format']);
    expect(decoded.findings[0].message).toContain('不是与 Word 兼容的格式');
  });
});
