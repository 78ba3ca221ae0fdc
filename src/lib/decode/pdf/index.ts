// The PDF reader: the text layer, read with pdfjs, laid out again from text
// positions (rows.ts), page furniture dropped (furniture.ts). One output line
// per row; the source map gives each line's page.
//
// A page without usable text, or a large picture without text on a page
// that has some, is read by OCR when the caller allows it (ocr.ts); without
// OCR, no text layer at all is a scan (input_scanned_pdf, no text) and some
// pages without text is a warning. A file pdfjs cannot open is input_binary (or
// input_unsupported_format when it is password-protected); it never throws.
// A file over a cap (limits.ts) is input_over_limit: stream bytes and objects
// are checked on the raw bytes before pdfjs (scan.ts), pages once it has
// opened the file, text items as it streams them.

import type { Finding } from '../../findings.ts';
import { DEFAULT_LIMITS, type DecodeLimits } from '../limits.ts';
import { displayName, overLimit } from '../messages.ts';
import type { ReaderResult } from '../reader.ts';
import type { OcrContext } from '../ocr/context.ts';
import { ocrLocation } from '../ocr/layout.ts';
import type { DecodeOptions, SourceLocation } from '../types.ts';
import { dropFurniture, type PageRows } from './furniture.ts';
import { pageItems } from './items.ts';
import * as msg from './messages.ts';
import { openPdf, type PdfDocument } from './pdfjs.ts';
import { buildRows } from '../rows.ts';
import { scanPdf } from './scan.ts';
import { garbledShare } from './garbled.ts';
import { ocrFindings, ocrPage, type PageOcr } from './ocr.ts';

const LABEL = 'PDF 文件';

/** Text with more than this share of unmapped glyphs (private use area, U+FFFD) is flagged. */
const GARBLED_SHARE = 0.2;

interface PagesRead {
  pages: PageRows[];
  unreadable: number[];
  /** More text items than the cap: reading stopped. */
  tooManyItems: boolean;
  /** What OCR did on each page that needed it. */
  ocr: Map<number, PageOcr>;
}

type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type TextContent = Awaited<ReturnType<PdfPage['getTextContent']>>;

/** A page's text content as getTextContent gives it, or null past `budget` items (reading then stops). */
async function textContent(page: PdfPage, budget: number): Promise<TextContent | null> {
  const content: TextContent = { items: [], styles: Object.create(null), lang: null };
  const reader = page.streamTextContent().getReader();
  for (;;) {
    const { done, value } = (await reader.read()) as ReadableStreamReadResult<TextContent>;
    if (done) return content;
    if (content.items.length + value.items.length > budget) {
      // pdfjs wants an Error as the reason; without one the cancel never settles, nor does destroy().
      await reader.cancel(new Error('text item cap reached')).catch(() => undefined);
      return null;
    }
    for (const item of value.items) content.items.push(item);
    Object.assign(content.styles, value.styles);
    content.lang ??= value.lang;
  }
}

async function readPages(doc: PdfDocument, maxItems: number, ocr: OcrContext | undefined): Promise<PagesRead> {
  const pages: PageRows[] = [];
  const unreadable: number[] = [];
  const ocrPages = new Map<number, PageOcr>();
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await textContent(page, maxItems - items);
      if (!content) {
        page.cleanup();
        return { pages, unreadable, tooManyItems: true, ocr: ocrPages };
      }
      items += content.items.length;
      const text = pageItems(content.items, content.styles, viewport);
      let placed = text.items;
      if (ocr) {
        const got = await ocrPage(page, n, text, ocr);
        if (got.read || got.unread) ocrPages.set(n, got);
        placed = got.items;
      }
      page.cleanup();
      pages.push({ page: n, height: text.height, rows: buildRows(placed) });
    } catch {
      unreadable.push(n);
      pages.push({ page: n, height: 0, rows: [] });
    }
  }
  return { pages, unreadable, tooManyItems: false, ocr: ocrPages };
}

/** Reads a PDF's text layer as lines, table rows with TAB-separated cells; with OCR, pages without usable text by OCR. */
export async function readPdf(bytes: Uint8Array, fileName: string, limits: DecodeLimits = DEFAULT_LIMITS, options: DecodeOptions = {}): Promise<ReaderResult> {
  const name = displayName(fileName);
  const refuse = (breach: Parameters<typeof overLimit>[2]): ReaderResult => ({ text: null, findings: [overLimit(name, LABEL, breach, limits)] });
  const breach = scanPdf(bytes, limits);
  if (breach) return refuse(breach);
  let doc: PdfDocument;
  try {
    doc = await openPdf(bytes);
  } catch (error) {
    return { text: null, findings: [msg.openFailure(name, error)] };
  }
  let read: PagesRead;
  try {
    if (doc.numPages > limits.pdfPages) return refuse({ limit: 'pdfPages', actual: doc.numPages });
    read = await readPages(doc, limits.pdfTextItems, options.ocr);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  if (read.tooManyItems) return refuse({ limit: 'pdfTextItems' });
  const { pages, unreadable } = read;
  const findings: Finding[] = options.ocr ? ocrFindings(name, read.ocr, options.ocr) : [];
  if (unreadable.length === pages.length) return { text: null, findings: [msg.openFailure(name, null)] };
  if (unreadable.length > 0) findings.push(msg.unreadablePages(name, unreadable));

  dropFurniture(pages);
  const lines: string[] = [];
  const sourceMap: SourceLocation[] = [];
  const blank: number[] = [];
  for (const { page, rows } of pages) {
    if (rows.length === 0) {
      if (!unreadable.includes(page)) blank.push(page);
      continue;
    }
    const where: SourceLocation = { page };
    for (const row of rows) {
      lines.push(row.cells.join('\t'));
      const ocr = read.ocr.has(page) ? ocrLocation(row) : null;
      sourceMap.push(ocr ? { page, ocr } : where);
    }
  }
  // Nothing read: why OCR could not read the pages (an error now: the file gives nothing), or why there was no text.
  const notRead = findings.filter((f) => f.rule === 'input_ocr').map((f) => ({ ...f, severity: 'error' as const }));
  if (lines.length === 0) return { text: null, findings: notRead.length ? notRead : [unreadable.length > 0 ? msg.openFailure(name, null) : msg.scanned(name, pages.length)] };
  const blankNotOcr = blank.filter((p) => !read.ocr.has(p));
  if (blankNotOcr.length > 0) findings.push(msg.pagesWithoutText(name, blankNotOcr));
  const text = `${lines.join('\n')}\n`;
  const garbled = garbledShare(text);
  if (garbled > GARBLED_SHARE) findings.push(msg.garbledText(name, garbled));
  return { text, findings, sourceMap };
}
