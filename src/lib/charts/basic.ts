// The dashboard's chart forms, as small functions of data and options (in the
// manner of Plot's own marks): bars by year, bars by place, dots, a place ×
// year grid, stacked and grouped bars. They render the same at build time
// (with a linkedom document) and in the browser. Tooltips are SVG <title>s,
// so they work without JavaScript; a place's bar links to the view of that
// place, so drilling down works with the keyboard too.

import * as Plot from '@observablehq/plot';
import { plot } from './plot.ts';
import { fewFigures, fewNote, tooFewForChart } from './few.ts';
import { MISSING } from './format.ts';

export interface RenderOptions {
  width: number;
  /** A DOM document to render into (linkedom at build time); the browser's by default. */
  document?: Document;
}

export type Datum = Record<string, string | number | null | boolean>;

export const ACCENT = '#4e79a7';
/** Colour-blind-safe categories (Tableau 10, reordered). */
export const CATEGORIES = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const base = (o: RenderOptions) => ({ ...(o.document ? { document: o.document } : {}), width: o.width, style: { fontSize: '12px', overflow: 'visible' } });

const num = (d: Datum, key: string) => (d[key] === null || d[key] === undefined ? null : Number(d[key]));

/** A value axis from 0 to the data's largest value; all zeros still get an axis from 0 to 1, not a degenerate one. */
const valueDomain = (rows: readonly Datum[], key: string): [number, number] => [0, Math.max(0, ...rows.map((d) => num(d, key) ?? 0)) || 1];

/**
 * Axis options for a value scale. Small maxima get whole-number ticks: counts of
 * applications cannot be 0.2, and a rounded "0, 0, 1, 1" axis reads as a bug.
 */
const valueAxis = (rows: readonly Datum[], key: string) => {
  const [lo, hi] = valueDomain(rows, key);
  if (hi > 5) return { domain: [lo, hi], nice: true };
  const top = Math.ceil(hi);
  return { domain: [lo, top], ticks: Array.from({ length: top + 1 }, (_, i) => i) };
};

/** One value per bar: its column, axis label, tick and bar-label formats, and tooltip. */
export interface ValueChartOptions extends RenderOptions {
  value: string;
  label: string;
  tick: (v: number) => string;
  text: (v: number | null) => string;
  title: (d: Datum) => string;
}

export type BarsByYearOptions = ValueChartOptions;

/** Vertical bars, one a year; a year whose reports give no figure shows 未披露 instead of a bar. */
export function barsByYear(rows: readonly Datum[], o: BarsByYearOptions): Element {
  const data = rows.map((d) => ({ ...d, year: String(d.year) }));
  const present = data.filter((d) => num(d, o.value) !== null);
  const missing = data.filter((d) => num(d, o.value) === null);
  const values = data.map((d) => num(d, o.value));
  if (tooFewForChart(values)) return fewFigures(data.map((d) => ({ label: `${d.year} 年`, text: o.text(num(d, o.value)) })), { document: o.document, note: fewNote(values) });
  return plot({
    ...base(o),
    height: 240,
    marginLeft: 56,
    x: { label: null, type: 'band', domain: data.map((d) => d.year) },
    y: { label: o.label, grid: true, tickFormat: o.tick, ...valueAxis(present, o.value) },
    marks: [
      Plot.barY(present, { x: 'year', y: o.value, fill: ACCENT, title: o.title }),
      Plot.text(present, { x: 'year', y: o.value, text: (d: Datum) => o.text(num(d, o.value)), dy: -6, fill: 'currentColor' }),
      Plot.text(missing, { x: 'year', y: 0, text: () => MISSING, dy: -8, fill: 'currentColor', fillOpacity: 0.6 }),
      Plot.ruleY([0]),
    ],
  }) as Element;
}

export interface BarsByPlaceOptions extends ValueChartOptions {
  href?: (d: Datum) => string | null;
}

/** A left margin wide enough for the longest place name (13 px a character, at most 180 px). */
function nameMargin(names: readonly string[]): number {
  return Math.min(180, 13 * Math.max(4, ...names.map((n) => n.length)) + 8);
}

/** Height and margins for one row per place, its name on the left and its value label on the right. */
function placeRows(data: readonly Datum[]) {
  return { height: 30 + 22 * Math.max(1, data.length), marginLeft: nameMargin(data.map((d) => String(d.place))), marginRight: 72 };
}

/**
 * Ticks for a log axis: 1, 2 and 5 of each power of ten within the data, at most five, none that
 * reads the same as another once formatted. Left to itself, a log axis over less than a power of ten
 * gets one tick or none, and rounded labels repeat (1.2万元, 1.2万元).
 */
export function logTicks(values: readonly number[], format: (v: number) => string, most = 5): number[] {
  const positive = values.filter((v) => v > 0);
  if (!positive.length) return [];
  const [lo, hi] = [Math.min(...positive), Math.max(...positive)];
  const candidates: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) for (const m of [1, 2, 5]) candidates.push(m * 10 ** k);
  const inside = candidates.filter((v) => v >= lo && v <= hi);
  const ticks = inside.length >= 2 ? inside : [lo, hi];
  const seen = new Set<string>();
  const distinct = ticks.filter((v) => !seen.has(format(v)) && seen.add(format(v)));
  const step = Math.ceil(distinct.length / most);
  return distinct.filter((_, i) => i % step === 0);
}

/** One or two places, or only zeros: their figures as a list (charts/few.ts). */
function fewByPlace(data: readonly Datum[], o: ValueChartOptions): Element | null {
  const values = data.map((d) => num(d, o.value));
  return tooFewForChart(values) ? fewFigures(data.map((d) => ({ label: String(d.place), text: o.text(num(d, o.value)) })), { document: o.document, note: fewNote(values) }) : null;
}

/** Horizontal bars by place, largest first; each bar links to that place's view. */
export function barsByPlace(rows: readonly Datum[], o: BarsByPlaceOptions): Element {
  const data = rows.filter((d) => num(d, o.value) !== null);
  const few = fewByPlace(data, o);
  if (few) return few;
  return plot({
    ...base(o),
    ...placeRows(data),
    x: { label: o.label, grid: true, tickFormat: o.tick, axis: 'top', ...valueAxis(data, o.value) },
    y: { label: null, domain: data.map((d) => String(d.place)) },
    marks: [
      Plot.barX(data, { x: o.value, y: 'place', fill: ACCENT, title: o.title, ...(o.href ? { href: o.href, target: '_self' } : {}) }),
      Plot.text(data, { x: o.value, y: 'place', text: (d: Datum) => o.text(num(d, o.value)), dx: 4, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  }) as Element;
}

export interface DotsByPlaceOptions extends BarsByPlaceOptions {}

/** A dot per place on a log scale: for ratios that span orders of magnitude (amount per project). */
export function dotsByPlace(rows: readonly Datum[], o: DotsByPlaceOptions): Element {
  const data = rows.filter((d) => (num(d, o.value) ?? 0) > 0);
  const few = fewByPlace(data, o);
  if (few) return few;
  return plot({
    ...base(o),
    ...placeRows(data),
    x: { label: o.label, type: 'log', grid: true, tickFormat: o.tick, axis: 'top', ticks: logTicks(data.map((d) => num(d, o.value) ?? 0), o.tick) },
    y: { label: null, domain: data.map((d) => String(d.place)) },
    marks: [
      Plot.ruleY(data, { y: 'place', strokeOpacity: 0.15 }),
      Plot.dot(data, { x: o.value, y: 'place', fill: ACCENT, r: 5, title: o.title, ...(o.href ? { href: o.href, target: '_self' } : {}) }),
      Plot.text(data, { x: o.value, y: 'place', text: (d: Datum) => o.text(num(d, o.value)), dx: 9, textAnchor: 'start', fill: 'currentColor' }),
    ],
  }) as Element;
}

export interface GridOptions extends RenderOptions {
  label: string;
  text: (v: number | null) => string;
  title: (d: Datum) => string;
  href?: (d: Datum) => string | null;
}

/**
 * Places × years, each cell coloured by the figure (log colour scale), so that gaps and jumps
 * stand out. A place-year whose reports do not give the figure is a hatched grey cell marked 未披露.
 */
export function gridPlaceYear(rows: readonly Datum[], o: GridOptions): Element {
  const data = rows.map((d) => ({ ...d, year: String(d.year), place: String(d.place) }));
  const places = [...new Set(data.map((d) => d.place))];
  const years = [...new Set(data.map((d) => d.year))].sort();
  const present = data.filter((d) => num(d, 'value') !== null);
  const missing = data.filter((d) => num(d, 'value') === null);
  const values = data.map((d) => num(d, 'value'));
  if (tooFewForChart(values)) return fewFigures(data.map((d) => ({ label: `${d.place} · ${d.year} 年`, text: o.text(num(d, 'value')) })), { document: o.document, note: fewNote(values) });
  // A legend of quantile classes needs as many distinct figures as classes, or it prints one figure several times over.
  const distinct = new Set(present.map((d) => num(d, 'value'))).size;
  return plot({
    ...base(o),
    height: 40 + 26 * Math.max(1, places.length),
    marginLeft: nameMargin(places),
    padding: 0.06,
    x: { label: null, domain: years, axis: 'top' },
    y: { label: null, domain: places },
    // Quantile classes: amounts are skewed, and a discrete legend draws without a canvas (none at build time).
    color: { type: 'quantile', n: Math.min(5, distinct), scheme: 'blues', legend: distinct >= 5, label: o.label, tickFormat: (v: number) => o.text(v) },
    marks: [
      Plot.cell(missing, { x: 'year', y: 'place', fill: '#d9d9d9', fillOpacity: 0.5, title: o.title }),
      Plot.text(missing, { x: 'year', y: 'place', text: () => MISSING, fill: 'currentColor', fillOpacity: 0.7, fontSize: 11 }),
      Plot.cell(present, { x: 'year', y: 'place', fill: 'value', title: o.title, ...(o.href ? { href: o.href, target: '_self' } : {}) }),
      Plot.text(present, { x: 'year', y: 'place', text: (d: Datum) => o.text(num(d, 'value')), fill: 'black', fontSize: 11 }),
    ],
  }) as Element;
}

export interface Series {
  key: string;
  label: string;
}

export interface StackedOptions extends RenderOptions {
  series: readonly Series[];
  label: string;
  tick: (v: number) => string;
  /** Shares of each year's total instead of counts. */
  normalize?: boolean;
  title: (d: Datum) => string;
}

/** Each year's height when its series are stacked. */
const stackTotals = (rows: readonly Datum[], series: readonly Series[]): Datum[] =>
  rows.map((d) => ({ total: series.reduce((sum, s) => sum + Math.max(0, num(d, s.key) ?? 0), 0) }));

/** Bars by year stacked by series (applicant types, outcomes); the colour legend names the series. */
export function stackedByYear(rows: readonly Datum[], o: StackedOptions): Element {
  const long = rows.flatMap((d) =>
    o.series.map((s) => ({ ...d, year: String(d.year), series: s.label, value: num(d, s.key) })).filter((x) => x.value !== null && x.value > 0),
  );
  return plot({
    ...base(o),
    height: 260,
    marginLeft: 56,
    x: { label: null, type: 'band', domain: rows.map((d) => String(d.year)) },
    y: { label: o.label, grid: true, tickFormat: o.tick, ...(o.normalize ? { percent: true, domain: [0, 100] } : valueAxis(stackTotals(rows, o.series), 'total')) },
    color: { legend: true, domain: o.series.map((s) => s.label), range: CATEGORIES },
    marks: [Plot.barY(long, { x: 'year', y: 'value', fill: 'series', order: o.series.map((s) => s.label), offset: o.normalize ? 'normalize' : null, title: o.title }), Plot.ruleY([0])],
  }) as Element;
}

export interface GroupedOptions extends RenderOptions {
  /** Column of the group (x axis) and of the bar within it (colour). */
  group: string;
  bar: string;
  groups: readonly string[];
  bars: readonly string[];
  label: string;
  tick: (v: number) => string;
  text: (v: number | null) => string;
  title: (d: Datum) => string;
}

/** Roughly how wide a label is drawn at `fontSize` px: CJK characters are square, digits and Latin about half as wide. */
const textWidth = (text: string, fontSize: number) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0) * fontSize;

/**
 * Grouped bars: for each group, a bar per kind (the outcomes of each proceeding; each measure by
 * year). Group names wrap to the width of their group; the value above each bar is written only
 * when every value fits over its bar (on a phone they would run into each other; the tooltip and
 * the table still give them).
 */
export function groupedBars(rows: readonly Datum[], o: GroupedOptions): Element {
  const data = rows.filter((d) => num(d, 'value') !== null);
  const marginLeft = 56;
  const groupWidth = (o.width - marginLeft - 20) / Math.max(1, o.groups.length);
  const barWidth = (groupWidth * 0.9) / Math.max(1, o.bars.length);
  const labelsFit = data.every((d) => textWidth(o.text(num(d, 'value')), VALUE_FONT) <= barWidth + 2);
  const perLine = Math.max(3, Math.floor(groupWidth / 12) - 1);
  const lines = Math.max(1, ...o.groups.map((g) => wrapLabel(g, perLine).split('\n').length));
  return plot({
    ...base(o),
    height: 260,
    marginLeft,
    marginBottom: 14 + 15 * lines,
    fx: { label: null, domain: o.groups, axis: null },
    x: { axis: null, domain: o.bars },
    y: { label: o.label, grid: true, tickFormat: o.tick, ...valueAxis(data, 'value') },
    color: { legend: true, domain: o.bars, range: CATEGORIES },
    marks: [
      Plot.axisFx({ anchor: 'bottom', label: null, tickSize: 0, tickFormat: (g: string) => wrapLabel(g, perLine) }),
      Plot.barY(data, { fx: o.group, x: o.bar, y: 'value', fill: o.bar, title: o.title }),
      labelsFit ? Plot.text(data, { fx: o.group, x: o.bar, y: 'value', text: (d: Datum) => o.text(num(d, 'value')), dy: -7, fill: 'currentColor', fontSize: VALUE_FONT }) : null,
      Plot.ruleY([0]),
    ],
  }) as Element;
}

/**
 * A label broken into lines of at most `perLine` characters (Plot draws each line of a text), before
 * an opening bracket where there is one: 行政诉讼 / （未经复议直接起诉）. Chinese has no spaces to wrap at.
 */
export function wrapLabel(label: string, perLine: number): string {
  const lines: string[] = [];
  for (const part of label.replace(/(.)（/g, '$1\n（').split('\n')) {
    const chars = [...part];
    for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  }
  return lines.join('\n');
}

/** The size of the figures written on bars and cells (no chart text is smaller than 11 px). */
const VALUE_FONT = 11;
