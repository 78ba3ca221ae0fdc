// Text encoding detection and decoding.
//
// Fast path (the common case, valid UTF-8): one fatal TextDecoder call and a
// control-character check on the first few thousand characters. Everything
// else (a NUL byte near the start, invalid UTF-8) goes to the slow path: each
// candidate encoding decodes a 16 KB sample, the samples are scored
// (charstats.ts) and the best one decodes the whole file.

import { badCharRatio, looksBinary, rank, scoreSample, type SampleScore } from './charstats.ts';
import type { TextEncoding } from './types.ts';

export type EncodingSource = 'bom' | 'declared' | 'detected';

export type DecodeTextResult =
  | { kind: 'text'; text: string; encoding: TextEncoding; source: EncodingSource }
  | { kind: 'binary' };

const SAMPLE_BYTES = 16 * 1024;
/** Share of bad characters above which a fast-path decode is taken for binary. */
const FAST_PATH_BAD_RATIO = 0.02;

/** Candidates in order of preference; `prior` is subtracted from the rank so a later one must win clearly. */
const CANDIDATES: ReadonlyArray<{ encoding: TextEncoding; prior: number }> = [
  { encoding: 'utf-8', prior: 0 },
  { encoding: 'gb18030', prior: 0 },
  { encoding: 'utf-16le', prior: 0.02 },
  { encoding: 'utf-16be', prior: 0.02 },
  // Big5 decodes most GBK byte pairs too; it must do clearly better to be chosen.
  { encoding: 'big5', prior: 0.15 },
];

const decoders = new Map<string, TextDecoder>();

function decoder(encoding: TextEncoding, fatal = false): TextDecoder {
  const key = fatal ? `${encoding}!` : encoding;
  let d = decoders.get(key);
  if (!d) {
    d = new TextDecoder(encoding, { fatal });
    decoders.set(key, d);
  }
  return d;
}

/** The encoding named by a byte order mark, or null. */
export function bomEncoding(bytes: Uint8Array): TextEncoding | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decodes with the given encoding, never throwing; a leading BOM of that encoding is dropped. */
export function decodeWith(bytes: Uint8Array, encoding: TextEncoding): string {
  return decoder(encoding).decode(bytes);
}

/** Decodes a sample and scores it, leaving out the last characters a cut through a sequence may have spoiled. */
function scoreCandidate(sample: Uint8Array, encoding: TextEncoding, truncated: boolean): SampleScore {
  let text = decodeWith(sample, encoding);
  if (truncated) text = text.slice(0, Math.max(0, text.length - 2));
  return scoreSample(text);
}

function acceptable(score: SampleScore): boolean {
  return score.badRatio <= 0.005 && !looksBinary(score);
}

/**
 * Chooses the encoding for bytes that are not valid UTF-8 (or hold NUL bytes):
 * the declared one when it decodes cleanly, else the best-scoring candidate;
 * null when no candidate gives plausible text.
 */
function chooseEncoding(bytes: Uint8Array, declared: TextEncoding | null): { encoding: TextEncoding; source: EncodingSource } | null {
  const truncated = bytes.length > SAMPLE_BYTES;
  const sample = truncated ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  if (declared && declared !== 'utf-8' && acceptable(scoreCandidate(sample, declared, truncated))) {
    return { encoding: declared, source: 'declared' };
  }
  let best: { encoding: TextEncoding; score: SampleScore; rank: number } | null = null;
  for (const { encoding, prior } of CANDIDATES) {
    const score = scoreCandidate(sample, encoding, truncated);
    const r = rank(score) - prior;
    if (!best || r > best.rank) best = { encoding, score, rank: r };
  }
  if (!best || looksBinary(best.score)) return null;
  return { encoding: best.encoding, source: 'detected' };
}

/**
 * Turns bytes into text. `declared` is an encoding the file names for itself
 * (an HTML <meta charset>); valid UTF-8 wins over it, since a page saved by a
 * browser keeps its old declaration.
 */
export function decodeText(bytes: Uint8Array, declared: TextEncoding | null = null): DecodeTextResult {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = decodeWith(bytes, bom);
    return badCharRatio(text) > FAST_PATH_BAD_RATIO ? { kind: 'binary' } : { kind: 'text', text, encoding: bom, source: 'bom' };
  }
  const head = bytes.length > 4096 ? bytes.subarray(0, 4096) : bytes;
  if (head.indexOf(0) === -1) {
    try {
      const text = decoder('utf-8', true).decode(bytes);
      if (badCharRatio(text) > FAST_PATH_BAD_RATIO) return { kind: 'binary' };
      return { kind: 'text', text, encoding: 'utf-8', source: 'detected' };
    } catch {
      // Not UTF-8: fall through to detection.
    }
  }
  const chosen = chooseEncoding(bytes, declared);
  if (!chosen) return { kind: 'binary' };
  return { kind: 'text', text: decodeWith(bytes, chosen.encoding), ...chosen };
}

/** Number of U+FFFD replacement characters in a text. */
export function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}
