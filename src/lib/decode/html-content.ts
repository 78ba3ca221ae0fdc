// Keeping only the report on a government web page: site chrome (navigation,
// menus, headers, footers, breadcrumbs, share bars, sidebars, forms) is marked
// to be skipped, and when the page has an obvious content container
// (id/class with content, article, zoom, TRS_Editor, view) the one with the
// most text is taken as the article.

import { descendants, type HtmlElement } from './html-tree.ts';

/** Elements that are site chrome by their tag. */
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form']);
/** Elements that are site chrome by their id or class. */
const CHROME_NAME = /nav|menu|header|footer|breadcrumb|crumb|share|sidebar/;
/** Elements that hold the article by their id or class. */
const CONTENT_NAME = /content|article|zoom|trs_editor|view/;
/** Containers whose <header> belongs to the article (its title) rather than to the site. */
const ARTICLE_TAGS = new Set(['article', 'main']);
/**
 * A chrome candidate holding at least this share of the page's text, and at
 * least PAGE_CHARS characters, is the page itself (e.g. an ASP.NET <form>
 * around everything, or a misnamed wrapper).
 */
const PAGE_SHARE = 0.5;
const PAGE_CHARS = 500;
/** A content container is the article only when it holds at least this share of the page's text without chrome. */
const ARTICLE_SHARE = 0.25;

export interface ContentSelection {
  /** The element to read. */
  article: HtmlElement;
  /** Elements to skip wherever they are met. */
  chrome: Set<HtmlElement>;
  /** The page title, when it stands outside the article (to be put first). */
  heading: HtmlElement | null;
}

/** Elements below `root` and `root` itself, each after all of its descendants (post-order), without recursion. */
function bottomUp(root: HtmlElement): HtmlElement[] {
  const order: HtmlElement[] = [];
  for (const el of descendants(root)) order.push(el);
  order.reverse();
  order.push(root);
  return order;
}

/** Text length of every element; with `skip`, elements in it count as empty. */
function textLengths(root: HtmlElement, skip?: Set<HtmlElement>): Map<HtmlElement, number> {
  const lengths = new Map<HtmlElement, number>();
  // Reversed document order puts every element after its descendants.
  for (const el of bottomUp(root)) {
    let n = 0;
    for (const c of el.children) n += typeof c === 'string' ? c.trim().length : (lengths.get(c) ?? 0);
    lengths.set(el, skip?.has(el) ? 0 : n);
  }
  return lengths;
}

/** Elements that have a content container below them. */
function contentHolders(root: HtmlElement): Set<HtmlElement> {
  const holders = new Set<HtmlElement>();
  for (const el of bottomUp(root)) {
    for (const c of el.children) {
      if (typeof c !== 'string' && (holders.has(c) || isContentName(c))) {
        holders.add(el);
        break;
      }
    }
  }
  return holders;
}

function isContentName(el: HtmlElement): boolean {
  return el.idClass.length > 1 && CONTENT_NAME.test(el.idClass);
}

function insideArticleTag(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (ARTICLE_TAGS.has(p.tag) || isContentName(p)) return true;
  return false;
}

/**
 * Table parts are not chrome by the name 'header': a data table's header row
 * or cell may well be styled class="header". Other chrome names still count
 * for cells (a layout table's menu column).
 */
const TABLE_PARTS = new Set(['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'colgroup', 'col']);
const CHROME_CELL_NAME = /nav|menu|footer|breadcrumb|crumb|share|sidebar/;

function chromeCandidate(el: HtmlElement): boolean {
  if (el.tag === 'header') return !insideArticleTag(el);
  if (CHROME_TAGS.has(el.tag)) return true;
  const name = TABLE_PARTS.has(el.tag) ? CHROME_CELL_NAME : CHROME_NAME;
  return el.idClass.length > 1 && name.test(el.idClass) && !CONTENT_NAME.test(el.idClass);
}

function insideAny(el: HtmlElement, set: Set<HtmlElement>): boolean {
  for (let p: HtmlElement | null = el; p; p = p.parent) if (set.has(p)) return true;
  return false;
}

function contains(ancestor: HtmlElement, el: HtmlElement): boolean {
  for (let p: HtmlElement | null = el; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

export function selectContent(root: HtmlElement): ContentSelection {
  const raw = textLengths(root);
  const pageLength = raw.get(root) ?? 0;
  const holders = contentHolders(root);
  const chrome = new Set<HtmlElement>();
  for (const el of descendants(root)) {
    if (!chromeCandidate(el) || holders.has(el)) continue;
    const length = raw.get(el) ?? 0;
    if (length >= PAGE_CHARS && length >= PAGE_SHARE * pageLength) continue;
    chrome.add(el);
  }
  const clean = textLengths(root, chrome);

  // The content container with the most text, unless the text is mostly elsewhere.
  let article = root;
  let best = Math.max(1, ARTICLE_SHARE * (clean.get(root) ?? 0));
  for (const el of descendants(root)) {
    if (!isContentName(el) || insideAny(el, chrome)) continue;
    const n = clean.get(el) ?? 0;
    if (n >= best) {
      best = n;
      article = el;
    }
  }

  let heading: HtmlElement | null = null;
  if (article !== root && !hasHeading(article)) {
    for (const tag of ['h1', 'h2']) {
      for (const el of descendants(root)) {
        if (el.tag === tag && !contains(article, el) && !insideAny(el, chrome) && (raw.get(el) ?? 0) > 0) {
          heading = el;
          break;
        }
      }
      if (heading) break;
    }
  }
  return { article, chrome, heading };
}

function hasHeading(el: HtmlElement): boolean {
  for (const d of descendants(el)) if (d.tag === 'h1' || d.tag === 'h2') return true;
  return false;
}
