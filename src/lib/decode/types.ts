// Shared types of the decode step: a report file's bytes in, plain text out.

import type { Finding } from '../findings.ts';
import type { DecodeLimits } from './limits.ts';

export type SourceFormat = 'text' | 'html' | 'pdf' | 'docx' | 'doc' | 'wps' | 'binary' | 'empty';

/** Text encodings the decoder reports. GBK and GB2312 are decoded (and reported) as gb18030. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodedReport {
  /** False when no text could be had; `text` is then ''. */
  ok: boolean;
  /** NFC, '\n' line ends, no BOM; HTML tables as one line per <tr> with cells joined by '\t'. */
  text: string;
  format: SourceFormat;
  /** The text encoding; null when the file was not read as text. */
  encoding: string | null;
  /** The text was Traditional Chinese and has been converted to Simplified. */
  traditional: boolean;
  /** Findings of section 'input'. */
  findings: Finding[];
  /**
   * Where each output line came from, for documents that have places (PDF
   * pages, Word paragraphs): index i describes line i + 1 of `text`. Absent
   * for text and HTML files.
   */
  sourceMap?: SourceLocation[];
}

/** The place in the source document an output line comes from. */
export interface SourceLocation {
  /** 1-based PDF page. */
  page?: number;
  /** 1-based Word body block: a paragraph, or a table row (each row counts as one). */
  paragraph?: number;
}

export interface DecodeOptions {
  /** Files larger than this are refused without being decoded. Default 5 MiB. */
  maxBytes?: number;
  /** Caps on what a file may expand to (limits.ts); any not given keeps its default. */
  limits?: Partial<DecodeLimits>;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
