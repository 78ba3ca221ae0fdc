// The PDF reader: the text layer, read with pdfjs, laid out again from text
// positions (rows.ts), page furniture dropped (furniture.ts). One output line
// per row; the source map gives each line's page.
//
// A page without usable text, or a large picture without text on a page
// that has some, is read by OCR when the caller allows it (ocr.ts); without
// OCR, no text layer at all is a scan (input_scanned_pdf, no text) and some
// pages without text is a warning. A file pdfjs cannot open is input_binary (or
// input_unsupported_format when it is password-protected); it never throws.

import type { Finding } from '../../findings.ts';
import { displayName } from '../messages.ts';
import type { ReaderResult } from '../readers.ts';
import type { OcrContext } from '../ocr/context.ts';
import { ocrLocation } from '../ocr/layout.ts';
import type { DecodeOptions, SourceLocation } from '../types.ts';
import { dropFurniture, type PageRows } from './furniture.ts';
import { pageItems } from './items.ts';
import * as msg from './messages.ts';
import { openPdf, type PdfDocument } from './pdfjs.ts';
import { buildRows } from './rows.ts';
import { garbledShare } from './garbled.ts';
import { ocrFindings, ocrPage, type PageOcr } from './ocr.ts';

/** Text with more than this share of unmapped glyphs (private use area, U+FFFD) is flagged. */
const GARBLED_SHARE = 0.2;

interface PagesRead {
  pages: PageRows[];
  unreadable: number[];
  /** What OCR did on each page that needed it. */
  ocr: Map<number, PageOcr>;
}

async function readPages(doc: PdfDocument, ocr: OcrContext | undefined): Promise<PagesRead> {
  const pages: PageRows[] = [];
  const unreadable: number[] = [];
  const ocrPages = new Map<number, PageOcr>();
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const text = pageItems(content.items, content.styles, viewport);
      let items = text.items;
      if (ocr) {
        const got = await ocrPage(page, n, text, ocr);
        if (got.read || got.unread) ocrPages.set(n, got);
        items = got.items;
      }
      pages.push({ page: n, height: text.height, rows: buildRows(items) });
      page.cleanup();
    } catch {
      unreadable.push(n);
      pages.push({ page: n, height: 0, rows: [] });
    }
  }
  return { pages, unreadable, ocr: ocrPages };
}

/** Reads a PDF's text layer as lines, table rows with TAB-separated cells. */
export async function readPdf(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): Promise<ReaderResult> {
  const name = displayName(fileName);
  let doc: PdfDocument;
  try {
    doc = await openPdf(bytes);
  } catch (error) {
    return { text: null, findings: [msg.openFailure(name, error)] };
  }
  let read: PagesRead;
  try {
    read = await readPages(doc, options.ocr);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
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
