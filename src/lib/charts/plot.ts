// Every chart of the site is drawn through here. Plot labels each mark's <g>
// for screen readers ("bar", "x-axis tick"…), but our charts sit in a
// container that is itself labelled (an image with a title, or a group of
// links), and each has a data table that reads out every figure. Labels on
// elements without a role are not allowed by ARIA (axe: aria-prohibited-attr),
// so the inner ones are dropped; the container speaks for the chart. Each mark
// keeps its name as data-mark ("y-axis tick label"), for tests and for styles.

import * as Plot from '@observablehq/plot';

type Chart = ReturnType<typeof Plot.plot>;

const INNER_ARIA = ['aria-label', 'aria-description'] as const;

/** Plot.plot, with the inner ARIA labels removed (see above). */
export function plot(options: Plot.PlotOptions): Chart {
  const chart = Plot.plot(options);
  for (const el of chart.querySelectorAll('[aria-label], [aria-description]')) {
    const name = el.getAttribute('aria-label');
    if (name !== null) el.setAttribute('data-mark', name);
    for (const attr of INNER_ARIA) el.removeAttribute(attr);
  }
  return chart;
}

/**
 * The role of a chart's container: an image, unless the chart holds links (drill-down bars), which
 * an image may not contain (axe: nested-interactive), or is no drawing at all (a few figures listed
 * as text, charts/few.ts): then a labelled group, whose text is read as it is.
 */
export function chartRole(chart: Element | string | null): 'img' | 'group' {
  if (chart === null) return 'img';
  const [hasLink, isDrawing] =
    typeof chart === 'string'
      ? [/<a[\s>]/.test(chart), /<svg[\s>]/.test(chart)]
      : [chart.querySelector('a') !== null, chart.localName === 'svg' || chart.querySelector('svg') !== null];
  return hasLink || !isDrawing ? 'group' : 'img';
}
