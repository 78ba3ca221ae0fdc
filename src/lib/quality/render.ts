// The quality page's sections as HTML, from a QualityView. The build renders
// them into the page (the first paint) and the browser script puts the same
// markup in place after a filter change, so both always agree.
//
// Labels come from the finding catalogue (RULES: titles and advice), the
// table specs (levels, severities) and the template model; nothing here names
// a rule or a level in words of its own.

import { formatCount, formatShare } from '../charts/format.ts';
import { RULES } from '../findings.ts';
import { FINDINGS, LEVEL_CODES } from '../build/schema.ts';
import { url } from '../site.ts';
import { CHECK_RULES } from '../db/queries/quality.ts';
import { qualitySearch, type QualityFilter } from '../db/quality-filter.ts';
import { reportHref, sourceLocation, type ReportPlace } from './links.ts';
import { FAILING_LIMIT, FINDINGS_LIMIT, type FindingRow, type GridCell, type QualityView, type ReportInfo } from './view.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Severity names, from the findings table's codes (错误、警告、提示). */
export const SEVERITY_LABELS: Record<string, string> = Object.fromEntries((FINDINGS.columns.find((c) => c.name === 'severity')?.codes ?? []).map((c) => [c.code, c.label]));
const LEVEL_LABELS: Record<string, string> = Object.fromEntries(LEVEL_CODES.map((c) => [c.code, c.label]));

type Rules = Record<string, { title: string; advice: string; severity: string }>;
const rule = (code: string) => (RULES as Rules)[code] ?? { title: code, advice: '', severity: 'info' };

/** The quality page's own URL for a filter. */
export const qualityHref = (f: QualityFilter): string => `${url('quality/')}${qualitySearch(f)}`;

const severityBadge = (s: string) => `<span class="sev sev-${esc(s)}">${esc(SEVERITY_LABELS[s] ?? s)}</span>`;

/** "第 N 行" linked to the report on its place page, or the source file and line when it has no place page. */
function location(r: ReportPlace, line: number | null): string {
  const href = reportHref(r, line);
  const text = line === null ? '报告全文' : `第 ${line} 行`;
  if (href) return `<a class="loc" href="${esc(href)}" data-report-id="${esc(r.report_id)}"${line === null ? '' : ` data-line="${line}"`}>${esc(text)}</a>`;
  return `<span class="loc file" data-report-id="${esc(r.report_id)}"${line === null ? '' : ` data-line="${line}"`}>${esc(sourceLocation(r, line))}</span>`;
}

function where(r: ReportInfo): string {
  const parts = [r.province, r.city, r.county].filter((x, i, a): x is string => !!x && x !== r.place && a.indexOf(x) === i);
  return parts.join(' ');
}

function reportTitle(r: ReportInfo): string {
  const href = reportHref(r);
  const name = href ? `<a href="${esc(href)}">${esc(r.place)}</a>` : `<span>${esc(r.place)}</span>`;
  const level = r.level ? LEVEL_LABELS[r.level] ?? r.level : null;
  const context = [where(r), level].filter(Boolean).join(' · ');
  return `${name}${context ? ` <span class="where">${esc(context)}</span>` : ''} <span class="year">${r.year === null ? '年度不明' : `${r.year} 年度报告`}</span>${href ? '' : ` <span class="where">源文件：${esc(r.source_file ?? r.report_id)}</span>`}`;
}

export function renderHeadline(v: QualityView): string {
  const h = v.headline;
  const filtered = v.filter.rule || v.filter.severity;
  const cards = [
    { id: 'reports', label: '报告', value: `${formatCount(h.reports)} 份`, note: h.failed > 0 ? `其中 ${formatCount(h.failed)} 份无法读取` : '全部可以读取' },
    { id: 'completeness', label: '平均完整度', value: h.completeness === null ? '—' : formatShare(h.completeness), note: '已披露的数字 ÷ 模板规定的数字' },
    { id: 'balance', label: `${rule('balance').title}`, value: `${formatCount(h.failing_balance)} 份`, note: `另有 ${formatCount(h.failing_checks - h.failing_balance)} 份其他核对不通过` },
    { id: 'findings', label: filtered ? '发现（当前规则与严重程度）' : '发现', value: `${formatCount(h.findings)} 条`, note: `涉及 ${formatCount(h.findings_reports)} 份报告` },
  ];
  return `<dl class="q-cards">${cards.map((c) => `<div class="card" data-card="${c.id}"><dt>${esc(c.label)}</dt><dd class="value">${esc(c.value)}</dd><dd class="note">${esc(c.note)}</dd></div>`).join('')}</dl>`;
}

export function renderFailing(v: QualityView): string {
  if (v.byProvince) {
    const rows = v.byProvince.filter((p) => p.failing_checks > 0);
    if (rows.length === 0) return '<p class="missing">当前筛选条件下没有核对不通过的报告。</p>';
    return `<p>全国共 ${formatCount(v.headline.failing_checks)} 份报告有核对不通过，其中 ${formatCount(v.headline.failing_balance)} 份${esc(rule('balance').title)}。数量较大，这里按省份列出；选择一个省份，可看到每份报告的算式和所在行。</p>
      <div class="table-scroll" tabindex="0"><table class="data q-provinces"><thead><tr><th scope="col">省份</th><th scope="col" class="num">报告</th><th scope="col" class="num">${esc(rule('balance').title)}</th><th scope="col" class="num">有核对不通过</th><th scope="col" class="num">发现</th></tr></thead><tbody>
      ${rows.map((p) => `<tr><td>${p.code ? `<a href="${esc(qualityHref({ ...v.filter, province: p.code, city: null, county: null }))}">${esc(p.name)}</a>` : esc(p.name)}</td><td class="num">${formatCount(p.reports)}</td><td class="num">${formatCount(p.failing_balance)}</td><td class="num">${formatCount(p.failing_checks)}</td><td class="num">${formatCount(p.findings)}</td></tr>`).join('')}
      </tbody></table></div>`;
  }
  const failing = v.failing!;
  if (failing.total === 0) {
    const note = v.filter.rule && !CHECK_RULES.includes(v.filter.rule) ? `（所选规则“${esc(rule(v.filter.rule).title)}”不是核对规则）` : '';
    return `<p class="missing">当前筛选条件下没有核对不通过的报告${note}。</p>`;
  }
  const shown = failing.reports.length;
  const head = `<p>共 ${formatCount(failing.total)} 份报告有核对不通过${v.headline.failing_balance ? `，其中 ${formatCount(v.headline.failing_balance)} 份${esc(rule('balance').title)}（排在最前）` : ''}。${shown < failing.total ? `这里只列出前 ${formatCount(shown)} 份；请选择地市、县区或年度缩小范围。` : ''}</p>`;
  const items = failing.reports.map((r) => {
    const checks = r.checks
      .map((c) => {
        const spec = rule(c.rule);
        return `<li data-rule="${esc(c.rule)}" data-seq="${c.seq}">
          <div class="check-head"><strong>${esc(spec.title)}</strong> ${severityBadge(spec.severity)} ${location(r, c.line)}</div>
          <div class="detail"><span class="k">算式</span>${esc(c.detail)}</div>
          <div class="advice"><span class="k">怎么改</span>${esc(spec.advice)}</div>
        </li>`;
      })
      .join('');
    return `<li class="report${r.has_balance ? ' balance' : ''}" data-report-id="${esc(r.report_id)}">
      <div class="report-head">${reportTitle(r)}${r.has_balance ? ` <span class="badge">${esc(rule('balance').title)}</span>` : ''}${r.completeness === null ? '' : ` <span class="where">完整度 ${formatShare(r.completeness)}</span>`}</div>
      <ul class="checks">${checks}</ul>
    </li>`;
  });
  return `${head}<ol class="failing">${items.join('')}</ol>${shown < failing.total ? `<p class="more">还有 ${formatCount(failing.total - shown)} 份未列出（每次最多 ${FAILING_LIMIT} 份）。</p>` : ''}`;
}

export function renderRules(v: QualityView): string {
  if (v.rules.length === 0) return '<p class="missing">当前筛选条件下没有发现。</p>';
  const rows = v.rules.map((r) => {
    const spec = rule(r.rule);
    const active = v.filter.rule === r.rule;
    const title = active ? `<strong>${esc(spec.title)}</strong>` : `<a href="${esc(qualityHref({ ...v.filter, rule: r.rule }))}">${esc(spec.title)}</a>`;
    return `<tr data-rule="${esc(r.rule)}" data-severity="${esc(r.severity)}"><td>${title}<div class="code">${esc(r.rule)}</div></td><td>${severityBadge(r.severity)}</td><td class="num">${formatCount(r.findings)}</td><td class="num">${formatCount(r.reports)}</td><td class="advice">${esc(spec.advice)}</td></tr>`;
  });
  return `<div class="table-scroll" tabindex="0"><table class="data q-rules"><thead><tr><th scope="col">规则</th><th scope="col">严重程度</th><th scope="col" class="num">发现</th><th scope="col" class="num">报告</th><th scope="col">说明与建议</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

const GRAIN_LABELS = { province: '省份', city: '地市', county: '县区', place: '地方' } as const;

function gridCell(cell: GridCell | undefined): string {
  if (!cell) return '<td class="num none" title="该年度没有报告">—</td>';
  const value = cell.completeness === null ? (cell.report?.status === 'failed' ? '无法读取' : '—') : formatShare(cell.completeness);
  const title = cell.report
    ? cell.report.figures_expected
      ? `已披露 ${cell.report.figures_given ?? 0} 个数字，模板规定 ${cell.report.figures_expected} 个${cell.reports > 1 ? `；该年度共 ${cell.reports} 份报告，显示网站采用的一份` : ''}`
      : '文件无法读取'
    : `${cell.reports} 份报告的平均值`;
  const level = cell.completeness === null ? 'low' : cell.completeness >= 0.999 ? 'full' : cell.completeness >= 0.8 ? 'mid' : 'low';
  const href = cell.report ? reportHref(cell.report) : null;
  const content = href ? `<a href="${esc(href)}">${esc(value)}</a>` : cell.report ? `<span title="${esc(sourceLocation(cell.report))}">${esc(value)}</span>` : esc(value);
  return `<td class="num c-${level}" title="${esc(title)}">${content}</td>`;
}

export function renderCompleteness(v: QualityView): string {
  const g = v.completeness;
  if (g.rows.length === 0) return '<p class="missing">当前筛选条件下没有报告。</p>';
  const yearLabel = (y: string) => (y === 'null' ? '年度不明' : y);
  const note =
    g.grain === 'place'
      ? '每格是该地方该年度报告的完整度（同一年度有多份报告时取网站采用的一份），点击可查看报告。'
      : `每格是该${GRAIN_LABELS[g.grain]}该年度全部报告完整度的平均值；点击名称可查看其下各地。`;
  const rows = g.rows.map((r) => {
    const name = r.drill ? `<a href="${esc(qualityHref(r.drill))}">${esc(r.name)}</a>` : esc(r.name);
    return `<tr><th scope="row">${name}</th>${g.years.map((y) => gridCell(r.cells[y])).join('')}</tr>`;
  });
  return `<p class="note">${esc(note)}</p><div class="table-scroll" tabindex="0"><table class="data q-grid" data-grain="${g.grain}"><thead><tr><th scope="col">${GRAIN_LABELS[g.grain]}</th>${g.years.map((y) => `<th scope="col" class="num">${esc(yearLabel(y))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function findingRow(r: FindingRow): string {
  return `<tr data-report-id="${esc(r.report_id)}" data-seq="${r.seq}" data-rule="${esc(r.rule)}">
    <td>${reportHref(r) ? `<a href="${esc(reportHref(r)!)}">${esc(r.place)}</a>` : esc(r.place)}${where(r) ? `<div class="where">${esc(where(r))}</div>` : ''}</td>
    <td class="num">${r.year ?? '—'}</td>
    <td>${esc(rule(r.rule).title)}</td>
    <td>${severityBadge(r.severity)}</td>
    <td class="msg">${esc(r.message)}</td>
    <td>${location(r, r.line)}</td>
  </tr>`;
}

export function renderFindings(v: QualityView): string {
  if (!v.findings) {
    return `<p>全国共 ${formatCount(v.headline.findings)} 条发现${v.filter.rule || v.filter.severity ? '（当前规则与严重程度）' : ''}。请在上方选择省份，查看每一条发现及其在报告中的位置。</p>`;
  }
  const { total, rows } = v.findings;
  if (total === 0) return '<p class="missing">当前筛选条件下没有发现。</p>';
  const head = `<p>共 ${formatCount(total)} 条${rows.length < total ? `，只列出前 ${formatCount(rows.length)} 条（每次最多 ${FINDINGS_LIMIT} 条）；请选择地市、县区、年度或规则缩小范围` : ''}。“位置”链接到报告原文的那一行；没有区划代码的报告写出源文件名和行号。</p>`;
  return `${head}<div class="table-scroll" tabindex="0"><table class="data q-findings"><thead><tr><th scope="col">地方</th><th scope="col" class="num">年度</th><th scope="col">规则</th><th scope="col">严重程度</th><th scope="col">说明</th><th scope="col">位置</th></tr></thead><tbody>${rows.map(findingRow).join('')}</tbody></table></div>`;
}

/** The view's title: the narrowest region chosen. */
export function viewTitle(names: { province?: string | null; city?: string | null; county?: string | null }, f: QualityFilter): string {
  const region = (f.county && names.county) || (f.city && names.city) || (f.province && names.province) || '全国';
  return `${region}${f.year !== null ? ` · ${f.year} 年度` : ''}`;
}
