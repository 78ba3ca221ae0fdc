// Tables as text, in the layouts real reports come in:
//   tabs      one row per line, cells separated by tabs (HTML or Word tables; data/raw/000, 003)
//   cells     one cell per line, rows separated by blank lines (data/raw/002, 004)
//   markdown  pipe tables (test/fixtures/corpus/excerpts/014, 017)
//   pdf       space-aligned columns from PDF extraction, wrapped labels and
//             page footers (data/raw/001_huaian_hongze_district_2023)
// A page break is written as PAGE (a form feed line); paginate() turns it
// into blank lines around a page footer.

import type { Rng } from './prng.ts';
import type { BaseLayout } from './truth.ts';
import type { Table, TRow } from './tables.ts';

export const PAGE = '\f';

/** Per-report choices of a layout's details. */
export interface LayoutStyle {
  layout: BaseLayout;
  trailingTab: boolean;
  /** markdown: '| a | b |', 'a | b |' or '| a | b'. */
  pipes: 'both' | 'trailing' | 'leading';
  dropLeadingEmpty: boolean;
  ruleAfterHeader: boolean;
  /** cells: decorate figures with stray spaces and no-break spaces (data/raw/004). */
  ragged: boolean;
  /** cells: no tab before a cell, empty cells left out, a blank line after each cell (the excerpts 008, 009, 026). */
  bare: boolean;
  /** pdf: group labels of section 三 written down the page, a character or two per line (data/raw/011). */
  vertical: boolean;
}

export function drawLayoutStyle(rng: Rng, layout: BaseLayout): LayoutStyle {
  return {
    layout,
    trailingTab: rng.chance(0.5),
    pipes: rng.pick(['both', 'both', 'trailing', 'leading'] as const),
    dropLeadingEmpty: rng.chance(0.5),
    ruleAfterHeader: rng.chance(0.3),
    ragged: rng.chance(0.3),
    bare: rng.chance(0.3),
    vertical: rng.chance(0.3),
  };
}

export function renderTable(table: Table, style: LayoutStyle, rng: Rng): string[] {
  switch (style.layout) {
    case 'tabs':
      return table.rows.flatMap((row) => tabRow(row, table, style));
    case 'cells':
      return table.rows.flatMap((row) => cellRow(row, style, rng));
    case 'markdown':
      return markdown(table, style);
    case 'pdf':
      return pdfTable(table, style, rng);
  }
}

// ---------------------------------------------------------------------------

function tabRow(row: TRow, table: Table, style: LayoutStyle): string[] {
  if (row.kind === 'break') return [''];
  const cells = [...row.labels, ...row.figures];
  if (row.kind === 'head' && table.id !== 'reviews') while (cells.length < table.width && cells[cells.length - 1] === '') cells.push('');
  return [cells.join('\t') + (style.trailingTab && row.kind === 'data' ? '\t' : '')];
}

const SPLIT_HEADERS: Record<string, [string, string]> = { 本年新制作数量: ['本年新', '制作数量'], 本年新公开数量: ['本年新', '公开数量'], 对外公开总数量: ['对外公开', '总数量'] };

function cellRow(row: TRow, style: LayoutStyle, rng: Rng): string[] {
  if (row.kind === 'break') return [''];
  const out: string[] = [];
  const tab = style.bare ? '' : '\t';
  const cell = (lines: string[]) => {
    out.push(...lines);
    if (style.bare) out.push('');
  };
  for (const label of row.labels) {
    if (style.bare && label === '') continue;
    const split = SPLIT_HEADERS[label];
    if (split && rng.chance(0.5)) cell([`${tab}${split[0]}`, split[1]]);
    else cell([`${tab}${label}`]);
  }
  for (const f of row.figures) {
    if (style.bare && f === '') continue;
    cell([`${tab}${style.ragged ? rng.pick([f, ` ${f}`, `${f} `, `\u00a0${f}`, `${f}\u00a0`]) : f}`]);
  }
  if (!style.bare) out.push('');
  return out;
}

function markdown(table: Table, style: LayoutStyle): string[] {
  const out: string[] = [];
  let headerDone = false;
  for (const row of table.rows) {
    if (row.kind === 'break') {
      out.push('');
      continue;
    }
    let cells = [...row.labels, ...row.figures];
    if (style.dropLeadingEmpty && row.kind === 'data') while (cells.length > 1 && cells[0] === '') cells = cells.slice(1);
    const body = cells.join(' | ');
    out.push(style.pipes === 'both' ? `| ${body} |` : style.pipes === 'trailing' ? `${body} |` : `| ${body}`);
    if (style.ruleAfterHeader && !headerDone) {
      out.push(`|${cells.map(() => '---').join('|')}|`);
      headerDone = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// PDF: space-aligned columns

/** Display width: CJK and full-width characters count two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

const spaces = (n: number) => ' '.repeat(Math.max(0, n));
const padTo = (s: string, col: number, min = 2) => s + spaces(Math.max(min, col - width(s)));

function figureColumns(figures: string[], colWidth: number): string {
  return figures.map((f) => spaces(Math.max(2, colWidth - width(f))) + f).join('');
}

function spaceInside(label: string, rng: Rng): string {
  const i = rng.int(Math.min(5, label.length - 2), label.length - 2);
  return /[\u4e00-\u9fff]/.test(label[i]) && /[\u4e00-\u9fff]/.test(label[i - 1]) ? `${label.slice(0, i)} ${label.slice(i)}` : label;
}

/** A label too long for the column wraps onto two or three lines (like data/raw/011). */
function wrapLabel(label: string): string[] {
  if (label.length <= 18) return [label];
  if (label.startsWith('（二）') || label.startsWith('(二)')) {
    const cut = label.indexOf('这一情') + 3;
    return [label.slice(0, cut), label.slice(cut)];
  }
  const parts = [label.slice(0, 15)];
  for (let i = 15; i < label.length; i += 14) parts.push(label.slice(i, i + 14));
  return parts;
}

function pdfTable(table: Table, style: LayoutStyle, rng: Rng): string[] {
  const out: string[] = [];
  const labelCol = table.id === 'disclosure' ? rng.int(24, 40) : rng.int(44, 54);
  const longest = Math.max(1, ...table.rows.flatMap((r) => r.figures.map(width)));
  const colWidth = longest + rng.int(2, table.id === 'reviews' ? 3 : 6);
  const dataRows = table.rows.filter((r) => r.kind === 'data');
  // Section 三: one page footer between two of its rows, as in data/raw/001_huaian.
  const footerAt = table.id === 'applications' ? dataRows[rng.int(3, dataRows.length - 3)] : null;
  const groupLines = new Map<TRow, string[]>();
  if (table.id === 'applications') placeGroupLabels(dataRows, groupLines, style.vertical, rng);

  for (const row of table.rows) {
    if (row.kind === 'break') {
      out.push(PAGE);
      continue;
    }
    if (row === footerAt) out.push(PAGE);
    for (const line of groupLines.get(row) ?? []) out.push(line);
    if (row.kind === 'head') {
      const words = row.labels.filter((l) => l !== '');
      if (words.length === 0) continue;
      const gap = spaces(rng.int(3, 8));
      const indent = spaces(rng.int(0, 16));
      // Narrow applicant columns wrap their names ('商业企' over '业', data/raw/011).
      if (table.id === 'applications' && words.includes('商业企业') && rng.chance(0.5)) {
        const cut = (w: string) => (w.length < 4 ? w.length : w.length === 4 ? 3 : Math.ceil(w.length / 2));
        out.push(indent + words.map((w) => w.slice(0, cut(w))).join(gap));
        out.push(indent + words.map((w) => w.slice(cut(w))).filter((w) => w).join(gap));
      } else out.push(indent + words.join(gap));
      continue;
    }
    const indent = spaces(row.depth === 0 ? 0 : row.depth === 1 ? rng.int(4, 18) : rng.int(12, 28));
    const label = row.labels.filter((l) => l !== '').pop() ?? '';
    const figures = figureColumns(row.figures, colWidth);
    if (table.id === 'reviews') {
      out.push(row.figures.join(spaces(rng.int(2, 5))));
      continue;
    }
    // pdftotext now and then puts a space inside a label ('无正当理由大量反复 申请').
    const spaced = table.id === 'applications' && label.length > 8 && rng.chance(0.08) ? spaceInside(label, rng) : label;
    const parts = table.id === 'applications' ? wrapLabel(spaced) : [label];
    if (parts.length === 1) {
      out.push(padTo(indent + parts[0], labelCol) + figures);
    } else if (rng.chance(0.5)) {
      // Figures on a line of their own under the wrapped label (001_huaian).
      for (const p of parts) out.push(indent + p);
      out.push(spaces(labelCol) + figures);
    } else {
      // Figures beside the second line of the label (011).
      out.push(indent + parts[0]);
      out.push(padTo(indent + parts[1], labelCol) + figures);
      for (const p of parts.slice(2)) out.push(indent + p);
    }
  }
  return out;
}

/**
 * Group labels of section 三 ('三、本年度办理结果', '（三）不予公开' …) stand on lines of their
 * own in the middle of their group, as vertically centred cells come out of a PDF.
 */
function placeGroupLabels(rows: TRow[], lines: Map<TRow, string[]>, vertical: boolean, rng: Rng): void {
  const add = (row: TRow, text: string) => lines.set(row, [...(lines.get(row) ?? []), text]);
  /** Written down the page: one piece before each of the rows from `from` on. */
  const down = (run: TRow[], pieces: string[]) => {
    const from = Math.max(0, Math.floor((run.length - pieces.length) / 2));
    pieces.forEach((p, k) => add(run[Math.min(run.length - 1, from + k)], spaces(rng.int(4, 8)) + p));
  };
  const outcomes = rows.filter((r) => r.depth > 0);
  if (outcomes.length > 0) {
    const lead = outcomes[0].labels[0];
    if (vertical) down(outcomes.slice(0, 12), [lead.slice(0, 2), ...lead.slice(2)]);
    else add(outcomes[Math.min(outcomes.length - 1, rng.int(1, 4))], spaces(rng.int(0, 2)) + (rng.chance(0.5) ? [...lead].join(' ') : lead));
  }
  const runs: TRow[][] = [];
  let current: TRow[] | null = null;
  for (const r of rows) {
    if (r.depth !== 2) {
      current = null;
      continue;
    }
    if (r.labels[1] !== '' || !current) runs.push((current = []));
    current.push(r);
  }
  for (const run of runs) {
    const group = run[0].labels[1].trim();
    // '（三）不予公开' → '（三）不' and '予公开' on two lines.
    const cut = group.indexOf('）') >= 0 ? group.indexOf('）') + 2 : group.indexOf(')') + 2;
    if (vertical && run.length >= 2) down(run, [group.slice(0, cut), group.slice(cut)]);
    else add(run[Math.floor(run.length / 2)], spaces(rng.int(4, 18)) + group);
  }
}

const CLOSING = '，。；：、”’）》！？';

/** Wraps prose to lines of about `cols` characters without cutting a number. */
export function wrapProse(text: string, cols: number, indent: string): string[] {
  const out: string[] = [];
  let line = indent;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    line += text[i];
    n++;
    const next = text[i + 1];
    const inNumber = /[0-9.]/.test(text[i]) && next !== undefined && /[0-9.]/.test(next);
    // A line does not start with closing punctuation: it stays on the line before.
    if (n >= cols && !inNumber && next !== undefined && !CLOSING.includes(next)) {
      out.push(line);
      line = '';
      n = 0;
    }
  }
  if (line.trim().length > 0) out.push(line);
  return out;
}

/** Replaces PAGE lines by page footers and adds page breaks every `perPage` lines. */
export function paginate(lines: string[], rng: Rng, perPage: number): string[] {
  const out: string[] = [];
  let page = 1;
  let onPage = 0;
  const style = rng.pick(['-N-', '-N-', '- N -', '—N—']);
  const footer = () => {
    out.push('', spaces(rng.int(6, 40)) + style.replace('N', String(page)), '');
    page++;
    onPage = 0;
  };
  for (const line of lines) {
    if (line === PAGE) {
      footer();
      continue;
    }
    out.push(line);
    if (++onPage >= perPage) footer();
  }
  footer();
  return out;
}
