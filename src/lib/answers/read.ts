// In the browser: a view's first answers, read with hyparquet from the set's
// file for the key's province — the footer, then the one row group holding the
// key (its statistics say which). No query engine is involved. A small file
// is fetched whole, in one request.

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

/** Below this a file is read whole: one request instead of two. */
const WHOLE_FILE = 64 * 1024;

const buffers = new Map<string, Promise<AsyncBuffer>>();

async function bufferOf(href: string, bytes: number): Promise<AsyncBuffer> {
  const { asyncBufferFromUrl, cachedAsyncBuffer } = await import('hyparquet');
  if (bytes > WHOLE_FILE) return cachedAsyncBuffer(await asyncBufferFromUrl({ url: href, byteLength: bytes }));
  const response = await fetch(href);
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${href}`);
  const whole = await response.arrayBuffer();
  return { byteLength: whole.byteLength, slice: (start, end) => whole.slice(start, end) };
}

/**
 * The answers of a set for a key, or null when the set has none for it (a view the build did not
 * answer, or a site built without answers). A failed download throws.
 */
export async function readAnswers(set: string, key: string): Promise<Answers | null> {
  const part = answerFiles()[set]?.[partOf(key)];
  if (!part) return null;
  const href = url(`data/answers/${part.file}`);
  let buffer = buffers.get(href);
  if (!buffer) {
    buffer = bufferOf(href, part.bytes);
    buffers.set(href, buffer);
    buffer.catch(() => buffers.delete(href));
  }
  const file = await buffer;
  const { parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
  const metadata = await parquetMetadataAsync(file, { initialFetchSize: Math.min(file.byteLength, WHOLE_FILE) });
  const rows = await parquetReadObjects({ file, metadata, columns: ['key', 'answers'], filter: { key: { $eq: key } } });
  const hit = rows.find((r) => r.key === key);
  return hit ? (JSON.parse(String(hit.answers)) as Answers) : null;
}
