// The widths charts are drawn at. A module of its own (no Plot, no DOM building) so that the
// page's first script can tell whether a chart needs drawing again without fetching the chart code.

/** The width charts are drawn at for the first paint: a half-width panel on a desktop screen. */
export const FIRST_PAINT_WIDTH = 560;

/** The width a chart should be drawn at: its container's, within bounds. */
export function chartWidth(figure: HTMLElement): number {
  const plot = figure.querySelector<HTMLElement>('.plot');
  return Math.max(300, Math.min(1100, Math.floor((plot?.clientWidth ?? FIRST_PAINT_WIDTH) - 2)));
}
