// A listing's other pages. County sites number them in a few ways, all read
// here: links titled 下一页 / 尾页 (and plain page numbers), files named
// index_1.html … index_N.html, a ?page=N parameter, and the CMS habit of
// writing the pager from a script — createPageHTML(pageCount, currentPage,
// "index", "html") — so that the page has no links to follow at all. When the
// last page's number is known (尾页, the script's count) every page up to it
// is listed, so a listing is walked without following 下一页 one by one.

import type { PageInfo } from './page.ts';
import { normalizeUrl } from './url.ts';

/** A listing of more pages than this is cut short (a calendar or a search of everything, not a 年报 column). */
export const MAX_LISTING_PAGES = 500;

const PAGER_TEXT = /^(?:下一页|下页|后一页|尾页|末页|最后一页|上一页|首页|next|last|>|>>|»|›)$/i;
const PAGE_NUMBER = /^\[?\d{1,4}\]?$/;
const NUMBERED_FILE = /^(.*\/[^/?#]*?)_(\d{1,4})\.(s?html?|jsp|aspx?|php)$/i;
const PAGE_PARAMS = ['page', 'pageNo', 'pageno', 'pageIndex', 'pageindex', 'pageNum', 'pagenum', 'curPage', 'currentPage', 'p'];

/** The page's own URL in the numbered-file scheme, as a base for numbered siblings ('…/index' + 'html'). */
function numberedBase(url: string): { stem: string; ext: string } | null {
  const path = url.split(/[?#]/)[0];
  const numbered = NUMBERED_FILE.exec(path);
  if (numbered) return { stem: numbered[1], ext: numbered[3] };
  const plain = /^(.*\/[^/?#]+)\.(s?html?|jsp|aspx?|php)$/i.exec(path);
  if (plain) return { stem: plain[1], ext: plain[2] };
  if (path.endsWith('/')) return { stem: `${path}index`, ext: 'html' };
  return null;
}

/** Pages named by createPageHTML(…) calls in the page's scripts. */
export function scriptPages(page: Pick<PageInfo, 'url' | 'scripts'>): string[] {
  const out: string[] = [];
  for (const script of page.scripts) {
    for (const call of script.matchAll(/createPageHTML\s*\(([^)]*)\)/g)) {
      const args = call[1].split(',').map((a) => a.trim().replace(/^['"]|['"]$/g, ''));
      const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number);
      const words = args.filter((a) => a !== '' && !/^\d+$/.test(a));
      const count = Math.min(numbers[0] ?? 0, MAX_LISTING_PAGES);
      const prefix = words.length >= 2 ? words[words.length - 2] : 'index';
      const suffix = words.length >= 1 ? words[words.length - 1] : 'html';
      if (!/^[\w.-]+$/.test(prefix) || !/^\w+$/.test(suffix)) continue;
      for (let i = 0; i < count; i++) {
        const url = normalizeUrl(i === 0 ? `${prefix}.${suffix}` : `${prefix}_${i}.${suffix}`, page.url);
        if (url) out.push(url);
      }
    }
  }
  return out;
}

function pageParam(u: URL): string | null {
  return PAGE_PARAMS.find((p) => u.searchParams.has(p) && /^\d{1,4}$/.test(u.searchParams.get(p)!)) ?? null;
}

/** Is `url` another page of the listing at `listing` (same path scheme, another number)? */
function isSibling(listing: string, url: string): boolean {
  const a = new URL(listing);
  const b = new URL(url);
  if (a.host !== b.host) return false;
  const param = pageParam(b);
  if (param && a.pathname === b.pathname) return true;
  const base = numberedBase(listing);
  const numbered = NUMBERED_FILE.exec(b.href.split(/[?#]/)[0]);
  return Boolean(base && numbered && numbered[1] === base.stem);
}

/** Fills the gaps up to the highest page number seen, in both schemes. */
function expand(listing: string, urls: readonly string[]): string[] {
  const out = new Set(urls);
  const base = numberedBase(listing);
  let maxFile = 0;
  let maxParam: { param: string; n: number; sample: URL } | null = null;
  for (const url of urls) {
    const numbered = NUMBERED_FILE.exec(url.split(/[?#]/)[0]);
    if (base && numbered && numbered[1] === base.stem) maxFile = Math.max(maxFile, Number(numbered[2]));
    const u = new URL(url);
    const param = pageParam(u);
    if (param) {
      const n = Number(u.searchParams.get(param));
      if (!maxParam || n > maxParam.n) maxParam = { param, n, sample: u };
    }
  }
  if (base && maxFile > 0) {
    out.add(`${base.stem}.${base.ext}`);
    for (let i = 1; i <= Math.min(maxFile, MAX_LISTING_PAGES); i++) out.add(`${base.stem}_${i}.${base.ext}`);
  }
  if (maxParam) {
    for (let i = 1; i <= Math.min(maxParam.n, MAX_LISTING_PAGES); i++) {
      const u = new URL(maxParam.sample.href);
      u.searchParams.set(maxParam.param, String(i));
      out.add(u.href);
    }
  }
  return [...out].map((u) => normalizeUrl(u) ?? u);
}

/** Every other page of the listing that `page` is one page of. */
export function paginationUrls(page: Pick<PageInfo, 'url' | 'links' | 'scripts'>): string[] {
  const found: string[] = [];
  for (const link of page.links) {
    const text = link.text || link.title;
    const pager = PAGER_TEXT.test(text) || PAGE_NUMBER.test(text);
    if (pager && isSibling(page.url, link.url)) found.push(link.url);
  }
  found.push(...scriptPages(page));
  return expand(page.url, found).filter((u) => u !== page.url);
}
