// One module for every page whose view lives in the URL (the overview, the quality page, the
// comparison, the SQL console, the place pages). A page gives how its state reads from and writes
// to the URL's parameters (pure functions beside its other logic in src/lib); this module turns
// that into the page's own links, the history entries of a change, and the back button. For the
// pages with a filter form, `bindUrlState` leads the form, the page's own links and the back button
// to the page's `go`, and starts the query engine loading as soon as a visitor reaches for a filter.

import { url } from '../lib/site';
import { h } from '../lib/dom';

export interface UrlCodec<S> {
  /** The page's path under the site, e.g. 'quality/' ('' for the overview). */
  path: string;
  /** The state a URL's parameters describe (anything malformed read as absent). */
  parse(params: URLSearchParams): S;
  /** The parameters of a state; a state's parameters parse back to it. */
  params(s: S): URLSearchParams;
}

export interface UrlView<S> {
  /** The state parameters describe (those of a form, of a link). */
  parse(params: URLSearchParams): S;
  /** The state the page's URL describes now. */
  current(): S;
  /** The page's link to a state. */
  href(s: S): string;
  /**
   * Puts a state in the address bar: 'push' adds a history entry (none when the URL would not
   * change), 'replace' rewrites the current one, keeping its fragment when `keepHash` says so.
   */
  record(s: S, how: 'push' | 'replace', o?: { keepHash?: boolean }): void;
  /** Whether the URL says more than the page's default (its parameters are not empty). */
  isDefault(s: S): boolean;
  /** Calls `show` with the state the URL describes after the back or forward button. */
  onPop(show: (s: S) => void): void;
}

export function urlView<S>(codec: UrlCodec<S>): UrlView<S> {
  const href = (s: S) => {
    const p = codec.params(s).toString();
    return `${url(codec.path)}${p ? `?${p}` : ''}`;
  };
  const current = () => codec.parse(new URLSearchParams(location.search));
  return {
    parse: (params) => codec.parse(params),
    current,
    href,
    record(s, how, o = {}) {
      const target = `${href(s)}${o.keepHash ? location.hash : ''}`;
      if (how === 'replace') history.replaceState(null, '', target);
      else if (new URL(target, location.href).href !== location.href) history.pushState(null, '', target);
    },
    isDefault: (s) => codec.params(s).toString() === '',
    onPop: (show) => addEventListener('popstate', () => show(current())),
  };
}

/** Points the address bar at a fragment of the page (a line of a report) without a history entry. */
export function replaceHash(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
}

export interface UrlState<F> {
  form: HTMLFormElement;
  view: UrlView<F>;
  /** Shows a filter; `push` adds it to the history first. */
  go(f: F, push: boolean): void;
  /** Starts loading the query engine (called once, on the first touch of the form). */
  warm(): void;
}

/** The form's filter; a new province clears the city and county, a new city the county. */
export function formParams(form: HTMLFormElement, changed?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) params.set(k, v);
  if (changed === 'p') {
    params.delete('c');
    params.delete('k');
  }
  if (changed === 'c') params.delete('k');
  return params;
}

export function bindUrlState<F>({ form, view, go, warm }: UrlState<F>): void {
  const parse = view.parse;
  form.addEventListener('change', (e) => go(parse(formParams(form, (e.target as HTMLInputElement).name)), true));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(parse(formParams(form)), true);
  });
  // A link to another view of this page (a region in a chart, a rule, a breadcrumb) is followed here,
  // without loading the page again; links with a fragment (to a line of a report) are left alone.
  document.addEventListener('click', (e) => {
    const a = (e.target as Element).closest?.('a');
    // data-reload: a link to a view the page must load afresh (its figures come with the page).
    if (!a || a.hasAttribute('data-reload') || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    const href = a.getAttribute('href') ?? a.getAttribute('xlink:href');
    if (!href) return;
    const target = new URL(href, location.href);
    if (target.pathname !== location.pathname || target.origin !== location.origin || target.hash) return;
    e.preventDefault();
    go(parse(target.searchParams), true);
  });
  view.onPop((f) => go(f, false));
  form.addEventListener('pointerdown', warm, { once: true });
  form.addEventListener('focusin', warm, { once: true });
}

/** The years the data has reports of, as the build wrote them on the form (data-years). */
export function formYears(form: HTMLFormElement): number[] {
  return (form.dataset.years ?? '').split(',').filter(Boolean).map(Number);
}

/**
 * Sets a select to a value. A value it does not offer (a year without reports, from a URL) is added
 * as an option of its own, so that the form shows the view the page is refusing, not a blank.
 */
export function setSelect(select: HTMLSelectElement, value: string, unlisted: (v: string) => string = (v) => v): void {
  select.querySelectorAll('option[data-unlisted]').forEach((o) => o.remove());
  if (value && ![...select.options].some((o) => o.value === value)) {
    select.add(h(document, 'option', { value, 'data-unlisted': true }, unlisted(value)) as HTMLOptionElement);
  }
  select.value = value;
}

/** How a year without reports reads in a year select. */
export const yearWithoutReports = (y: string) => `${y}（无报告）`;

/** Offers `options` (and 全部) in a select, `selected` chosen; `null` options: the select is off. */
export function setOptions(select: HTMLSelectElement, options: readonly { code: string; name: string }[] | null, selected: string | null): void {
  select.replaceChildren(h(document, 'option', { value: '' }, '全部'), ...(options ?? []).map((o) => h(document, 'option', { value: o.code, selected: o.code === selected }, o.name)));
  select.disabled = options === null;
}
