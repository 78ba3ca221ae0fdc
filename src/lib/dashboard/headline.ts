// The headline figures of a view and the words around them, shared by the
// build (first paint) and the browser (after a filter change).

import { formatCount, formatYuan } from '../charts/format.ts';
import { LEVEL_NAMES, groupingOf, type Filter, type LevelFilter } from '../db/filter.ts';

export interface Headline {
  reports: number | null;
  towns: number | null;
  first_year: number | null;
  last_year: number | null;
  requests: number | null;
  requests_given: number | null;
  procurement: number | null;
  procurement_given: number | null;
  /** Reports whose template has 政府集中采购 at all. */
  procurement_reports: number | null;
  proactive: number | null;
  proactive_given: number | null;
}

export interface Card {
  id: string;
  label: string;
  value: string;
  note: string;
}

const n = (v: number | null | undefined) => Number(v ?? 0);

export function headlineCards(h: Headline): Card[] {
  const reports = n(h.reports);
  const years = h.first_year === null ? '—' : h.first_year === h.last_year ? `${h.first_year}` : `${h.first_year}–${h.last_year}`;
  const missing = (given: number | null, of: number) => (of - n(given) > 0 ? `${formatCount(of - n(given))} 份报告未披露，未计入` : '所有报告都已给出');
  return [
    { id: 'reports', label: '报告', value: `${formatCount(reports)} 份`, note: `${formatCount(n(h.towns))} 个乡镇街道` },
    { id: 'years', label: '年度', value: years, note: '报告所属年度' },
    { id: 'requests', label: '收到信息公开申请', value: n(h.requests_given) > 0 ? `${formatCount(h.requests)} 件` : '未披露', note: missing(h.requests_given, reports) },
    { id: 'procurement', label: '政府集中采购', value: n(h.procurement_given) > 0 ? formatYuan(h.procurement) : '未披露', note: n(h.procurement_reports) > 0 ? missing(h.procurement_given, n(h.procurement_reports)) : '所选报告所用的模板都没有这一项' },
    { id: 'proactive', label: '主动公开信息', value: n(h.proactive_given) > 0 ? `${formatCount(h.proactive)} 条` : '未披露', note: missing(h.proactive_given, reports) },
  ];
}

/** Says when the figures add up reports of different levels, which can count the same thing twice. */
export function levelNote(levels: { level: string; reports: number }[]): string {
  if (levels.length <= 1) return '';
  const parts = levels.map((l) => `${LEVEL_NAMES[l.level as LevelFilter] ?? l.level} ${formatCount(l.reports)} 份`).join('、');
  return `注意：以下合计包含不同层级的报告（${parts}）。县、市政府报告的数字可能已包含其下乡镇的数字；可在“层级”中只看一级。`;
}

export interface Crumb {
  label: string;
  href: string | null;
}

/** 全国 › 省 › 市 › 县, each a link to its view. */
export function breadcrumb(f: Filter, names: { province?: string | null; city?: string | null; county?: string | null }, hrefOf: (f: Filter) => string): Crumb[] {
  const base: Filter = { ...f, province: null, city: null, county: null, q: null };
  const crumbs: Crumb[] = [{ label: '全国', href: hrefOf(base) }];
  if (f.province) crumbs.push({ label: names.province ?? f.province, href: hrefOf({ ...base, province: f.province }) });
  if (f.city) crumbs.push({ label: names.city ?? f.city, href: hrefOf({ ...base, province: f.province, city: f.city }) });
  if (f.county) crumbs.push({ label: names.county ?? f.county, href: hrefOf({ ...base, province: f.province, city: f.city, county: f.county }) });
  if (f.q) crumbs.push({ label: `名称含“${f.q}”`, href: null });
  crumbs[crumbs.length - 1].href = null;
  return crumbs;
}

/** The view's title: the region, the level, the years, and what the places listed are. */
export function viewTitle(f: Filter, names: { province?: string | null; city?: string | null; county?: string | null }): string {
  const where = names.county ?? names.city ?? names.province ?? (f.county ?? f.city ?? f.province ? '所选地区' : '全国');
  const level = f.level === 'all' ? '' : `·${LEVEL_NAMES[f.level]}`;
  const years = f.from || f.to ? `·${yearsText(f)}` : '';
  // A name search says what it searched for; a county's towns are its natural grain, said by nothing.
  const grain = f.q ? `·名称含“${f.q}”` : groupingOf(f) === 'town' && !f.county ? '（按乡镇街道）' : '';
  return `${where}${level}${years}${grain}`;
}

/** 2021, 2019–2024, 2021 年起, 至 2022 年. */
export function yearsText(f: Pick<Filter, 'from' | 'to'>): string {
  if (f.from !== null && f.from === f.to) return `${f.from}`;
  if (f.from !== null && f.to !== null) return `${f.from}–${f.to}`;
  return f.from !== null ? `${f.from} 年起` : f.to !== null ? `至 ${f.to} 年` : '';
}
