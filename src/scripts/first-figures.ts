// Marks the moment a view's first figures are on screen, and where they came
// from: a performance mark for the benchmark, and data attributes on <body>
// for tests (data-first-figures: the view; data-answered-by: 'answers' when
// the build's first answers gave them, 'engine' when DuckDB-WASM did).

/** 'summary': the quality page's build-time national summary. */
export type AnsweredBy = 'answers' | 'engine' | 'summary';

export function firstFigures(view: string, by: AnsweredBy): void {
  performance.mark('first-figures', { detail: { view, by } });
  document.body.dataset.firstFigures = view;
  document.body.dataset.answeredBy = by;
}

/** Runs `fn` once the page is idle (after its load), or soon where the browser cannot say. */
export function whenIdle(fn: () => void): void {
  const later = () => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 1000));
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}
