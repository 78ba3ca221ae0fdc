// Which links on a listing are reports: by their text and title, as a person
// scanning a 政府信息公开年报 column would pick them. A report link names
// 信息公开 and 年度报告/年报 and a year in range; a notice about the reports
// (关于做好…年度报告编制发布工作的通知), an interpretation (解读) or a
// training is not one.

import type { PageLink } from './page.ts';

export interface YearRange {
  from: number;
  to: number;
}

export type LinkVerdict = { kind: 'report'; year: number | null } | { kind: 'skip'; reason: 'not-report' | 'notice' | 'year' | 'no-year' };

/** Words naming the subject: disclosure work (政府信息公开, 政务公开 is another thing). */
const SUBJECT = /信息公开/;
/** Words naming the kind: an annual report (a listing may cut the title short: '年度…'). */
const KIND = /年度报告|年报|年度(?:…|\.{2,})\s*$|工作报告/;
/** Words of documents about the reports rather than reports. */
const NOT_A_REPORT: readonly RegExp[] = [/^关于/, /通知|通告|公告|通报|函$/, /解读|图解|问答/, /培训|会议|座谈|部署/, /编制|报送|征集|考核|评估|检查/, /目录|指南|制度|规定/];
const YEAR = /((?:19|20)\d{2})\s*(?:年|年度)?/g;

/** The years a text names (four digits, 1990–2099). */
export function yearsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(YEAR)) {
    const y = Number(m[1]);
    if (y >= 1990 && !out.includes(y)) out.push(y);
  }
  return out;
}

/** Does the text name an annual disclosure report at all (whatever the year)? */
export function looksLikeReport(text: string): boolean {
  return SUBJECT.test(text) && KIND.test(text) && !NOT_A_REPORT.some((re) => re.test(text.trim()));
}

/**
 * The verdict on one link. A link without a year is taken only when no range was asked for:
 * with a range, a report whose year cannot be seen cannot be said to be in it.
 */
export function classifyLink(link: Pick<PageLink, 'text' | 'title'>, range: YearRange | null): LinkVerdict {
  // The title attribute usually holds the full title when the text is cut short.
  const text = link.title && link.title.length > link.text.length ? link.title : link.text;
  const both = `${link.text} ${link.title}`;
  if (!SUBJECT.test(both) || !KIND.test(both)) return { kind: 'skip', reason: 'not-report' };
  if (NOT_A_REPORT.some((re) => re.test(text.trim()))) return { kind: 'skip', reason: 'notice' };
  const years = yearsIn(both);
  if (years.length === 0) return range ? { kind: 'skip', reason: 'no-year' } : { kind: 'report', year: null };
  const inRange = years.find((y) => !range || (y >= range.from && y <= range.to));
  return inRange === undefined ? { kind: 'skip', reason: 'year' } : { kind: 'report', year: inRange };
}

/** '2020-2024' or '2023'. */
export function parseYears(value: string): YearRange | null {
  const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(value);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from <= to ? { from, to } : null;
}
