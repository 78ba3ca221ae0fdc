// A fetched web page read for the collector: its text decoded (HTTP header,
// <meta>, then sniffing — GBK/GB18030 pages are common), and what discovery
// and provenance need from it: links with their text and title, inline
// scripts (pagination is often written by one), the title, the site's name,
// the breadcrumbs ("当前位置：首页 > 政务公开 > …") and the date the page shows.

import { Parser } from 'htmlparser2';
import { decodeText } from '../decode/encoding.ts';
import { declaredHtmlEncoding } from '../decode/sniff.ts';
import type { TextEncoding } from '../decode/types.ts';
import { normalizeUrl } from './url.ts';

export interface PageLink {
  url: string;
  text: string;
  title: string;
}

export interface PageInfo {
  url: string;
  encoding: string;
  title: string;
  heading: string;
  siteName: string | null;
  /** YYYY-MM-DD, as the page shows it. */
  date: string | null;
  breadcrumbs: string[];
  links: PageLink[];
  scripts: string[];
  /** Characters of CJK text outside scripts and styles (the page's own words, chrome included). */
  cjkChars: number;
  tables: number;
}

/** The encoding a Content-Type header names, when it is one the decoder reads. */
export function headerEncoding(contentType: string | null): TextEncoding | null {
  const m = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(contentType ?? '');
  if (!m) return null;
  try {
    const name = new TextDecoder(m[1].toLowerCase()).encoding;
    if (name === 'utf-8') return 'utf-8';
    if (name === 'gbk' || name === 'gb18030') return 'gb18030';
    if (name === 'big5') return 'big5';
  } catch {
    // An unknown label: the page's own declaration or sniffing decides.
  }
  return null;
}

/** Bytes to text: the header's charset, else the page's <meta>, else what the bytes look like. */
export function decodePage(bytes: Uint8Array, contentType: string | null): { text: string; encoding: string } {
  const declared = headerEncoding(contentType) ?? declaredHtmlEncoding(bytes);
  const decoded = decodeText(bytes, declared);
  if (decoded.kind === 'binary') return { text: '', encoding: 'binary' };
  return { text: decoded.text.replace(/^\uFEFF/, ''), encoding: decoded.encoding };
}

const CRUMB_NAME = /crumb|position|location|dqwz|weizhi|bread|curpos/;
const CRUMB_LEAD = /^\s*(?:当前位置|您(?:现在)?的位置|所在位置|位置)\s*[:：]?\s*/;
const CRUMB_SEPARATOR = /\s*(?:>>|>|»|›|＞|→|\/|\|)\s*/;
const SITE_META = ['sitename', 'og:site_name', 'site_name', 'site'];
const DATE_META = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'maketime'];
const DATE_IN_TEXT = /(?:发布|发文|成文|公开|更新)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})/;
const CJK = /[\u3400-\u9fff]/g;
/** The part of a <title> after the last separator names the site when it reads like one. */
const SITE_LIKE = /(人民政府|政府|门户网站|政务网|政府网)$/;

/** Elements whose end ends a line of the page's text. */
const BLOCK_END = new Set(['p', 'div', 'li', 'br', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dd', 'dt']);

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function isoDate(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dateOf(text: string | undefined): string | null {
  const m = /(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})/.exec(text ?? '');
  return m ? isoDate(m[1], m[2], m[3]) : null;
}

export function splitCrumbs(text: string): string[] {
  return clean(text)
    .split(CRUMB_SEPARATOR)
    .map((s) => s.replace(CRUMB_LEAD, '').trim())
    .filter((s) => s.length > 0 && s.length <= 40);
}

interface Open {
  tag: string;
  crumb: boolean;
}

/** Reads a page's HTML. `url` resolves relative links (a <base href> takes precedence). */
export function readPage(html: string, url: string, encoding = 'utf-8'): PageInfo {
  const links: PageLink[] = [];
  const scripts: string[] = [];
  const meta = new Map<string, string>();
  let base = url;
  let title = '';
  let heading = '';
  let tables = 0;
  let bodyText = '';
  const stack: Open[] = [];
  let anchor: { href: string; title: string; text: string } | null = null;
  let script: string | null = null;
  let skip = 0;
  let crumbDepth = 0;
  let crumbText = '';
  let crumbDone = false;
  let inTitle = false;
  let inH1 = false;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const idClass = `${attrs.id ?? ''} ${attrs.class ?? ''}`.toLowerCase();
        const crumb = !crumbDone && crumbDepth === 0 && idClass.trim() !== '' && CRUMB_NAME.test(idClass) && name !== 'a';
        stack.push({ tag: name, crumb });
        if (crumb) crumbDepth = stack.length;
        if (name === 'base' && attrs.href) base = normalizeUrl(attrs.href, url) ?? base;
        else if (name === 'meta') {
          const key = (attrs.name ?? attrs.property ?? '').toLowerCase();
          if (key && attrs.content) meta.set(key, attrs.content);
        } else if (name === 'a' && attrs.href !== undefined) anchor = { href: attrs.href, title: attrs.title ?? '', text: '' };
        else if (name === 'script' && !attrs.src) script = '';
        else if (name === 'style' || name === 'noscript') skip++;
        else if (name === 'title') inTitle = true;
        else if (name === 'h1') inH1 = true;
        else if (name === 'table') tables++;
        if (crumbDepth && (name === 'a' || name === 'span' || name === 'li')) crumbText += ' > ';
      },
      ontext(data) {
        if (script !== null) {
          script += data;
          return;
        }
        if (skip) return;
        if (inTitle) {
          title += data;
          return;
        }
        if (inH1) heading += data;
        if (anchor) anchor.text += data;
        if (crumbDepth) crumbText += data;
        bodyText += data;
      },
      onclosetag(name) {
        if (name === 'a' && anchor) {
          const target = normalizeUrl(anchor.href, base);
          if (target) links.push({ url: target, text: clean(anchor.text), title: clean(anchor.title) });
          anchor = null;
        } else if (name === 'script' && script !== null) {
          scripts.push(script);
          script = null;
        } else if (name === 'style' || name === 'noscript') skip = Math.max(0, skip - 1);
        else if (name === 'title') inTitle = false;
        else if (name === 'h1') inH1 = false;
        if (BLOCK_END.has(name)) bodyText += '\n';
        if (crumbDepth && stack.length === crumbDepth) {
          crumbDepth = 0;
          if (splitCrumbs(crumbText).length >= 2) crumbDone = true;
          else crumbText = '';
        }
        stack.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  let breadcrumbs = crumbDone ? splitCrumbs(crumbText) : [];
  if (breadcrumbs.length === 0) {
    // No breadcrumb element: a line of text that starts like one.
    const line = bodyText.split('\n').find((l) => CRUMB_LEAD.test(l) && CRUMB_SEPARATOR.test(l));
    if (line) breadcrumbs = splitCrumbs(line);
  }
  const titleText = clean(title);
  const titleTail = titleText.split(/\s*[_|｜–—-]\s*/).pop() ?? '';
  const siteMeta = SITE_META.map((k) => meta.get(k)).find((v) => v && clean(v));
  const dateMeta = DATE_META.map((k) => dateOf(meta.get(k))).find((d) => d);
  const dateText = DATE_IN_TEXT.exec(bodyText);
  return {
    url,
    encoding,
    title: titleText,
    heading: clean(heading),
    siteName: siteMeta ? clean(siteMeta) : titleTail !== titleText && SITE_LIKE.test(titleTail) ? titleTail : null,
    date: dateMeta ?? (dateText ? isoDate(dateText[1], dateText[2], dateText[3]) : null),
    breadcrumbs,
    links,
    scripts,
    cjkChars: bodyText.match(CJK)?.length ?? 0,
    tables,
  };
}
