// Figures stated in the report's prose rather than its tables: the number of
// items disclosed proactively, the NPC suggestions and CPPCC proposals handled
// and the information fees charged.

import { removeSpaces, toHalfWidth } from './text.ts';
import type { Cell } from './cells.ts';

export interface NarrativeRead {
  proactive_items: number | null;
  proactive_items_approx: boolean | null;
  proactive_items_line: number | null;
  npc_suggestions: number | null;
  cppcc_proposals: number | null;
  info_fees_yuan: number | null;
}

interface Prose {
  text: string;
  /** Source line of each character of `text`. */
  lines: Uint32Array;
}

/**
 * The report's prose as one string without spaces, lines joined (PDF text wraps sentences
 * mid-word), table rows left out; only the sections from `fromSection` to `toSection`.
 */
function proseOf(cells: readonly Cell[], fromSection: number, toSection: number): Prose {
  let text = '';
  const lines: number[] = [];
  let section = 0;
  for (const cell of cells) {
    if (cell.kind === 'heading') section = cell.section ?? section;
    if (section < fromSection || section > toSection) continue;
    // Prose is text, plus figures on undelimited lines ('1136 条' wrapped onto a line of its own).
    if (cell.kind !== 'text' && cell.kind !== 'heading' && !(cell.kind === 'figure' && !cell.delimited)) continue;
    const t = removeSpaces(toHalfWidth(cell.raw));
    text += t;
    for (let k = 0; k < t.length; k++) lines.push(cell.line);
  }
  return { text, lines: Uint32Array.from(lines) };
}

const ITEMS = /(\d[\d,]*)(余|多)?条/g;
const EXCLUDE = /累计|历年|截至|截止|以来/;

/**
 * 主动公开 N 条: among the counts in sentences about publishing, the largest that is not a
 * running total is the all-channel total ('共公开信息200余条' over '微信公众号…88条').
 */
function proactive(prose: Prose): Pick<NarrativeRead, 'proactive_items' | 'proactive_items_approx' | 'proactive_items_line'> {
  let best: { value: number; approx: boolean; at: number } | null = null;
  for (const sentence of sentences(prose.text)) {
    if (!/公开|发布/.test(sentence.text)) continue;
    for (const m of sentence.text.matchAll(ITEMS)) {
      const at = sentence.start + (m.index ?? 0);
      if (EXCLUDE.test(clauseAround(sentence.text, m.index ?? 0))) continue;
      const value = Number(m[1].replace(/,/g, ''));
      if (!Number.isFinite(value)) continue;
      if (!best || value > best.value) best = { value, approx: m[2] !== undefined, at };
    }
  }
  if (!best) return { proactive_items: null, proactive_items_approx: null, proactive_items_line: null };
  return { proactive_items: best.value, proactive_items_approx: best.approx, proactive_items_line: prose.lines[best.at] ?? null };
}

function* sentences(text: string): Generator<{ text: string; start: number }> {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === '。' || c === ';' || c === '；' || c === '!' || c === '?') {
      if (i > start) yield { text: text.slice(start, i), start };
      start = i + 1;
    }
  }
}

function clauseAround(sentence: string, at: number): string {
  let a = at;
  while (a > 0 && !',，、'.includes(sentence[a - 1])) a--;
  return sentence.slice(a, at);
}

function firstCount(prose: string, pattern: RegExp): number | null {
  const m = pattern.exec(prose);
  return m ? Number(m[1]) : null;
}

export function readNarrative(cells: readonly Cell[]): NarrativeRead {
  const intro = proseOf(cells, 0, 2);
  const all = proseOf(cells, 0, 6).text;
  const fee = /信息处理费(?:共计|合计|为)?(\d+(?:\.\d+)?)(万元|元)/.exec(all);
  return {
    ...proactive(intro),
    npc_suggestions: firstCount(all, /代表建议(?:共计|共|合计)?(\d+)件/),
    cppcc_proposals: firstCount(all, /政协(?:委员)?提案(?:共计|共|合计)?(\d+)件/),
    info_fees_yuan: fee ? Number(fee[1]) * (fee[2] === '万元' ? 10_000 : 1) : null,
  };
}
