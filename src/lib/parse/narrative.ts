// Figures stated in the report's prose rather than its tables: the number of
// items disclosed proactively, the NPC suggestions and CPPCC proposals handled
// and the information fees charged.

import { toHalfWidth } from './text.ts';
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
  /** The prose cells' text joined, as written (spaces and full-width digits kept: the patterns allow them). */
  text: string;
  /** Where each cell's text starts in `text`, and the line it came from. */
  starts: number[];
  lines: number[];
  /** Whether each cell stands in sections 一 or 二 (or before any heading): the proactive count is read there. */
  intro: boolean[];
}

/** The report's prose in one string, lines joined (PDF text wraps sentences mid-word), table rows left out. */
function proseOf(cells: readonly Cell[]): Prose {
  const parts: string[] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  const intro: boolean[] = [];
  let length = 0;
  let section = 0;
  for (const cell of cells) {
    if (cell.kind === 'heading') section = cell.section ?? section;
    // Prose is text, plus figures on undelimited lines ('1136 条' wrapped onto a line of its own).
    if (cell.kind !== 'text' && cell.kind !== 'heading' && !(cell.kind === 'figure' && !cell.delimited)) continue;
    starts.push(length);
    lines.push(cell.line);
    intro.push(section <= 2);
    parts.push(cell.raw);
    length += cell.raw.length;
  }
  return { text: parts.join(''), starts, lines, intro };
}

/** The cell a character of the prose comes from. */
function segmentAt(prose: Prose, at: number): number {
  let lo = 0;
  let hi = prose.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (prose.starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const DIGITS = '[0-9０-９][0-9０-９,，]*';
const ITEMS = new RegExp(`(${DIGITS})\\s*(余|多)?\\s*条`, 'g');
const EXCLUDE = /累计|历年|截至|截止|以来/;
// Looked up by character code: indexing a string by position makes a new string for every Chinese character.
const SENTENCE_END = new Set([...'。；;！!？?'].map((c) => c.charCodeAt(0)));
const CLAUSE_END = new Set([...',，、'].map((c) => c.charCodeAt(0)));

const number = (digits: string) => Number(toHalfWidth(digits).replace(/,/g, ''));

/**
 * 主动公开 N 条: among the counts in sentences about publishing, the largest that is not a
 * running total is the all-channel total ('共公开信息200余条' over '微信公众号…88条').
 */
function proactive(prose: Prose): Pick<NarrativeRead, 'proactive_items' | 'proactive_items_approx' | 'proactive_items_line'> {
  let best: { value: number; approx: boolean; at: number } | null = null;
  const text = prose.text;
  ITEMS.lastIndex = 0;
  for (let m = ITEMS.exec(text); m; m = ITEMS.exec(text)) {
    const at = m.index;
    if (!prose.intro[segmentAt(prose, at)]) continue;
    let a = at;
    while (a > 0 && !SENTENCE_END.has(text.charCodeAt(a - 1))) a--;
    let b = at;
    while (b < text.length && !SENTENCE_END.has(text.charCodeAt(b))) b++;
    const sentence = text.slice(a, b);
    if (!sentence.includes('公开') && !sentence.includes('发布')) continue;
    let c = at;
    while (c > a && !CLAUSE_END.has(text.charCodeAt(c - 1))) c--;
    if (EXCLUDE.test(text.slice(c, at))) continue;
    const value = number(m[1]);
    if (!Number.isFinite(value)) continue;
    if (!best || value > best.value) best = { value, approx: m[2] !== undefined, at };
  }
  if (!best) return { proactive_items: null, proactive_items_approx: null, proactive_items_line: null };
  return { proactive_items: best.value, proactive_items_approx: best.approx, proactive_items_line: prose.lines[segmentAt(prose, best.at)] ?? null };
}

function firstCount(prose: string, marker: string, pattern: RegExp): number | null {
  if (!prose.includes(marker)) return null;
  const m = pattern.exec(prose);
  return m ? number(m[1]) : null;
}

const NPC = new RegExp(`代表建议\\s*(?:共计|共|合计)?\\s*(${DIGITS})\\s*件`);
const CPPCC = new RegExp(`政协(?:委员)?提案\\s*(?:共计|共|合计)?\\s*(${DIGITS})\\s*件`);
const FEE = new RegExp(`信息处理费\\s*(?:共计|合计|为)?\\s*(${DIGITS}(?:[.．][0-9０-９]+)?)\\s*(万元|元)`);

export function readNarrative(cells: readonly Cell[]): NarrativeRead {
  const prose = proseOf(cells);
  const fee = prose.text.includes('处理费') ? FEE.exec(prose.text) : null;
  return {
    ...proactive(prose),
    npc_suggestions: firstCount(prose.text, '建议', NPC),
    cppcc_proposals: firstCount(prose.text, '提案', CPPCC),
    info_fees_yuan: fee ? Number(toHalfWidth(fee[1]).replace(/,/g, '')) * (fee[2] === '万元' ? 10_000 : 1) : null,
  };
}
