// The report-quality index (quality-index.ts), computed over the
// assembled tables after the checks across reports: every part from columns
// and check rows anyone can read in the published data.

import type { DuckDBConnection } from '@duckdb/node-api';
import { LATE_DAYS_TO_ZERO, QUALITY_PARTS, type QualityPartCode } from '../quality-index.ts';
import { sqlString } from '../sql.ts';

const share = (checks: readonly string[]) => {
  const list = checks.map(sqlString).join(', ');
  return `count(*) FILTER (WHERE "check" IN (${list}) AND status = 'pass') / nullif(count(*) FILTER (WHERE "check" IN (${list}) AND status IN ('pass', 'fail')), 0)`;
};

/** Each part as SQL over `r` (reports) and `c` (the report's checks across reports, aggregated). */
const PART_SQL: Record<QualityPartCode, string> = {
  completeness: 'r.completeness',
  arithmetic: 'CASE WHEN r.checks_passed + r.checks_failed > 0 THEN r.checks_passed / (r.checks_passed + r.checks_failed) END',
  continuity: 'c.continuity',
  timeliness: 'c.timeliness',
  originality: 'c.originality',
  tables: '(r.has_disclosure::INTEGER + r.has_applications::INTEGER + r.has_reviews::INTEGER) / 3.0',
};

export async function qualityIndex(conn: DuckDBConnection): Promise<void> {
  const parts = QUALITY_PARTS.map((p) => `CAST(${PART_SQL[p.code]} AS DOUBLE) AS ${p.column}`).join(', ');
  const weighted = QUALITY_PARTS.map((p) => `coalesce(${p.weight} * ${p.column}, 0)`).join(' + ');
  const weights = QUALITY_PARTS.map((p) => `CASE WHEN ${p.column} IS NULL THEN 0 ELSE ${p.weight} END`).join(' + ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_quality AS
    WITH c AS (
      SELECT report_id,
        ${share(['carry_over_continuity', 'prev_year_continuity'])} AS continuity,
        max(CASE WHEN "check" <> 'timeliness' THEN NULL WHEN status = 'pass' THEN 1 WHEN status = 'fail' THEN greatest(0, 1 - left_value / ${LATE_DAYS_TO_ZERO}) END) AS timeliness,
        ${share(['copied_text'])} AS originality
      FROM checks WHERE "check" IN ('carry_over_continuity', 'prev_year_continuity', 'timeliness', 'copied_text') GROUP BY report_id),
    p AS (SELECT r.report_id, ${parts} FROM reports r LEFT JOIN c USING (report_id) WHERE r.status <> 'failed')
    SELECT *, CASE WHEN ${weights} > 0 THEN round(100 * (${weighted}) / (${weights}), 1) END AS quality_index FROM p`);
  const columns = ['quality_index', ...QUALITY_PARTS.map((p) => p.column)];
  await conn.run(`UPDATE reports SET ${columns.map((c) => `${c} = NULL`).join(', ')}`);
  await conn.run(`UPDATE reports SET ${columns.map((c) => `${c} = q.${c}`).join(', ')} FROM x_quality q WHERE reports.report_id = q.report_id`);
  await conn.run('DROP TABLE x_quality');
}
