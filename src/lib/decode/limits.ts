// The decoder's caps on hostile input, in one place. A report is tens of
// kilobytes of text; a file that inflates, nests or multiplies far beyond
// that (a zip bomb dressed as .docx, a PDF content stream of a gigabyte of
// spaces, ten thousand nested tables) must become a failed row with a finding
// (input_over_limit), quickly and in bounded memory, never a dead worker.
//
// Every cap is checked before the expensive step it protects: zip entries'
// sizes before inflating, and inflating itself stops at the cap (a lying
// header gains nothing); XML elements are counted before mammoth builds its
// tree (about 2 KB of heap each); PDF streams are inflated, and thrown away,
// under a byte budget before pdfjs sees them. The file's own size is capped
// separately (DecodeOptions.maxBytes, 5 MiB).
//
// The defaults stand one to two orders of magnitude above real reports (a
// 6-page PDF has 822 text items; a Word report a few tens of thousands of XML
// elements, under 1 MB of XML; a web page a few thousand elements, nested
// some 30 deep) and keep a file within a worker's heap (512 MB) and within
// seconds: docs/benchmarks.md (npm run bench -- --only hostile) has the
// figures.

export interface DecodeLimits {
  /** Entries in a zip's central directory (.docx). */
  zipEntries: number;
  /** Bytes one zip entry that is read may inflate to. */
  zipEntryBytes: number;
  /** Bytes all the entries read from one zip may inflate to together. */
  zipTotalBytes: number;
  /** XML elements in all the parts read from a .docx. */
  xmlElements: number;
  /** Nesting depth of the elements in a .docx part. */
  xmlDepth: number;
  /** Characters of HTML: a web page, or a Word document after conversion to HTML. */
  htmlChars: number;
  /** HTML elements. */
  htmlElements: number;
  /**
   * HTML nesting depth read at all. htmlparser2 keeps its open elements in
   * an array it shifts on every tag, so parsing costs elements × depth: this
   * cap bounds it (100,000 nested tables took 389 s).
   */
  htmlDepth: number;
  /**
   * HTML nesting depth kept as a tree (and walked by the renderer's
   * recursion). Deeper elements are flattened into the deepest kept one:
   * their text and line breaks are kept, their structure (a table's rows and
   * cells) is not, and a warning says so.
   */
  htmlTreeDepth: number;
  /** PDF pages. */
  pdfPages: number;
  /** PDF objects: numbered objects in the file and in its object streams. */
  pdfObjects: number;
  /** pdfjs text items over all pages (about 75 µs and up to 3 KB each while a page is read). */
  pdfTextItems: number;
  /** Bytes one PDF stream other than an image may inflate to. */
  pdfStreamBytes: number;
  /** Bytes all the PDF streams other than images may inflate to together. */
  pdfTotalStreamBytes: number;
}

export type LimitName = keyof DecodeLimits;

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  zipEntries: 5_000,
  zipEntryBytes: 16 * MB,
  zipTotalBytes: 32 * MB,
  xmlElements: 100_000,
  xmlDepth: 200,
  htmlChars: 16_000_000,
  htmlElements: 200_000,
  htmlDepth: 1_000,
  htmlTreeDepth: 200,
  pdfPages: 500,
  pdfObjects: 200_000,
  pdfTextItems: 100_000,
  pdfStreamBytes: 32 * MB,
  pdfTotalStreamBytes: 128 * MB,
});

/** The defaults with the given caps replaced. */
export function resolveLimits(overrides?: Partial<DecodeLimits>): DecodeLimits {
  return overrides ? { ...DEFAULT_LIMITS, ...overrides } : DEFAULT_LIMITS;
}

/** A cap a file went over. */
export interface LimitBreach {
  limit: LimitName;
  /** The part of the file concerned (a zip entry's name), when one is. */
  part?: string;
  /** The amount found, when it is known (it may be only a lower bound). */
  actual?: number;
}
