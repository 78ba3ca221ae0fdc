// HTML to the parser's plain text: block elements become line breaks, runs of
// HTML whitespace collapse to one space (as a browser shows them; U+00A0 and
// U+3000 are kept), and data tables become one line per <tr> with cells
// joined by TAB (html-table.ts).

import { selectContent } from './html-content.ts';
import { cellLine, isLayoutTable, tableLines, tableParts } from './html-table.ts';
import { BLOCK_TAGS, parseHtml, type HtmlElement, type HtmlNode } from './html-tree.ts';
import { DEFAULT_LIMITS, type DecodeLimits, type LimitBreach } from './limits.ts';

/** Collects lines; inline text is appended to the current line. */
class LineWriter {
  readonly lines: string[] = [];
  private current = '';
  private space = false;

  /** Inline text with HTML whitespace collapsed. */
  text(data: string): void {
    const t = data.replace(/[ \t\n\r\f]+/g, ' ');
    if (t === ' ') {
      this.space = this.current !== '';
      return;
    }
    const body = t.trim() === t ? t : t.replace(/^ /, '').replace(/ $/, '');
    if (this.current !== '' && (this.space || t.startsWith(' '))) this.current += ' ';
    this.current += body;
    this.space = t.endsWith(' ');
  }

  /** Preformatted text: whitespace and line breaks kept. */
  pre(data: string): void {
    const parts = data.split('\n');
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) this.hardBreak();
      this.current += parts[i];
    }
  }

  /** Ends the current line, if it has text. */
  softBreak(): void {
    if (this.current !== '') this.lines.push(this.current);
    this.current = '';
    this.space = false;
  }

  /** Ends the current line even when empty (<br>). */
  hardBreak(): void {
    this.lines.push(this.current);
    this.current = '';
    this.space = false;
  }

  line(text: string): void {
    this.softBreak();
    this.lines.push(text);
  }

  finish(): string[] {
    this.softBreak();
    return this.lines;
  }
}

class Renderer {
  /** Tables written as TAB-separated rows. */
  dataTables = 0;
  /** Sources of the content's pictures, when they are wanted (see imageMarker). */
  readonly images: string[] = [];

  constructor(
    private readonly chrome: Set<HtmlElement>,
    private readonly wantImages = false,
  ) {}

  /** The lines of an element's content. */
  linesOf(el: HtmlElement): string[] {
    const w = new LineWriter();
    this.children(el, w, false);
    return w.finish();
  }

  private children(el: HtmlElement, w: LineWriter, pre: boolean): void {
    for (const child of el.children) this.node(child, w, pre);
  }

  private node(node: HtmlNode, w: LineWriter, pre: boolean): void {
    if (typeof node === 'string') {
      if (pre) w.pre(node);
      else w.text(node);
      return;
    }
    if (this.chrome.has(node)) return;
    switch (node.tag) {
      case 'br':
        w.hardBreak();
        return;
      case 'img':
        if (this.wantImages && node.src) w.line(imageMarker(this.images.push(node.src)));
        return;
      case 'table':
        this.table(node, w);
        return;
      case 'pre':
      case 'textarea':
      case 'listing':
        w.softBreak();
        this.children(node, w, true);
        w.softBreak();
        return;
      default:
        if (BLOCK_TAGS.has(node.tag)) {
          w.softBreak();
          this.children(node, w, pre);
          w.softBreak();
        } else {
          this.children(node, w, pre);
        }
    }
  }

  private table(table: HtmlElement, w: LineWriter): void {
    const parts = tableParts(table);
    const texts = new Map<HtmlElement, string>();
    const cellText = (cell: HtmlElement): string => {
      let t = texts.get(cell);
      if (t === undefined) {
        t = cellLine(this.linesOf(cell));
        texts.set(cell, t);
      }
      return t;
    };
    w.softBreak();
    if (isLayoutTable(parts, cellText)) {
      // Page layout: read the cells as blocks, in order.
      for (const child of table.children) this.node(child, w, false);
      w.softBreak();
      return;
    }
    this.dataTables++;
    for (const el of parts.before) for (const line of this.linesOf(el)) w.line(line);
    for (const line of tableLines(parts, cellText)) w.line(line);
  }
}

/** Drops empty lines at both ends and keeps at most one empty line in a row. */
function tidy(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      // Blank, or only non-breaking spaces (spacer paragraphs).
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else {
      out.push(line);
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

export interface HtmlText {
  text: string;
  /** Data tables written as TAB-separated rows. */
  tables: number;
  /** The page went over a cap and was not read: `text` is ''. */
  refused: LimitBreach | null;
  /** Elements nested deeper than the cap were read flat (text kept, their tables not laid out). */
  flattened: boolean;
  /** With `images`: the sources of the content's pictures; picture n stands at the line imageMarker(n). */
  images?: string[];
}

export type HtmlLimits = Pick<DecodeLimits, 'htmlChars' | 'htmlElements' | 'htmlDepth' | 'htmlTreeDepth'>;

/** A line standing for the content's n-th (1-based) picture, to be replaced by its OCR'd lines. */
export function imageMarker(n: number): string {
  return `\uE002${n}\uE003`;
}

export const IMAGE_MARKER = /^\uE002(\d+)\uE003$/;

/** The report text of an HTML page ('' when it has none, or when it goes over a cap); `images`: mark where its pictures stand. */
export function htmlToText(html: string, limits: HtmlLimits = DEFAULT_LIMITS, options: { images?: boolean } = {}): HtmlText {
  const refuse = (limit: keyof HtmlLimits): HtmlText => ({ text: '', tables: 0, refused: { limit }, flattened: false });
  if (html.length > limits.htmlChars) return refuse('htmlChars');
  const { root, refused, flattened } = parseHtml(html, limits);
  if (refused) return refuse(refused);
  const { article, chrome, heading } = selectContent(root);
  const renderer = new Renderer(chrome, options.images);
  // concat, not push(...lines): a spread of a long page's lines overflows the call stack.
  const body = renderer.linesOf(article);
  const out = tidy(heading ? renderer.linesOf(heading).concat(body) : body);
  const images = options.images ? { images: renderer.images } : {};
  return { text: out.length ? `${out.join('\n')}\n` : '', tables: renderer.dataTables, refused: null, flattened, ...images };
}
