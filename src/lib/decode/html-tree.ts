// A minimal element tree built from htmlparser2's streaming callbacks: just
// what text extraction needs (tag, a few attributes, children), with the
// contents of script-like elements left out at parse time.

import { Parser } from 'htmlparser2';

export interface HtmlElement {
  tag: string;
  /** id and class joined, lower-cased, for chrome and content matching. */
  idClass: string;
  rowspan: number;
  colspan: number;
  /** An <img>'s source (a path, a URL or a data: URI). */
  src?: string;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export type HtmlNode = HtmlElement | string;

/** Elements whose content is never report text; dropped while parsing. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'iframe', 'frame', 'template', 'svg', 'math', 'select', 'button',
  'object', 'embed', 'title', 'textarea', 'canvas', 'audio', 'video', 'map', 'input',
]);

function span(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

/** Elements that end a line where they open and close. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose text children are not shown (only their rows and cells are). */
const TABLE_STRUCTURE = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);

export interface TreeLimits {
  /** Elements read at most; past it parsing stops (`refused`). */
  htmlElements: number;
  /** Nesting depth read at most; past it parsing stops (`refused`). */
  htmlDepth: number;
  /** Nesting depth kept; deeper elements are flattened (`flattened`). */
  htmlTreeDepth: number;
}

export interface HtmlTree {
  root: HtmlElement;
  /** The cap the page went over: parsing stopped, the tree is incomplete and must not be read. */
  refused: 'htmlElements' | 'htmlDepth' | null;
  /** Elements deeper than the tree cap were flattened: their text is kept, their structure is not. */
  flattened: boolean;
}

const NO_LIMITS: TreeLimits = { htmlElements: Infinity, htmlDepth: Infinity, htmlTreeDepth: Infinity };

/** Thrown from a parser callback to stop parsing at a cap. */
class StopParsing extends Error {}

function element(tag: string, parent: HtmlElement, attribs: Record<string, string> = {}): HtmlElement {
  return {
    tag,
    idClass: `${attribs.id ?? ''} ${attribs.class ?? ''}`.toLowerCase(),
    rowspan: span(attribs.rowspan),
    colspan: span(attribs.colspan),
    children: [],
    parent,
  };
}

/** Where flattened content goes: the nearest element that shows its text (not a table, row or row group). */
function flatSink(el: HtmlElement): HtmlElement {
  let sink = el;
  while (sink.parent && TABLE_STRUCTURE.has(sink.tag)) sink = sink.parent;
  return sink;
}

/**
 * Parses HTML into a tree rooted at a synthetic '#root' element. Entities
 * are decoded. Elements deeper than `limits.htmlTreeDepth` are not nested:
 * an empty marker (a <div> for a block element, a <br>) keeps their line
 * breaks and their text goes to the deepest kept element that shows text,
 * so that no walk of the tree can be deeper than the cap. Past
 * `htmlElements` elements or `htmlDepth` levels parsing stops (`refused`).
 */
export function parseHtml(html: string, limits: TreeLimits = NO_LIMITS): HtmlTree {
  const root: HtmlElement = { tag: '#root', idClass: '', rowspan: 1, colspan: 1, children: [], parent: null };
  const tree: HtmlTree = { root, refused: null, flattened: false };
  const stop = (cap: 'htmlElements' | 'htmlDepth'): never => {
    tree.refused = cap;
    throw new StopParsing(cap);
  };
  let current = root;
  let depth = 0;
  let elements = 0;
  // Depth inside dropped elements; their descendants are not kept.
  let dropped = 0;
  // Open elements below the depth cap, not in the tree.
  let overflow = 0;
  const pushText = (to: HtmlElement, data: string) => {
    const kids = to.children;
    const last = kids.length - 1;
    if (last >= 0 && typeof kids[last] === 'string') kids[last] += data;
    else kids.push(data);
  };
  /** A flattened element's line break, as an empty marker in the sink. */
  const marker = (name: string) => {
    if (name !== 'br' && !BLOCK_TAGS.has(name)) return;
    if (++elements > limits.htmlElements) stop('htmlElements');
    const sink = flatSink(current);
    sink.children.push(element(name === 'br' ? 'br' : 'div', sink));
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        // The parser's own stack holds every open element, dropped and flattened ones too.
        if (depth + overflow + dropped >= limits.htmlDepth) stop('htmlDepth');
        if (dropped > 0 || DROPPED.has(name)) {
          dropped++;
          return;
        }
        if (depth >= limits.htmlTreeDepth) {
          tree.flattened = true;
          overflow++;
          marker(name);
          return;
        }
        if (++elements > limits.htmlElements) stop('htmlElements');
        const el = element(name, current, attribs);
        if (name === 'img' && attribs.src) el.src = attribs.src;
        current.children.push(el);
        current = el;
        depth++;
      },
      ontext(data) {
        if (dropped > 0) return;
        pushText(overflow > 0 ? flatSink(current) : current, data);
      },
      onclosetag(name) {
        if (dropped > 0) {
          dropped--;
          return;
        }
        if (overflow > 0) {
          overflow--;
          // A void element (<br>, <img>) closes as it opens: its mark is already made.
          if (name !== 'br') marker(name);
          return;
        }
        if (current.parent) {
          current = current.parent;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (error) {
    if (!(error instanceof StopParsing)) throw error;
  }
  return tree;
}

/** Elements below `el` (depth first, document order), `el` excluded. Walks with a stack of its own: no recursion. */
export function* descendants(el: HtmlElement): Generator<HtmlElement> {
  const stack: HtmlElement[] = [];
  const pushChildren = (parent: HtmlElement) => {
    for (let i = parent.children.length - 1; i >= 0; i--) {
      const child = parent.children[i];
      if (typeof child !== 'string') stack.push(child);
    }
  };
  pushChildren(el);
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    pushChildren(next);
  }
}
