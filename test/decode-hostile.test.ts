// Hostile input for the decoder (issue 12, items 3 and 4): zip bombs dressed
// as .docx files, floods of paragraphs, deeply nested HTML. Every input is
// made here, at test time. Each must give a result (never a throw), with the
// file's own format and a finding that says which cap it went over, in
// bounded memory. The per-test timeouts are bounds on a stall (before the
// caps: a dead worker after 9–25 s, or 389 s for 100,000 nested tables), not
// benchmarks: the timings are in docs/benchmarks.md (npm run bench -- --only hostile).

import { describe, expect, it } from 'vitest';
import { decodeReport, decodeReportAsync } from '../src/lib/decode/index.ts';
import { DEFAULT_LIMITS } from '../src/lib/decode/limits.ts';
import { docxBomb, docxOfParagraphs, expectOverLimit, nestedHtml, nestedTables, zipFile } from './helpers/hostile.ts';
import { rules } from './helpers/decode.ts';

const MB = 1024 * 1024;

/** Peak resident memory grown over `rssBefore` while `run` ran (an upper bound: the process peak may be older). */
async function peakGrowth<T>(run: () => Promise<T>): Promise<{ result: T; grownMb: number }> {
  const rssBefore = process.memoryUsage().rss;
  const result = await run();
  const grownMb = (process.resourceUsage().maxRSS * 1024 - rssBefore) / MB;
  return { result, grownMb };
}

/** 1,024 bytes of paragraph XML; repeated, the document inflates to that many KiB. */
const KIB_PARAGRAPH = `<w:p><w:r><w:t>${'a'.repeat(1024 - 34)}</w:t></w:r></w:p>`;

describe('zip bombs (.docx)', () => {
  // Memory first, while this process's peak is still low.
  it('refuses a 200 MB word/document.xml before inflating it, in bounded memory', { timeout: 30_000 }, async () => {
    const bytes = await docxBomb({ body: KIB_PARAGRAPH, times: 200 * 1024 });
    expect(bytes.length).toBeLessThan(1 * MB);
    const { result, grownMb } = await peakGrowth(() => decodeReportAsync(bytes, 'bomb-200.docx'));
    expectOverLimit(result, 'docx', 'bomb-200.docx', 'word/document.xml');
    expect(grownMb).toBeLessThan(300);
  });

  it('refuses a bomb whose header lies about its size: inflating stops at the cap', { timeout: 30_000 }, async () => {
    const bytes = await docxBomb({ body: KIB_PARAGRAPH, times: 200 * 1024, declaredSize: 4096 });
    const { result, grownMb } = await peakGrowth(() => decodeReportAsync(bytes, 'liar.docx'));
    expectOverLimit(result, 'docx', 'liar.docx', `${DEFAULT_LIMITS.zipEntryBytes / MB}.0 MB`);
    expect(grownMb).toBeLessThan(300);
  });

  it('refuses the 400 MB variant the same way', { timeout: 30_000 }, async () => {
    const bytes = await docxBomb({ body: KIB_PARAGRAPH, times: 400 * 1024 });
    expectOverLimit(await decodeReportAsync(bytes, 'bomb-400.docx'), 'docx', 'bomb-400.docx', 'word/document.xml');
  });

  it('refuses 1.5 million paragraphs (a 150 KB file, 51 MB of XML)', { timeout: 30_000 }, async () => {
    const bytes = await docxBomb({ body: '<w:p><w:r><w:t>1</w:t></w:r></w:p>', times: 1_500_000 });
    expect(bytes.length).toBeLessThan(200 * 1024);
    expectOverLimit(await decodeReportAsync(bytes, 'paragraphs.docx'), 'docx', 'paragraphs.docx', 'MB');
  });

  it('refuses 1.5 million empty paragraphs that stay under the byte caps by counting elements', { timeout: 30_000 }, async () => {
    const bytes = await docxBomb({ body: '<w:p/>', times: 1_500_000 });
    const r = await decodeReportAsync(bytes, 'empty-paragraphs.docx');
    expectOverLimit(r, 'docx', 'empty-paragraphs.docx', `${DEFAULT_LIMITS.xmlElements} 个 XML 元素`);
  });

  it('refuses XML nested deeper than the cap (10,000 nested Word tables)', { timeout: 30_000 }, async () => {
    const open = '<w:tbl><w:tr><w:tc>';
    const close = '<w:p/></w:tc></w:tr></w:tbl>';
    const bytes = await docxBomb({ body: `${open.repeat(10_000)}${close.repeat(10_000)}`, times: 1 });
    expectOverLimit(await decodeReportAsync(bytes, 'deep.docx'), 'docx', 'deep.docx', `${DEFAULT_LIMITS.xmlDepth} 层`);
  });

  it('refuses a zip with more entries than the cap', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `word/media/image${i}.png`, chunks: ['x'] }));
    const bytes = await zipFile(entries);
    const r = await decodeReportAsync(bytes, 'many.docx', { limits: { zipEntries: 20 } });
    expectOverLimit(r, 'docx', 'many.docx', '20 个压缩条目');
  });

  it('refuses when the parts read inflate to more than the total cap together', async () => {
    const bytes = await docxOfParagraphs(Array.from({ length: 200 }, (_, i) => `第${i}段`));
    const r = await decodeReportAsync(bytes, 'total.docx', { limits: { zipTotalBytes: 4096 } });
    expectOverLimit(r, 'docx', 'total.docx', '合计超过');
  });

  it('still reads an ordinary document, and its caps are options', async () => {
    const bytes = await docxOfParagraphs(['一、总体情况', '本年度主动公开政府信息 12 条。']);
    const r = await decodeReportAsync(bytes, 'ok.docx');
    expect(r.ok).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.text).toBe('一、总体情况\n本年度主动公开政府信息 12 条。\n');
    expect(r.sourceMap).toEqual([{ paragraph: 1 }, { paragraph: 2 }]);
    const capped = await decodeReportAsync(bytes, 'ok.docx', { limits: { xmlElements: 5 } });
    expectOverLimit(capped, 'docx', 'ok.docx', '5 个 XML 元素');
  });

  it('never inflates media: a 64 MB bomb named as an image beside the text is no obstacle', async () => {
    const image = { name: 'word/media/image1.png', chunks: ['\0'.repeat(MB)], times: 64 };
    const bytes = await docxOfParagraphs(['正文'], [image]);
    expect(bytes.length).toBeLessThan(MB);
    const r = await decodeReportAsync(bytes, 'with-image.docx');
    expect(r.ok).toBe(true);
    expect(r.text).toBe('正文\n');
  });
});

describe('deeply nested HTML', () => {
  const html = (text: string) => new TextEncoder().encode(text);

  it('refuses 2,000 nested tables (a stack overflow before the caps) as an HTML file', () => {
    expectOverLimit(decodeReport(html(nestedTables(2000)), 'tables.html'), 'html', 'tables.html', `${DEFAULT_LIMITS.htmlDepth} 层`);
  });

  it('refuses 4,000 nested divs', () => {
    expectOverLimit(decodeReport(html(nestedHtml(4000, '<div>', '</div>')), 'divs.html'), 'html', 'divs.html', `${DEFAULT_LIMITS.htmlDepth} 层`);
  });

  it('does not stall on 100,000 nested tables (389 s before the caps)', { timeout: 20_000 }, () => {
    expectOverLimit(decodeReport(html(nestedTables(100_000)), 'stall.html'), 'html', 'stall.html', `${DEFAULT_LIMITS.htmlDepth} 层`);
  });

  it('does not stall on 100,000 nested elements hidden in a dropped <svg>', { timeout: 20_000 }, () => {
    const r = decodeReport(html(`<p>正文</p><svg>${'<g>'.repeat(100_000)}</svg>`), 'svg.html');
    expectOverLimit(r, 'html', 'svg.html', `${DEFAULT_LIMITS.htmlDepth} 层`);
  });

  it('reads 300 nested tables flat below the tree cap, and says so', () => {
    const r = decodeReport(html(nestedTables(300)), 'flat.html');
    expect(r.ok).toBe(true);
    expect(r.format).toBe('html');
    expect(r.text).toBe('第一行\n');
    const over = r.findings.filter((f) => f.rule === 'input_over_limit');
    expect(over).toHaveLength(1);
    expect(over[0].severity).toBe('warning');
    expect(over[0].message).toContain('flat.html');
    expect(over[0].message).toContain(`${DEFAULT_LIMITS.htmlTreeDepth} 层`);
  });

  it('keeps the lines of flattened blocks apart', () => {
    const r = decodeReport(html(nestedHtml(500, '<div>', '</div>', '<div>甲</div><div>乙<br>丙</div><span>丁</span><span>戊</span>')), 'lines.html');
    expect(r.text).toBe('甲\n乙\n丙\n丁戊\n');
  });

  it('refuses more elements than the cap, keeping the format', () => {
    const html = `<html><body>${'<b>1</b>'.repeat(DEFAULT_LIMITS.htmlElements + 1)}</body></html>`;
    expectOverLimit(decodeReport(new TextEncoder().encode(html), 'flood.html'), 'html', 'flood.html', '网页元素');
  });

  it('keeps tables within the depth cap as tables', () => {
    const html = nestedHtml(50, '<div>', '</div>', '<table><tr><td>行政许可</td><td>3</td></tr></table>');
    const r = decodeReport(new TextEncoder().encode(html), 'shallow.html');
    expect(r.text).toBe('行政许可\t3\n');
    expect(rules(r)).toEqual(['input_html']);
  });

  it('refuses a page of more characters than the cap', () => {
    const r = decodeReport(html(`<p>${'字'.repeat(2000)}</p>`), 'long.html', { limits: { htmlChars: 1000 } });
    expectOverLimit(r, 'html', 'long.html', '超过 1000 个字符');
  });

  it('applies the same HTML caps to a Word document after conversion', async () => {
    const bytes = await docxOfParagraphs(Array.from({ length: 50 }, (_, i) => `第${i}段`));
    const r = await decodeReportAsync(bytes, 'word.docx', { limits: { htmlElements: 10 } });
    expectOverLimit(r, 'docx', 'word.docx', '10 个网页元素');
  });
});

describe('a failure inside the decoder', () => {
  /** Caps that cannot be read: the decoder fails on them after it has named the format. */
  const unreadable = new Proxy({}, { ownKeys: () => { throw new Error('caps unreadable'); } });

  it('is a failed result that keeps the format, never a throw', () => {
    const r = decodeReport(new TextEncoder().encode('<html><body><p>正文</p></body></html>'), 'page.html', { limits: unreadable });
    expect(r.ok).toBe(false);
    expect(r.format).toBe('html');
    expect(rules(r)).toEqual(['parse_crash']);
    expect(r.findings[0].message).toContain('page.html');
    expect(r.findings[0].message).toContain('caps unreadable');
  });

  it('is a failed result for a document reader too', async () => {
    const r = await decodeReportAsync(await docxOfParagraphs(['正文']), 'doc.docx', { limits: unreadable });
    expect(r.ok).toBe(false);
    expect(r.format).toBe('docx');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].message).toContain('doc.docx');
  });
});
