// Row labels listed together and their figures after them: what converters
// make of a table whose labels land in one table and figures in the next.
// A claim is row labels of one kind with no figure between them, and the
// figures that follow up to the next row label, whatever other words (sub-table
// headings, header words) stand between.

import type { LabelKind } from '../labels.ts';
import type { RegionFigure } from './region.ts';

export interface Claim {
  /** Row codes, in the order the labels stand. */
  codes: string[];
  /** The figures claimed: region figure indexes from … to (exclusive). */
  from: number;
  to: number;
}

/** `least`: the fewest labels a claim has (one label and its figures is what reading row by row does already). */
export function claims(figures: readonly RegionFigure[], kind: LabelKind, known: (code: string) => boolean, least = 2): Claim[] {
  const out: Claim[] = [];
  let current: Claim | null = null;
  figures.forEach((f, i) => {
    const named = [...new Set(f.gap.filter((e) => e.kind === kind && known(e.code)).map((e) => e.code))];
    if (named.length > 0) {
      current = named.length >= least ? { codes: named, from: i, to: i } : null;
      if (current) out.push(current);
    }
    if (current) current.to = i + 1;
  });
  return out;
}

/**
 * The claimed figures line by line, when there is one line per claimed label: a Markdown table
 * keeps a row to a line, so the k-th line of figures is the k-th label's row even where a row
 * lost figures (then that row alone is left out). Null when the lines do not pair with the labels.
 */
export function lineRows(figures: readonly RegionFigure[], claim: Claim): number[][] | null {
  const rows: number[][] = [];
  let line = -1;
  for (let i = claim.from; i < claim.to; i++) {
    if (figures[i].slot.line !== line) {
      rows.push([]);
      line = figures[i].slot.line;
    }
    rows[rows.length - 1].push(i);
  }
  return rows.length === claim.codes.length ? rows : null;
}
