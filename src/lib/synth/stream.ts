// Tables as PDF reading order gives them: the text pdftotext (without
// -layout) writes, or pdf.js's getTextContent order that a viewer's
// copy-and-paste gives. Modelled on the corpus PDFs
// (test/fixtures/derived/pdftotext, pdfjs):
//   pdftotext   one cell per line with blank lines between; a row's label now
//               before and now after its figures; a band of rows under a tall
//               merged cell given a column at a time (column-major), its
//               labels after it; header words and page footers in between;
//               section 四's fifteen figures in runs, a column group at a time,
//               the group's header (with its proceeding's name) before it.
//   pdfjs       one line per table row, cells joined by single spaces.

import type { Rng } from './prng.ts';
import type { Table, TRow } from './tables.ts';

export type StreamOrder = 'pdftotext' | 'pdfjs';

export function renderStream(table: Table, order: StreamOrder, rng: Rng): string[] {
  if (order === 'pdfjs') return table.rows.flatMap((row) => pdfjsRow(row));
  if (table.id === 'reviews') return reviewRuns(table, rng);
  return pdftotextTable(table, rng);
}

// ---------------------------------------------------------------------------

function pdfjsRow(row: TRow): string[] {
  if (row.kind === 'break') return ['- 2 -'];
  const cells = [...row.labels, ...row.figures].filter((c) => c !== '');
  return cells.length ? [cells.join(' ')] : [];
}

const cellLines = (cells: readonly string[]) => cells.filter((c) => c !== '').flatMap((c) => [c, '']);

function pdftotextTable(table: Table, rng: Rng): string[] {
  const out: string[] = [];
  const rows = table.rows;
  for (let i = 0; i < rows.length; ) {
    const row = rows[i];
    if (row.kind === 'break') {
      out.push(`-${rng.int(2, 5)}-`, '');
      i++;
      continue;
    }
    if (row.kind === 'head') {
      // Header words one per line; a column's word wrapped in two pieces now and then (not a heading across the table).
      for (const word of row.labels.filter((l) => l !== '')) out.push(...(word.length >= 4 && !word.startsWith('第二十条') && rng.chance(0.3) ? [word.slice(0, 2), word.slice(2)] : [word]), '');
      i++;
      continue;
    }
    // A band of data rows of one width under a tall cell: read a column at a time.
    let end = i + 1;
    while (end < rows.length && rows[end].kind === 'data' && rows[end].figures.length === row.figures.length) end++;
    const band = rows.slice(i, Math.min(end, i + rng.int(1, 10)));
    if (band.length > 1 && table.id === 'applications' && rng.chance(0.5)) {
      out.push(...columnMajor(band, rng));
      i += band.length;
      continue;
    }
    const labels = cellLines(row.labels);
    const figures = cellLines(row.figures);
    out.push(...(rng.chance(0.25) ? [...figures, ...labels] : [...labels, ...figures]));
    i++;
  }
  return out;
}

function columnMajor(band: readonly TRow[], rng: Rng): string[] {
  const out: string[] = [];
  const labels = band.flatMap((r) => r.labels.filter((l) => l !== ''));
  const before = rng.chance(0.3);
  if (before) out.push(...labels, '');
  const width = band[0].figures.length;
  for (let c = 0; c < width; c++) out.push(...band.map((r) => r.figures[c]), '');
  if (!before) out.push(...labels, '');
  return out;
}

/**
 * Section 四 (one row of fifteen figures under three header rows): the figures come in runs. Either
 * in order with a header word breaking them ('10 1 0 … 0', '总计', '0'), or a column group at a time
 * with each group's header words before it, a group of one proceeding's outcomes under the
 * proceeding's name, and groups out of order (011_jiangsu_huaian_city_gov_2024).
 */
function reviewRuns(table: Table, rng: Rng): string[] {
  const data = table.rows.find((r) => r.kind === 'data')!;
  const f = data.figures;
  const heads = table.rows.filter((r) => r.kind === 'head').flatMap((r) => r.labels.filter((l) => l !== ''));
  const words = ['结果', '维持', '结果', '纠正', '其他', '结果', '尚未', '审结'];
  const style = rng.pick(['ordered', 'broken', 'groups'] as const);
  if (style === 'ordered') return [...cellLines(heads), ...cellLines(f)];
  if (style === 'broken') {
    const cut = rng.int(5, 14);
    return [...cellLines(heads), ...cellLines(f.slice(0, cut)), '总计', '', ...cellLines(f.slice(cut))];
  }
  // 复议 outcomes; 复议后起诉 outcomes under their name; 复议 total; 直接起诉 in full; 复议后起诉 total.
  return [
    '行政复议', '', '行政诉讼', '', '未经复议直接起诉', '',
    ...cellLines(words), ...cellLines(f.slice(0, 4)),
    ...cellLines(words.slice(0, 4)), '复议后起诉', '', ...cellLines(words.slice(4)), ...cellLines(f.slice(10, 14)),
    '总计', '', ...cellLines(f.slice(4, 5)),
    ...cellLines(words), ...cellLines(f.slice(5, 10)),
    '总计', '', ...cellLines(f.slice(14, 15)),
  ];
}
