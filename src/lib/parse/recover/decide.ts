// From the candidate placements that satisfy every identity to the figures
// accepted: a cell is placed when every candidate puts the same figure value
// there; where candidates disagree the cell stays null and the row is named
// as ambiguous. Rows of one candidate only (（六） printed, where a template
// allows, as one row or as three) are disputed unless every candidate has them.

import type { RegionFigure } from './region.ts';
import type { Slot } from '../tables.ts';
import { valueOf } from './identities.ts';

/** One candidate: per row code, the figure index in each column. */
export type Placement = Map<string, readonly number[]>;

export interface Decision {
  /** Per row code: one slot per column, an 'empty' slot where the candidates disagree. */
  rows: Map<string, Slot[]>;
  /** Rows with at least one disputed cell. */
  disputed: string[];
  /** Figures placed. */
  placed: number;
  /**
   * Rows placed by a reading in which every figure of the table went to exactly one row (an exact
   * cover): reading such a row otherwise, row by row, left a figure over or took one twice, so that
   * reading gives way.
   */
  exact?: ReadonlySet<string>;
  /** Rows such a reading finds ambiguous: what reading row by row gave them is one guess among several, and is dropped. */
  contested?: ReadonlySet<string>;
  /**
   * Every figure of the table went to one of the decision's rows: a row outside them that reading row
   * by row gave figures (a heading over its parts, a label next to another row's figures) has none.
   */
  covers?: boolean;
  /**
   * The decision places nothing: it only audits reading row by row (a table whose arithmetic fails
   * cannot place figures by it). Its contested rows, and rows it reads otherwise, lose their figures.
   */
  audit?: boolean;
}

export function decide(candidates: readonly Placement[], figures: readonly RegionFigure[], valueAt: (i: number) => number | null): Decision | null {
  if (candidates.length === 0) return null;
  const [first, ...others] = candidates;
  const rows = new Map<string, Slot[]>();
  const disputed: string[] = [];
  let placed = 0;
  for (const [code, cells] of first) {
    const alternatives = others.map((c) => c.get(code));
    const slots: Slot[] = cells.map((at, k) => {
      if (at < 0) return { kind: 'empty', figure: null, line: 0 };
      const agreed = alternatives.every((alt) => alt !== undefined && alt[k] >= 0 && sameValue(valueAt(alt[k]), valueAt(at)));
      if (!agreed) return { kind: 'empty', figure: null, line: figures[at].slot.line };
      placed++;
      return figures[at].slot;
    });
    if (slots.some((s) => s.kind === 'empty')) disputed.push(code);
    rows.set(code, slots);
  }
  for (const other of others) for (const code of other.keys()) if (!first.has(code) && !disputed.includes(code)) disputed.push(code);
  return { rows, disputed, placed };
}

/** A decision whose candidates each placed every figure of the table: its agreed rows are exact, its disputed ones contested. */
export function exactly(d: Decision): Decision {
  return { ...d, exact: new Set([...d.rows.keys()].filter((c) => !d.disputed.includes(c))), contested: new Set(d.disputed), covers: true };
}

/** Same figure value; two placeholders are the same too. */
const sameValue = (a: number | null, b: number | null) => a === b;

/** Decisions of several readings in one: an item two readings place differently is placed by neither. */
export function combine(decisions: readonly Decision[]): Decision {
  const rows = new Map<string, Slot[]>();
  const disputed = new Set<string>();
  for (const d of decisions) {
    for (const [code, slots] of d.rows) {
      const prev = rows.get(code);
      if (!prev) rows.set(code, slots);
      else if (prev.some((s, k) => slotValue(s) !== slotValue(slots[k]))) {
        rows.set(code, prev.map((s) => ({ kind: 'empty', figure: null, line: s.line })));
        disputed.add(code);
      }
    }
    for (const code of d.disputed) disputed.add(code);
  }
  let placed = 0;
  for (const slots of rows.values()) placed += slots.filter((s) => s.kind === 'figure').length;
  const exact = new Set(decisions.flatMap((d) => [...(d.exact ?? [])]).filter((code) => rows.has(code) && !disputed.has(code)));
  const contested = new Set(decisions.flatMap((d) => [...(d.contested ?? [])]));
  return { rows, disputed: [...disputed], placed, exact, contested };
}

/** Whether `d` places every row the others place with the same figures. */
export function agrees(d: Decision, others: readonly (Decision | null)[]): boolean {
  for (const other of others) {
    if (!other) continue;
    for (const [code, slots] of other.rows) {
      const mine = d.rows.get(code);
      if (mine && mine.some((s, k) => slotValue(s) !== slotValue(slots[k]))) return false;
    }
  }
  return true;
}

const slotValue = (s: Slot) => (s.kind === 'figure' ? valueOf(s.figure!) : undefined);
