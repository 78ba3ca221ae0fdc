// The peer comparison's state (it lives in the URL) and its table: columns,
// rows for the CSV, and the words for ranks and percentiles. Parsing is
// strict: codes are digits and years are years, because they end up in SQL.

import { MAX_LIST, PEER_SCOPES, type PeerScope } from '../db/queries/compare.ts';
import type { TableColumn, TableRow } from '../charts/table.ts';
import { formatCount } from '../charts/format.ts';
import type { KeyMeasure } from './measures.ts';

export interface CompareState {
  code: string | null;
  scope: PeerScope;
  /** Towns picked by hand (scope 'list'), the town itself not among them. */
  list: string[];
  year: number | null;
}

export const SCOPE_LABELS: Record<PeerScope, string> = {
  county: '同县（区）乡镇街道',
  city: '同市乡镇街道',
  province: '同省乡镇街道',
  list: '自选乡镇街道',
};

const TOWN = /^\d{9}$/;

export function compareFromParams(params: URLSearchParams): CompareState {
  const code = params.get('code');
  const scope = params.get('peers');
  const year = params.get('year');
  const town = code && TOWN.test(code) ? code : null;
  const list = [...new Set((params.get('with') ?? '').split(',').map((s) => s.trim()).filter((c) => TOWN.test(c) && c !== town))].slice(0, MAX_LIST);
  return {
    code: town,
    scope: (PEER_SCOPES as readonly string[]).includes(scope ?? '') ? (scope as PeerScope) : 'county',
    list,
    year: year && /^(19|20)\d\d$/.test(year) ? Number(year) : null,
  };
}

export function compareToParams(s: CompareState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.code) p.set('code', s.code);
  if (s.scope !== 'county') p.set('peers', s.scope);
  if (s.scope === 'list' && s.list.length) p.set('with', s.list.join(','));
  if (s.year !== null) p.set('year', String(s.year));
  return p;
}

/**
 * 第 2/15 名 — ranks count only the towns that give the figure. Tied towns share the middle of their
 * ranks (第 3.5/5 名，4 个并列); a town that alone gives the figure has nothing to be ranked against.
 */
export function rankText(rank: number | null, n: number | null, ties: number | null = null): string {
  if (rank === null || rank === undefined) return '—';
  if ((n ?? 0) <= 1) return '同组无可比较';
  const shown = Number.isInteger(rank) ? formatCount(rank) : rank.toFixed(1);
  return `第 ${shown}/${formatCount(n ?? 0)} 名${(ties ?? 1) > 1 ? `（${formatCount(ties)} 个并列）` : ''}`;
}

/** Percentile: the share of the other towns giving the figure that have a smaller one, 0–100. */
export function percentileText(pct: number | null): string {
  return pct === null || pct === undefined ? '—' : `百分位 ${Math.round(pct * 100)}`;
}

/** The columns of the comparison's CSV: each town, and for each figure its value, rank, percentile, median, difference and change. */
export function compareColumns(measures: readonly KeyMeasure[]): TableColumn[] {
  const money = (m: KeyMeasure) => (m.kind === 'yuan' ? 'yuan' : 'count');
  return [
    { key: 'name', label: '乡镇街道', kind: 'text' },
    { key: 'code', label: '区划代码', kind: 'text' },
    { key: 'county', label: '县级', kind: 'text' },
    { key: 'city', label: '地级', kind: 'text' },
    { key: 'province', label: '省级', kind: 'text' },
    { key: 'picked', label: '所选乡镇', kind: 'text' },
    { key: 'year', label: '年度', kind: 'year' },
    { key: 'template', label: '模板', kind: 'text' },
    ...measures.flatMap((m): TableColumn[] => [
      { key: m.key, label: m.label, kind: money(m) },
      { key: `${m.key}__rank`, label: `${m.label}·名次`, kind: 'count' },
      { key: `${m.key}__n`, label: `${m.label}·给出该数的乡镇数`, kind: 'count' },
      { key: `${m.key}__pct`, label: `${m.label}·百分位`, kind: 'share' },
      { key: `${m.key}__median`, label: `${m.label}·同组中位数`, kind: money(m) },
      { key: `${m.key}__diff`, label: `${m.label}·与同组中位数之差`, kind: money(m) },
      { key: `${m.key}__prev`, label: `${m.label}·上年`, kind: money(m) },
      { key: `${m.key}__change`, label: `${m.label}·较上年变化`, kind: money(m) },
    ]),
  ];
}

/** The query's rows as the CSV's rows (ranks of towns not giving a figure are empty, not 0). */
export function compareCsvRows(rows: readonly TableRow[], measures: readonly KeyMeasure[]): TableRow[] {
  return rows.map((r) => ({
    ...r,
    picked: r.is_self ? '是' : '',
    ...Object.fromEntries(measures.map((m) => [`${m.key}__n`, r[m.key] === null ? null : r[`${m.key}__n`]])),
  }));
}
