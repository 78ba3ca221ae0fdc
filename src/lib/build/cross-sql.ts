// SQL pieces shared by the checks across reports (cross-checks.ts, copied-text.ts).

import { sqlString } from '../sql.ts';

/** Rows for INSERT … VALUES. */
export const values = (rows: readonly (string | number | null)[][]) =>
  rows.map((r) => `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? v : sqlString(v))).join(', ')})`).join(', ');

/** not_checkable when something is missing, else pass when equal, else fail. */
export const STATUS = (missing: string, equal: string) => `CASE WHEN ${missing} THEN 'not_checkable' WHEN ${equal} THEN 'pass' ELSE 'fail' END`;

/** Why a row `x` of x_prev has no counterpart of the year before (Chinese), or null when it has one. */
export const NO_PREVIOUS = `CASE WHEN x.agency_key IS NULL OR x.year IS NULL THEN '无法确定报告机关或年度，无法与上一年度的报告对照'
  WHEN x.prev_id IS NULL THEN '缺少' || coalesce(x.agency || ' ', '') || (x.year - 1) || ' 年度的报告，无法对照' END`;

/** How the counterpart of the year before is named in a detail. */
export const PREVIOUS_NAME = `'上一年度报告“' || x.prev_file || '”'`;
