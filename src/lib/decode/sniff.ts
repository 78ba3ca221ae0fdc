// Format sniffing from the first bytes: container formats by magic number
// (PDF, ZIP-based Office files, OLE2, images, executables, archives) and HTML
// by its opening markup. Detection only: what to do with a format is decided
// in index.ts and readers.ts.

import type { SourceFormat, TextEncoding } from './types.ts';

/** Formats recognised by magic number. 'binary' covers everything known that is not read. */
export type ContainerFormat = Extract<SourceFormat, 'pdf' | 'docx' | 'doc' | 'wps' | 'image' | 'binary'>;

export interface ContainerSniff {
  format: ContainerFormat;
  /** Chinese name of the format for messages, e.g. 'PDF 文件', 'PNG 图片'. */
  label: string;
  /**
   * For format 'binary': true when the file is a known document format that is
   * not supported (spreadsheet, OFD, RTF …) rather than an image, program or archive.
   */
  document: boolean;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** Index of `needle` in `hay` at or after `from`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: readonly number[], from = 0): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Lower-case extension of a file name without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const PDF = ascii('%PDF-');
const PDF_EOF = ascii('%%EOF');

function isPdf(bytes: Uint8Array): boolean {
  if (startsWith(bytes, PDF)) return true;
  // The header may follow up to 1 KB of junk; then also require the trailer.
  const at = indexOfBytes(bytes.subarray(0, 1024 + PDF.length), PDF);
  return at > 0 && indexOfBytes(bytes.subarray(Math.max(0, bytes.length - 2048)), PDF_EOF) !== -1;
}

function sniffZip(bytes: Uint8Array): ContainerSniff {
  const has = (s: string) => indexOfBytes(bytes, ascii(s)) !== -1;
  // WPS Office also saves .wps files in this format: they are DOCX inside.
  if (has('word/')) return { format: 'docx', label: 'Word 文档（.docx）', document: true };
  if (has('xl/')) return { format: 'binary', label: 'Excel 表格（.xlsx）', document: true };
  if (has('ppt/')) return { format: 'binary', label: 'PPT 演示文稿（.pptx）', document: true };
  if (has('OFD.xml')) return { format: 'binary', label: 'OFD 版式文件', document: true };
  if (has('application/vnd.oasis.opendocument')) return { format: 'binary', label: 'ODF 文档（.odt 等）', document: true };
  return { format: 'binary', label: 'ZIP 压缩包', document: false };
}

function sniffOle2(ext: string): ContainerSniff {
  switch (ext) {
    case 'wps':
      return { format: 'wps', label: 'WPS 文档（.wps）', document: true };
    case 'xls':
    case 'et':
      return { format: 'binary', label: 'Excel 表格（旧版 .xls）', document: true };
    case 'ppt':
    case 'dps':
      return { format: 'binary', label: 'PPT 演示文稿（旧版 .ppt）', document: true };
    default:
      return { format: 'doc', label: 'Word 文档（旧版 .doc）', document: true };
  }
}

const OTHER_MAGIC: ReadonlyArray<{ magic: number[]; label: string; document?: boolean; image?: boolean; extensions?: string[] }> = [
  { magic: ascii('{\\rtf'), label: 'RTF 文档', document: true },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], label: 'PNG 图片', image: true },
  { magic: [0xff, 0xd8, 0xff], label: 'JPEG 图片', image: true },
  { magic: ascii('GIF8'), label: 'GIF 图片', image: true },
  { magic: ascii('RIFF'), label: 'RIFF 媒体文件（WebP、WAV、AVI 等）' },
  { magic: [0x49, 0x49, 0x2a, 0x00], label: 'TIFF 图片', image: true },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], label: 'TIFF 图片', image: true },
  { magic: ascii('BM'), label: 'BMP 图片', image: true, extensions: ['bmp', 'dib'] },
  { magic: ascii('MZ'), label: '可执行程序' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], label: '可执行程序' },
  { magic: [0xcf, 0xfa, 0xed, 0xfe], label: '可执行程序' },
  { magic: [0x1f, 0x8b], label: 'GZIP 压缩包' },
  { magic: ascii('Rar!'), label: 'RAR 压缩包' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], label: '7z 压缩包' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], label: 'XZ 压缩包' },
];

/** Recognises container formats by magic number; null when the bytes may be text. */
export function sniffContainer(bytes: Uint8Array, fileName: string): ContainerSniff | null {
  const ext = extensionOf(fileName);
  if (isPdf(bytes)) return { format: 'pdf', label: 'PDF 文件', document: true };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith(bytes, OLE2)) return sniffOle2(ext);
  for (const m of OTHER_MAGIC) {
    if (!startsWith(bytes, m.magic) || (m.extensions && !m.extensions.includes(ext))) continue;
    return { format: m.image ? 'image' : 'binary', label: m.label, document: m.document ?? false };
  }
  return null;
}

// --- HTML ---------------------------------------------------------------

/** Markers that make a file HTML wherever they stand in the first kilobyte. */
const STRONG_HTML = /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i;
/** Markers that make a file HTML only when the file opens with them. */
const WEAK_HTML_START = /^(?:\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*<(?:table|p|div|span|h[1-6]|meta|title|style|br|center|font)[\s>/]/i;

/** True when the start of a decoded text (or a latin1 view of the bytes) is HTML. */
export function looksLikeHtml(head: string): boolean {
  const h = head.length > 1024 ? head.slice(0, 1024) : head;
  if (h.indexOf('<') === -1) return false;
  return STRONG_HTML.test(h) || WEAK_HTML_START.test(h.replace(/^\uFEFF/, ''));
}

const latin1 = new TextDecoder('latin1');

/** Latin-1 view of the first bytes, for sniffing ASCII markup without decoding. */
export function latin1Head(bytes: Uint8Array, length: number): string {
  return latin1.decode(bytes.subarray(0, length));
}

/** True when the first kilobyte of an ASCII-compatible file is HTML. */
export function bytesLookLikeHtml(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  return head.indexOf(0x3c) !== -1 && looksLikeHtml(latin1Head(head, 1024));
}

const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;

/**
 * The encoding an HTML file declares in <meta charset> or an http-equiv
 * Content-Type, found in the first 4 KB; null when none or not one we read.
 * UTF-16 declarations are ignored (as browsers do): a BOM decides those.
 */
export function declaredHtmlEncoding(bytes: Uint8Array): TextEncoding | null {
  const m = META_CHARSET.exec(latin1Head(bytes, 4096));
  if (!m) return null;
  let name: string;
  try {
    name = new TextDecoder(m[1].toLowerCase()).encoding;
  } catch {
    return null;
  }
  if (name === 'utf-8') return 'utf-8';
  if (name === 'gbk' || name === 'gb18030') return 'gb18030';
  if (name === 'big5') return 'big5';
  return null;
}
