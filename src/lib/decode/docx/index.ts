// The Word (.docx) reader: the zip's XML parts are read under the caps
// (zip.ts: sizes before and while inflating; xml-shape.ts: elements and
// nesting before parsing), mammoth turns the document into HTML, and the
// HTML reader's own path (html-text.ts) turns that into text, so that tables
// become TAB-separated rows with rowspan and colspan expanded exactly as for
// web pages. Two things are kept that HTML would lose: runs of spaces and
// tabs inside a paragraph (typed columns) become no-break spaces, which the
// parser still splits cells at; and each line's paragraph or table row
// (markers.ts) for the source map.

import { finding, type Finding } from '../../findings.ts';
import { htmlToText } from '../html-text.ts';
import { DEFAULT_LIMITS, type DecodeLimits, type LimitBreach } from '../limits.ts';
import { displayName, flattenedDepth, overLimit } from '../messages.ts';
import type { ReaderResult } from '../reader.ts';
import { readImages } from '../html-images.ts';
import type { OcrContext } from '../ocr/context.ts';
import type { DecodeOptions, SourceLocation } from '../types.ts';
import { markBlocks, unmarkLines } from './markers.ts';
import { xmlShape } from './xml-shape.ts';
import { readZipEntries, storedZip, ZipCorrupt, ZipOverLimit } from './zip.ts';

const LABEL = 'Word 文档';

type Mammoth = typeof import('mammoth');

let loading: Promise<Mammoth> | null = null;

function loadMammoth(): Promise<Mammoth> {
  loading ??= import('mammoth').then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth);
  return loading;
}

function corrupt(name: string): Finding {
  return finding('input_binary', { message: `${LABEL}“${name}”已损坏或不完整，无法读取。请重新下载或导出。` });
}

/** The parts mammoth may read: XML and relationships. Media, embedded files and fonts are never inflated. */
function isXmlPart(name: string): boolean {
  return /\.(?:xml|rels)$/i.test(name);
}

/** The document's XML parts, read under the caps, as a stored zip for mammoth; or the cap gone over. */
function checkedParts(bytes: Uint8Array, limits: DecodeLimits, withPictures = false): Uint8Array | LimitBreach {
  // Pictures are taken only when they will be read (OCR), and count against the same zip caps.
  const parts = readZipEntries(bytes, (name) => isXmlPart(name) || (withPictures && name.startsWith('word/media/')), limits);
  let elements = 0;
  for (const [part, xml] of parts) {
    if (!isXmlPart(part)) continue;
    const shape = xmlShape(xml, { xmlElements: limits.xmlElements - elements, xmlDepth: limits.xmlDepth });
    if (shape.over === 'xmlDepth') return { limit: 'xmlDepth', part };
    if (shape.over === 'xmlElements') return { limit: 'xmlElements' };
    elements += shape.elements;
  }
  return storedZip(parts);
}

/** Typed columns survive HTML whitespace collapsing: tabs and runs of spaces become no-break spaces. */
function keepSpacing(html: string): string {
  // Attribute values in mammoth's output hold neither tabs nor runs of spaces (images are dropped).
  return html.replace(/\t/g, '\u00a0\u00a0').replace(/ {2,}/g, (run) => '\u00a0'.repeat(run.length));
}

/** Reads a .docx as lines; tables as TAB-separated rows; with OCR, its pictures where they stand. */
export async function readDocx(bytes: Uint8Array, fileName: string, limits: DecodeLimits = DEFAULT_LIMITS, options: DecodeOptions = {}): Promise<ReaderResult> {
  const name = displayName(fileName);
  let checked: Uint8Array | LimitBreach;
  try {
    checked = checkedParts(bytes, limits, options.ocr !== undefined);
  } catch (error) {
    if (error instanceof ZipOverLimit) return { text: null, findings: [overLimit(name, LABEL, error.breach, limits)] };
    if (error instanceof ZipCorrupt) return { text: null, findings: [corrupt(name)] };
    throw error;
  }
  if (!(checked instanceof Uint8Array)) return { text: null, findings: [overLimit(name, LABEL, checked, limits)] };
  let html: string;
  // Pictures are kept (for OCR) by number, not as data URIs to build and carry.
  const pictures = new Map<string, Uint8Array>();
  try {
    const mammoth = await loadMammoth();
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) },
      {
        convertImage: mammoth.images.imgElement(async (image) => {
          if (!options.ocr) return { src: '' };
          const src = `${PICTURE}${pictures.size + 1}`;
          pictures.set(src, new Uint8Array(await image.readAsBuffer()));
          return { src };
        }),
        // Empty paragraphs are kept so that block numbers count the document's paragraphs.
        ignoreEmptyParagraphs: false,
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    return { text: null, findings: [corrupt(name)] };
  }
  const converted = htmlToText(markBlocks(keepSpacing(html)), limits, { images: pictures.size > 0 });
  if (converted.refused) return { text: null, findings: [overLimit(name, LABEL, converted.refused, limits)] };
  const findings = converted.flattened ? [flattenedDepth(name, LABEL, limits)] : [];
  const { text, images } = converted;
  if (text === '') return { text: '', findings };
  const { lines, blocks } = unmarkLines(text.endsWith('\n') ? text.slice(0, -1) : text);
  const places = new Map<number, SourceLocation>();
  const sourceMap = blocks.map((b) => {
    let where = places.get(b);
    if (!where) places.set(b, (where = b > 0 ? { paragraph: b } : {}));
    return where;
  });
  if (!options.ocr || !images?.length) return { text: `${lines.join('\n')}\n`, findings, sourceMap };
  const ocr = options.ocr;
  const inside: OcrContext = { settings: ocr.settings, read: (image, raster, picture) => ocr.read(image, raster, picture), resource: (src) => pictures.get(src) ?? null, finish: () => undefined };
  const read = await readImages(`${lines.join('\n')}\n`, images, inside, name, 'Word 文档', sourceMap);
  return { text: read.text, findings: [...findings, ...read.findings], sourceMap: read.sourceMap };
}

/** Sources given to a Word file's pictures in mammoth's HTML. */
const PICTURE = 'docx-picture:';
