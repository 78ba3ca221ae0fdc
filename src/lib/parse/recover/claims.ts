// Row labels listed together and their figures after them: what converters
// make of a table whose labels land in one table and figures in the next.
// A claim is row labels of one kind with no figure between them, and the
// figures that follow up to the next row label, whatever other words (sub-table
// headings, header words) stand between.

import type { LabelKind } from '../labels.ts';
import type { RegionFigure } from './region.ts';
import type { Slot } from '../tables.ts';

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

/**
 * Figures already given a cell: by reading row by row (known by their line) or by a claim accepted
 * before. A claim is only taken when the figure before its labels is one of them: a figure left
 * over before a list of labels means the labels may follow their figures instead (PDF reading order
 * puts a row's label now before, now after its figures), and the claim would take the wrong ones.
 */
export class Accounted {
  private readonly slots = new Set<Slot>();
  constructor(private readonly lines: ReadonlySet<number>) {}

  has(figure: RegionFigure): boolean {
    return this.slots.has(figure.slot) || this.lines.has(figure.slot.line);
  }

  add(slots: Iterable<Slot>): void {
    for (const s of slots) if (s.kind === 'figure') this.slots.add(s);
  }

  /** Whether the figures before the claim are all accounted for (or there are none). */
  clears(figures: readonly RegionFigure[], claim: Claim): boolean {
    return claim.from === 0 || this.has(figures[claim.from - 1]);
  }
}
