// Readers for document formats (PDF, DOCX, DOC, WPS, pictures). Format detection
// (sniff.ts) is separate: a format with a reader here is read, one without
// gets input_unsupported_format. A reader returns the document's plain text
// (table rows as TAB-separated cells, like the HTML reader) and decodeReport
// applies the same finishing steps as for text files (line ends, NFC,
// Traditional Chinese, empty check).
//
// Two registries: READERS for synchronous readers (used by decodeReport and
// decodeReportAsync alike) and ASYNC_READERS for readers built on
// asynchronous libraries (pdfjs, mammoth), used by decodeReportAsync only.
// The synchronous decodeReport keeps refusing a format that only has an
// asynchronous reader.

import type { Finding } from '../findings.ts';
import { readDoc, readWps } from './doc/index.ts';
import { readDocx } from './docx/index.ts';
import { readImage } from './image/index.ts';
import { readPdf } from './pdf/index.ts';
import type { DecodeLimits } from './limits.ts';
import type { DecodeOptions, SourceFormat, SourceLocation } from './types.ts';

export type DocumentFormat = Extract<SourceFormat, 'pdf' | 'docx' | 'doc' | 'wps' | 'image'>;

export interface ReaderResult {
  /** The document's text; null when none could be had (the findings say why). */
  text: string | null;
  findings: Finding[];
  /**
   * Where each line of `text` comes from (index i: line i + 1). Readers keep
   * one entry per line, so that the finishing steps, which never add or
   * remove lines, leave it valid.
   */
  sourceMap?: SourceLocation[];
}

/** A reader gets the decoder's caps (limits.ts) and keeps within them: a file over a cap gives input_over_limit. */
export type DocumentReader = (bytes: Uint8Array, fileName: string, limits: DecodeLimits) => ReaderResult;
/** `options.ocr`, when given, lets the reader read images by OCR. */
export type AsyncDocumentReader = (bytes: Uint8Array, fileName: string, limits: DecodeLimits, options?: DecodeOptions) => Promise<ReaderResult>;

/** Registered synchronous readers by format. None: PDF and DOCX need asynchronous libraries. */
export const READERS: Partial<Record<DocumentFormat, DocumentReader>> = {};

/** Registered asynchronous readers by format (decodeReportAsync). */
export const ASYNC_READERS: Partial<Record<DocumentFormat, AsyncDocumentReader>> = {
  pdf: readPdf,
  docx: readDocx,
  doc: readDoc,
  wps: readWps,
  // A picture has no caps of its own beyond the file size: its reading is OCR's, with its own time budget.
  image: (bytes, fileName, _limits, options) => readImage(bytes, fileName, options),
};
