// A web page as the parser needs it: the report's text (from the page body,
// or from a script that writes the report when the body holds only chrome),
// and what surrounds the report: the page title, the site's name, the
// breadcrumb and the 发布日期 of the page, which name the body and the date
// when the report itself does not.

import { htmlToText, type HtmlLimits, type HtmlText } from './html-text.ts';
import { reportScore, scriptStrings } from './html-script.ts';

export interface PageMeta {
  /** The <title>, as written. */
  title: string | null;
  /** The site's name (meta SiteName / og:site_name, or the title's last part). */
  siteName: string | null;
  /** '当前位置：首页 > 政府信息公开 > …' without its lead. */
  breadcrumb: string | null;
  /** The page's 发布日期/发布时间, ISO. */
  published: string | null;
}

export interface PageText extends HtmlText {
  page: PageMeta;
  /** The report came from a script string, not from the page body. */
  fromScript: boolean;
}

/** The page's report text (htmlToText's, with its caps and options) and what surrounds it. */
export function readPage(html: string, limits?: HtmlLimits, options: { images?: boolean } = {}): PageText {
  const body = htmlToText(html, limits, options);
  const page = pageMeta(html);
  if (body.refused) return { ...body, page, fromScript: false };
  const bodyScore = reportScore(body.text) + (body.tables > 0 ? 2 : 0);
  // Cheap test first: most pages have no script long enough to hold a report.
  if (bodyScore < 6 && /<script\b/i.test(html)) {
    for (const candidate of scriptStrings(html)) {
      const inner: HtmlText = /<[a-z][^>]*>/i.test(candidate) ? htmlToText(candidate, limits) : { text: candidate.replace(/\r\n?/g, '\n'), tables: 0, refused: null, flattened: false };
      if (!inner.refused && reportScore(inner.text) + (inner.tables > 0 ? 2 : 0) > bodyScore) return { ...inner, page, fromScript: true };
    }
  }
  return { ...body, page, fromScript: false };
}

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;
const META = /<meta\b[^>]*>/gi;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
const DATE = /发布(?:日期|时间)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const CRUMB = /(?:当前位置|您的位置|所在位置|当前所在位置)\s*[:：]?\s*([^\n]{2,120})/;

function attr(tag: string, name: string): string | null {
  const m = ATTR(name).exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4] ?? null) : null;
}

/** Entities and tags out, whitespace collapsed: good enough for titles and one-line facts. */
function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/[ \t\u3000\u00a0]+/g, ' ')
    .trim();
}

export function pageMeta(html: string): PageMeta {
  const title = TITLE.exec(html);
  let siteName: string | null = null;
  for (const tag of html.match(META) ?? []) {
    const name = (attr(tag, 'name') ?? attr(tag, 'property') ?? '').toLowerCase();
    if (name === 'sitename' || name === 'og:site_name' || name === 'site_name') siteName = attr(tag, 'content');
  }
  const titleText = title ? plain(title[1]) : null;
  if (!siteName && titleText) {
    // '…年度报告_某某区人民政府' or '… - 某某镇人民政府网站': the last part names the site.
    const parts = titleText.split(/\s*[_|｜—–-]\s*/).filter((p) => p !== '');
    if (parts.length > 1) siteName = parts[parts.length - 1];
  }
  // Text with line breaks at block ends, for the one-line facts.
  const text = plain(html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/<\/(?:p|div|li|tr|h\d|span)>|<br\s*\/?>/gi, '\n')).replace(/ *\n */g, '\n');
  const date = DATE.exec(text);
  const crumb = CRUMB.exec(text);
  return {
    title: titleText || null,
    siteName: siteName ? plain(siteName) || null : null,
    breadcrumb: crumb ? crumb[1].trim() : null,
    published: date ? isoDate(Number(date[1]), Number(date[2]), Number(date[3])) : null,
  };
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? date.toISOString().slice(0, 10) : null;
}
