// Hostile inputs made at test time (nothing large is committed): zip bombs
// dressed as .docx files, deeply nested HTML, PDFs with too many pages or
// with content streams that inflate far beyond their size. Used by the
// decoder's tests and the data build's (build-hostile.test.ts).

import { crc32, createDeflate, createDeflateRaw } from 'node:zlib';
import { expect } from 'vitest';
import { zipArchive, type ZipWriteEntry } from '../../src/lib/decode/docx/zip.ts';
import type { DecodedReport } from '../../src/lib/decode/index.ts';

/** One zip entry: content given as chunks (repeated `times` times), deflated as a stream. */
export interface ZipEntrySpec {
  name: string;
  /** Chunks written in order, the whole list `times` times. */
  chunks: Array<string | Uint8Array>;
  times?: number;
  /** Uncompressed size written in the headers instead of the true one (a lying header). */
  declaredSize?: number;
}

interface Deflated {
  data: Buffer;
  size: number;
  crc: number;
}

/** Deflates (raw, or zlib-wrapped for PDF streams) chunks repeated `times` times without holding the whole input. */
async function deflateChunks(chunks: Array<string | Uint8Array>, times: number, zlibWrapped = false): Promise<Deflated> {
  const stream = zlibWrapped ? createDeflate({ level: 9 }) : createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const buffers = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)));
  let size = 0;
  let crc = 0;
  for (let i = 0; i < times; i++) {
    for (const b of buffers) {
      size += b.length;
      crc = crc32(b, crc);
      if (!stream.write(b)) await new Promise((resolve) => stream.once('drain', resolve));
    }
  }
  stream.end();
  await ended;
  return { data: Buffer.concat(out), size, crc };
}

/** A zip file of deflated entries, with a central directory. */
export async function zipFile(entries: ZipEntrySpec[]): Promise<Uint8Array> {
  const written: ZipWriteEntry[] = [];
  for (const entry of entries) {
    const { data, size, crc } = await deflateChunks(entry.chunks, entry.times ?? 1);
    written.push({ name: entry.name, data, method: 8, crc, size: entry.declaredSize ?? size });
  }
  return zipArchive(written);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const PACKAGE_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCUMENT_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_CLOSE = '</w:body></w:document>';

export interface DocxBombOptions {
  /** Body XML repeated `times` times inside <w:body>. */
  body: string;
  times: number;
  /** Uncompressed size claimed for word/document.xml (a lying header). */
  declaredSize?: number;
  /** More entries, after the document's own. */
  extra?: ZipEntrySpec[];
}

/** A .docx whose word/document.xml is `body` repeated: small on disk, as large as asked once inflated. */
export function docxBomb(options: DocxBombOptions): Promise<Uint8Array> {
  // Repeat in blocks of about 1 MB so that deflating is quick.
  const perBlock = Math.max(1, Math.min(options.times, Math.floor((1 << 20) / Buffer.byteLength(options.body))));
  const blocks = Math.floor(options.times / perBlock);
  const rest = options.times - blocks * perBlock;
  return zipFile([
    { name: '[Content_Types].xml', chunks: [CONTENT_TYPES] },
    { name: '_rels/.rels', chunks: [PACKAGE_RELS] },
    {
      name: 'word/document.xml',
      chunks: [DOCUMENT_OPEN, ...bodyBlocks(options.body, perBlock, blocks, rest), DOCUMENT_CLOSE],
      declaredSize: options.declaredSize,
    },
    ...(options.extra ?? []),
  ]);
}

function bodyBlocks(body: string, perBlock: number, blocks: number, rest: number): Array<string | Uint8Array> {
  const block = Buffer.from(body.repeat(perBlock), 'utf8');
  const out: Array<string | Uint8Array> = new Array<Uint8Array>(blocks).fill(block);
  if (rest > 0) out.push(body.repeat(rest));
  return out;
}

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One Word paragraph of text. */
export const wordParagraph = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/** A .docx of ordinary paragraphs, with more entries if given. */
export function docxOfParagraphs(paragraphs: string[], extra?: ZipEntrySpec[]): Promise<Uint8Array> {
  return docxBomb({ body: paragraphs.map(wordParagraph).join(''), times: 1, extra });
}

/** `depth` elements nested in each other, with a line of text at the bottom. */
export function nestedHtml(depth: number, open: string, close: string, inner = '<p>第一行</p>'): string {
  return `<html><body>${open.repeat(depth)}${inner}${close.repeat(depth)}</body></html>`;
}

/** Nested tables: each table's only cell holds the next one. */
export function nestedTables(depth: number, inner = '<p>第一行</p>'): string {
  return nestedHtml(depth, '<table><tr><td>', '</td></tr></table>', inner);
}

export interface PdfSpec {
  pages: number;
  /** Each page's content stream: this text repeated `contentTimes` times, FlateDecode. */
  contentChunk: string;
  contentTimes: number;
  /** Every page its own copy of the content stream (default: one stream shared by all pages). */
  streamPerPage?: boolean;
  /** An image XObject of about this many zero bytes (a square of gray pixels), FlateDecode, in every page's resources. */
  imageBytes?: number;
  /** Page dictionaries without /Type /Page (pdfjs still reads them as pages). */
  untypedPages?: boolean;
}

/** A minimal PDF with Helvetica text; content streams and images inflate to as much as asked. */
export async function pdfFile(spec: PdfSpec): Promise<Uint8Array> {
  const content = await deflateChunks([spec.contentChunk], spec.contentTimes, true);
  const streams = spec.streamPerPage ? spec.pages : 1;
  // Objects: 1 catalog, 2 pages, 3 font, 4 image, then the content streams, then the pages.
  const firstContent = 5;
  const firstPage = firstContent + streams;
  const kids = Array.from({ length: spec.pages }, (_, i) => `${firstPage + i} 0 R`).join(' ');
  const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
  const objects: Array<Buffer | string> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${spec.pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const side = Math.max(1, Math.floor(Math.sqrt(spec.imageBytes ?? 1)));
  const image = await deflateChunks([new Uint8Array(side)], side, true);
  objects.push(stream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, image.data));
  for (let i = 0; i < streams; i++) objects.push(stream('/Filter /FlateDecode', content.data));
  const resources = '/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >>';
  for (let i = 0; i < spec.pages; i++) {
    const contents = firstContent + (spec.streamPerPage ? i : 0);
    const type = spec.untypedPages ? '' : '/Type /Page ';
    objects.push(`<< ${type}/Parent 2 0 R /MediaBox [0 0 595 842] ${resources} /Contents ${contents} 0 R >>`);
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** One line of text on a page, as a content stream fragment. */
export function pdfTextLine(text: string, y = 720): string {
  return `BT /F1 12 Tf 72 ${y} Td (${text}) Tj ET\n`;
}

/** A refusal for going over a cap: no text, the format kept, one error finding naming the file and the cap's figure. */
export function expectOverLimit(r: DecodedReport, format: string, fileName: string, says: string): void {
  expect(r.ok).toBe(false);
  expect(r.text).toBe('');
  expect(r.format).toBe(format);
  expect(r.findings.map((f) => f.rule)).toEqual(['input_over_limit']);
  expect(r.findings[0].severity).toBe('error');
  expect(r.findings[0].section).toBe('input');
  expect(r.findings[0].message).toContain(fileName);
  expect(r.findings[0].message).toContain(says);
}
