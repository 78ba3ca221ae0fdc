// What a document reader is: the formats that have one, what it gets and what it returns. The
// readers (pdf/, docx/, doc/, image/) implement it; readers.ts registers them by format.

import type { Finding } from '../findings.ts';
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
