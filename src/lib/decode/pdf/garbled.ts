// Text a PDF's fonts give no characters for: glyphs mapped into the private
// use area, or to U+FFFD.

/** Share of the visible characters of `text` that are unmapped glyphs (0 when there are none). */
export function garbledShare(text: string): number {
  let odd = 0;
  let all = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x20 || c === 0x3000) continue;
    all++;
    if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) odd++;
  }
  return all === 0 ? 0 : odd / all;
}
