// Checking a PDF's bytes before pdfjs parses them. pdfjs inflates a content
// stream whole into a growing buffer, outside the JavaScript heap: one
// stream of a gigabyte of spaces (1 MB on disk) took 41 s and 2.2 GB.
// Here every FlateDecode stream other than an image (text extraction never
// decodes images) is inflated, and thrown away, with the byte budget left as
// zlib's output limit. Objects are counted, and so are page objects (pdfjs
// takes seconds to open a file of 20,000 pages before it can say how many it
// has), those packed in object streams too.
//
// Not checked (pdfjs reads them as it does without caps; the build's time
// budget per file is their limit): streams of an encrypted PDF (they cannot
// be inflated without decrypting), and streams with filters other than a
// single FlateDecode (LZW, filter chains).

import { constants, inflateSync } from 'node:zlib';
import type { DecodeLimits, LimitBreach } from '../limits.ts';

export type PdfScanLimits = Pick<DecodeLimits, 'pdfPages' | 'pdfObjects' | 'pdfStreamBytes' | 'pdfTotalStreamBytes'>;

const OBJECT_HEADER = /\b\d+\s+\d+\s+obj\b/g;
const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z])/g;
/** A stream's dictionary is looked for in this many characters before its 'stream' keyword. */
const DICTIONARY_WINDOW = 4096;
const FILTER = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+)/;
const NAME = /\/([^\s/[\]<>()]+)/g;

interface Stream {
  dictionary: string;
  start: number;
  end: number;
}

/** The streams of the file in order: their dictionary text and where their data lies. */
function* streams(text: string): Generator<Stream> {
  let at = text.indexOf('stream');
  while (at !== -1) {
    const keywordEnd = at + 'stream'.length;
    const eol = text.startsWith('\r\n', keywordEnd) ? 2 : text[keywordEnd] === '\n' || text[keywordEnd] === '\r' ? 1 : -1;
    if (eol === -1 || text[at - 1] === 'd') {
      at = text.indexOf('stream', keywordEnd);
      continue;
    }
    const window = text.slice(Math.max(0, at - DICTIONARY_WINDOW), at);
    let header = 0;
    for (const m of window.matchAll(OBJECT_HEADER)) header = m.index;
    const dictionary = window.slice(header);
    const start = keywordEnd + eol;
    const close = text.indexOf('endstream', start);
    const end = close === -1 ? text.length : close;
    yield { dictionary, start, end };
    at = close === -1 ? -1 : text.indexOf('stream', close + 'endstream'.length);
  }
}

function filters(dictionary: string): string[] {
  const m = FILTER.exec(dictionary);
  return m ? [...m[1].matchAll(NAME)].map((n) => n[1]) : [];
}

/** A zlib stream inflated, never past `budget`: null past it, empty when it cannot be inflated. */
function inflated(data: Uint8Array, budget: number): Buffer | null {
  try {
    // A truncated stream is read as far as it goes, as pdfjs does.
    return inflateSync(data, { maxOutputLength: Math.max(1, budget), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
    return Buffer.alloc(0);
  }
}

function countPages(text: string): number {
  return text.match(PAGE_OBJECT)?.length ?? 0;
}

/** The cap the PDF goes over, or null. */
export function scanPdf(bytes: Uint8Array, limits: PdfScanLimits): LimitBreach | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let objects = text.match(OBJECT_HEADER)?.length ?? 0;
  if (objects > limits.pdfObjects) return { limit: 'pdfObjects', actual: objects };
  // Page objects in the open (an incremental update counts a page again); those in object streams are added below.
  let pages = countPages(text);
  let total = 0;
  for (const stream of streams(text)) {
    const { dictionary } = stream;
    const objectStream = /\/Type\s*\/ObjStm\b/.test(dictionary);
    if (objectStream) {
      objects += Number(/\/N\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
      if (objects > limits.pdfObjects) return { limit: 'pdfObjects', actual: objects };
    }
    if (/\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const names = filters(dictionary);
    if (names.length !== 1 || (names[0] !== 'FlateDecode' && names[0] !== 'Fl')) continue;
    const left = limits.pdfTotalStreamBytes - total;
    const budget = Math.min(limits.pdfStreamBytes, left);
    const data = inflated(bytes.subarray(stream.start, stream.end), budget);
    if (data === null) return budget === left ? { limit: 'pdfTotalStreamBytes' } : { limit: 'pdfStreamBytes' };
    total += data.length;
    if (objectStream) pages += countPages(data.toString('latin1'));
  }
  // Without `actual`: a count of page objects is not a count of pages (pdfjs checks that once the file is open).
  return pages > limits.pdfPages ? { limit: 'pdfPages' } : null;
}
