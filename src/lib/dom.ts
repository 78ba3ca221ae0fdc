// The one way the site builds DOM: a small element builder. It takes the document to build in, so
// the same code runs in the browser and, with linkedom, in Node (the build's first paint, tests).
// Text goes in as text nodes and attributes through setAttribute: no HTML is assembled from
// strings, so nothing a report says can become markup.

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h(doc: Document, tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element | DocumentFragment, children: (Child | Child[])[]): void {
  const doc = el.ownerDocument ?? (el as unknown as Document);
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? doc.createTextNode(String(c)) : c);
  }
}

/** Several nodes as one, to put in place together. */
export function fragment(doc: Document, ...children: (Child | Child[])[]): DocumentFragment {
  const f = doc.createDocumentFragment();
  append(f, children);
  return f;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A builder bound to one document: `el('p', { class: 'note' }, '…')`. */
export function builder(doc: Document): (tag: string, attrs?: Attrs, ...children: (Child | Child[])[]) => HTMLElement {
  return (tag, attrs = {}, ...children) => h(doc, tag, attrs, ...children);
}

/**
 * The markup of built nodes, for the build to put into a page: serialised by the DOM (linkedom at
 * build time), never assembled from strings. The one place the site reads innerHTML.
 */
export function markupOf(node: Node): string {
  const doc = node.ownerDocument!;
  const box = doc.createElement('div');
  box.append(node);
  return box.innerHTML;
}
