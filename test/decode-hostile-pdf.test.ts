// Hostile PDFs (issue 12, item 3): content streams that inflate to a
// gigabyte, more pages, objects or text items than any report has. Each
// must give a failed result with input_over_limit quickly and in bounded
// memory, while ordinary PDFs (and large images, which text extraction never
// decodes) read as before. Inputs are made here; timings are in
// docs/benchmarks.md (npm run bench -- --only hostile).

import { describe, expect, it } from 'vitest';
import { decodeReportAsync, type DecodedReport } from '../src/lib/decode/index.ts';
import { DEFAULT_LIMITS } from '../src/lib/decode/limits.ts';
import { expectOverLimit as expectRefusal, pdfFile, pdfTextLine } from './helpers/hostile.ts';

const expectOverLimit = (r: DecodedReport, fileName: string, says: string) => expectRefusal(r, 'pdf', fileName, says);

const MB = 1024 * 1024;

describe('PDF caps', () => {
  it('refuses a content stream of 256 MB of spaces in bounded memory (1 GB took 41 s and 2.2 GB before the caps)', { timeout: 30_000 }, async () => {
    const bytes = await pdfFile({ pages: 1, contentChunk: ' '.repeat(MB), contentTimes: 256 });
    expect(bytes.length).toBeLessThan(MB);
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

  it('refuses more page objects than the cap before pdfjs opens the file', async () => {
    const bytes = await pdfFile({ pages: DEFAULT_LIMITS.pdfPages + 1, contentChunk: pdfTextLine('Hello'), contentTimes: 1 });
    expectOverLimit(await decodeReportAsync(bytes, 'pages.pdf'), 'pages.pdf', `超过 ${DEFAULT_LIMITS.pdfPages} 页`);
  });

  it('refuses 20,000 pages (over 300 s before the caps)', { timeout: 30_000 }, async () => {
    const bytes = await pdfFile({ pages: 20_000, contentChunk: pdfTextLine('Hello'), contentTimes: 1 });
    expectOverLimit(await decodeReportAsync(bytes, 'many-pages.pdf'), 'many-pages.pdf', `超过 ${DEFAULT_LIMITS.pdfPages} 页`);
  });

  it('counts pages again once pdfjs has opened the file, before reading any', async () => {
    // Page dictionaries without /Type escape the count on the bytes; pdfjs still counts them.
    const bytes = await pdfFile({ pages: 30, contentChunk: pdfTextLine('Hello'), contentTimes: 1, untypedPages: true });
    const r = await decodeReportAsync(bytes, 'untyped.pdf', { limits: { pdfPages: 20 } });
    expectOverLimit(r, 'untyped.pdf', '共 30 页，超过 20 页的上限');
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
