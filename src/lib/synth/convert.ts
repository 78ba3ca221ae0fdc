// What PDF-to-Markdown converters and LLM transcriptions make of a report,
// applied to a report's text as a PDF's layout gives it (cells separated by
// wide gaps or tabs): each table becomes Markdown tables, damaged as those
// tools damage them.
//   split          one table cut into several small ones, each with a header of its own
//   generic        header cells named 项目, 数据1, 数据2 … (the tool's own names)
//   header_width   a header row with fewer or more cells than the rows under it
//   labels_apart   the row labels in one table, their figures in the next
//   merged_rows    two rows run together on one line
//   renumbered     sections numbered from 一 without the template's 一、总体情况 (二 becomes 一 …)
// Figures are never dropped or changed: the report's figures are the truth of
// the converted text too.

import { SECTIONS } from '../template/model.ts';
import type { Rng } from './prng.ts';

export const MARKDOWN_DAMAGES = ['split', 'generic', 'header_width', 'labels_apart', 'merged_rows', 'renumbered'] as const;
export type MarkdownDamage = (typeof MARKDOWN_DAMAGES)[number];

const FIGURE = /^(?:[+\-−增减]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|万|件|个|条)?|[—\-/／无]+)$/;
const isFigure = (cell: string) => FIGURE.test(cell);

function cellsOf(line: string): string[] {
  if (/^\s*\|?\s*:?-{3,}/.test(line)) return [];
  const parts = line.includes('\t') ? line.split('\t') : line.includes('|') ? line.split('|') : line.split(/[ \u3000\u00a0]{2,}/);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

type Line = { kind: 'row'; cells: string[] } | { kind: 'text'; text: string } | { kind: 'blank' };

const SECTION_KEYS = SECTIONS.flatMap((s) => s.keys);
const NUMERALS = ['一', '二', '三', '四', '五', '六'];

const MARKS = /^[#*>\s]+|\*+$/g;

function sectionHeading(raw: string): number | null {
  const text = raw.replace(MARKS, '');
  const m = /^([一二三四五六1-6])\s*、/.exec(text);
  if (!m || text.length > 40 || text.includes('。')) return null;
  const number = /\d/.test(m[1]) ? Number(m[1]) : NUMERALS.indexOf(m[1]) + 1;
  return SECTION_KEYS.some((k) => text.replace(/\s/g, '').endsWith(k.replace(/\s/g, ''))) ? number : null;
}

function classify(raw: string): Line {
  if (raw.trim() === '') return { kind: 'blank' };
  if (/^\s*#/.test(raw)) return { kind: 'text', text: raw.trim() };
  const cells = cellsOf(raw);
  if (cells.length === 0) return { kind: 'blank' };
  if (cells.length >= 2) return { kind: 'row', cells };
  return { kind: 'text', text: raw.trim() };
}

/**
 * Lines of a text whose tables come one cell per line, each cell after a tab, rows between blank
 * lines (a Word table saved as text): such a group is one row.
 */
function linesOf(text: string): Line[] {
  const raw = text.split('\n');
  const out: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!raw[i].startsWith('\t') || raw[i].slice(1).includes('\t')) {
      out.push(classify(raw[i]));
      continue;
    }
    const cells: string[] = [];
    for (; i < raw.length && raw[i].startsWith('\t') && !raw[i].slice(1).includes('\t'); i++) cells.push(raw[i].trim());
    i--;
    const kept = cells.filter((c) => c !== '');
    out.push(kept.length >= 2 ? { kind: 'row', cells: kept } : kept.length === 1 ? { kind: 'text', text: kept[0] } : { kind: 'blank' });
  }
  return out;
}

/** A short line inside a table (a wrapped label, a group label written down the page). */
const tableText = (l: Line) => l.kind === 'text' && l.text.length <= 30 && !l.text.includes('。') && !l.text.startsWith('#') && sectionHeading(l.text) === null;

/** The report as Markdown with the given damages. */
export function toConverterMarkdown(text: string, rng: Rng, damages: ReadonlySet<MarkdownDamage>): string {
  const lines = linesOf(text);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind !== 'row') {
      if (line.kind === 'text') out.push(paragraph(line.text, damages));
      i++;
      continue;
    }
    // A table: rows, and the short texts and blank lines between them, up to its last row.
    let end = i;
    for (let j = i; j < lines.length && (lines[j].kind === 'row' || lines[j].kind === 'blank' || tableText(lines[j])); j++) if (lines[j].kind === 'row') end = j;
    const rows = lines.slice(i, end + 1).flatMap((l) => (l.kind === 'row' ? [l.cells] : l.kind === 'text' ? [[l.text]] : []));
    out.push('', ...table(rows, rng, damages), '');
    i = end + 1;
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

function paragraph(raw: string, damages: ReadonlySet<MarkdownDamage>): string {
  const section = sectionHeading(raw);
  if (section === null) return raw;
  const text = raw.replace(MARKS, '');
  const words = text.replace(/^[一二三四五六1-6]\s*、\s*/, '');
  if (!damages.has('renumbered')) return `## ${text}`;
  return section === 1 ? `## ${words}` : `## ${NUMERALS[section - 2]}、${words}`;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => `|${' --- |'.repeat(Math.max(1, n))}`;

function header(width: number, first: readonly string[] | null, rng: Rng, damages: ReadonlySet<MarkdownDamage>): string[] {
  let n = width;
  if (damages.has('header_width')) n = Math.max(1, width + rng.pick([-2, -1, 1]));
  const cells = damages.has('generic') || !first ? ['项目', ...Array.from({ length: n - 1 }, (_, k) => `数据${k + 1}`)] : [...first].slice(0, n);
  while (cells.length < n) cells.push('');
  return [row(cells), rule(n)];
}

function table(rows: string[][], rng: Rng, damages: ReadonlySet<MarkdownDamage>): string[] {
  const merged: string[][] = [];
  for (let k = 0; k < rows.length; k++) {
    if (damages.has('merged_rows') && k + 1 < rows.length && rows[k].some(isFigure) && rows[k + 1].some(isFigure) && rng.chance(0.15)) {
      merged.push([...rows[k], ...rows[k + 1]]);
      k++;
    } else merged.push(rows[k]);
  }
  const chunks: string[][][] = [];
  for (let k = 0; k < merged.length; ) {
    const size = damages.has('split') ? rng.int(3, 9) : merged.length;
    chunks.push(merged.slice(k, k + size));
    k += size;
  }
  const out: string[] = [];
  for (const chunk of chunks) {
    const width = Math.max(...chunk.map((r) => r.length));
    if (damages.has('labels_apart') && chunk.some((r) => r.some(isFigure)) && rng.chance(0.5)) {
      const labels = chunk.map((r) => r.filter((c) => !isFigure(c)).join(' ')).filter((l) => l !== '');
      const figures = chunk.map((r) => r.filter(isFigure)).filter((r) => r.length > 0);
      out.push(...header(1, null, rng, new Set()), ...labels.map((l) => row([l])), '');
      const figureWidth = Math.max(...figures.map((r) => r.length));
      const head = header(figureWidth + 1, null, rng, damages);
      out.push(head[0].replace(/^\| 项目 \|/, '|'), rule(figureWidth), ...figures.map(row), '');
      continue;
    }
    const useFirst = !damages.has('generic') && chunk.length > 1 && !chunk[0].some(isFigure);
    out.push(...header(width, useFirst ? chunk[0] : null, rng, damages), ...(useFirst ? chunk.slice(1) : chunk).map(row), '');
  }
  return out;
}
