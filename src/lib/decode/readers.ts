// Readers for document formats (PDF, DOCX, DOC, WPS). Format detection
// (sniff.ts) is separate: a format with a reader here is read, one without
// gets input_unsupported_format. A reader returns the document's plain text
// (table rows as TAB-separated cells, like the HTML reader) and decodeReport
// applies the same finishing steps as for text files (line ends, NFC,
// Traditional Chinese, empty check).

import type { Finding } from '../findings.ts';
import type { SourceFormat } from './types.ts';

export type DocumentFormat = Extract<SourceFormat, 'pdf' | 'docx' | 'doc' | 'wps'>;

export interface ReaderResult {
  /** The document's text; null when none could be had (the findings say why). */
  text: string | null;
  findings: Finding[];
}

export type DocumentReader = (bytes: Uint8Array, fileName: string) => ReaderResult;

/** Registered readers by format. None yet: PDF and DOCX readers plug in here. */
export const READERS: Partial<Record<DocumentFormat, DocumentReader>> = {};
