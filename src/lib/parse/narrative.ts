// Figures stated in the report's prose rather than its tables: the number of
// items disclosed proactively, the NPC suggestions and CPPCC proposals handled
// and the information fees charged.

import { toHalfWidth } from './text.ts';
import type { Cells } from './cells.ts';

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
  /**
   * Where the text enters and leaves sections 一 and 二 (or the part before any heading), where
   * the proactive count is read: offsets in `text`, alternately 'out' and 'in' (it starts in).
   */
  introChanges: number[];
}

/** The report's prose in one string, lines joined (PDF text wraps sentences mid-word), table rows left out. */
function proseOf({ cells, lines: cellLines }: Cells): Prose {
  const parts: string[] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  const introChanges: number[] = [];
  let length = 0;
  let intro = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell.kind === 'heading' && cell.section !== undefined && (cell.section <= 2) !== intro) {
      intro = !intro;
      introChanges.push(length);
    }
    // Prose is text, plus figures on undelimited lines ('1136 条' wrapped onto a line of its own).
    if (cell.kind !== 'text' && cell.kind !== 'heading' && !(cell.kind === 'figure' && !cell.delimited)) continue;
    starts.push(length);
    lines.push(cellLines[i]);
    parts.push(cell.raw);
    length += cell.raw.length;
  }
  return { text: parts.join(''), starts, lines, introChanges };
}

/** Whether the prose at offset `at` stands in sections 一 or 二 (or before any heading). */
function inIntro(prose: Prose, at: number): boolean {
  let intro = true;
  for (const change of prose.introChanges) {
    if (change > at) break;
    intro = !intro;
  }
  return intro;
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
const EXCLUDE = /累计|历年|截至|截止|以来/;
// Compared by character code: indexing a string by position makes a new string for every Chinese character.
/** 。；;！!？? */
const isSentenceEnd = (c: number) => c === 0x3002 || c === 0xff1b || c === 0x3b || c === 0xff01 || c === 0x21 || c === 0xff1f || c === 0x3f;
/** ,，、 */
const isClauseEnd = (c: number) => c === 0x2c || c === 0xff0c || c === 0x3001;

const number = (digits: string) => Number(toHalfWidth(digits).replace(/,/g, ''));

const isDigitCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
const isCountCode = (c: number) => isDigitCode(c) || c === 0x2c || c === 0xff0c; // digits and , ，
/** 余 多 */
const isApprox = (c: number) => c === 0x4f59 || c === 0x591a;
const SPACE = /\s/;
const isSpaceCode = (c: number) => c === 32 || (c > 127 && SPACE.test(String.fromCharCode(c))) || (c >= 9 && c <= 13);

/**
 * The count written before the '条' at `tiao` ('200余条', '1,136 条'), read backwards: what
 * /([0-9０-９][0-9０-９,，]*)\s*(余|多)?\s*条/ matches ending there. Searching for '条' and
 * reading back is several times faster than running that pattern over the whole prose.
 */
export function countBefore(text: string, tiao: number): { start: number; end: number; approx: boolean } | null {
  let i = tiao;
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  const approx = i > 0 && isApprox(text.charCodeAt(i - 1));
  if (approx) {
    i--;
    while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  }
  const end = i;
  while (i > 0 && isCountCode(text.charCodeAt(i - 1))) i--;
  // The count starts at its first digit (a comma cannot begin it).
  while (i < end && !isDigitCode(text.charCodeAt(i))) i++;
  return i < end ? { start: i, end, approx } : null;
}

/**
 * 主动公开 N 条: among the counts in sentences about publishing, the largest that is not a
 * running total is the all-channel total ('共公开信息200余条' over '微信公众号…88条').
 */
function proactive(prose: Prose): Pick<NarrativeRead, 'proactive_items' | 'proactive_items_approx' | 'proactive_items_line'> {
  let best: { value: number; approx: boolean; at: number } | null = null;
  const text = prose.text;
  for (let tiao = text.indexOf('条'); tiao !== -1; tiao = text.indexOf('条', tiao + 1)) {
    const m = countBefore(text, tiao);
    if (!m) continue;
    const at = m.start;
    if (!inIntro(prose, at)) continue;
    let a = at;
    while (a > 0 && !isSentenceEnd(text.charCodeAt(a - 1))) a--;
    let b = at;
    while (b < text.length && !isSentenceEnd(text.charCodeAt(b))) b++;
    const sentence = text.slice(a, b);
    if (!sentence.includes('公开') && !sentence.includes('发布')) continue;
    let c = at;
    while (c > a && !isClauseEnd(text.charCodeAt(c - 1))) c--;
    if (EXCLUDE.test(text.slice(c, at))) continue;
    const value = number(text.slice(m.start, m.end));
    if (!Number.isFinite(value)) continue;
    if (!best || value > best.value) best = { value, approx: m.approx, at };
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

export function readNarrative(cells: Cells): NarrativeRead {
  const prose = proseOf(cells);
  const fee = prose.text.includes('处理费') ? FEE.exec(prose.text) : null;
  return {
    ...proactive(prose),
    npc_suggestions: firstCount(prose.text, '建议', NPC),
    cppcc_proposals: firstCount(prose.text, '提案', CPPCC),
    info_fees_yuan: fee ? Number(toHalfWidth(fee[1]).replace(/,/g, '')) * (fee[2] === '万元' ? 10_000 : 1) : null,
  };
}
