// The quality page's filter, as it lives in the URL: rule, severity, region
// (province › city › county) and year. Beside the dashboard's (db/filter.ts) because
// the queries take it. Parsing is strict (codes are digits, rules are the
// catalogue's, years are years) because the values end up in SQL.

import { RULES, type RuleCode, type Severity } from '../findings.ts';

export interface QualityFilter {
  rule: RuleCode | null;
  severity: Severity | null;
  province: string | null;
  city: string | null;
  county: string | null;
  year: number | null;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const EMPTY_QUALITY_FILTER: QualityFilter = { rule: null, severity: null, province: null, city: null, county: null, year: null };

const code = (v: string | null, digits: number) => (v && new RegExp(`^\\d{${digits}}$`).test(v) ? v : null);

export function qualityFilterFromParams(params: URLSearchParams): QualityFilter {
  const rule = params.get('rule');
  const severity = params.get('sev');
  const y = params.get('y');
  const province = code(params.get('p'), 2);
  // A city outside the chosen province is ignored, and a county outside the city (a municipality's city code is its 2 digits).
  const rawCity = province ? (code(params.get('c'), 4) ?? code(params.get('c'), 2)) : null;
  const city = rawCity && rawCity.startsWith(province!) ? rawCity : null;
  const rawCounty = city ? code(params.get('k'), 6) : null;
  const county = rawCounty && rawCounty.startsWith(city!) ? rawCounty : null;
  return {
    rule: rule && Object.hasOwn(RULES, rule) ? (rule as RuleCode) : null,
    severity: (SEVERITIES as readonly string[]).includes(severity ?? '') ? (severity as Severity) : null,
    province,
    city,
    county,
    year: y && /^(19|20)\d\d$/.test(y) ? Number(y) : null,
  };
}

export function qualityFilterToParams(f: QualityFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.province) p.set('p', f.province);
  if (f.city) p.set('c', f.city);
  if (f.county) p.set('k', f.county);
  if (f.year !== null) p.set('y', String(f.year));
  if (f.rule) p.set('rule', f.rule);
  if (f.severity) p.set('sev', f.severity);
  return p;
}

/** The search part of the page's URL for a filter ('' for the default view, else '?…'). */
export function qualitySearch(f: QualityFilter): string {
  const s = qualityFilterToParams(f).toString();
  return s ? `?${s}` : '';
}
