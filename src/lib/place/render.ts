// A report's view (report.ts) as DOM: its facts, the figures of its text, the
// three template tables with findings marked beside the cells they concern,
// and a pane for its source text. Every figure with a source line is a button
// carrying that line; the page script highlights the line when it is pressed.

import { FINDINGS, REPORTS, STATUS_CODES } from '../build/schema.ts';
import { MISSING, formatCount, formatYuan } from '../charts/format.ts';
import { h, type Child } from '../dom.ts';
import { qualityBlock } from './quality-render.ts';
import { OVERVIEW_TITLE, type BlockView, type CellView, type FindingView, type NarrativeFigure, type ReportView, type TableView } from './report.ts';

const label = (name: string) => REPORTS.columns.find((c) => c.name === name)?.label ?? name;
const severityLabel = (s: string) => FINDINGS.columns.find((c) => c.name === 'severity')?.codes?.find((c) => c.code === s)?.label ?? s;
const statusLabel = (s: unknown) => STATUS_CODES.find((c) => c.code === s)?.label ?? String(s ?? '');

/** The text a figure shows: counts grouped, changes signed, money in 元/万元/亿元; null is 未披露. */
export function cellText(kind: CellView['kind'] | 'money' | 'count', value: number | null): string {
  if (value === null) return MISSING;
  if (kind === 'money') return formatYuan(value);
  if (kind === 'change' && value > 0) return `+${formatCount(value)}`;
  return formatCount(value);
}

/** Money as the report wrote it: the cell's text and its unit, flagged when the unit was inferred. */
function moneyNote(doc: Document, c: CellView): Child {
  if (c.value === null || c.raw === null) return null;
  const written = c.unit && !c.unitInferred && !c.raw.includes(c.unit) ? `${c.raw}（${c.unit}）` : c.raw;
  if (c.unitInferred) return h(doc, 'span', { class: 'raw inferred', title: '报告没有写明单位，单位为按数额推定' }, `原文“${c.raw}”，未写单位，推定为${c.unit ?? '元'}`);
  return h(doc, 'span', { class: 'raw' }, `原文“${written}”`);
}

function marks(doc: Document, reportId: string, findings: number[], all: FindingView[]): Child {
  if (findings.length === 0) return null;
  return h(
    doc,
    'sup',
    { class: 'fmarks' },
    findings.map((n) => {
      const f = all.find((x) => x.n === n)!;
      return h(doc, 'a', { class: `fmark sev-${f.severity}`, href: `#f-${reportId}-${n}`, title: f.message, 'aria-label': `${severityLabel(f.severity)} ${n}：${f.message}` }, String(n));
    }),
  );
}

/** A figure: a button to its source line when it has one (a missing figure may carry the line of its unreadable cell). */
function figure(doc: Document, text: string, line: number | null, what: string, missing: boolean): HTMLElement {
  const cls = missing ? 'v missing' : 'v';
  if (line === null) return h(doc, 'span', { class: cls }, text);
  return h(doc, 'button', { type: 'button', class: `${cls} fig`, 'data-line': line, 'aria-label': `${what}：${text}（原文第 ${line} 行）` }, text);
}

/** The mark of a figure placed by the template's identities, and what it says. */
export const IDENTITY_MARK = '推';
export const IDENTITY_NOTE = '报告文本没有逐行给出这个数字（例如从 PDF 或转换工具复制的表格），其位置由模板的勾稽关系唯一确定';

function cell(doc: Document, reportId: string, c: CellView, rowLabel: string, colLabel: string, all: FindingView[]): HTMLElement {
  if (!c.inTemplate) return h(doc, 'td', { class: 'num na' }, '—');
  const line = c.line ?? all.find((f) => c.findings.includes(f.n) && f.line !== null)?.line ?? null;
  const text = cellText(c.kind, c.value);
  const byIdentity = c.byIdentity && c.value !== null;
  return h(
    doc,
    'td',
    { class: byIdentity ? 'num by-identity' : 'num', 'data-cell': '', 'data-section': c.section, 'data-row': c.row, 'data-col': c.col, 'data-value': c.value === null ? null : String(c.value), 'data-placement': byIdentity ? 'identity' : null },
    figure(doc, text, line, `${rowLabel}·${colLabel}${byIdentity ? '（按勾稽关系定位）' : ''}`, c.value === null),
    byIdentity ? h(doc, 'sup', { class: 'placed', title: IDENTITY_NOTE }, IDENTITY_MARK) : null,
    marks(doc, reportId, c.findings, all),
    c.kind === 'money' ? moneyNote(doc, c) : null,
  );
}

function block(doc: Document, reportId: string, b: BlockView, all: FindingView[]): HTMLElement {
  const colLabels = new Map(b.head.flat().filter((x) => x.col).map((x) => [x.col!, x.label]));
  return h(
    doc,
    'div',
    { class: 'table-scroll', tabindex: '0' },
    h(
      doc,
      'table',
      { class: 'data template' },
      b.caption ? h(doc, 'caption', {}, b.caption) : null,
      h(
        doc,
        'thead',
        {},
        b.head.map((row) => h(doc, 'tr', {}, row.map((x) => h(doc, 'th', { scope: 'col', colspan: x.colspan, rowspan: x.rowspan, 'data-col': x.col }, x.label, marks(doc, reportId, x.findings, all))))),
      ),
      h(
        doc,
        'tbody',
        {},
        b.rows.map((r) =>
          r.heading
            ? h(doc, 'tr', { class: `heading depth-${r.depth}`, 'data-row': r.code }, h(doc, 'th', { scope: 'rowgroup', colspan: colLabels.size + 1 }, r.label, marks(doc, reportId, r.findings, all)))
            : h(
                doc,
                'tr',
                { class: `depth-${r.depth}`, 'data-row': r.code },
                h(doc, 'th', { scope: 'row' }, r.label, marks(doc, reportId, r.findings, all)),
                r.cells.map((c) => cell(doc, reportId, c, r.label, colLabels.get(c.col) ?? '', all)),
              ),
        ),
      ),
    ),
  );
}

export function findingList(doc: Document, reportId: string, findings: FindingView[], title: string): Child {
  if (findings.length === 0) return null;
  return h(
    doc,
    'div',
    { class: 'findings' },
    h(doc, 'h4', {}, title),
    h(
      doc,
      'ol',
      {},
      findings.map((f) =>
        h(
          doc,
          'li',
          { id: `f-${reportId}-${f.n}`, class: `finding sev-${f.severity}`, 'data-rule': f.rule },
          h(doc, 'span', { class: 'fn' }, String(f.n)),
          h(doc, 'span', { class: 'sev' }, severityLabel(f.severity)),
          ' ',
          f.message,
          f.line !== null ? [' ', h(doc, 'button', { type: 'button', class: 'fig line', 'data-line': f.line, 'aria-label': `发现 ${f.n} 所在的原文第 ${f.line} 行` }, `第 ${f.line} 行`)] : null,
        ),
      ),
    ),
  );
}

function table(doc: Document, reportId: string, t: TableView): HTMLElement {
  return h(
    doc,
    'section',
    { class: `tsection ${t.section}`, 'data-section': t.section },
    h(doc, 'h3', {}, t.title),
    t.absent ? h(doc, 'p', { class: 'note warn' }, '报告中找不到这一部分的表格，以下各项均为未披露。') : null,
    t.blocks.map((b) => block(doc, reportId, b, t.findings)),
    t.blocks.some((b) => b.rows.some((r) => r.cells.some((c) => c.byIdentity && c.value !== null)))
      ? h(doc, 'p', { class: 'note placed-note' }, h(doc, 'sup', { class: 'placed' }, IDENTITY_MARK), `：${IDENTITY_NOTE}。`)
      : null,
    findingList(doc, reportId, t.findings, '这一部分的发现'),
  );
}

function narrative(doc: Document, figures: NarrativeFigure[]): HTMLElement {
  return h(
    doc,
    'section',
    { class: 'tsection narrative', 'data-section': 'overview' },
    h(doc, 'h3', {}, `${OVERVIEW_TITLE}（正文中的数字）`),
    h(
      doc,
      'table',
      { class: 'data' },
      h(
        doc,
        'tbody',
        {},
        figures.map((f) =>
          h(
            doc,
            'tr',
            { 'data-key': f.key },
            h(doc, 'th', { scope: 'row' }, f.label),
            h(doc, 'td', { class: 'num', 'data-narrative': f.key }, figure(doc, `${cellText(f.kind, f.value)}${f.approx && f.value !== null ? '（约数）' : ''}`, f.line, f.label, f.value === null)),
          ),
        ),
      ),
    ),
  );
}

function facts(doc: Document, v: ReportView): HTMLElement {
  const r = v.report;
  const pct = r.completeness === null ? '' : `（${Math.round(Number(r.completeness) * 100)}%）`;
  const item = (name: string, value: Child) => [h(doc, 'dt', {}, label(name)), h(doc, 'dd', {}, value ?? '—')];
  const source = sourceLink(doc, r);
  return h(
    doc,
    'dl',
    { class: 'facts' },
    item('agency', r.agency === null ? null : String(r.agency)),
    item('published_on', r.published_on === null ? '未写明' : String(r.published_on)),
    item('source_file', h(doc, 'span', { class: 'file' }, String(r.source_file ?? ''))),
    source ? item('source_url', source) : null,
    item('figures_given', `${formatCount(Number(r.figures_given ?? 0))} / ${formatCount(Number(r.figures_expected ?? 0))}${pct}`),
    item('checks_failed', `${formatCount(Number(r.checks_failed ?? 0))}（${label('checks_passed')} ${formatCount(Number(r.checks_passed ?? 0))}，${label('checks_not_checkable')} ${formatCount(Number(r.checks_not_checkable ?? 0))}）`),
  );
}

/**
 * The report's original address (collected reports only): a link that opens the government page,
 * its title as the text, and the day it was fetched. Only http(s) addresses become links.
 */
export function sourceLink(doc: Document, r: ReportView['report']): HTMLElement | null {
  const address = typeof r.source_url === 'string' ? r.source_url : '';
  if (!/^https?:\/\//i.test(address)) return null;
  const title = typeof r.source_title === 'string' && r.source_title ? r.source_title : address;
  const fetched = typeof r.source_fetched_at === 'string' ? r.source_fetched_at.slice(0, 10) : '';
  return h(
    doc,
    'span',
    { class: 'source-url' },
    h(doc, 'a', { href: address, rel: 'noopener noreferrer nofollow', target: '_blank', title: address, 'data-source-url': '' }, title),
    fetched ? `（${fetched} 采集）` : null,
  );
}

/** One report: heading, facts, the tables and, beside them, its source text (filled in when loaded). */
export function renderReport(doc: Document, v: ReportView): HTMLElement {
  const r = v.report;
  const id = r.report_id;
  return h(
    doc,
    'article',
    { class: 'report', id: `r-${id}`, 'data-report': id, 'data-year': r.year, 'aria-labelledby': `r-${id}-h` },
    h(
      doc,
      'header',
      { class: 'report-head' },
      h(doc, 'h2', { id: `r-${id}-h` }, `${r.year} 年度报告`),
      h(doc, 'span', { class: 'chip template', 'data-template': v.template }, v.templateName),
      h(doc, 'span', { class: `chip status-${r.status}` }, `${label('status')}：${statusLabel(r.status)}`),
      r.is_primary === false ? h(doc, 'span', { class: 'chip dup' }, `${label('is_primary')}：否（重复报告${r.duplicate_of ? `，采用的是 ${r.duplicate_of}` : ''}）`) : null,
    ),
    facts(doc, v),
    qualityBlock(doc, v),
    h(
      doc,
      'div',
      { class: 'report-body' },
      h(
        doc,
        'div',
        { class: 'report-tables' },
        narrative(doc, v.narrative),
        v.tables.map((t) => table(doc, id, t)),
        findingList(doc, id, v.otherFindings, '关于文件与报告信息的发现'),
      ),
      h(
        doc,
        'aside',
        { class: 'source', 'aria-label': `${r.year} 年度报告原文` },
        h(doc, 'div', { class: 'src-head' }, h(doc, 'h3', {}, '原文'), h(doc, 'p', { class: 'src-status', role: 'status', 'aria-live': 'polite' }, '正在载入原文…')),
        h(doc, 'div', { class: 'src-body', tabindex: 0, 'aria-label': '原文（逐行）' }, h(doc, 'ol', { class: 'src-lines' })),
      ),
    ),
  );
}

/** Puts a report's source text into its pane, one numbered line each. */
export function fillSource(doc: Document, article: Element, text: string | null, note: string): void {
  const status = article.querySelector('.src-status');
  const ol = article.querySelector('.src-lines');
  if (!status || !ol) return;
  const id = article.getAttribute('data-report');
  if (text === null) {
    status.textContent = note;
    return;
  }
  const lines = text.split('\n');
  ol.replaceChildren(...lines.map((l, i) => h(doc, 'li', { id: `L-${id}-${i + 1}`, 'data-line': i + 1 }, l || ' ')));
  status.textContent = note || `共 ${lines.length} 行。点击表中的数字可定位到它所在的行。`;
}
