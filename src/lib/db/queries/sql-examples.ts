// Example queries of the SQL console. Column aliases and code labels come
// from the table specs, the template model and the finding catalogue, so that
// an example reads in the words of the data dictionary.

import { CHECKS, REPORTS } from '../../build/schema.ts';
import { REGION_YEAR } from '../../build/summary.ts';
import { RULES } from '../../findings.ts';
import { APPLICANTS, TEMPLATE_NAMES } from '../../template/model.ts';
import { reportsWithColumn } from '../../template/capabilities.ts';
import { PROCUREMENT_TEMPLATES } from './overview.ts';
import { sqlString } from '../../sql.ts';

export interface SqlExample {
  id: string;
  title: string;
  description: string;
  sql: string;
}

export interface ExampleContext {
  /** Tables read by province (too large to read at once): a query over them names its province(s). */
  split: readonly string[];
  /** The province an example over a split table looks at (the one with the most failed 勾稽关系). */
  province: { code: string; name: string } | null;
}

const alias = (s: string) => `"${s.replaceAll('"', '""')}"`;

function label(columns: readonly { name: string; label: string }[], name: string): string {
  const c = columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c.label;
}

const ry = (name: string) => label(REGION_YEAR.columns, name);
const rep = (name: string) => label(REPORTS.columns, name);

/** `CASE expr WHEN code THEN label … END` from a list of codes with labels. */
function caseOf(expr: string, codes: readonly { code: string; label: string }[]): string {
  return `CASE ${expr} ${codes.map((c) => `WHEN ${sqlString(c.code)} THEN ${sqlString(c.label)}`).join(' ')} ELSE ${expr} END`;
}

export function sqlExamples(ctx: ExampleContext): SqlExample[] {
  const needsProvince = (t: string) => ctx.split.includes(t) && ctx.province;
  const checksProvince = needsProvince('checks') || needsProvince('reports') ? ctx.province : null;

  // The reports whose template has the row, counted by region_year one template a column.
  const ofReports = [reportsWithColumn('procurement')];
  const procurement = `-- 各省各年度的政府集中采购（只有 ${PROCUREMENT_TEMPLATES.map((t) => TEMPLATE_NAMES[t]).join('、')}有这一项）
-- 合计只包括给出了数字的报告；未披露的不计为 0，"${ry('n_procurement__amount_yuan')}"一列说明有多少份报告给出了金额
SELECT province AS ${alias(ry('province'))}, year AS ${alias(ry('year'))},
  sum(procurement__projects) AS ${alias(ry('procurement__projects'))},
  sum(procurement__amount_yuan) AS ${alias(`${ry('procurement__amount_yuan')}（元）`)},
  CAST(sum(n_procurement__amount_yuan) AS INTEGER) AS ${alias(ry('n_procurement__amount_yuan'))},
  CAST(sum(${ofReports.join(' + ')}) AS INTEGER) AS ${alias(ofReports.map(ry).join('＋'))}
FROM region_year
WHERE grain = 'province' AND ${ofReports.join(' + ')} > 0
GROUP BY province_code, province, year
ORDER BY province_code, year`;

  const balance = `-- 勾稽关系不成立的乡镇：每一栏都应满足 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理
${checksProvince ? `-- checks 表较大，查询须写明省份（province_code），这里是${checksProvince.name}\n` : ''}SELECT r.province AS ${alias(rep('province'))}, r.city AS ${alias(rep('city'))}, r.county AS ${alias(rep('county'))}, r.town AS ${alias(rep('town'))}, r.year AS ${alias(rep('year'))},
  ${caseOf('c.scope', APPLICANTS)} AS ${alias('申请人')},
  c.detail AS ${alias(label(CHECKS.columns, 'detail'))}, c.line AS ${alias(label(CHECKS.columns, 'line'))}, r.source_file AS ${alias(rep('source_file'))}
FROM checks c JOIN reports r USING (report_id)
WHERE c."check" = 'balance' AND c.status = 'fail' AND r.level = 'town'${checksProvince ? ` AND c.province_code = ${sqlString(checksProvince.code)}` : ''}
ORDER BY r.province_code, r.city_code, r.county_code, r.town_code, r.year, c.seq`;

  const parts = APPLICANTS.map((a) => `sum(new_received__${a.code}) AS ${alias(a.label)}`).join(',\n  ');
  const applicants = `-- 依申请公开：各年度本年新收的申请，按申请人类型（合计只包括给出了数字的报告）
SELECT year AS ${alias(ry('year'))},
  ${parts},
  CAST(sum(n_new_received__total) AS INTEGER) AS ${alias(ry('n_new_received__total'))}
FROM region_year
WHERE grain = 'province'
GROUP BY year
ORDER BY year`;

  const rules = `-- 各规则的发现数与涉及的报告数
SELECT rule AS ${alias('规则代码')}, ${caseOf('rule', Object.entries(RULES).map(([code, r]) => ({ code, label: r.title })))} AS ${alias('规则')},
  severity AS ${alias('严重程度')}, CAST(count(*) AS INTEGER) AS ${alias('发现')}, CAST(count(DISTINCT report_id) AS INTEGER) AS ${alias('报告')}
FROM findings
GROUP BY rule, severity
ORDER BY count(*) DESC, rule`;

  return [
    { id: 'procurement', title: '各省各年度的政府集中采购', description: '按省份和年度合计采购项目数与金额，并列出给出金额的报告数。', sql: procurement },
    { id: 'balance', title: '勾稽关系不成立的乡镇', description: `列出每一栏的算式和所在行。${checksProvince ? `全国数据的 checks 表较大，查询须写明省份（此例为${checksProvince.name}）。` : ''}`, sql: balance },
    { id: 'applicants', title: '按申请人类型统计依申请公开', description: '各年度本年新收的政府信息公开申请，按自然人和各类法人或其他组织分列。', sql: applicants },
    { id: 'rules', title: '各规则的发现数', description: '解析和核对中发现的问题，按规则和严重程度计数。', sql: rules },
  ];
}
