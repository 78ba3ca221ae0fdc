// The PDF reader: the text layer, read with pdfjs, laid out again from text
// positions (rows.ts), page furniture dropped (furniture.ts). One output line
// per row; the source map gives each line's page.
//
// No text layer at all is a scan (input_scanned_pdf, no text); some pages
// without text is a warning. A file pdfjs cannot open is input_binary (or
// input_unsupported_format when it is password-protected); it never throws.

import type { Finding } from '../../findings.ts';
import { displayName } from '../messages.ts';
import type { ReaderResult } from '../readers.ts';
import type { SourceLocation } from '../types.ts';
import { dropFurniture, type PageRows } from './furniture.ts';
import { pageItems } from './items.ts';
import * as msg from './messages.ts';
import { openPdf, type PdfDocument } from './pdfjs.ts';
import { buildRows } from './rows.ts';

/** Text with more than this share of unmapped glyphs (private use area, U+FFFD) is flagged. */
const GARBLED_SHARE = 0.2;

interface PagesRead {
  pages: PageRows[];
  unreadable: number[];
}

async function readPages(doc: PdfDocument): Promise<PagesRead> {
  const pages: PageRows[] = [];
  const unreadable: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const text = pageItems(content.items, content.styles, viewport);
      pages.push({ page: n, height: text.height, rows: buildRows(text.items) });
      page.cleanup();
    } catch {
      unreadable.push(n);
      pages.push({ page: n, height: 0, rows: [] });
    }
  }
  return { pages, unreadable };
}

function garbledShare(text: string): number {
  let odd = 0;
  let all = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x20 || c === 0x3000) continue;
    all++;
    if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) odd++;
  }
  return all === 0 ? 0 : odd / all;
}

/** Reads a PDF's text layer as lines, table rows with TAB-separated cells. */
export async function readPdf(bytes: Uint8Array, fileName: string): Promise<ReaderResult> {
  const name = displayName(fileName);
  let doc: PdfDocument;
  try {
    doc = await openPdf(bytes);
  } catch (error) {
    return { text: null, findings: [msg.openFailure(name, error)] };
  }
  let read: PagesRead;
  try {
    read = await readPages(doc);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  const { pages, unreadable } = read;
  const findings: Finding[] = [];
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
      sourceMap.push(where);
    }
  }
  if (lines.length === 0) return { text: null, findings: [unreadable.length > 0 ? msg.openFailure(name, null) : msg.scanned(name, pages.length)] };
  if (blank.length > 0) findings.push(msg.pagesWithoutText(name, blank));
  const text = `${lines.join('\n')}\n`;
  const garbled = garbledShare(text);
  if (garbled > GARBLED_SHARE) findings.push(msg.garbledText(name, garbled));
  return { text, findings, sourceMap };
}
