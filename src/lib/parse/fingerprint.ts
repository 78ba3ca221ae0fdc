// A fingerprint of a report's narrative, to find reports whose words were
// copied from another's (last year's, or a neighbour's with the names
// changed) without comparing every pair of texts.
//
// The narrative is the report's prose (long text cells: not headings, table
// labels or figures), with the reporting body's own names taken out and then
// everything but Chinese characters and Latin letters (numbers, dates,
// punctuation, spaces): a copy with the names and figures changed leaves the
// same stream. Its shingles are the runs of SHINGLE_CHARS characters.
//
// The signature is a one-permutation MinHash: each shingle is hashed once, the
// hash's top bits choose one of SIGNATURE_BUCKETS buckets and each bucket keeps
// its smallest 16-bit value. Two signatures agree in a bucket with probability
// equal to the Jaccard similarity of the two shingle sets, so the share of
// agreeing buckets estimates it (buckets empty in both are left out). One hash
// per character keeps it cheap in the parse; 16 bits a bucket keeps the
// published table small (chance agreement 1/65,536).

import type { Cells } from './cells.ts';

/** Characters per shingle: five characters are about two words, more than any stock phrase's parts. */
export const SHINGLE_CHARS = 5;
export const SIGNATURE_BUCKETS = 64;
const BUCKET_SHIFT = 32 - Math.log2(SIGNATURE_BUCKETS);
/** What an empty bucket holds; a real minimum of 0xffff is as likely as any other, 1/65,536. */
const EMPTY = 0xffff;
export const EMPTY_BUCKET = 'ffff';

export interface NarrativeFingerprint {
  /** Shingles of the narrative (positions, repeats counted): how much text the signature stands for. */
  shingles: number;
  /** SIGNATURE_BUCKETS buckets of four hex digits each. */
  signature: string;
}

/** The narrative as written: long text cells, in reading order, one per line. */
export function narrativeText({ cells }: Cells): string {
  const parts: string[] = [];
  for (const cell of cells) if (cell.kind === 'text' && cell.long) parts.push(cell.raw);
  return parts.join('\n');
}

/** Suffixes that a name is also written without ('洪泽区' → '洪泽'). */
const NAME_SUFFIX = /(?:人民政府|办事处|街道|自治县|自治州|自治区|特别行政区|新区|地区|苏木|镇|乡|区|县|市|省|盟|旗)$/;

/** The names to take out, longest first: each as given and without its suffix (when two characters remain). */
export function nameForms(names: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    let n = name.trim();
    while (n.length >= 2) {
      out.add(n);
      const stem = n.replace(NAME_SUFFIX, '');
      if (stem === n || stem.length < 2) break;
      n = stem;
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

const isKept = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** The narrative without the names, and without anything but Chinese characters and Latin letters. */
export function normalizeNarrative(text: string, names: readonly string[]): string {
  const t = withoutNames(text, names);
  const kept: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isKept(c)) kept.push(c);
  }
  return String.fromCharCode(...kept);
}

function withoutNames(text: string, names: readonly string[]): string {
  let t = text;
  for (const n of names) if (t.includes(n)) t = t.replaceAll(n, '\n');
  return t;
}

const B = 0x01000193;
/** B^SHINGLE_CHARS mod 2^32: the leaving character's weight in the rolling hash. */
const B_OUT = (() => {
  let p = 1;
  for (let i = 0; i < SHINGLE_CHARS; i++) p = Math.imul(p, B);
  return p;
})();

const mins = new Uint16Array(SIGNATURE_BUCKETS);
const window = new Int32Array(SHINGLE_CHARS);

/**
 * The fingerprint of a text: its kept characters (see isKept) rolled through a polynomial hash
 * of the last SHINGLE_CHARS of them, in one pass without building the normalized string.
 * The rolled hash times an odd constant spreads well enough to its top bits (the bucket) and
 * the 16 bits below them (the value).
 */
function rollingFingerprint(text: string): NarrativeFingerprint {
  mins.fill(EMPTY);
  let h = 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isKept(c)) continue;
    const slot = seen % SHINGLE_CHARS;
    h = (Math.imul(h, B) + c - Math.imul(window[slot], B_OUT)) | 0;
    window[slot] = c;
    if (++seen < SHINGLE_CHARS) continue;
    const m = Math.imul(h ^ (h >>> 15), 0x9e3779b1);
    const bucket = m >>> BUCKET_SHIFT;
    const value = (m >>> (BUCKET_SHIFT - 16)) & 0xffff;
    if (value < mins[bucket]) mins[bucket] = value;
  }
  window.fill(0);
  let signature = '';
  for (let k = 0; k < SIGNATURE_BUCKETS; k++) signature += HEX4[mins[k]];
  return { shingles: Math.max(0, seen - SHINGLE_CHARS + 1), signature };
}

const HEX4: string[] = Array.from({ length: 0x10000 }, (_, v) => v.toString(16).padStart(4, '0'));

/** The fingerprint of a normalized narrative (the same as of the text it was normalized from). */
export function fingerprintOf(normalized: string): NarrativeFingerprint {
  return rollingFingerprint(normalized);
}

/** The fingerprint of a report's narrative, with `names` (the body's own) taken out. */
export function narrativeFingerprint(cells: Cells, names: readonly (string | null | undefined)[]): NarrativeFingerprint {
  return rollingFingerprint(withoutNames(narrativeText(cells), nameForms(names)));
}

/**
 * The estimated Jaccard similarity of two signatures: the share of buckets in which they agree,
 * of those not empty in both; null when no bucket is filled. The build computes the same in SQL
 * (build/cross-checks.ts).
 */
export function signatureSimilarity(a: string, b: string): number | null {
  let agree = 0;
  let filled = 0;
  for (let k = 0; k < SIGNATURE_BUCKETS; k++) {
    const x = a.slice(k * 4, k * 4 + 4);
    const y = b.slice(k * 4, k * 4 + 4);
    if (x === EMPTY_BUCKET && y === EMPTY_BUCKET) continue;
    filled++;
    if (x === y) agree++;
  }
  return filled === 0 ? null : agree / filled;
}

/** The exact Jaccard similarity of two normalized narratives' shingle sets (to judge the estimate by). */
export function shingleJaccard(a: string, b: string): number {
  const set = (s: string) => {
    const out = new Set<string>();
    for (let i = 0; i + SHINGLE_CHARS <= s.length; i++) out.add(s.slice(i, i + SHINGLE_CHARS));
    return out;
  };
  const x = set(a);
  const y = set(b);
  let both = 0;
  for (const s of x) if (y.has(s)) both++;
  const union = x.size + y.size - both;
  return union === 0 ? 0 : both / union;
}
