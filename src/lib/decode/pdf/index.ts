// The PDF reader: the text layer, read with pdfjs, laid out again from text
// positions (rows.ts), page furniture dropped (furniture.ts). One output line
// per row; the source map gives each line's page.
//
// No text layer at all is a scan (input_scanned_pdf, no text); some pages
// without text is a warning. A file pdfjs cannot open is input_binary (or
// input_unsupported_format when it is password-protected); it never throws.
// A file over a cap (limits.ts) is input_over_limit: stream bytes and objects
// are checked on the raw bytes before pdfjs (scan.ts), pages once it has
// opened the file, text items as it streams them.

import type { Finding } from '../../findings.ts';
import { DEFAULT_LIMITS, type DecodeLimits } from '../limits.ts';
import { displayName, overLimit } from '../messages.ts';
import type { ReaderResult } from '../readers.ts';
import type { SourceLocation } from '../types.ts';
import { dropFurniture, type PageRows } from './furniture.ts';
import { pageItems } from './items.ts';
import * as msg from './messages.ts';
import { openPdf, type PdfDocument } from './pdfjs.ts';
import { buildRows } from './rows.ts';
import { scanPdf } from './scan.ts';

const LABEL = 'PDF 文件';

/** Text with more than this share of unmapped glyphs (private use area, U+FFFD) is flagged. */
const GARBLED_SHARE = 0.2;

interface PagesRead {
  pages: PageRows[];
  unreadable: number[];
  /** More text items than the cap: reading stopped. */
  tooManyItems: boolean;
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

async function readPages(doc: PdfDocument, maxItems: number): Promise<PagesRead> {
  const pages: PageRows[] = [];
  const unreadable: number[] = [];
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await textContent(page, maxItems - items);
      page.cleanup();
      if (!content) return { pages, unreadable, tooManyItems: true };
      items += content.items.length;
      const text = pageItems(content.items, content.styles, viewport);
      pages.push({ page: n, height: text.height, rows: buildRows(text.items) });
    } catch {
      unreadable.push(n);
      pages.push({ page: n, height: 0, rows: [] });
    }
  }
  return { pages, unreadable, tooManyItems: false };
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
export async function readPdf(bytes: Uint8Array, fileName: string, limits: DecodeLimits = DEFAULT_LIMITS): Promise<ReaderResult> {
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
    read = await readPages(doc, limits.pdfTextItems);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  if (read.tooManyItems) return refuse({ limit: 'pdfTextItems' });
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
