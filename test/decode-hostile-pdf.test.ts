// Hostile PDFs (issue 12, item 3): content streams that inflate to a
// gigabyte, more pages, objects or text items than any report has. Each
// must give a failed result with input_over_limit quickly and in bounded
// memory, while ordinary PDFs (and large images, which text extraction never
// decodes) read as before. Inputs are made here; timings are in
// docs/benchmarks.md (npm run bench -- --only hostile).

import { describe, expect, it } from 'vitest';
import { decodeReportAsync, type DecodedReport } from '../src/lib/decode/index.ts';
import { DEFAULT_LIMITS } from '../src/lib/decode/limits.ts';
import { pdfFile, pdfTextLine } from './helpers/hostile.ts';

const MB = 1024 * 1024;

function expectOverLimit(r: DecodedReport, fileName: string, says: string): void {
  expect(r.ok).toBe(false);
  expect(r.text).toBe('');
  expect(r.format).toBe('pdf');
  expect(r.findings.map((f) => f.rule)).toEqual(['input_over_limit']);
  expect(r.findings[0].severity).toBe('error');
  expect(r.findings[0].message).toContain(fileName);
  expect(r.findings[0].message).toContain(says);
}

describe('PDF caps', () => {
  it('refuses a content stream of 1 GB of spaces (41 s and 2.2 GB before the caps) in bounded memory', { timeout: 30_000 }, async () => {
    const bytes = await pdfFile({ pages: 1, contentChunk: ' '.repeat(MB), contentTimes: 1024 });
    expect(bytes.length).toBeLessThan(2 * MB);
    const rssBefore = process.memoryUsage().rss;
    const r = await decodeReportAsync(bytes, 'spaces.pdf');
    expect((process.resourceUsage().maxRSS * 1024 - rssBefore) / MB).toBeLessThan(300);
    expectOverLimit(r, 'spaces.pdf', `${DEFAULT_LIMITS.pdfStreamBytes / MB}.0 MB`);
  });

  it('refuses streams that stay under the per-stream cap but not under the total', async () => {
    const bytes = await pdfFile({ pages: 3, contentChunk: ' '.repeat(1024), contentTimes: 1024, streamPerPage: true });
    const r = await decodeReportAsync(bytes, 'total.pdf', { limits: { pdfStreamBytes: 2 * MB, pdfTotalStreamBytes: 2 * MB } });
    expectOverLimit(r, 'total.pdf', '合计超过 2.0 MB');
  });

  it('refuses more pages than the cap before reading any', { timeout: 30_000 }, async () => {
    const pages = DEFAULT_LIMITS.pdfPages + 1;
    const bytes = await pdfFile({ pages, contentChunk: pdfTextLine('Hello'), contentTimes: 1 });
    expectOverLimit(await decodeReportAsync(bytes, 'pages.pdf'), 'pages.pdf', `共 ${pages} 页`);
  });

  it('refuses 20,000 pages (over 300 s before the caps)', { timeout: 30_000 }, async () => {
    const bytes = await pdfFile({ pages: 20_000, contentChunk: pdfTextLine('Hello'), contentTimes: 1 });
    expectOverLimit(await decodeReportAsync(bytes, 'many-pages.pdf'), 'many-pages.pdf', '共 20000 页');
  });

  it('refuses more objects than the cap', async () => {
    const bytes = await pdfFile({ pages: 20, contentChunk: pdfTextLine('Hello'), contentTimes: 1 });
    expectOverLimit(await decodeReportAsync(bytes, 'objects.pdf', { limits: { pdfObjects: 10 } }), 'objects.pdf', '10 个对象');
  });

  it('stops reading text items at the cap', async () => {
    const bytes = await pdfFile({ pages: 2, contentChunk: pdfTextLine('Hello'), contentTimes: 600 });
    const r = await decodeReportAsync(bytes, 'items.pdf', { limits: { pdfTextItems: 1000 } });
    expectOverLimit(r, 'items.pdf', '1000 个');
  });

  it('reads an ordinary page beside a 64 MB image: images are not decoded for text, nor counted', { timeout: 30_000 }, async () => {
    const bytes = await pdfFile({ pages: 1, contentChunk: pdfTextLine('Annual report 2023'), contentTimes: 1, imageBytes: 64 * MB });
    const r = await decodeReportAsync(bytes, 'image.pdf');
    expect(r.ok).toBe(true);
    expect(r.text).toBe('Annual report 2023\n');
  });
});
