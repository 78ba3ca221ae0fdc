// Who reported, on which year, and when: read from the title block, the
// closing signature and date, and the opening sentences.

import { compactText, isBlank, removeSpaces, splitLines, trimSpaces } from './text.ts';
import { SECTIONS } from '../template/model.ts';
import { looksLikeAdvert, withoutInjected } from './injected.ts';

export interface MetaRead {
  agency: string | null;
  agencyLine: number | null;
  /** The agency was found in running text ('由两城镇人民政府党政办公室编制'), so its start may hold other words. */
  agencyInProse: boolean;
  /** Injected text (a mirror site's advert) that stood in the agency's name and was set aside. */
  agencyIgnored: string | null;
  year: number | null;
  yearLine: number | null;
  yearBasis: 'title' | 'period' | 'text' | null;
  published_on: string | null;
  publishedLine: number | null;
  contact_phone: string | null;
  contact_email: string | null;
}

/** A non-empty line; its compared form (half-width, no spaces, no markdown marks) is made when first read. */
class Line {
  private compact: string | null = null;
  constructor(
    readonly no: number,
    private readonly raw: string,
  ) {}
  get text(): string {
    this.compact ??= withoutMarkdown(compactText(this.raw));
    return this.compact;
  }
}

/** '# 标题', '**标题**', '> 引文' → the words. */
function withoutMarkdown(s: string): string {
  const first = s.charCodeAt(0);
  const marked = first === 0x23 || first === 0x2a || first === 0x3e || s.endsWith('*');
  return marked ? s.replace(/^[#*>]+|\*+$/g, '') : s;
}

const TITLE_LINES = 12;
const CLOSING_LINES = 10;
const GOVERNMENT_SUFFIX = /(?:人民政府|街道办事处|办事处|人民政府办公室|政府)$/;

/** The first `first` and last `last` non-empty lines: only the title block, the opening and the closing matter here. */
function edgeLines(lines: readonly string[], first: number, last: number): { head: Line[]; tail: Line[] } {
  const head: Line[] = [];
  for (let i = 0; i < lines.length && head.length < first; i++) {
    if (!isBlank(lines[i])) head.push(new Line(i + 1, lines[i]));
  }
  const tail: Line[] = [];
  for (let i = lines.length - 1; i >= 0 && tail.length < last; i--) {
    if (!isBlank(lines[i])) tail.push(new Line(i + 1, lines[i]));
  }
  tail.reverse();
  return { head, tail };
}

const OPENING_LINES = 60;
// Spaces may stand anywhere in PDF text ('电 话 ： 0517-87222589').
const PHONE = /(?:联\s*系\s*电\s*话|咨\s*询\s*电\s*话|电\s*话|联\s*系\s*方\s*式)\s*[:：]?\s*((?:[0０][0-9０-９]{2,3}\s*[-－—]?\s*)?[0-9０-９]{7,8}|1[3-9][0-9]{9})/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** `lines` are the text's lines, when the caller has already split them. */
export function readMeta(text: string, maxYear: number, textLines: readonly string[] = splitLines(text)): MetaRead {
  const { head: lines, tail } = edgeLines(textLines, OPENING_LINES, CLOSING_LINES);
  const head = lines.slice(0, TITLE_LINES);
  const agency = findAgency(head, tail, text);
  const year = findYear(head, lines, maxYear);
  const published = findPublished(tail, head, year?.year ?? null);
  const opening = text.slice(0, 6000);
  // Cheap look-ups first: most openings have neither.
  const phone = opening.includes('话') || opening.includes('联系方式') ? PHONE.exec(opening)?.[1] : undefined;
  return {
    agency: agency?.name ?? null,
    agencyLine: agency?.line ?? null,
    agencyInProse: agency?.prose ?? false,
    agencyIgnored: agency?.ignored ?? null,
    year: year?.year ?? null,
    yearLine: year?.line ?? null,
    yearBasis: year?.basis ?? null,
    published_on: published?.date ?? null,
    publishedLine: published?.line ?? null,
    contact_phone: phone ? compactText(phone) : null,
    contact_email: opening.includes('@') ? (EMAIL.exec(opening)?.[0] ?? null) : null,
  };
}

// ---------------------------------------------------------------------------
// Agency

interface Found {
  name: string;
  line: number;
  prose?: boolean;
  /** Text injected by a mirror site that stood in the name, set aside. */
  ignored?: string;
}

function findAgency(head: Line[], tail: Line[], text: string): Found | null {
  const found = findAgencyText(head, tail, text);
  if (!found) return null;
  const clean = withoutInjected(found.name);
  if (clean.name === null) return null;
  // An advert in the title block, in the name or beside it, is reported with the name.
  const ignored = clean.ignored ?? head.slice(0, 4).map((l) => (l.text.includes('。') || !looksLikeAdvert(l.text) ? null : withoutInjected(l.text).ignored)).find((x) => x) ?? null;
  return { ...found, name: clean.name, ...(ignored ? { ignored } : {}) };
}

/** A line's words without an advert glued to them (a mirror site's 'xx体育_xx官网@:'), for telling titles and names. */
const cleanLine = (t: string) => withoutInjected(t).name ?? '';

function findAgencyText(head: Line[], tail: Line[], text: string): Found | null {
  let title: Found | null = null;
  for (const [k, line] of head.entries()) {
    const t = line.text;
    // A sentence that mentions a report ('工作报告信息1条。') is not the title.
    if (t.includes('报告') && !isSentence(t)) {
      // An advert glued before the year ('bet365体育官网@2023年…') leaves no name at all.
      const split = t.split(/(?:关于)?(?:\d{4}|[〇零一二三四五六七八九]{4})年/)[0].replace(/^关于/, '');
      const before = cleanLine(split) === '' ? '' : split;
      if (before.length >= 2 && cleanLine(before).length <= 30 && !before.includes('报告')) {
        title = { name: before, line: line.no };
        break;
      }
      // A title in two lines: the body on the line above '2023年政府信息公开工作年度报告'.
      const above = head[k - 1];
      if (before.length === 0 && above && isNameLine(cleanLine(above.text))) {
        title = { name: above.text, line: above.no };
        break;
      }
    } else if (GOVERNMENT_SUFFIX.test(cleanLine(t)) && cleanLine(t).length <= 30 && !/[，。:：]/.test(cleanLine(t))) {
      title = { name: t, line: line.no };
      break;
    }
  }
  const signature = [...tail].reverse().find((l) => GOVERNMENT_SUFFIX.test(cleanLine(l.text)) && cleanLine(l.text).length <= 30 && !/[，。:：]/.test(cleanLine(l.text)));
  if (title) {
    // '潘庄镇' in the title, '潘庄镇人民政府' in the signature: the full name is the better one.
    if (signature && !GOVERNMENT_SUFFIX.test(title.name) && signature.text.includes(title.name)) return { name: signature.text, line: signature.no };
    return title;
  }
  if (signature) return { name: signature.text, line: signature.no };
  return findAgencyInProse(text);
}

/** A short line with no punctuation or digits: a name, not a sentence, and not a section heading ('总体情况'). */
function isNameLine(t: string): boolean {
  return t.length >= 2 && t.length <= 30 && !/[，。:：、,.;；\d]/.test(t) && !SECTION_KEYS.some((k) => t.endsWith(k));
}

const SECTION_KEYS = SECTIONS.flatMap((s) => s.keys);

const isSentence = (t: string) => t.length > 80 || /[。；;]/.test(t);

const PROSE_AGENCY = /([\u4e00-\u9fa5]{2,16}?(?:镇|乡|街道|苏木|区|县|市))(人民政府|办事处)/;

/** The body named in the first paragraphs, e.g. '由两城镇人民政府党政办公室编制'. The caller trims it to a known place. */
function findAgencyInProse(text: string): Found | null {
  const head = text.slice(0, 4000);
  const m = PROSE_AGENCY.exec(compactText(head));
  if (!m) return null;
  const line = lineOf(head, m[2]) ?? null;
  return line === null ? null : { name: m[1] + m[2], line, prose: true };
}

function lineOf(text: string, needle: string): number | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (removeSpaces(lines[i]).includes(needle)) return i + 1;
  return null;
}

// ---------------------------------------------------------------------------
// Year covered

const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

function cnYear(s: string): string {
  return [...s].map((c) => CN_DIGITS[c] ?? c).join('');
}

const validYear = (y: number, maxYear: number) => y >= 2000 && y <= maxYear + 1;

function findYear(head: Line[], lines: Line[], maxYear: number): { year: number; line: number; basis: 'title' | 'period' | 'text' } | null {
  for (const line of head) {
    if (!line.text.includes('报告')) continue;
    const m = /(\d{4}|[〇零一二三四五六七八九]{4})年/.exec(line.text);
    if (m) {
      const y = Number(cnYear(m[1]));
      if (validYear(y, maxYear)) return { year: y, line: line.no, basis: 'title' };
    }
  }
  for (const line of lines.slice(0, 60)) {
    const m = /(?:统计期限|统计期|统计时限|数据统计).{0,12}?(\d{4})年(?:1|01)月(?:1|01)日/.exec(line.text) ?? /(\d{4})年(?:1|01)月(?:1|01)日(?:起)?至(?:\d{4}年)?12月31日/.exec(line.text);
    if (m && validYear(Number(m[1]), maxYear)) return { year: Number(m[1]), line: line.no, basis: 'period' };
  }
  for (const line of lines.slice(0, 40)) {
    const m = /(?:^|[^\d])(\d{4})年(?!\d{1,2}月\d{1,2}日)/.exec(line.text);
    if (m && validYear(Number(m[1]), maxYear)) return { year: Number(m[1]), line: line.no, basis: 'text' };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Publication date

const DATE = /^(\d{4}|[〇零一二三四五六七八九]{4})[.\-/年](\d{1,2}|[一二三四五六七八九十]{1,2})[.\-/月](\d{1,2}|[一二三四五六七八九十]{1,3})日?$/;
const PAGE_DATE = /发布(?:时间|日期)[:：]?(\d{4})-(\d{1,2})-(\d{1,2})/;

function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const [tens, ones] = s.split('十');
  if (s.includes('十')) return (tens ? Number(CN_DIGITS[tens]) : 1) * 10 + (ones ? Number(CN_DIGITS[ones]) : 0);
  return Number(CN_DIGITS[s] ?? NaN);
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

function findPublished(tail: Line[], head: Line[], year: number | null): { date: string; line: number } | null {
  for (let i = tail.length - 1; i >= 0; i--) {
    const m = DATE.exec(trimSpaces(tail[i].text));
    if (!m) continue;
    const date = isoDate(Number(cnYear(m[1])), cnNumber(m[2]), cnNumber(m[3]));
    if (date) return { date, line: tail[i].no };
  }
  for (let i = tail.length - 1; i >= 0 && year !== null; i--) {
    const date = lostDate(trimSpaces(tail[i].text), year);
    if (date) return { date, line: tail[i].no };
  }
  for (const line of head) {
    const m = PAGE_DATE.exec(line.text);
    if (!m) continue;
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) return { date, line: line.no };
  }
  return null;
}

/**
 * A closing date that lost characters on the way ('202311日' for 2023年1月11日 or 2023年11月1日):
 * read only when exactly one reading falls in the months after the report's year, when reports are
 * signed.
 */
export function lostDate(text: string, year: number): string | null {
  const m = /^(\d{4})([年]?)(\d{1,4})([月]?)(\d{0,2})日$/.exec(text);
  if (!m || Number(m[1]) < 2000) return null;
  const y = Number(m[1]);
  const rest = m[3] + m[5];
  const cuts: [string, string][] = [];
  if (m[4] === '月') cuts.push([m[3], m[5]]);
  else for (let k = 1; k < rest.length && k <= 2; k++) if (rest.length - k <= 2) cuts.push([rest.slice(0, k), rest.slice(k)]);
  const readings = new Set<string>();
  for (const [mm, dd] of cuts) {
    const date = dd ? isoDate(y, Number(mm), Number(dd)) : null;
    if (date && date > `${year}-12-31` && date < `${year + 2}-01-01`) readings.add(date);
  }
  return readings.size === 1 ? [...readings][0] : null;
}
