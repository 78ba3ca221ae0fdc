// The peer comparison as DOM: the picked town's figures against its group
// (rank, percentile, median, difference, change from the year before), the
// group side by side, and one small chart per figure. Every cell carries data
// attributes (code, measure, what) so that it can be checked against a query.

import { peerChart } from '../charts/place-compare.ts';
import { formatCount, formatYuan } from '../charts/format.ts';
import type { Datum } from '../charts/basic.ts';
import { sortRows, type TableRow } from '../charts/table.ts';
import { h, type Child } from '../dom.ts';
import { NOT_IN_TEMPLATE, QUALITY_KEY, inTemplate, type KeyMeasure } from './measures.ts';
import { percentileText, rankText } from './compare.ts';

type Row = Datum;

const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A figure with its unit, money or count alike (0元, 0件): a table mixing 0元 and a bare 0 reads as two kinds of nothing. */
export function valueText(m: KeyMeasure, v: number | null): string {
  if (m.kind === 'yuan') return formatYuan(v);
  return v === null || Number.isNaN(v) ? formatCount(v) : `${formatCount(v)}${m.unit}`;
}

/** A difference with its sign: +3, −1,200元; 0 is 0. */
export function signedText(m: KeyMeasure, v: number | null): string {
  if (v === null) return '—';
  const body = valueText(m, Math.abs(v));
  return v > 0 ? `+${body}` : v < 0 ? `−${body}` : body;
}

/** A town's figure as shown: 无报告 (no report that year), 模板无此项 (the template has no such figure), 未披露, or the figure. */
export function figureText(m: KeyMeasure, r: Row): string {
  if (r.has_report === false) return '无报告';
  if (!inTemplate(m, r.template as string | null)) return NOT_IN_TEMPLATE;
  return valueText(m, n(r[m.key]));
}

/** Last year's figure, in the same words. */
export function prevText(m: KeyMeasure, r: Row): string {
  if (r.has_prev !== true) return '无报告';
  if (!inTemplate(m, r.prev_template as string | null)) return NOT_IN_TEMPLATE;
  return valueText(m, n(r[`${m.key}__prev`]));
}

function td(doc: Document, attrs: Record<string, string | number | null>, ...children: Child[]): HTMLElement {
  return h(doc, 'td', { class: 'num', ...attrs }, ...children);
}

/** The picked town, one row per figure. */
export function selfTable(doc: Document, self: Row, measures: readonly KeyMeasure[], year: number): HTMLElement {
  const head = ['指标', `${year} 年`, '同组名次', '百分位', '同组中位数', '与中位数之差', `${year - 1} 年`, '较上年'];
  return h(
    doc,
    'table',
    { class: 'data cmp-self', id: 'cmp-self' },
    h(doc, 'caption', { class: 'sr-only' }, `${self.name ?? ''} ${year} 年与同组的比较`),
    h(doc, 'thead', {}, h(doc, 'tr', {}, head.map((x, i) => h(doc, 'th', { scope: 'col', class: i ? 'num' : null }, x)))),
    h(
      doc,
      'tbody',
      {},
      measures.map((m) =>
        h(
          doc,
          'tr',
          { 'data-measure': m.key },
          h(doc, 'th', { scope: 'row', title: m.meaning }, m.label),
          td(doc, { 'data-k': 'value' }, figureText(m, self)),
          td(doc, { 'data-k': 'rank' }, rankText(n(self[`${m.key}__rank`]), n(self[`${m.key}__n`]), n(self[`${m.key}__ties`]))),
          td(doc, { 'data-k': 'pct' }, percentileText(n(self[`${m.key}__pct`]))),
          td(doc, { 'data-k': 'median' }, n(self[`${m.key}__median`]) === null ? '—' : valueText(m, n(self[`${m.key}__median`]))),
          td(doc, { 'data-k': 'diff' }, signedText(m, n(self[`${m.key}__diff`]))),
          td(doc, { 'data-k': 'prev' }, prevText(m, self)),
          td(doc, { 'data-k': 'change' }, signedText(m, n(self[`${m.key}__change`]))),
        ),
      ),
    ),
  );
}

export type GroupSort = { key: string; descending: boolean } | null;

/** A column head that sorts the table: figures largest first on the first press, names in order; a second press reverses. */
function sortHead(doc: Document, key: string, label: string, sort: GroupSort, numeric: boolean, title: string | null = null): HTMLElement {
  const active = sort?.key === key;
  const descending = active ? !sort!.descending : numeric;
  return h(
    doc,
    'th',
    { scope: 'col', class: numeric ? 'num' : null, title, 'aria-sort': active ? (sort!.descending ? 'descending' : 'ascending') : null },
    h(doc, 'button', { type: 'button', class: 'sort', 'data-sort': key, 'data-descending': String(descending) }, label, active ? (sort!.descending ? ' ▼' : ' ▲') : ''),
  );
}

/** The group side by side: a row per town (the picked one highlighted), a column per figure with its rank; any column sorts it. */
export function groupTable(doc: Document, rows: readonly Row[], measures: readonly KeyMeasure[], sort: GroupSort = null): HTMLElement {
  const self = rows.find((r) => r.is_self);
  rows = sortRows(rows as TableRow[], sort);
  return h(
    doc,
    'table',
    { class: 'data cmp-group', id: 'cmp-table' },
    h(doc, 'caption', { class: 'sr-only' }, '同组各乡镇街道的主要数字与名次'),
    h(doc, 'thead', {}, h(doc, 'tr', {}, sortHead(doc, 'name', '乡镇街道', sort, false), measures.map((m) => sortHead(doc, m.key, m.label, sort, true, m.meaning)))),
    h(
      doc,
      'tbody',
      {},
      rows.map((r) =>
        h(
          doc,
          'tr',
          { class: r.is_self ? 'self' : null, 'data-code': String(r.code), 'aria-current': r.is_self ? 'true' : null },
          h(doc, 'th', { scope: 'row' }, h(doc, 'span', { class: 'nm' }, String(r.name ?? r.code)), r.is_self ? h(doc, 'span', { class: 'tag' }, '所选') : null, h(doc, 'span', { class: 'ctx' }, String(r.county ?? ''))),
          measures.map((m) =>
            td(
              doc,
              { 'data-measure': m.key, 'data-rank': n(r[`${m.key}__rank`]) },
              h(doc, 'span', { class: 'v' }, figureText(m, r)),
              n(r[`${m.key}__rank`]) === null
                ? null
                : h(doc, 'span', { class: 'rk' }, h(doc, 'span', {}, rankText(n(r[`${m.key}__rank`]), n(r[`${m.key}__n`]), n(r[`${m.key}__ties`]))), ' · ', h(doc, 'span', {}, percentileText(n(r[`${m.key}__pct`])))),
              n(r[m.key]) === null
                ? null
                : h(
                    doc,
                    'span',
                    { class: 'dc' },
                    h(doc, 'span', { 'data-k': 'diff' }, `较中位 ${signedText(m, n(r[`${m.key}__diff`]))}`),
                    ' · ',
                    h(doc, 'span', { 'data-k': 'change' }, `较上年 ${signedText(m, n(r[`${m.key}__change`]))}`),
                  ),
            ),
          ),
        ),
      ),
    ),
    h(
      doc,
      'tfoot',
      {},
      h(
        doc,
        'tr',
        { class: 'median' },
        h(doc, 'th', { scope: 'row' }, '同组中位数（不含所选）'),
        measures.map((m) => td(doc, { 'data-measure': m.key, 'data-k': 'median' }, self && n(self[`${m.key}__median`]) !== null ? valueText(m, n(self[`${m.key}__median`])) : '—')),
      ),
    ),
  );
}

/** One small chart per figure: the frames (drawChart fills each at its own width). */
export function multiples(doc: Document, rows: readonly Row[], measures: readonly KeyMeasure[]): HTMLElement[] {
  const self = rows.find((r) => r.is_self);
  return measures.map((m) => {
    const given = rows.filter((r) => n(r[m.key]) !== null).length;
    const median = self ? n(self[`${m.key}__median`]) : null;
    const caption = `${self ? `${self.name}：${figureText(m, self)}${n(self[`${m.key}__rank`]) !== null ? `，${rankText(n(self[`${m.key}__rank`]), n(self[`${m.key}__n`]), n(self[`${m.key}__ties`]))}` : ''}；` : ''}同组中位数 ${median === null ? '—' : valueText(m, median)}（虚线）；${formatCount(rows.length - given)} 个乡镇未披露、无报告或模板无此项，不画出。`;
    return h(
      doc,
      'figure',
      { class: 'multiple', 'data-measure': m.key },
      h(doc, 'h4', {}, m.label),
      h(doc, 'div', { class: 'plot', role: 'img', 'aria-label': `${m.label}：${caption}` }, given ? null : h(doc, 'p', { class: 'missing' }, '同组没有乡镇给出这个数字。')),
      h(doc, 'figcaption', {}, caption),
    );
  });
}

/** Draws one small multiple's chart at the given width. */
export function drawMultiple(figure: Element, rows: readonly Row[], m: KeyMeasure, width: number, doc?: Document): void {
  const plot = figure.querySelector('.plot');
  const self = rows.find((r) => r.is_self);
  const data = rows.map((r) => ({ name: r.name, value: n(r[m.key]), is_self: r.is_self === true, rank: r[`${m.key}__rank`], n: r[`${m.key}__n`] }));
  if (!plot || !data.some((d) => d.value !== null)) return;
  const median = self ? n(self[`${m.key}__median`]) : null;
  plot.replaceChildren(peerChart(data, { width, kind: m.kind, label: m.kind === 'yuan' ? '万元' : m.unit, median, ...(doc ? { document: doc } : {}) }));
}

export { QUALITY_KEY };

/**
 * The group ranked by the report-quality index (this project's measure): best first, towns without
 * an index (no report that year, or a file that could not be read) last.
 */
export function qualityRanking(doc: Document, rows: readonly Row[], aboutHref: string): HTMLElement {
  const ranked = [...rows].sort((a, b) => (n(a[`${QUALITY_KEY}__rank`]) ?? Infinity) - (n(b[`${QUALITY_KEY}__rank`]) ?? Infinity) || String(a.code).localeCompare(String(b.code)));
  const given = rows.filter((r) => n(r[QUALITY_KEY]) !== null).length;
  return h(
    doc,
    'div',
    { class: 'cmp-quality' },
    h(doc, 'p', { class: 'note' }, '报告质量指数是本项目的评价方法（完整度、算术一致、年度衔接、按时发布、内容原创、表格齐全的加权平均），不是官方评价。', h(doc, 'a', { href: aboutHref }, '权重与理由'), '。'),
    h(
      doc,
      'table',
      { class: 'data cmp-qrank', id: 'cmp-qrank' },
      h(doc, 'caption', { class: 'sr-only' }, '同组按报告质量指数排名'),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ['名次', '乡镇街道', '报告质量指数', '百分位'].map((x, i) => h(doc, 'th', { scope: 'col', class: i === 1 ? null : 'num' }, x)))),
      h(
        doc,
        'tbody',
        {},
        ranked.map((r) => {
          const score = n(r[QUALITY_KEY]);
          return h(
            doc,
            'tr',
            { class: r.is_self ? 'self' : null, 'data-code': String(r.code), 'data-rank': n(r[`${QUALITY_KEY}__rank`]), 'aria-current': r.is_self ? 'true' : null },
            td(doc, { 'data-k': 'rank' }, score === null ? '—' : `${formatCount(n(r[`${QUALITY_KEY}__rank`]))}/${formatCount(given)}`),
            h(doc, 'th', { scope: 'row' }, h(doc, 'span', { class: 'nm' }, String(r.name ?? r.code)), r.is_self ? h(doc, 'span', { class: 'tag' }, '所选') : null),
            td(doc, { 'data-k': 'quality' }, r.has_report === false ? '无报告' : score === null ? '无法评价' : score.toFixed(1)),
            td(doc, { 'data-k': 'pct' }, percentileText(n(r[`${QUALITY_KEY}__pct`]))),
          );
        }),
      ),
    ),
  );
}
