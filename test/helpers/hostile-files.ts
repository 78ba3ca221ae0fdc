// Hostile inputs for the data build, made at test time (test/build-hostile.test.ts): zip bombs
// dressed as .docx, deeply nested HTML, samples with impossible counts, truncated documents.
// Also a sampler of the resident memory of a process and all its descendants (Linux /proc).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

/** CRC-32 (zip's), with zlib's where Node has it (20.15+). */
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(data: Buffer, crc = 0): number {
  const native = (zlib as { crc32?: (d: Buffer, v?: number) => number }).crc32;
  if (native) return native(data, crc);
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

export interface ZipEntry {
  name: string;
  /** The entry's content, in pieces (a bomb is never held whole). */
  chunks: Iterable<Buffer>;
}

/** An entry's content deflated as one stream, with its CRC and size. */
async function deflated(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  const parts: Buffer[] = [];
  const source = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    })(),
  );
  await pipeline(source, zlib.createDeflateRaw({ level: 6 }), async (deflate: AsyncIterable<Buffer>) => {
    for await (const part of deflate) parts.push(part);
  });
  return { data: Buffer.concat(parts), crc, size };
}

type Field = [width: 2 | 4, value: number];

/**
 * A little-endian header of `length` bytes: `fixed` fields at their offsets, then `run` fields one
 * after another from `runAt` (CRC, sizes and name length stand in the same order in both zip headers).
 */
function record(length: number, fixed: [offset: number, width: 2 | 4, value: number][], runAt: number, run: Field[]): Buffer {
  const b = Buffer.alloc(length);
  const put = (at: number, width: 2 | 4, value: number) => (width === 2 ? b.writeUInt16LE(value, at) : b.writeUInt32LE(value, at));
  for (const [at, width, value] of fixed) put(at, width, value);
  let at = runAt;
  for (const [width, value] of run) {
    put(at, width, value);
    at += width;
  }
  return b;
}

/** A zip file (deflated entries, honest sizes and CRCs), as Word and every unzip tool write them. */
export async function zip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { data, crc, size } = await deflated(entry.chunks);
    const name = Buffer.from(entry.name);
    const sizes: Field[] = [[4, crc >>> 0], [4, data.length], [4, size], [2, name.length]];
    const header = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, 8]], 14, sizes);
    const dir = record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, 8], [42, 4, offset]], 16, sizes);
    locals.push(header, name, data);
    central.push(dir, name);
    offset += header.length + name.length + data.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/** A .docx whose body is the pieces `body` gives. */
function docxOf(body: () => Iterable<Buffer>): Promise<Buffer> {
  return zip([
    { name: '[Content_Types].xml', chunks: [Buffer.from(CONTENT_TYPES)] },
    { name: '_rels/.rels', chunks: [Buffer.from(RELS)] },
    {
      name: 'word/document.xml',
      chunks: (function* () {
        yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`);
        yield* body();
        yield Buffer.from('</w:body></w:document>');
      })(),
    },
  ]);
}

function* repeated(piece: string, count: number): Iterable<Buffer> {
  const per = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(piece)));
  const block = Buffer.from(piece.repeat(per));
  let left = count;
  for (; left >= per; left -= per) yield block;
  if (left > 0) yield Buffer.from(piece.repeat(left));
}

/** A .docx whose word/document.xml expands to about `bytes` of paragraphs (a zip bomb). */
export function docxBomb(bytes: number): Promise<Buffer> {
  const para = paragraph('政府信息公开工作年度报告');
  return docxOf(() => repeated(para, Math.ceil(bytes / Buffer.byteLength(para))));
}

/** A small .docx with `count` empty-ish paragraphs (1.5 million took a parse worker's heap). */
export function docxParagraphs(count: number): Promise<Buffer> {
  return docxOf(() => repeated('<w:p><w:r><w:t>x</w:t></w:r></w:p>', count));
}

/** A report's text as a .docx, one paragraph per line. */
export function docxOfText(text: string): Promise<Buffer> {
  return docxOf(() => [Buffer.from(text.split('\n').map(paragraph).join(''))]);
}

/** HTML with `depth` nested elements around a report's text. */
export function nestedHtml(depth: number, element: 'table' | 'div', text: string): string {
  const open = element === 'table' ? '<table><tr><td>' : '<div>';
  const close = element === 'table' ? '</td></tr></table>' : '</div>';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${open.repeat(depth)}<pre>${escapeXml(text)}</pre>${close.repeat(depth)}</body></html>`;
}

/** `text` with the first figure of the line labelled `label` replaced by `value` (digits as written). */
export function withFigure(text: string, label: string, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(label));
  if (i < 0) throw new Error(`no line “${label}”`);
  const at = lines[i].indexOf(label) + label.length;
  lines[i] = lines[i].slice(0, at) + lines[i].slice(at).replace(/\d+/, value);
  return lines.join('\n');
}

export function writeTruncated(path: string, bytes: Buffer, fraction: number): void {
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** Resident memory (bytes) of a process and all its descendants now; null where /proc is missing. */
export function treeRss(pid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid (after the command in parentheses).
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(e)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      // Ended.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}
