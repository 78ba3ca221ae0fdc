// In the browser: a view's first answers, read with hyparquet from the set's
// file for the key's province — the footer, then the one row group holding the
// key (its statistics say which). No query engine is involved. The file's
// tail (footer; the whole file when it is small) is requested at once, while
// hyparquet's code is still arriving: on a slow link a view costs two round
// trips, one for a small file.

import type { AsyncBuffer } from 'hyparquet';
import { url } from '../site.ts';
import { ANSWER_FILES_ELEMENT, partOf, type AnswerFiles, type Answers } from './payload.ts';

let listing: AnswerFiles | null = null;

/** The answer files the page embedded (none when the build made none). */
export function answerFiles(): AnswerFiles {
  if (listing) return listing;
  const el = document.getElementById(ANSWER_FILES_ELEMENT);
  listing = el?.textContent ? (JSON.parse(el.textContent) as AnswerFiles) : {};
  return listing;
}

/** Whether the build made answers of a set (then every view it covers has them). */
export function hasAnswerSet(set: string): boolean {
  return set in answerFiles();
}

/** Whether the build made answers for the part (province) of a key: then a key without answers is not a view of the set. */
export function hasAnswerPart(set: string, key: string): boolean {
  return !!answerFiles()[set]?.[partOf(key)];
}

/** The tail fetched first: the footer of every answer file fits (a small file is read whole). */
const TAIL = 64 * 1024;

async function range(href: string, start: number, end: number, whole: boolean): Promise<ArrayBuffer> {
  const response = await fetch(href, whole ? {} : { headers: { Range: `bytes=${start}-${end - 1}` } });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${href}`);
  const body = await response.arrayBuffer();
  // A server that ignores ranges sends the whole file.
  return response.status === 200 && !whole ? body.slice(start, end) : body;
}

/** A file read by ranges, its tail requested at once and kept. */
function remoteFile(href: string, bytes: number): AsyncBuffer {
  const tailStart = Math.max(0, bytes - TAIL);
  const tail = range(href, tailStart, bytes, tailStart === 0);
  const fetched = new Map<string, Promise<ArrayBuffer>>();
  return {
    byteLength: bytes,
    async slice(start, end = bytes) {
      if (start >= tailStart) return (await tail).slice(start - tailStart, end - tailStart);
      const key = `${start}-${end}`;
      let part = fetched.get(key);
      if (!part) fetched.set(key, (part = range(href, start, end, false)));
      return part;
    },
  };
}

const files = new Map<string, { file: AsyncBuffer; metadata: Promise<import('hyparquet').FileMetaData> }>();

function open(href: string, bytes: number) {
  let open = files.get(href);
  if (!open) {
    const file = remoteFile(href, bytes);
    const metadata = import('hyparquet').then(({ parquetMetadataAsync }) => parquetMetadataAsync(file, { initialFetchSize: Math.min(bytes, TAIL) }));
    open = { file, metadata };
    files.set(href, open);
    metadata.catch(() => files.delete(href));
  }
  return open;
}

/**
 * The answers of a set for a key, or null when the set has none for it (a view the build did not
 * answer, or a site built without answers). A failed download throws.
 */
export async function readAnswers(set: string, key: string): Promise<Answers | null> {
  const part = answerFiles()[set]?.[partOf(key)];
  if (!part) return null;
  const { file, metadata } = open(url(`data/answers/${part.file}`), part.bytes);
  const [{ parquetReadObjects }, meta] = await Promise.all([import('hyparquet'), metadata]);
  const rows = await parquetReadObjects({ file, metadata: meta, columns: ['key', 'answers'], filter: { key: { $eq: key } } });
  const hit = rows.find((r) => r.key === key);
  return hit ? (JSON.parse(String(hit.answers)) as Answers) : null;
}
