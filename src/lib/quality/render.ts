// The quality page's sections as DOM nodes, from a QualityView. The build renders
// them (with linkedom) into the page for the first paint and the browser script
// puts the same nodes in place after a filter change, so both always agree.
//
// Labels come from the finding catalogue (RULES: titles and advice), the
// table specs (levels, severities) and the template model; nothing here names
// a rule or a level in words of its own.

import { formatCount, formatShare } from '../charts/format.ts';
import { RULES } from '../findings.ts';
import { FINDINGS, LEVEL_CODES } from '../build/schema.ts';
import { url } from '../site.ts';
import { builder, fragment, type Attrs, type Child } from '../dom.ts';
import { CHECK_RULES } from '../db/queries/quality.ts';
import { qualitySearch, type QualityFilter } from '../db/quality-filter.ts';
import { reportHref, sourceLocation, type ReportPlace } from './links.ts';
import { FAILING_LIMIT, FINDINGS_LIMIT, type FindingRow, type GridCell, type QualityView, type ReportInfo } from './view.ts';

/** Severity names, from the findings table's codes (错误、警告、提示). */
export const SEVERITY_LABELS: Record<string, string> = Object.fromEntries((FINDINGS.columns.find((c) => c.name === 'severity')?.codes ?? []).map((c) => [c.code, c.label]));
const LEVEL_LABELS: Record<string, string> = Object.fromEntries(LEVEL_CODES.map((c) => [c.code, c.label]));

type Rules = Record<string, { title: string; advice: string; severity: string }>;
const rule = (code: string) => (RULES as Rules)[code] ?? { title: code, advice: '', severity: 'info' };

/** The quality page's own URL for a filter. */
export const qualityHref = (f: QualityFilter): string => `${url('quality/')}${qualitySearch(f)}`;

type El = ReturnType<typeof builder>;

const severityBadge = (el: El, s: string) => el('span', { class: `sev sev-${s}` }, SEVERITY_LABELS[s] ?? s);

/** "第 N 行" linked to the report on its place page, or the source file and line when it has no place page. */
function location(el: El, r: ReportPlace, line: number | null): HTMLElement {
  const href = reportHref(r, line);
  const at = { 'data-report-id': r.report_id, 'data-line': line ?? undefined };
  if (href) return el('a', { class: 'loc', href, ...at }, line === null ? '报告全文' : `第 ${line} 行`);
  return el('span', { class: 'loc file', ...at }, sourceLocation(r, line));
}

function where(r: ReportInfo): string {
  const parts = [r.province, r.city, r.county].filter((x, i, a): x is string => !!x && x !== r.place && a.indexOf(x) === i);
  return parts.join(' ');
}

function reportTitle(el: El, r: ReportInfo): Child[] {
  const href = reportHref(r);
  const level = r.level ? LEVEL_LABELS[r.level] ?? r.level : null;
  const context = [where(r), level].filter(Boolean).join(' · ');
  return [
    href ? el('a', { href }, r.place) : el('span', {}, r.place),
    context && ' ',
    context && el('span', { class: 'where' }, context),
    ' ',
    el('span', { class: 'year' }, r.year === null ? '年度不明' : `${r.year} 年度报告`),
    !href && ' ',
    !href && el('span', { class: 'where' }, `源文件：${r.source_file ?? r.report_id}`),
  ];
}

const missing = (el: El, text: string) => el('p', { class: 'missing' }, text);

/** A scrolling data table with its header row. */
function dataTable(el: El, attrs: Attrs, head: (string | { text: string; num: true })[], rows: Child[], scrollFocus = true): HTMLElement {
  const th = head.map((c) => (typeof c === 'string' ? el('th', { scope: 'col' }, c) : el('th', { scope: 'col', class: 'num' }, c.text)));
  return el('div', { class: 'table-scroll', tabindex: scrollFocus ? '0' : undefined }, el('table', attrs, el('thead', {}, el('tr', {}, th)), el('tbody', {}, rows)));
}

const num = (text: string) => ({ text, num: true }) as const;
const numCell = (el: El, v: Child) => el('td', { class: 'num' }, v);

export function renderHeadline(v: QualityView, doc: Document = document): Node {
  const el = builder(doc);
  const h = v.headline;
  const filtered = v.filter.rule || v.filter.severity;
  const cards = [
    { id: 'reports', label: '报告', value: `${formatCount(h.reports)} 份`, note: h.failed > 0 ? `其中 ${formatCount(h.failed)} 份无法读取` : '全部可以读取' },
    { id: 'completeness', label: '平均完整度', value: h.completeness === null ? '—' : formatShare(h.completeness), note: '已披露的数字 ÷ 模板规定的数字' },
    { id: 'balance', label: `${rule('balance').title}`, value: `${formatCount(h.failing_balance)} 份`, note: `另有 ${formatCount(h.failing_checks - h.failing_balance)} 份其他核对不通过` },
    { id: 'findings', label: filtered ? '发现（当前规则与严重程度）' : '发现', value: `${formatCount(h.findings)} 条`, note: `涉及 ${formatCount(h.findings_reports)} 份报告` },
  ];
  return el('dl', { class: 'q-cards' }, cards.map((c) => el('div', { class: 'card', 'data-card': c.id }, el('dt', {}, c.label), el('dd', { class: 'value' }, c.value), el('dd', { class: 'note' }, c.note))));
}

function failingByProvince(doc: Document, v: QualityView): Node {
  const el = builder(doc);
  const rows = v.byProvince!.filter((p) => p.failing_checks > 0);
  if (rows.length === 0) return missing(el, '当前筛选条件下没有核对不通过的报告。');
  const balance = rule('balance').title;
  return fragment(
    doc,
    el('p', {}, `全国共 ${formatCount(v.headline.failing_checks)} 份报告有核对不通过，其中 ${formatCount(v.headline.failing_balance)} 份${balance}。数量较大，这里按省份列出；选择一个省份，可看到每份报告的算式和所在行。`),
    dataTable(
      el,
      { class: 'data q-provinces' },
      ['省份', num('报告'), num(balance), num('有核对不通过'), num('发现')],
      rows.map((p) =>
        el(
          'tr',
          {},
          el('td', {}, p.code ? el('a', { href: qualityHref({ ...v.filter, province: p.code, city: null, county: null }) }, p.name) : p.name),
          numCell(el, formatCount(p.reports)),
          numCell(el, formatCount(p.failing_balance)),
          numCell(el, formatCount(p.failing_checks)),
          numCell(el, formatCount(p.findings)),
        ),
      ),
    ),
  );
}

export function renderFailing(v: QualityView, doc: Document = document): Node {
  if (v.byProvince) return failingByProvince(doc, v);
  const el = builder(doc);
  const failing = v.failing!;
  const balance = rule('balance').title;
  if (failing.total === 0) {
    const note = v.filter.rule && !CHECK_RULES.includes(v.filter.rule) ? `（所选规则“${rule(v.filter.rule).title}”不是核对规则）` : '';
    return missing(el, `当前筛选条件下没有核对不通过的报告${note}。`);
  }
  const shown = failing.reports.length;
  const head = el(
    'p',
    {},
    `共 ${formatCount(failing.total)} 份报告有核对不通过${v.headline.failing_balance ? `，其中 ${formatCount(v.headline.failing_balance)} 份${balance}（排在最前）` : ''}。${shown < failing.total ? `这里只列出前 ${formatCount(shown)} 份；请选择地市、县区或年度缩小范围。` : ''}`,
  );
  const items = failing.reports.map((r) => {
    const checks = r.checks.map((c) => {
      const spec = rule(c.rule);
      return el(
        'li',
        { 'data-rule': c.rule, 'data-seq': c.seq },
        el('div', { class: 'check-head' }, el('strong', {}, spec.title), ' ', severityBadge(el, spec.severity), ' ', location(el, r, c.line)),
        el('div', { class: 'detail' }, el('span', { class: 'k' }, '算式'), c.detail),
        el('div', { class: 'advice' }, el('span', { class: 'k' }, '怎么改'), spec.advice),
      );
    });
    return el(
      'li',
      { class: r.has_balance ? 'report balance' : 'report', 'data-report-id': r.report_id },
      el(
        'div',
        { class: 'report-head' },
        reportTitle(el, r),
        r.has_balance && [' ', el('span', { class: 'badge' }, balance)],
        r.completeness !== null && [' ', el('span', { class: 'where' }, `完整度 ${formatShare(r.completeness)}`)],
      ),
      el('ul', { class: 'checks' }, checks),
    );
  });
  return fragment(doc, head, el('ol', { class: 'failing' }, items), shown < failing.total && el('p', { class: 'more' }, `还有 ${formatCount(failing.total - shown)} 份未列出（每次最多 ${FAILING_LIMIT} 份）。`));
}

export function renderRules(v: QualityView, doc: Document = document): Node {
  const el = builder(doc);
  if (v.rules.length === 0) return missing(el, '当前筛选条件下没有发现。');
  const rows = v.rules.map((r) => {
    const spec = rule(r.rule);
    const title = v.filter.rule === r.rule ? el('strong', {}, spec.title) : el('a', { href: qualityHref({ ...v.filter, rule: r.rule }) }, spec.title);
    return el(
      'tr',
      { 'data-rule': r.rule, 'data-severity': r.severity },
      el('td', {}, title, el('div', { class: 'code' }, r.rule)),
      el('td', {}, severityBadge(el, r.severity)),
      numCell(el, formatCount(r.findings)),
      numCell(el, formatCount(r.reports)),
      el('td', { class: 'advice' }, spec.advice),
    );
  });
  return dataTable(el, { class: 'data q-rules' }, ['规则', '严重程度', num('发现'), num('报告'), '说明与建议'], rows);
}

const GRAIN_LABELS = { province: '省份', city: '地市', county: '县区', place: '地方' } as const;

function gridCell(el: El, cell: GridCell | undefined): HTMLElement {
  if (!cell) return el('td', { class: 'num none', title: '该年度没有报告' }, '—');
  const value = cell.completeness === null ? (cell.report?.status === 'failed' ? '无法读取' : '—') : formatShare(cell.completeness);
  const title = cell.report
    ? cell.report.figures_expected
      ? `已披露 ${cell.report.figures_given ?? 0} 个数字，模板规定 ${cell.report.figures_expected} 个${cell.reports > 1 ? `；该年度共 ${cell.reports} 份报告，显示网站采用的一份` : ''}`
      : '文件无法读取'
    : `${cell.reports} 份报告的平均值`;
  const level = cell.completeness === null ? 'low' : cell.completeness >= 0.999 ? 'full' : cell.completeness >= 0.8 ? 'mid' : 'low';
  const href = cell.report ? reportHref(cell.report) : null;
  const content = href ? el('a', { href }, value) : cell.report ? el('span', { title: sourceLocation(cell.report) }, value) : value;
  return el('td', { class: `num c-${level}`, title }, content);
}

export function renderCompleteness(v: QualityView, doc: Document = document): Node {
  const el = builder(doc);
  const g = v.completeness;
  if (g.rows.length === 0) return missing(el, '当前筛选条件下没有报告。');
  const yearLabel = (y: string) => (y === 'null' ? '年度不明' : y);
  const note =
    g.grain === 'place'
      ? '每格是该地方该年度报告的完整度（同一年度有多份报告时取网站采用的一份），点击可查看报告。'
      : `每格是该${GRAIN_LABELS[g.grain]}该年度全部报告完整度的平均值；点击名称可查看其下各地。`;
  const rows = g.rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, r.drill ? el('a', { href: qualityHref(r.drill) }, r.name) : r.name), g.years.map((y) => gridCell(el, r.cells[y]))));
  return fragment(doc, el('p', { class: 'note' }, note), dataTable(el, { class: 'data q-grid', 'data-grain': g.grain }, [GRAIN_LABELS[g.grain], ...g.years.map((y) => num(yearLabel(y)))], rows));
}

function findingRow(el: El, r: FindingRow): HTMLElement {
  const href = reportHref(r);
  return el(
    'tr',
    { 'data-report-id': r.report_id, 'data-seq': r.seq, 'data-rule': r.rule },
    el('td', {}, href ? el('a', { href }, r.place) : r.place, where(r) && el('div', { class: 'where' }, where(r))),
    numCell(el, r.year ?? '—'),
    el('td', {}, rule(r.rule).title),
    el('td', {}, severityBadge(el, r.severity)),
    el('td', { class: 'msg' }, r.message),
    el('td', {}, location(el, r, r.line)),
  );
}

export function renderFindings(v: QualityView, doc: Document = document): Node {
  const el = builder(doc);
  if (!v.findings) {
    return el('p', {}, `全国共 ${formatCount(v.headline.findings)} 条发现${v.filter.rule || v.filter.severity ? '（当前规则与严重程度）' : ''}。请在上方选择省份，查看每一条发现及其在报告中的位置。`);
  }
  const { total, rows } = v.findings;
  if (total === 0) return missing(el, '当前筛选条件下没有发现。');
  const head = el(
    'p',
    {},
    `共 ${formatCount(total)} 条${rows.length < total ? `，只列出前 ${formatCount(rows.length)} 条（每次最多 ${FINDINGS_LIMIT} 条）；请选择地市、县区、年度或规则缩小范围` : ''}。“位置”链接到报告原文的那一行；没有区划代码的报告写出源文件名和行号。`,
  );
  return fragment(doc, head, dataTable(el, { class: 'data q-findings' }, ['地方', num('年度'), '规则', '严重程度', '说明', '位置'], rows.map((r) => findingRow(el, r))));
}

/** The view's title: the narrowest region chosen. */
export function viewTitle(names: { province?: string | null; city?: string | null; county?: string | null }, f: QualityFilter): string {
  const region = (f.county && names.county) || (f.city && names.city) || (f.province && names.province) || '全国';
  return `${region}${f.year !== null ? ` · ${f.year} 年度` : ''}`;
}
