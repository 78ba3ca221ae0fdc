// Shared types of the decode step: a report file's bytes in, plain text out.

import type { Finding } from '../findings.ts';

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
}

export interface DecodeOptions {
  /** Files larger than this are refused without being decoded. Default 5 MiB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
