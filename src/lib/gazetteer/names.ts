// Short forms of place names, derived from the name itself: reports write
// '山东' for 山东省, '广西' for 广西壮族自治区, '临夏州' or '临夏' for
// 临夏回族自治州, '微山' for 微山县. The rules strip the type suffix (省, 市,
// 自治区, 自治州, 地区, 盟, 县, 区, 旗 …) and, for autonomous areas, the names of
// the peoples (回族, 苗族侗族, 维吾尔 …) in front of 自治.

import type { PlaceLevel } from './types.ts';

/**
 * The 55 recognised minority peoples, as they are written in names of autonomous
 * areas ('蒙古族' or, e.g. in 新疆维吾尔自治区 and 伊犁哈萨克自治州, without 族).
 */
const PEOPLES = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒',
  '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲',
  '门巴', '珞巴', '基诺', '各',
];

/** Longest first, so that '土家' is tried before '土'. */
const PEOPLE_TOKENS: readonly string[] = [...PEOPLES].sort((a, b) => b.length - a.length);

/** Minimum length of a short form: one character says too little ('赵' for 赵县). */
const MIN_SHORT = 2;

/** Strips people names from the end of `s` ('临夏回族' → '临夏', '黔东南苗族侗族' → '黔东南'), keeping ≥ 2 characters. */
function stripPeoples(s: string): string {
  let rest = s;
  for (;;) {
    let stripped = false;
    for (const p of PEOPLE_TOKENS) {
      // A one-character people ('回', '水') only counts with 族; longer ones may stand alone ('维吾尔').
      for (const token of p.length === 1 ? [p + '族'] : [p + '族', p]) {
        if (rest.endsWith(token) && rest.length - token.length >= MIN_SHORT) {
          rest = rest.slice(0, -token.length);
          stripped = true;
          break;
        }
      }
      if (stripped) break;
    }
    if (!stripped) return rest;
  }
}

export interface ShortForms {
  /**
   * The name without type suffix and peoples ('山东', '临夏', '微山', '聊城'), or null when that
   * would be shorter than 2 characters or the name is not a proper name ('市辖区').
   */
  stem: string | null;
  /**
   * Other full-looking forms besides the stem: the stem with a generic suffix kept for autonomous
   * areas ('临夏州' for 临夏回族自治州, '积石山县' for 积石山保安族东乡族撒拉族自治县).
   */
  forms: string[];
}

const AUTONOMOUS = /^(.+?)自治(区|州|县|旗)$/;

/** The type suffixes stripped at each level, longest first. */
const SUFFIXES: Record<PlaceLevel, readonly string[]> = {
  province: ['特别行政区', '省', '市'],
  city: ['地区', '市', '盟', '州'],
  county: ['林区', '特区', '县', '区', '市', '旗'],
  town: ['民族乡', '民族镇', '街道', '苏木', '镇', '乡'],
};

/** Short forms of a place name at a level (data-driven: only the name's own structure is used). */
export function shortForms(name: string, level: PlaceLevel): ShortForms {
  const auto = AUTONOMOUS.exec(name);
  if (auto) {
    const stem = stripPeoples(auto[1]);
    if (stem.length < MIN_SHORT) return { stem: null, forms: [] };
    // 自治区 → no kept-suffix form ('广西区' is not how provinces are written); 自治州 → '临夏州'; 自治县 → 'X县'; 自治旗 → 'X旗'.
    const kind = auto[2];
    const forms = kind === '区' ? [] : [stem + kind];
    return { stem, forms };
  }
  for (const suffix of SUFFIXES[level]) {
    if (name.endsWith(suffix)) {
      const stem = name.slice(0, -suffix.length);
      return { stem: stem.length >= MIN_SHORT ? stem : null, forms: [] };
    }
  }
  return { stem: null, forms: [] };
}

/**
 * The part of a name before its type suffix at the level ('两城镇' → '两城', '街道' → ''), or null
 * when the name has none of the level's suffixes ('林场', '经济开发区').
 */
export function typeStem(name: string, level: PlaceLevel): string | null {
  for (const suffix of SUFFIXES[level]) if (name.endsWith(suffix)) return name.slice(0, -suffix.length);
  return null;
}
