// Character statistics used to tell text from binary and to choose between
// candidate encodings: how many control characters and replacement
// characters a decoding produced, and how many of its non-ASCII characters
// are ones a Chinese report plausibly contains (common hanzi, CJK and
// full-width punctuation, common symbols).

/** Control characters that do not occur in text: C0 except TAB, LF, VT, FF, CR; DEL; C1; U+FFFD. */
export function isBadChar(c: number): boolean {
  if (c < 0x20) return c < 0x09 || (c > 0x0d && c !== 0x1a);
  return c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfffd;
}

const BAD_CHAR = /[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd]/;

/** Share of bad characters among the first `limit` characters. */
export function badCharRatio(text: string, limit = 2000): number {
  const sample = text.length > limit ? text.slice(0, limit) : text;
  if (sample.length === 0 || !BAD_CHAR.test(sample)) return 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) if (isBadChar(sample.charCodeAt(i))) bad++;
  return bad / sample.length;
}

let common: Uint8Array | null = null;

function markDecoded(table: Uint8Array, label: string, leads: [number, number], trails: Array<[number, number]>, lastLead?: [number, number]): void {
  const bytes: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [lo, hi] of trails) {
      for (let t = lo; t <= hi; t++) {
        if (lastLead && lead === leads[1] && (t < lastLead[0] || t > lastLead[1])) continue;
        bytes.push(lead, t);
      }
    }
  }
  const s = new TextDecoder(label).decode(new Uint8Array(bytes));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) table[c] = 1;
  }
}

/**
 * Common hanzi: GB2312 level 1 (3,755 simplified characters) and Big5 level 1
 * (5,401 traditional characters), derived from the platform's decoders on
 * first use so no character list has to be kept here.
 */
function commonHanzi(): Uint8Array {
  if (common) return common;
  const table = new Uint8Array(0x10000);
  markDecoded(table, 'gb18030', [0xb0, 0xd7], [[0xa1, 0xfe]]);
  markDecoded(table, 'big5', [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]], [0x40, 0x7e]);
  common = table;
  return table;
}

/** Non-ASCII characters that are not hanzi but are usual in reports. */
function isCommonSymbol(c: number): boolean {
  return (
    (c >= 0x00a0 && c <= 0x00ff) || // Latin-1 symbols: NBSP, ×, ·, °
    (c >= 0x2000 && c <= 0x22ff) || // general punctuation, letterlike, number forms (Ⅰ), arrows, math
    (c >= 0x2460 && c <= 0x27bf) || // enclosed numbers (①), box drawing, shapes (■ ○), dingbats
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation
    (c >= 0x3200 && c <= 0x32ff) || // enclosed CJK (㈠)
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    c === 0xfeff
  );
}

export interface SampleScore {
  /** Characters scored. */
  length: number;
  /** Share of bad characters (controls, U+FFFD). */
  badRatio: number;
  /** Non-ASCII characters scored. */
  nonAscii: number;
  /** Share of non-ASCII characters that are common hanzi or usual symbols (1 when there are none). */
  quality: number;
}

/** Scores a decoded sample; plausible Chinese text has badRatio ≈ 0 and quality near 1. */
export function scoreSample(text: string): SampleScore {
  const table = commonHanzi();
  let bad = 0;
  let nonAscii = 0;
  let good = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isBadChar(c)) {
      bad++;
      if (c >= 0x80) nonAscii++;
    } else if (c >= 0x80) {
      nonAscii++;
      if (table[c] === 1 || isCommonSymbol(c)) good++;
    }
  }
  return { length: n, badRatio: n ? bad / n : 0, nonAscii, quality: nonAscii ? good / nonAscii : 1 };
}

/** One number to rank candidate decodings by: quality, heavily penalised by bad characters. */
export function rank(score: SampleScore): number {
  return score.quality - 10 * score.badRatio;
}

/** True when a scored sample does not look like text in any encoding. */
export function looksBinary(score: SampleScore): boolean {
  if (score.badRatio > 0.02) return true;
  return score.nonAscii >= 16 && score.quality < 0.4;
}
