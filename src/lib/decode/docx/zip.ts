// A .docx is a zip. Before anything is inflated its central directory is
// read here and the sizes it declares are checked against the caps; then each
// entry wanted is inflated with its byte budget as zlib's output limit, so a
// header that lies about the size gains nothing: inflating stops at the cap.
// The entries read are handed to mammoth as a new, stored (uncompressed) zip,
// so that mammoth reads exactly the bytes checked here and inflates nothing.

import { inflateRawSync } from 'node:zlib';
import type { DecodeLimits, LimitBreach } from '../limits.ts';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;

export type ZipLimits = Pick<DecodeLimits, 'zipEntries' | 'zipEntryBytes' | 'zipTotalBytes'>;

/** The file is not a zip that can be read (truncated, damaged, encrypted, zip64). */
export class ZipCorrupt extends Error {}

/** The zip goes over a cap. */
export class ZipOverLimit extends Error {
  constructor(readonly breach: LimitBreach) {
    super(breach.limit);
  }
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

function findEnd(view: DataView): number {
  for (let p = view.byteLength - 22; p >= Math.max(0, view.byteLength - END_SEARCH); p--) {
    if (view.getUint32(p, true) === END_OF_DIRECTORY) return p;
  }
  throw new ZipCorrupt('no end of central directory');
}

/** The central directory's entries; offsets corrected when bytes were put before the zip. */
function directory(bytes: Uint8Array, view: DataView, maxEntries: number): Entry[] {
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  if (count === 0xffff || start === 0xffffffff) throw new ZipCorrupt('zip64');
  if (count > maxEntries) throw new ZipOverLimit({ limit: 'zipEntries', actual: count });
  // A zip with something before it (a self-extractor) has every offset off by that much.
  const shift = end - (start + size);
  if (shift < 0) throw new ZipCorrupt('central directory past its end');
  const decoder = new TextDecoder();
  const entries: Entry[] = [];
  let p = start + shift;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== DIRECTORY_ENTRY) throw new ZipCorrupt('bad central directory');
    const nameLength = view.getUint16(p + 28, true);
    const skip = nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    entries.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      offset: view.getUint32(p + 42, true) + shift,
    });
    p += 46 + skip;
  }
  return entries;
}

/** An entry's compressed bytes, found through its local header. */
function rawData(bytes: Uint8Array, view: DataView, entry: Entry): Uint8Array {
  const p = entry.offset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL_HEADER) throw new ZipCorrupt('bad local header');
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipCorrupt('entry past the end of the file');
  return bytes.subarray(start, end);
}

/** Inflates an entry, never past `budget` bytes; null when it would go past. */
function inflate(raw: Uint8Array, entry: Entry, budget: number): Uint8Array | null {
  if (entry.flags & 1) throw new ZipCorrupt('encrypted entry');
  if (entry.method === STORED) return raw.length > budget ? null : raw;
  if (entry.method !== DEFLATED) throw new ZipCorrupt(`compression method ${entry.method}`);
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw new ZipCorrupt('inflate failed');
  }
}

/**
 * Reads the entries `wanted` selects (the first of each name), inflated.
 * Throws ZipOverLimit past a cap, ZipCorrupt for what cannot be read.
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): Map<string, Uint8Array> {
  if (bytes.length < 22) throw new ZipCorrupt('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = directory(bytes, view, limits.zipEntries).filter((e) => wanted(e.name));
  // The sizes declared, before anything is inflated.
  let declared = 0;
  for (const entry of entries) {
    if (entry.size > limits.zipEntryBytes) throw new ZipOverLimit({ limit: 'zipEntryBytes', part: entry.name, actual: entry.size });
    declared += entry.size;
    if (declared > limits.zipTotalBytes) throw new ZipOverLimit({ limit: 'zipTotalBytes', actual: declared });
  }
  // The sizes found: inflating stops at what is left of the budget.
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    if (parts.has(entry.name)) continue;
    const left = limits.zipTotalBytes - total;
    const budget = Math.min(limits.zipEntryBytes, left);
    const data = inflate(rawData(bytes, view, entry), entry, budget);
    if (data === null) {
      throw new ZipOverLimit(budget === left ? { limit: 'zipTotalBytes' } : { limit: 'zipEntryBytes', part: entry.name });
    }
    total += data.length;
    parts.set(entry.name, data);
  }
  return parts;
}

let crcTable: Uint32Array | null = null;

function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** An entry to write: its data as stored, and what its headers declare. */
export interface ZipWriteEntry {
  name: string;
  /** The bytes as they stand in the file (compressed when `method` is 8). */
  data: Uint8Array;
  method: typeof STORED | typeof DEFLATED;
  crc: number;
  /** Uncompressed size, as the headers declare it. */
  size: number;
}

/** The fields local headers and directory entries share, from 'version needed' to the name's length. */
function writeCommon(header: Buffer, at: number, entry: ZipWriteEntry, nameLength: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2); // names in UTF-8
  header.writeUInt16LE(entry.method, at + 4);
  header.writeUInt32LE(entry.crc >>> 0, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** A zip archive of the entries as given. */
export function zipArchive(entries: ZipWriteEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    writeCommon(local, 4, entry, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(20, 4);
    writeCommon(central, 6, entry, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength));
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directoryBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directoryBytes, end]));
}

/** A zip of the given entries, stored without compression. */
export function storedZip(parts: Map<string, Uint8Array>): Uint8Array {
  return zipArchive([...parts].map(([name, data]) => ({ name, data, method: STORED, crc: crc32(data), size: data.length })));
}
