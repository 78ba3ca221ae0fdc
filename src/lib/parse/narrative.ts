// Figures stated in the report's prose rather than its tables: the number of
// items disclosed proactively, the NPC suggestions and CPPCC proposals handled
// and the information fees charged.
//
// A figure comes from its own phrase ('主动公开政府信息1,136条'), never from
// digits that only happen to stand before a 条: a title (《1,2,3条例》), an
// article (第21条), a document number (〔2018〕12号). A figure its phrase gives
// but that cannot be stored as written (see plausible.ts) is null, with a finding.

import type { Finding } from '../findings.ts';
import { NARRATIVE_RANGES, type NarrativeFigure } from '../template/model.ts';
import type { Cells } from './cells.ts';
import { yuanDigits } from './numbers.ts';
import { implausibility } from './plausible.ts';
import { toHalfWidth } from './text.ts';

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
    // A heading ends whatever sentence stood before it (a title has no full stop).
    if (cell.kind === 'heading') {
      starts.push(length);
      lines.push(cellLines[i]);
      parts.push('。');
      length += 1;
    }
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

/** The digits of a count as written ('1,136', '１２'), or null when its commas are not thousands separators ('1,2,3'). */
function countDigits(written: string): string | null {
  const s = toHalfWidth(written).replace(/\s+/g, '');
  const [whole, fraction] = s.split('.');
  if (whole.includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(whole)) return null;
  return fraction === undefined ? whole.replace(/,/g, '') : `${whole.replace(/,/g, '')}.${fraction}`;
}

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

/** Opening and closing marks of a title or a document number: digits between them are part of a name. */
const NAME_BRACKETS: readonly [string, string][] = [
  ['《', '》'],
  ['〈', '〉'],
  ['〔', '〕'],
  ['【', '】'],
  ['[', ']'],
  ['［', '］'],
];

/** Before an article number's digits ('第21条', '第21、22条'): passed over when looking for 第. */
const isArticleListCode = (c: number) => isDigitCode(c) || isSpaceCode(c) || c === 0x3001 /* 、 */ || c === 0x2c || c === 0x2d || c === 0xff0d || c === 0x2014 || c === 0x81f3; /* , - － — 至 */
/** Right before a count, these make its digits part of something else: 〔2018〕12, 3.5, GB12. */
const NOT_BEFORE_COUNT = new Set(['〕', '］', ']', '】', '号', '.', '．', '/', '-', '－']);

/**
 * Whether the digits at start..end before the 条 at `tiao` are a count of items rather than part
 * of a title, an article number, a document number or the word 条例; and stand within one cell.
 */
function ownPhrase(prose: Prose, sentenceStart: number, start: number, end: number, tiao: number): boolean {
  const text = prose.text;
  const after = text[tiao + 1];
  if (after === '例' || after === '款') return false;
  let j = start;
  while (j > sentenceStart && isArticleListCode(text.charCodeAt(j - 1))) j--;
  if (text[j - 1] === '第') return false;
  let k = start;
  while (k > sentenceStart && isSpaceCode(text.charCodeAt(k - 1))) k--;
  const before = text[k - 1] ?? '';
  if (NOT_BEFORE_COUNT.has(before) || /[A-Za-z]/.test(before)) return false;
  for (const [open, close] of NAME_BRACKETS) {
    const o = text.lastIndexOf(open, start);
    if (o >= sentenceStart && o > text.lastIndexOf(close, start)) return false;
  }
  return segmentAt(prose, start) === segmentAt(prose, end - 1);
}

type ProactiveRead = Pick<NarrativeRead, 'proactive_items' | 'proactive_items_approx' | 'proactive_items_line'>;
const NO_PROACTIVE: ProactiveRead = { proactive_items: null, proactive_items_approx: null, proactive_items_line: null };

/**
 * 主动公开 N 条: among the counts that sentences about publishing give after their verb
 * (公开, 发布), the largest that is not a running total is the all-channel total
 * ('共公开信息200余条' over '微信公众号…88条'). When one of them cannot be a count as written,
 * none is taken: it might have been the total.
 */
function proactive(prose: Prose, file: string, findings: Finding[]): ProactiveRead {
  let best: { value: number; approx: boolean; at: number } | null = null;
  const text = prose.text;
  for (let tiao = text.indexOf('条'); tiao !== -1; tiao = text.indexOf('条', tiao + 1)) {
    const m = countBefore(text, tiao);
    if (!m) continue;
    const at = m.start;
    if (!inIntro(prose, at)) continue;
    let a = at;
    while (a > 0 && !isSentenceEnd(text.charCodeAt(a - 1))) a--;
    const lead = text.slice(a, at);
    if (!lead.includes('公开') && !lead.includes('发布')) continue;
    if (!ownPhrase(prose, a, m.start, m.end, tiao)) continue;
    let c = at;
    while (c > a && !isClauseEnd(text.charCodeAt(c - 1))) c--;
    if (EXCLUDE.test(text.slice(c, at))) continue;
    const value = checked('proactive_items', text.slice(m.start, m.end), prose.lines[segmentAt(prose, at)], file, findings);
    if (value === null) return NO_PROACTIVE;
    if (!best || value > best.value) best = { value, approx: m.approx, at };
  }
  if (!best) return NO_PROACTIVE;
  return { proactive_items: best.value, proactive_items_approx: best.approx, proactive_items_line: prose.lines[segmentAt(prose, best.at)] ?? null };
}

const NARRATIVE_NAMES: Record<NarrativeFigure, string> = { proactive_items: '主动公开信息条数', npc_suggestions: '人大代表建议件数', cppcc_proposals: '政协提案件数', info_fees_yuan: '信息处理费' };

/** A figure of the prose as a value, or null with a finding when it cannot be stored as written. */
function checked(what: NarrativeFigure, written: string, line: number | null, file: string, findings: Finding[], unit?: '元' | '万元'): number | null {
  const digits = countDigits(written);
  const place = { file, section: 'narrative' as const, row: what, column: null, line, name: `正文中的${NARRATIVE_NAMES[what]}` };
  if (digits === null) {
    findings.push(implausibility({ raw: written, digits, value: NaN }, NARRATIVE_RANGES[what], place)!);
    return null;
  }
  const stored = unit ? yuanDigits(digits, unit) : undefined;
  const value = Number(stored ?? digits);
  const why = implausibility({ raw: written, digits, stored, value }, NARRATIVE_RANGES[what], place);
  if (why) findings.push(why);
  return why ? null : value;
}

/** The first figure `pattern` finds (its group 1), checked; null when there is none. */
function firstFigure(prose: Prose, what: NarrativeFigure, marker: string, pattern: RegExp, file: string, findings: Finding[]): number | null {
  if (!prose.text.includes(marker)) return null;
  const m = pattern.exec(prose.text);
  if (!m) return null;
  const at = m.index + m[0].indexOf(m[1]);
  return checked(what, m[1], prose.lines[segmentAt(prose, at)] ?? null, file, findings, m[2] as '元' | '万元' | undefined);
}

const NPC = new RegExp(`代表建议\\s*(?:共计|共|合计)?\\s*(${DIGITS})\\s*件`);
const CPPCC = new RegExp(`政协(?:委员)?提案\\s*(?:共计|共|合计)?\\s*(${DIGITS})\\s*件`);
const FEE = new RegExp(`信息处理费\\s*(?:共计|合计|为)?\\s*(${DIGITS}(?:[.．][0-9０-９]+)?)\\s*(万元|元)`);

export function readNarrative(cells: Cells, file: string): { read: NarrativeRead; findings: Finding[] } {
  const prose = proseOf(cells);
  const findings: Finding[] = [];
  const read: NarrativeRead = {
    ...proactive(prose, file, findings),
    npc_suggestions: firstFigure(prose, 'npc_suggestions', '建议', NPC, file, findings),
    cppcc_proposals: firstFigure(prose, 'cppcc_proposals', '提案', CPPCC, file, findings),
    info_fees_yuan: firstFigure(prose, 'info_fees_yuan', '处理费', FEE, file, findings),
  };
  return { read, findings };
}
