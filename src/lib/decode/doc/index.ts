// The legacy Word reader (.doc, Word 97–2003; and .wps files that WPS Office
// saved in that format): word-extractor, pure JavaScript, reads the
// document's main text. Paragraphs become lines. A table's cells end with a
// cell mark, and so does each row (one more mark), which word-extractor
// turns into TABs: a table comes out as one long line of TAB-separated cells,
// rows ending in an empty cell. The parser reads it like any delimited row:
// a row label takes the figures up to the next label, and the empty cell
// that ends each row stands at the edge of a row's figures, where it does
// not count.
//
// An OLE2 file that is not a Word document (a .wps of the old WPS format,
// an Excel sheet named .doc) is a failed row that says so.

import { finding, type Finding } from '../../findings.ts';
import { displayName } from '../messages.ts';
import type { ReaderResult } from '../reader.ts';

type WordExtractor = typeof import('word-extractor').default;

let loading: Promise<WordExtractor> | null = null;

function loadWordExtractor(): Promise<WordExtractor> {
  loading ??= import('word-extractor').then((m) => ((m as { default?: WordExtractor }).default ?? m) as unknown as WordExtractor);
  return loading;
}


function notWord(name: string, format: 'doc' | 'wps', reason: string): Finding {
  const what = format === 'wps' ? `WPS 文档“${name}”不是与 Word 兼容的格式（可能是早期 WPS 专有格式）` : `文件“${name}”不是可读取的 Word 97–2003 文档`;
  return finding('input_unsupported_format', { message: `${what}，无法读取（${reason}）。请在 WPS 或 Word 中另存为 .docx 或 PDF。` });
}

/** Reads a .doc (or Word-format .wps) as lines; table cells TAB-separated. */
export async function readLegacyWord(bytes: Uint8Array, fileName: string, format: 'doc' | 'wps'): Promise<ReaderResult> {
  const name = displayName(fileName);
  let body: string;
  try {
    const Extractor = await loadWordExtractor();
    const doc = await new Extractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Curly quotes and dashes are kept as written (the parser reads them).
    body = doc.getBody({ filterUnicode: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 120) : String(error);
    return { text: null, findings: [notWord(name, format, reason)] };
  }
  if (body.trim() === '') return { text: '', findings: [] };
  return { text: `${body.replace(/\n+$/, '')}\n`, findings: [] };
}

export const readDoc = (bytes: Uint8Array, fileName: string) => readLegacyWord(bytes, fileName, 'doc');
export const readWps = (bytes: Uint8Array, fileName: string) => readLegacyWord(bytes, fileName, 'wps');
