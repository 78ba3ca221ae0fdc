// Traditional Chinese: a cheap detector on a sample of the text, and the
// conversion to Simplified with OpenCC (opencc-js), loaded only when a
// Traditional text turns up since its dictionaries are large.

import { createRequire } from 'node:module';

/**
 * Frequent characters whose Traditional and Simplified forms differ, as
 * aligned pairs (Traditional, Simplified). Only one-to-one pairs: characters
 * like 係/系, 幹/干, 著/着 that also occur in Simplified text are left out.
 */
const PAIRS =
  '開开資资報报處处發发會会過过這这們们個个來来時时為为與与關关於于機机號号請请聯联條条總总數数據据' +
  '結结訴诉議议規规範范則则國国務务說说對对從从當当進进後后實实現现經经義义員员區区問问題题門门間间' +
  '動动長长電电業业產产認认論论還还點点將将應应書书學学種种專专設设計计調调辦办證证單单項项領领導导' +
  '縣县鎮镇鄉乡級级歲岁費费網网訊讯覽览類类歷历權权責责準准價价傳传統统織织構构屬属擔担並并濟济' +
  '護护環环衛卫醫医療疗災灾險险戶户詢询補补檢检稅税雖虽讓让無无愛爱聽听見见觀观氣气體体' +
  '歸归約约紀纪錄录復复響响庫库態态額额預预審审屆届興兴僅仅優优勢势違违決决確确錯错負负況况';

/** 1 = Traditional-only form, 2 = its Simplified counterpart. */
const KIND = new Uint8Array(0x10000);
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  KIND[PAIRS.charCodeAt(i)] = 1;
  KIND[PAIRS.charCodeAt(i + 1)] = 2;
}

/** The sample ends after this many marked characters (a few hundred characters of Chinese text)… */
const SAMPLE_HITS = 100;
/** …or after this many characters. */
const MAX_SAMPLE_CHARS = 20000;
/** A text is Traditional when at least this share of marked characters are Traditional forms… */
const TRADITIONAL_SHARE = 0.6;
/** …and at least this many were seen. */
const MIN_TRADITIONAL = 5;

export interface TraditionalCheck {
  traditional: boolean;
  /** Traditional-only forms seen in the sample. */
  traditionalCount: number;
  /** Their Simplified counterparts seen in the sample. */
  simplifiedCount: number;
}

/**
 * Looks at the start of a text: until 100 marked characters (frequent ones
 * that differ between the scripts) have been seen, at most 20,000 characters.
 */
export function checkTraditional(text: string): TraditionalCheck {
  let trad = 0;
  let simp = 0;
  const end = Math.min(text.length, MAX_SAMPLE_CHARS);
  for (let i = 0; i < end && trad + simp < SAMPLE_HITS; i++) {
    const k = KIND[text.charCodeAt(i)];
    if (k === 1) trad++;
    else if (k === 2) simp++;
  }
  const traditional = trad >= MIN_TRADITIONAL && trad >= TRADITIONAL_SHARE * (trad + simp);
  return { traditional, traditionalCount: trad, simplifiedCount: simp };
}

type Convert = (text: string) => string;
let converter: Convert | null = null;

/**
 * Converts Traditional to Simplified Chinese (OpenCC, from Taiwan standard
 * forms to mainland forms, character and phrase level, no regional
 * vocabulary swaps). Line structure, tabs, digits and punctuation are kept.
 */
export function toSimplified(text: string): string {
  if (!converter) {
    // Loaded synchronously on first use: decodeReport is synchronous and the
    // t2cn build (~110 KB of dictionaries) is only needed for Traditional texts.
    const require = createRequire(import.meta.url);
    const OpenCC = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): Convert };
    converter = OpenCC.Converter({ from: 'tw', to: 'cn' });
  }
  return converter(text);
}
