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

/** Parses HTML into a tree rooted at a synthetic '#root' element. Entities are decoded. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', idClass: '', rowspan: 1, colspan: 1, children: [], parent: null };
  let current = root;
  // Depth inside dropped elements; their descendants are not kept.
  let dropped = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (dropped > 0 || DROPPED.has(name)) {
          dropped++;
          return;
        }
        const el: HtmlElement = {
          tag: name,
          idClass: `${attribs.id ?? ''} ${attribs.class ?? ''}`.toLowerCase(),
          rowspan: span(attribs.rowspan),
          colspan: span(attribs.colspan),
          children: [],
          parent: current,
        };
        if (name === 'img' && attribs.src) el.src = attribs.src;
        current.children.push(el);
        current = el;
      },
      ontext(data) {
        if (dropped > 0) return;
        const kids = current.children;
        const last = kids.length - 1;
        if (last >= 0 && typeof kids[last] === 'string') kids[last] += data;
        else kids.push(data);
      },
      onclosetag() {
        if (dropped > 0) {
          dropped--;
          return;
        }
        if (current.parent) current = current.parent;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

/** Elements below `el` (depth first, document order), `el` excluded. */
export function* descendants(el: HtmlElement): Generator<HtmlElement> {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    yield child;
    yield* descendants(child);
  }
}
