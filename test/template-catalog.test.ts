// The template catalog is a value: a fictional third template ('2099': section 三 words a row
// its own way and has an extra row, section 四 is gone) and a rule of its own are added as data,
// and the parser, the validator, the schema, the dictionary and the place page's tables all
// follow it, with no source file knowing the template.

import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { dictionary, dictionaryMarkdown } from '../src/lib/build/dictionary.ts';
import { baseTables } from '../src/lib/build/schema.ts';
import { figureColumns } from '../src/lib/build/summary.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { allCells, reportView, type ReportRow } from '../src/lib/place/report.ts';
import { renderReport } from '../src/lib/place/render.ts';
import { figuresOf, templateOfYear, templatesGiving, templatesWithItem } from '../src/lib/template/capabilities.ts';
import { CATALOG, makeCatalog, type ApplicationRow, type Catalog, type CatalogData, type TemplateId } from '../src/lib/template/model.ts';
import type { IdentityRule } from '../src/lib/template/rules.ts';
import { validateRecord } from '../src/lib/validate/index.ts';

const FICTIONAL = '2099';
const NEW_WORDING = '本年新收到的政府信息公开申请数量';
const EXTRA_ROW: ApplicationRow = { code: 'referred_elsewhere', number: '五', label: '转送其他机关办理的申请数量', short: '转送其他机关', templates: { from: FICTIONAL }, meaning: '转送其他机关办理的申请' };
const EXTRA_RULE: IdentityRule = {
  code: 'referred_within_received',
  table: 'applications',
  per: 'column',
  relation: 'at_most',
  left: ['referred_elsewhere'],
  right: ['new_received'],
  templates: { from: FICTIONAL },
  name: '转送不多于新收',
  title: '转送其他机关的申请多于本年新收',
  severity: 'warning',
  advice: '转送其他机关办理的申请不应多于本年新收的申请。',
};

/** The national catalog's data, and a third template made of it: only data changes. */
function withFictionalTemplate(base: Catalog): Catalog {
  const data: CatalogData = {
    templates: [...base.templates, { id: FICTIONAL, name: '2099 年版模板（虚构）', firstYear: 2099, tables: ['disclosure', 'applications'] }],
    measures: base.measures,
    // Section 二 as the latest national template has it.
    disclosureItems: base.disclosureItems.map((i) => ({ ...i, measures: { ...i.measures, [FICTIONAL]: base.measuresOf(i, base.latest) } })),
    disclosureHeaders: base.disclosureHeaders,
    applicants: base.applicants,
    applicationHeaders: base.applicationHeaders,
    applicationGroups: base.applicationGroups,
    applicationRows: [...base.applicationRows.map((r) => (r.code === 'new_received' ? { ...r, labelIn: { [FICTIONAL]: NEW_WORDING } } : r)), EXTRA_ROW],
    proceedings: base.proceedings,
    outcomes: base.outcomes,
    reviewHeaders: base.reviewHeaders,
    sections: base.sections,
    rules: [...base.rules, EXTRA_RULE],
    ratioRange: base.ratioRange,
  };
  return makeCatalog(data);
}

const catalog = withFictionalTemplate(CATALOG);

/** Section 三's figures: six applicant columns a row, 总计 their sum, the table's identities holding. */
function applicationFigures(c: Catalog, template: TemplateId): Map<string, number[]> {
  const given: Record<string, number[]> = {
    new_received: [3, 1, 0, 0, 1, 1],
    carried_over_in: [1, 0, 0, 0, 0, 0],
    granted: [2, 1, 0, 0, 0, 1],
    partly_granted: [1, 0, 0, 0, 0, 0],
    other_handling_no_fee: [0, 0, 0, 0, 1, 0],
    referred_elsewhere: [1, 0, 0, 0, 0, 0],
  };
  const rows = c.rowsOf(template);
  const out = new Map<string, number[]>();
  const sum = (codes: readonly string[], k: number) => codes.reduce((s, code) => s + (out.get(code)?.[k] ?? 0), 0);
  for (const r of rows) out.set(r.code, given[r.code] ?? [0, 0, 0, 0, 0, 0]);
  const parts = (parent: string) => rows.filter((r) => r.parent === parent).map((r) => r.code);
  out.set('other_handling', [0, 1, 2, 3, 4, 5].map((k) => sum(parts('other_handling'), k)));
  const outcomes = rows.filter((r) => r.outcome && !r.parent).map((r) => r.code);
  out.set('total_handled', [0, 1, 2, 3, 4, 5].map((k) => sum(outcomes, k)));
  out.set('carried_over_out', [0, 1, 2, 3, 4, 5].map((k) => sum(['new_received', 'carried_over_in'], k) - sum(['total_handled'], k)));
  for (const [code, values] of out) out.set(code, [...values, values.reduce((a, b) => a + b, 0)]);
  return out;
}

const numbered = (number: string, label: string) => (/^\d+$/.test(number) ? `${number}.${label}` : /^[一二三四五六七八九十]+$/.test(number) ? `${number}、${label}` : `${number}${label}`);

/** A report written in a template, every label and row from the catalog; `edit` changes a figure. */
function writeReport(c: Catalog, template: TemplateId, year: number, edit: (figures: Map<string, number[]>) => void = () => {}): string {
  const heading = (table: string) => {
    const s = c.sections.find((x) => x.code === table)!;
    return `${'一二三四五六'[s.number - 1]}、${s.label}`;
  };
  const lines = [`某某镇人民政府${year}年政府信息公开工作年度报告`, heading('overview'), '本镇认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息。'];
  if (c.hasTable(template, 'disclosure')) {
    lines.push(heading('disclosure'));
    let article = '';
    for (const item of c.itemsOf(template)) {
      const measures = c.measuresOf(item, template);
      if (item.article !== article) {
        article = item.article;
        lines.push(article, ['信息内容', ...measures.map((m) => c.labelOf(c.measure(m), template))].join('\t'));
      }
      lines.push([c.labelOf(item, template), ...measures.map((_, k) => String(k + 2))].join('\t'));
    }
  }
  if (c.hasTable(template, 'applications')) {
    const figures = applicationFigures(c, template);
    edit(figures);
    lines.push(heading('applications'), ['申请人情况', ...c.applicants.map((a) => a.label)].join('\t'));
    let group: string | undefined;
    let results = false;
    for (const r of c.rowsOf(template)) {
      if (r.outcome && !results) {
        results = true;
        lines.push(c.applicationGroups.find((g) => g.code === 'results')!.label);
      }
      if (r.group && r.group !== group) lines.push(c.applicationGroups.find((g) => g.code === r.group)!.label);
      group = r.group;
      lines.push([numbered(r.number, c.labelOf(r, template)), ...figures.get(r.code)!.map(String)].join('\t'));
    }
  }
  if (c.hasTable(template, 'reviews')) {
    lines.push(heading('reviews'), ['行政复议', '', '', '', '', '行政诉讼'].join('\t'), Array.from({ length: 15 }, () => '0').join('\t'));
  }
  lines.push('五、存在的主要问题及改进情况', '本镇政府信息公开工作还存在一些不足。');
  return lines.join('\n');
}

const TODAY = new Date('2100-06-30');
const parse = (text: string, c: Catalog = catalog) => parseReport(text, `${FICTIONAL}.txt`, { catalog: c, today: TODAY });

describe('a catalog with a fictional third template', () => {
  it('answers capability questions about it', () => {
    expect(catalog.templateIds).toEqual(['2019', '2021', FICTIONAL]);
    expect(templateOfYear(2100, catalog)).toBe(FICTIONAL);
    expect(templatesWithItem('procurement', catalog)).toEqual(templatesWithItem('procurement'));
    expect(templatesGiving('referred_elsewhere__total', catalog)).toEqual([FICTIONAL]);
    // "In this template and later ones": the sub-rows of （六） reach the new template without a word about it.
    expect(templatesGiving('other_handling_no_fee__total', catalog)).toEqual(['2021', FICTIONAL]);
    expect(figuresOf(FICTIONAL, catalog).some((f) => f.startsWith('review__'))).toBe(false);
    expect(catalog.rulesOf(FICTIONAL).map((r) => r.code)).toEqual(['balance', 'applicant_total', 'outcome_total', 'published_exceeds_total', 'amount_per_project', 'referred_within_received']);
  });

  it('the parser reads a report written in it, by its own wording', () => {
    const { record } = parse(writeReport(catalog, FICTIONAL, 2099));
    expect(record.template).toBe(FICTIONAL);
    expect(record.template_basis).toBe('headers');
    expect(record.tables_found).toEqual({ disclosure: true, applications: true, reviews: false });
    const expected = applicationFigures(catalog, FICTIONAL);
    for (const row of catalog.rowsOf(FICTIONAL)) {
      expect(catalog.applicantCodes.map((a) => record.applications[row.code][a].value), row.code).toEqual(expected.get(row.code));
    }
    expect(record.disclosure.fees.fee_amount_yuan.value).toBe(20_000);
    expect(Object.keys(record.reviews)).toEqual([]);
    // No section 四 in the template: its absence is no finding.
    expect(record.findings.filter((f) => f.rule === 'section_missing' || f.rule === 'row_missing')).toEqual([]);
  });

  it('the national catalog does not know the new row, and still reads its own templates under the new catalog', () => {
    const national = parse(writeReport(catalog, FICTIONAL, 2099), CATALOG).record;
    expect(national.template).toBe(CATALOG.latest);
    expect(national.applications.referred_elsewhere).toBeUndefined();
    const real = parse(writeReport(CATALOG, '2021', 2023)).record;
    expect(real.template).toBe('2021');
    expect(real.tables_found.reviews).toBe(true);
  });

  it('the validator checks its identities: all hold in a sound report', () => {
    const { checks } = parse(writeReport(catalog, FICTIONAL, 2099));
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(checks.some((c) => c.check === 'review_total')).toBe(false);
    const extraRow = checks.find((c) => c.check === 'applicant_total' && c.scope === 'referred_elsewhere')!;
    expect(extraRow).toMatchObject({ status: 'pass', left: 1, right: 1 });
    expect(checks.filter((c) => c.check === 'referred_within_received').map((c) => c.status)).toEqual(catalog.applicantCodes.map(() => 'pass'));
  });

  it('the validator finds a broken identity in its extra row, and its own rule broken', () => {
    const text = writeReport(catalog, FICTIONAL, 2099, (f) => f.set('referred_elsewhere', [4, 0, 0, 0, 0, 0, 9]));
    const { checks, record } = parse(text);
    const failed = checks.filter((c) => c.status === 'fail').map((c) => `${c.check}:${c.scope}`);
    expect(failed).toEqual(['applicant_total:referred_elsewhere', 'referred_within_received:natural_person', 'referred_within_received:total']);
    const finding = record.findings.find((f) => f.rule === ('referred_within_received' as string))!;
    expect(finding).toMatchObject({ severity: 'warning', section: 'applications', column: 'natural_person' });
    expect(finding.message).toContain('转送其他机关 4');
    expect(finding.message).toContain(EXTRA_RULE.advice);
    // The same validator on the same record under the national catalog knows neither the row nor the rule.
    const national = validateRecord({ ...record, template: '2021' } as ReportRecord, TODAY);
    expect(national.checks.some((c) => c.check === 'referred_within_received' || c.scope === 'referred_elsewhere')).toBe(false);
  });

  it('the schema and the dictionary list its figures', () => {
    const tables = baseTables(catalog);
    const column = (table: string, name: string) => tables.find((t) => t.name === table)!.columns.find((c) => c.name === name)!;
    expect(column('reports', 'template').codes!.map((c) => c.code)).toEqual(['2019', '2021', FICTIONAL]);
    expect(column('applications', 'row').codes!.map((c) => c.code)).toContain('referred_elsewhere');
    expect(column('checks', 'check').codes!.map((c) => c.code)).toContain('referred_within_received');
    expect(figureColumns(catalog).map((c) => c.name)).toContain('referred_elsewhere__total');
    expect(figureColumns(CATALOG).map((c) => c.name)).not.toContain('referred_elsewhere__total');

    const d = dictionary(catalog);
    const fictional = d.templates.find((t) => t.id === FICTIONAL)!;
    expect(fictional.application_rows.map((r) => r.code)).toEqual(catalog.rowsOf(FICTIONAL).map((r) => r.code));
    expect(fictional.application_rows.find((r) => r.code === 'new_received')!.label).toBe(NEW_WORDING);
    expect(fictional.reviews).toBe(false);
    expect(d.checks.map((c) => c.code)).toContain('referred_within_received');
    expect(d.rules.find((r) => r.code === 'referred_within_received')).toMatchObject({ severity: 'warning', section: 'applications' });
    const markdown = dictionaryMarkdown(d);
    expect(markdown).toContain(`## Template ${FICTIONAL}: 2099 年版模板（虚构）`);
    expect(markdown).toContain(`| \`referred_elsewhere\` | ${EXTRA_ROW.label} |`);
  });

  it("the place page's tables show it", () => {
    const { record } = parse(writeReport(catalog, FICTIONAL, 2099));
    const id = 'r2099';
    const report: ReportRow = { report_id: id, year: 2099, template: FICTIONAL, has_disclosure: true, has_applications: true, has_reviews: false };
    const applications = Object.entries(record.applications).flatMap(([row, cells]) => Object.entries(cells).map(([applicant, f]) => ({ report_id: id, row, applicant, value: f.value, line: f.line })));
    const disclosures = Object.entries(record.disclosure).flatMap(([item, cells]) => Object.entries(cells).map(([measure, f]) => ({ report_id: id, item, measure, value: f.value, line: f.line })));
    const view = reportView(report, { disclosures, applications, reviews: [], findings: [] }, catalog);
    expect(view.templateName).toBe('2099 年版模板（虚构）');
    expect(view.tables.map((t) => t.section)).toEqual(['disclosure', 'applications']);
    const rows = view.tables[1].blocks[0].rows;
    expect(rows.find((r) => r.code === 'new_received')!.label).toBe(`一、${NEW_WORDING}`);
    const extra = rows.find((r) => r.code === 'referred_elsewhere')!;
    expect(extra.label).toBe(`五、${EXTRA_ROW.label}`);
    expect(extra.cells.map((c) => c.value)).toEqual(applicationFigures(catalog, FICTIONAL).get('referred_elsewhere'));
    expect(allCells(view).filter((c) => c.inTemplate && c.value === null)).toEqual([]);

    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const el = renderReport(document as unknown as Document, view);
    expect(el.textContent).toContain(EXTRA_ROW.label);
    expect(el.textContent).toContain(NEW_WORDING);
    expect(el.textContent).not.toContain(CATALOG.sections.find((s) => s.code === 'reviews')!.label);
  });
});
