// Checks across reports, in SQL over the assembled tables: what no single
// report can tell. They are declared in the template model (CROSS_REPORT_CHECKS)
// and written into the same `checks` table as a report's own checks, one row
// per check whether it passed or not, each naming the other report it was
// made against (`other_report_id`, and the detail). A check whose counterpart
// is missing is not_checkable, never passed.
//
// They run at every build over all reports, after the duplicates are marked
// (the counterpart of a year is the report the site uses for it): rows taken
// over from the previous build for unchanged files never include them, so a
// change to any report of an agency re-checks its neighbours.

import type { DuckDBConnection } from '@duckdb/node-api';
import { RULES } from '../findings.ts';
import {
  APPLICANTS,
  APPLICATION_ROWS,
  CARRY_OVER,
  CROSS_REPORT_CHECKS,
  DEADLINES,
  DISCLOSURE_ITEMS,
  MEASURES,
  OUTCOMES,
  PROCEEDINGS,
  RUNNING_COUNT,
  TEMPLATES,
  measuresOf,
  runningCountItems,
  type CrossCheckCode,
} from '../template/model.ts';
import { sqlString } from '../sql.ts';
import { copiedTextSql } from './copied-text.ts';
import { NO_PREVIOUS, PREVIOUS_NAME, STATUS, values } from './cross-sql.ts';

export const CROSS_CHECK_CODES: readonly CrossCheckCode[] = CROSS_REPORT_CHECKS.map((c) => c.code);

/** The place code of a report at its own level. */
export const OWN_PLACE_CODE = `CASE level WHEN 'town' THEN town_code WHEN 'county' THEN county_code WHEN 'city' THEN city_code WHEN 'province' THEN province_code END`;

/**
 * The agency a report belongs to, the same from year to year: its level and place code, or its
 * name where it could not be placed. Null when neither the level nor a name or code is known.
 */
export const AGENCY_KEY = `CASE WHEN level IS NOT NULL AND (agency IS NOT NULL OR town_code IS NOT NULL OR county_code IS NOT NULL OR city_code IS NOT NULL) THEN level || ':' || coalesce(${OWN_PLACE_CODE}, agency) END`;

/** A figure as written: whole numbers without '.0'; null as 未披露. */
const MACROS = [
  `CREATE OR REPLACE TEMP MACRO fmt_num(v) AS CASE WHEN v IS NULL THEN '未披露' WHEN v = round(v) THEN CAST(CAST(v AS BIGINT) AS VARCHAR) ELSE CAST(v AS VARCHAR) END`,
];

/** The model's labels as small tables: applicant columns, running-count items per template, every figure of the three tables. */
async function createLabels(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_applicants (code VARCHAR, label VARCHAR, ord INTEGER); INSERT INTO x_applicants VALUES ${values(APPLICANTS.map((a, i) => [a.code, a.label, i]))}`);
  const running = TEMPLATES.flatMap((t) => runningCountItems(t).map((item) => [t, item.code, item.label, DISCLOSURE_ITEMS.indexOf(item)]));
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_running (template VARCHAR, item VARCHAR, label VARCHAR, ord INTEGER)`);
  if (running.length) await conn.run(`INSERT INTO x_running VALUES ${values(running)}`);
  const figures: (string | number)[][] = [];
  for (const item of DISCLOSURE_ITEMS) {
    for (const m of new Set(TEMPLATES.flatMap((t) => measuresOf(item, t)))) {
      const measure = MEASURES.find((x) => x.code === m)!;
      figures.push(['disclosures', item.code, m, `${item.short ?? item.label}·${measure.short ?? measure.label}`]);
    }
  }
  for (const row of APPLICATION_ROWS) for (const a of APPLICANTS) figures.push(['applications', row.code, a.code, `${row.short ?? row.label}·${a.label}`]);
  for (const p of PROCEEDINGS) for (const o of OUTCOMES) figures.push(['reviews', p.code, o.code, `${p.short ?? p.label}·${o.label}`]);
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_figures (tbl VARCHAR, a VARCHAR, b VARCHAR, label VARCHAR, ord INTEGER); INSERT INTO x_figures VALUES ${values(figures.map((f, i) => [...f, i]))}`);
  const regions = Object.entries(DEADLINES.townByRegion).map(([code, d]) => [code, d.month, d.day]);
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_deadlines (code VARCHAR, month INTEGER, day INTEGER)`);
  if (regions.length) await conn.run(`INSERT INTO x_deadlines VALUES ${values(regions)}`);
}

/** The check rows, before they get their report's sequence numbers and place. */
const X_CHECKS = `CREATE OR REPLACE TEMP TABLE x_checks (
  report_id VARCHAR, "check" VARCHAR, scope VARCHAR, status VARCHAR, left_value DOUBLE, right_value DOUBLE,
  detail VARCHAR, line INTEGER, other_report_id VARCHAR, ord INTEGER)`;

/** A report and its counterpart of the year before: the report the site uses for that agency and year. */
const X_PREVIOUS = `CREATE OR REPLACE TEMP TABLE x_prev AS
  SELECT c.report_id, c.agency, c.year, c.template, c.agency_key, p.report_id AS prev_id, p.source_file AS prev_file
  FROM x_reports c LEFT JOIN x_reports p ON p.agency_key = c.agency_key AND p.year = c.year - 1 AND p.is_primary`;

/** Year N's 结转下年度继续办理 against year N+1's 上年结转, per applicant column. */
function carryOverSql(order: number): string {
  // One scan of the applications for both rows (at national scale they are 43 million).
  return `INSERT INTO x_checks
    WITH carry AS MATERIALIZED (SELECT report_id, "row", applicant, value, line FROM applications WHERE "row" IN (${sqlString(CARRY_OVER.in)}, ${sqlString(CARRY_OVER.out)})),
    cin AS (SELECT report_id, applicant, value, line FROM carry WHERE "row" = ${sqlString(CARRY_OVER.in)}),
    cout AS (SELECT report_id, applicant, value FROM carry WHERE "row" = ${sqlString(CARRY_OVER.out)})
    SELECT x.report_id, 'carry_over_continuity', a.code,
      ${STATUS('x.prev_id IS NULL OR o.value IS NULL OR i.value IS NULL', 'o.value = i.value')},
      o.value, i.value,
      CASE WHEN x.prev_id IS NULL THEN a.label || '：' || ${NO_PREVIOUS}
        WHEN o.value IS NULL OR i.value IS NULL OR o.value <> i.value THEN a.label || '：' || ${PREVIOUS_NAME} || '结转下年度继续办理 ' || fmt_num(o.value) || ' 件；本年度上年结转 ' || fmt_num(i.value) || ' 件' END,
      i.line, x.prev_id, ${order} * 1000 + a.ord
    FROM x_prev x CROSS JOIN x_applicants a
    LEFT JOIN cin i ON i.report_id = x.report_id AND i.applicant = a.code
    LEFT JOIN cout o ON o.report_id = x.prev_id AND o.applicant = a.code
    WHERE x.template IS NOT NULL`;
}

/** Under a template with running counts: this year's count = last year's count + its change, per item. */
function runningCountSql(order: number): string {
  const c = sqlString(RUNNING_COUNT.count);
  const d = sqlString(RUNNING_COUNT.change);
  return `INSERT INTO x_checks
    WITH d AS (
      SELECT report_id, item, max(value) FILTER (WHERE measure = ${c}) AS cnt, max(value) FILTER (WHERE measure = ${d}) AS chg,
        max(line) FILTER (WHERE measure = ${c}) AS line
      FROM disclosures WHERE measure IN (${c}, ${d}) AND item IN (SELECT item FROM x_running) GROUP BY report_id, item)
    SELECT x.report_id, 'prev_year_continuity', r.item,
      ${STATUS('x.prev_id IS NULL OR p.cnt IS NULL OR p.chg IS NULL OR n.cnt IS NULL', 'p.cnt + p.chg = n.cnt')},
      p.cnt + p.chg, n.cnt,
      CASE WHEN x.prev_id IS NULL THEN r.label || '：' || ${NO_PREVIOUS}
        WHEN p.cnt IS NULL OR p.chg IS NULL OR n.cnt IS NULL OR p.cnt + p.chg <> n.cnt THEN r.label || '：' || ${PREVIOUS_NAME} || '上一年项目数量 ' || fmt_num(p.cnt) || '、本年增/减 ' || fmt_num(p.chg)
          || CASE WHEN p.cnt IS NOT NULL AND p.chg IS NOT NULL THEN '，应为 ' || fmt_num(p.cnt + p.chg) ELSE '' END || '；本年度上一年项目数量 ' || fmt_num(n.cnt) END,
      n.line, x.prev_id, ${order} * 1000 + r.ord
    FROM x_prev x JOIN x_running r ON r.template = x.template
    LEFT JOIN d n ON n.report_id = x.report_id AND n.item = r.item
    LEFT JOIN d p ON p.report_id = x.prev_id AND p.item = r.item`;
}

/** How many figures differ, when a report at most shows in its detail. */
const SHOWN_DIFFERENCES = 5;

/** Two reports of one agency and year: the figures both give must agree. One row per ordered pair. */
function duplicatesSql(order: number): string[] {
  const figures = (table: string, a: string, b: string) =>
    `SELECT t.report_id, f.ord, f.label, t.value FROM ${table} t JOIN x_figures f ON f.tbl = '${table}' AND f.a = t.${a} AND f.b = t.${b}
     WHERE t.value IS NOT NULL AND t.report_id IN (SELECT report_id FROM x_dup)`;
  return [
    `CREATE OR REPLACE TEMP TABLE x_dup AS
      SELECT a.report_id, b.report_id AS other_id, b.source_file AS other_file
      FROM x_reports a JOIN x_reports b ON a.agency_key = b.agency_key AND a.year = b.year AND a.report_id <> b.report_id`,
    `CREATE OR REPLACE TEMP TABLE x_dup_figures AS
      ${figures('disclosures', 'item', 'measure')} UNION ALL ${figures('applications', '"row"', 'applicant')} UNION ALL ${figures('reviews', 'proceeding', 'outcome')}`,
    `INSERT INTO x_checks
      WITH cmp AS (
        SELECT d.report_id, d.other_id, count(*) AS compared, count(*) FILTER (WHERE fa.value <> fb.value) AS differ,
          list(fa.label || ' ' || fmt_num(fa.value) || ' 对 ' || fmt_num(fb.value) ORDER BY fa.ord) FILTER (WHERE fa.value <> fb.value) AS diffs
        FROM x_dup d JOIN x_dup_figures fa ON fa.report_id = d.report_id JOIN x_dup_figures fb ON fb.report_id = d.other_id AND fb.ord = fa.ord
        GROUP BY d.report_id, d.other_id)
      SELECT d.report_id, 'conflicting_duplicates', 'figures',
        ${STATUS('c.compared IS NULL', 'c.differ = 0')},
        coalesce(c.differ, 0), coalesce(c.compared, 0),
        CASE WHEN c.compared IS NULL THEN '同一机关同一年度的另一份报告“' || d.other_file || '”与本报告没有双方都给出的数字，无法对照'
          WHEN c.differ > 0 THEN '同一机关同一年度的另一份报告“' || d.other_file || '”与本报告有 ' || c.differ || ' 个数字不同（共同给出 ' || c.compared || ' 个）：'
            || array_to_string(c.diffs[1:${SHOWN_DIFFERENCES}], '；') || CASE WHEN c.differ > ${SHOWN_DIFFERENCES} THEN ' 等' ELSE '' END END,
        NULL, d.other_id, ${order} * 1000
      FROM x_dup d LEFT JOIN cmp c USING (report_id, other_id)`,
  ];
}

const date = (month: number, day: number) => `make_date(x.year + 1, ${month}, ${day})`;

/** Art. 49: the deadline by level; the date of publication against it, in days. */
function timelinessSql(order: number): string {
  const { department, government, town } = DEADLINES;
  const override = (col: string) => `(SELECT make_date(x.year + 1, month, day) FROM x_deadlines WHERE code = x.${col})`;
  return `INSERT INTO x_checks
    WITH t AS (
      SELECT x.*, CASE x.level WHEN 'department' THEN ${date(department.month, department.day)}
          WHEN 'town' THEN coalesce(${override('county_code')}, ${override('city_code')}, ${override('province_code')}, ${date(town.month, town.day)})
          ELSE ${date(government.month, government.day)} END AS deadline,
        CASE x.level WHEN 'department' THEN '县级以上人民政府部门' WHEN 'town' THEN '乡镇街道' ELSE '县级以上人民政府' END AS kind
      FROM x_reports x)
    SELECT report_id, 'timeliness', 'deadline',
      ${STATUS('year IS NULL OR level IS NULL OR published_on IS NULL', 'published_on <= deadline')},
      date_diff('day', deadline, published_on), 0,
      CASE WHEN year IS NULL THEN '无法确定报告年度，无法判断是否按时发布'
        WHEN level IS NULL THEN '无法确定报告机关的层级，无法确定发布期限'
        WHEN published_on IS NULL THEN '报告中找不到落款或发布日期，无法判断是否按时发布'
        WHEN published_on > deadline THEN '发布日期 ' || strftime(published_on, '%Y-%m-%d') || '，晚于' || kind || '的期限 ' || strftime(deadline, '%Y-%m-%d') || ' ' || date_diff('day', deadline, published_on) || ' 天' END,
      NULL, NULL, ${order} * 1000
    FROM t`;
}

/**
 * Sequence numbers after the report's own (its own checks are numbered from 0, and counted in
 * reports.checks_*: no scan of the checks table); the report's place; a finding for every failure.
 */
const WRITE = [
  `INSERT INTO checks (report_id, seq, "check", scope, status, left_value, right_value, detail, line, other_report_id, province_code, city_code, county_code, town_code, year)
    SELECT x.report_id, r.checks_passed + r.checks_failed + r.checks_not_checkable + row_number() OVER (PARTITION BY x.report_id ORDER BY x.ord, x.scope, x.other_report_id) - 1,
      x."check", x.scope, x.status, x.left_value, x.right_value, x.detail, x.line, x.other_report_id,
      r.province_code, r.city_code, r.county_code, r.town_code, r.year
    FROM x_checks x JOIN reports r USING (report_id)`,
  `INSERT INTO findings (report_id, seq, rule, severity, message, section, "row", "column", line, province_code, city_code, county_code, town_code, year)
    SELECT x.report_id, coalesce(s.next_seq, 0) + row_number() OVER (PARTITION BY x.report_id ORDER BY x.ord, x.scope, x.other_report_id) - 1,
      x."check", a.severity, x.detail || '。' || a.advice, 'build',
      CASE WHEN x."check" = 'prev_year_continuity' THEN x.scope END, CASE WHEN x."check" = 'carry_over_continuity' THEN x.scope END, x.line,
      r.province_code, r.city_code, r.county_code, r.town_code, r.year
    FROM x_checks x JOIN reports r USING (report_id) JOIN x_advice a ON a.code = x."check"
    LEFT JOIN (SELECT report_id, max(seq) + 1 AS next_seq FROM findings GROUP BY report_id) s USING (report_id)
    WHERE x.status = 'fail'`,
];

/** Every check across reports, into `checks` (and `findings` for failures). Needs reports.is_primary. */
export async function crossReportChecks(conn: DuckDBConnection): Promise<void> {
  for (const sql of MACROS) await conn.run(sql);
  await createLabels(conn);
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_advice (code VARCHAR, severity VARCHAR, advice VARCHAR); INSERT INTO x_advice VALUES ${values(CROSS_CHECK_CODES.map((c) => [c, RULES[c].severity, RULES[c].advice]))}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE x_reports AS
    SELECT report_id, source_file, agency, level, year, template, published_on, is_primary, province_code, city_code, county_code, town_code, ${AGENCY_KEY} AS agency_key
    FROM reports WHERE status <> 'failed'`);
  await conn.run(X_PREVIOUS);
  await conn.run(X_CHECKS);
  const order = (code: CrossCheckCode) => CROSS_CHECK_CODES.indexOf(code);
  await conn.run(carryOverSql(order('carry_over_continuity')));
  await conn.run(runningCountSql(order('prev_year_continuity')));
  for (const sql of duplicatesSql(order('conflicting_duplicates'))) await conn.run(sql);
  for (const sql of copiedTextSql(order('copied_text'))) await conn.run(sql);
  await conn.run(timelinessSql(order('timeliness')));
  for (const sql of WRITE) await conn.run(sql);
  for (const t of ['x_checks', 'x_prev', 'x_reports', 'x_dup', 'x_dup_figures', 'x_applicants', 'x_running', 'x_figures', 'x_deadlines', 'x_advice']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
}
