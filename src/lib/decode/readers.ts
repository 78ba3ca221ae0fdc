// Readers for document formats (PDF, DOCX, DOC, WPS, pictures). Format detection
// (sniff.ts) is separate: a format with a reader here is read, one without
// gets input_unsupported_format. A reader returns the document's plain text
// (table rows as TAB-separated cells, like the HTML reader) and decodeReport
// applies the same finishing steps as for text files (line ends, NFC,
// Traditional Chinese, empty check).
//
// The readers implement reader.ts, which they import instead of this registry.
//
// Two registries: READERS for synchronous readers (used by decodeReport and
// decodeReportAsync alike) and ASYNC_READERS for readers built on
// asynchronous libraries (pdfjs, mammoth), used by decodeReportAsync only.
// The synchronous decodeReport keeps refusing a format that only has an
// asynchronous reader.

import { readDoc, readWps } from './doc/index.ts';
import { readDocx } from './docx/index.ts';
import { readImage } from './image/index.ts';
import { readPdf } from './pdf/index.ts';
import type { AsyncDocumentReader, DocumentFormat, DocumentReader } from './reader.ts';

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
