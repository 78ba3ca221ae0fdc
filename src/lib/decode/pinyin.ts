// Mirror sites that run a page through a converter sometimes annotate
// characters with their pinyin: '根據(jù)', '公開(kāi)'. The annotations split
// every label they touch; they are taken out. Only pinyin with a tone mark in
// brackets right after a Chinese character counts, and only in a text with
// several of them, so that a bracketed Latin word of a real report stays.

const NOTE = /(?<=[\u3400-\u9fff])[(（]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*)[)）]/g;
const LEAST = 3;

/** The text without pinyin annotations, and how many were taken out (0: the text unchanged). */
export function withoutPinyin(text: string): { text: string; removed: number } {
  if (!text.includes('(') && !text.includes('（')) return { text, removed: 0 };
  const found = text.match(NOTE)?.length ?? 0;
  if (found < LEAST) return { text, removed: 0 };
  return { text: text.replace(NOTE, ''), removed: found };
}
