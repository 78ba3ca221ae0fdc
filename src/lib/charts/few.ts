// A chart of one or two points says less than the figures themselves, and an
// all-zero chart draws an axis for nothing. In those cases the chart forms
// return this instead: the figures as a short list, each with what it is.

import { builder } from '../dom.ts';

export interface FewItem {
  /** What the figure is: a year, a place, or both. */
  label: string;
  /** The figure as it should read (formatted, with its unit; 未披露 for a missing one). */
  text: string;
  /** A line of context under the figure, in smaller type (the peers' median). */
  detail?: string;
}

export interface FewOptions {
  document?: Document;
  /** A line above the list (why it is a list, or what the figures have in common). */
  note?: string;
}

/** The smallest number of points worth a chart. */
export const MIN_POINTS = 3;

/** Whether `values` (the figures given, nulls left out) are too few, or all zero, to be worth a chart. */
export function tooFewForChart(values: readonly (number | null)[]): boolean {
  const given = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return given.length < MIN_POINTS || given.every((v) => v === 0);
}

/** The note above the list: why there is no chart. */
export function fewNote(values: readonly (number | null)[]): string {
  const given = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (given.length > 0 && given.every((v) => v === 0)) return '所列数字均为 0，不作图。';
  return given.length === 0 ? '没有给出的数字。' : `只有 ${given.length} 个数字，直接列出，不作图。`;
}

export function fewFigures(items: readonly FewItem[], o: FewOptions = {}): Element {
  const el = builder(o.document ?? document);
  return el(
    'div',
    { class: 'few-figures' },
    o.note && el('p', { class: 'few-note' }, o.note),
    el('dl', {}, items.map((item) => el('div', {}, el('dt', {}, item.label), el('dd', {}, item.text), item.detail && el('dd', { class: 'few-detail' }, item.detail)))),
  );
}
