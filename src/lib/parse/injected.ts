// Text injected into reports copied by mirror and hijacked sites: an advert
// ('xx体育_xx官网@:', 'bet365体育', '澳门葡京') glued to the title or to a
// sentence. Such text is never the reporting body's name: a name is cut at the
// separators adverts come with, and the parts that look like an advert (its
// words, Latin letters and digits) are set aside and reported.

/** Words of gambling and other adverts injected into mirrored pages. */
const AD_WORDS = [
  '体育', '官网', '官方网站', '娱乐', '彩票', '博彩', '棋牌', '真人', '电竞', '开户', '注册', '下载', '网址', '入口',
  '赌', '澳门', '葡京', '威尼斯人', '金沙', '百家乐', '老虎机', '捕鱼', '足彩', '竞猜', '平台',
];

const AD = new RegExp(AD_WORDS.join('|'));
/** Separators adverts come with, and runs of Latin letters and digits (site names, domains). */
const SEPARATOR = /[_@:：|｜·•#＃~～\-—–]+|[A-Za-z0-9.]*[A-Za-z][A-Za-z0-9.]*|\s+/g;

export interface CleanName {
  /** The name without what was injected, or null when nothing of it is left. */
  name: string | null;
  /** What was set aside, as written; null when nothing was. */
  ignored: string | null;
}

/** Whether a piece of text holds an advert's words (a marker such as '[image: 图一]' does not). */
export function looksLikeAdvert(text: string): boolean {
  return AD.test(text);
}

/** Whether a piece of text may hold injected text: an advert's words, Latin letters or its separators. */
export function looksInjected(text: string): boolean {
  return AD.test(text) || /[A-Za-z]{2,}|[_@]/.test(text);
}

/**
 * A body's name without injected text: cut at advert separators, the last part that is not an
 * advert is the name ('xx体育_xx官网@:洪泽区人民政府' → '洪泽区人民政府'). A name without any of them
 * is returned as it is.
 */
export function withoutInjected(raw: string): CleanName {
  if (!looksInjected(raw)) return { name: raw, ignored: null };
  const parts = raw.split(SEPARATOR).filter((p) => p.length > 0);
  const clean = parts.filter((p) => !AD.test(p) && /[\u4e00-\u9fff]/.test(p));
  const name = clean.length > 0 ? clean[clean.length - 1] : null;
  if (name === raw) return { name, ignored: null };
  const at = name ? raw.lastIndexOf(name) : -1;
  const ignored = name ? (raw.slice(0, at) + raw.slice(at + name.length)).trim() : raw;
  return { name, ignored: ignored.length > 0 ? ignored : null };
}
