// The Word (.docx) reader: mammoth turns the document into HTML, and the
// HTML reader's own path (html-text.ts) turns that into text, so that tables
// become TAB-separated rows with rowspan and colspan expanded exactly as for
// web pages. Two things are kept that HTML would lose: runs of spaces and
// tabs inside a paragraph (typed columns) become no-break spaces, which the
// parser still splits cells at; and each line's paragraph or table row
// (markers.ts) for the source map.

import { finding, type Finding } from '../../findings.ts';
import { htmlToText } from '../html-text.ts';
import { displayName } from '../messages.ts';
import type { ReaderResult } from '../readers.ts';
import { readImages } from '../html-images.ts';
import type { OcrContext } from '../ocr/context.ts';
import type { DecodeOptions, SourceLocation } from '../types.ts';
import { markBlocks, unmarkLines } from './markers.ts';

type Mammoth = typeof import('mammoth');

let loading: Promise<Mammoth> | null = null;

function loadMammoth(): Promise<Mammoth> {
  loading ??= import('mammoth').then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth);
  return loading;
}

function corrupt(name: string): Finding {
  return finding('input_binary', { message: `Word 文档“${name}”已损坏或不完整，无法读取。请重新下载或导出。` });
}

/** Typed columns survive HTML whitespace collapsing: tabs and runs of spaces become no-break spaces. */
function keepSpacing(html: string): string {
  // Attribute values in mammoth's output hold neither tabs nor runs of spaces (images are dropped).
  return html.replace(/\t/g, '\u00a0\u00a0').replace(/ {2,}/g, (run) => '\u00a0'.repeat(run.length));
}

/** Reads a .docx as lines; tables as TAB-separated rows; with OCR, its pictures where they stand. */
export async function readDocx(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): Promise<ReaderResult> {
  const name = displayName(fileName);
  let html: string;
  // Pictures are kept (for OCR) by number, not as data URIs to build and carry.
  const pictures = new Map<string, Uint8Array>();
  try {
    const mammoth = await loadMammoth();
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
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
  const { text, images } = htmlToText(markBlocks(keepSpacing(html)), { images: pictures.size > 0 });
  if (text === '') return { text: '', findings: [] };
  const { lines, blocks } = unmarkLines(text.endsWith('\n') ? text.slice(0, -1) : text);
  const places = new Map<number, SourceLocation>();
  const sourceMap = blocks.map((b) => {
    let where = places.get(b);
    if (!where) places.set(b, (where = b > 0 ? { paragraph: b } : {}));
    return where;
  });
  if (!options.ocr || !images?.length) return { text: `${lines.join('\n')}\n`, findings: [], sourceMap };
  const ocr = options.ocr;
  const inside: OcrContext = { settings: ocr.settings, read: (image, raster, picture) => ocr.read(image, raster, picture), resource: (src) => pictures.get(src) ?? null, finish: () => undefined };
  const read = await readImages(`${lines.join('\n')}\n`, images, inside, name, 'Word 文档', sourceMap);
  return { text: read.text, findings: read.findings, sourceMap: read.sourceMap };
}

/** Sources given to a Word file's pictures in mammoth's HTML. */
const PICTURE = 'docx-picture:';
