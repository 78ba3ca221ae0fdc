// Shared types of the decode step: a report file's bytes in, plain text out.

import type { Finding } from '../findings.ts';
import type { DecodeLimits } from './limits.ts';
import type { OcrContext } from './ocr/context.ts';

export type SourceFormat = 'text' | 'html' | 'pdf' | 'docx' | 'doc' | 'wps' | 'image' | 'binary' | 'empty';

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
  /** 1-based picture of a web page or Word file the line was read from (by OCR), in document order. */
  image?: number;
  /** The line, or part of it, was read by OCR from an image of the page. */
  ocr?: OcrLocation;
}

/** Where an OCR'd line stands on its page image and how sure the model was of it. */
export interface OcrLocation {
  /**
   * Left, top, width, height of the line's boxes together: in points of the PDF page (from its
   * top left corner), or in pixels of a picture.
   */
  box: [number, number, number, number];
  /** The least probability the model gave any character of the line (0–1). */
  confidence: number;
  /** Digits the model was unsure of, written as U+FFFD (their figures are null). */
  doubtful: number;
  /** Each cell's box and confidence; null for a cell from the PDF's own text layer. */
  cells: ({ box: [number, number, number, number]; confidence: number } | null)[];
}

export interface DecodeOptions {
  /** Files larger than this are refused without being decoded. Default 5 MiB. */
  maxBytes?: number;
  /** Caps on what a file may expand to (limits.ts); any not given keeps its default. */
  limits?: Partial<DecodeLimits>;
  /**
   * How to read text from images (scanned PDF pages, pictures, images in web pages and Word
   * files). Without it, such files and pages are reported as unread, as before OCR existed.
   */
  ocr?: OcrContext;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
