// A report's quality index on the place page: the score and its parts, each
// part with the findings behind it (links to the report's list of findings).

import { QUALITY_PARTS } from '../quality-index.ts';
import { url } from '../site.ts';
import { h } from '../dom.ts';
import type { FindingView, ReportView } from './report.ts';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Every finding of a report, in its own numbering. */
export function reportFindings(v: ReportView): FindingView[] {
  return [...v.tables.flatMap((t) => t.findings), ...v.otherFindings].sort((a, b) => a.n - b.n);
}

export function qualityBlock(doc: Document, v: ReportView): HTMLElement | null {
  const r = v.report;
  const score = r.quality_index;
  if (score === null || score === undefined) return null;
  const id = r.report_id;
  const findings = reportFindings(v);
  return h(
    doc,
    'section',
    { class: 'qindex', 'data-quality': Number(score) },
    h(
      doc,
      'h3',
      {},
      '报告质量指数 ',
      h(doc, 'strong', { class: 'qscore' }, Number(score).toFixed(1)),
      h(doc, 'span', { class: 'qnote' }, ' / 100（本项目的评价方法，不是官方评价；', h(doc, 'a', { href: url('about/#quality-index') }, '权重与理由'), '）'),
    ),
    h(
      doc,
      'table',
      { class: 'data qparts' },
      h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', { scope: 'col' }, '部分'), h(doc, 'th', { scope: 'col' }, '得分'), h(doc, 'th', { scope: 'col' }, '权重'), h(doc, 'th', { scope: 'col' }, '相关发现'))),
      h(
        doc,
        'tbody',
        {},
        QUALITY_PARTS.map((p) => {
          const value = r[p.column];
          const behind = findings.filter((f) => p.rules.includes(f.rule));
          return h(
            doc,
            'tr',
            { 'data-part': p.code },
            h(doc, 'th', { scope: 'row', title: p.meaning }, p.label),
            h(doc, 'td', { class: 'num' }, value === null || value === undefined ? '无法评价' : percent(Number(value))),
            h(doc, 'td', { class: 'num' }, String(p.weight)),
            h(
              doc,
              'td',
              {},
              behind.length === 0
                ? '—'
                : behind.flatMap((f, i) => [i > 0 ? '、' : null, h(doc, 'a', { href: `#f-${id}-${f.n}`, class: `qlink sev-${f.severity}`, title: f.message }, `发现 ${f.n}`)]),
            ),
          );
        }),
      ),
    ),
  );
}
