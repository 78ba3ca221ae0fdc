// The wiring of a page whose view lives in the URL (the overview, the quality
// page): its filter form, its own links and the back button all lead to `go`,
// and the query engine starts loading as soon as a visitor reaches for a filter.

export interface UrlState<F> {
  form: HTMLFormElement;
  /** The filter a URL's parameters describe. */
  parse(params: URLSearchParams): F;
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

export function bindUrlState<F>({ form, parse, go, warm }: UrlState<F>): void {
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
  addEventListener('popstate', () => go(parse(new URLSearchParams(location.search)), false));
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
    const option = new Option(unlisted(value), value);
    option.dataset.unlisted = '';
    select.add(option);
  }
  select.value = value;
}

/** How a year without reports reads in a year select. */
export const yearWithoutReports = (y: string) => `${y}（无报告）`;
