// A report as the place page rebuilds it (src/lib/place/report.ts and
// render.ts): the template model decides every row and column; a figure
// missing from the data is 未披露, never 0; findings sit beside the cells,
// rows and columns they name; and the DOM carries each figure's source line.

import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { allCells, reportView, type ReportRow } from '../src/lib/place/report.ts';
import { cellText, renderReport, fillSource } from '../src/lib/place/render.ts';
import { APPLICANTS, DISCLOSURE_ITEMS, OUTCOMES, PROCEEDINGS, TEMPLATE_NAMES, applicationRows, measuresOf, type TemplateId } from '../src/lib/template/model.ts';
import { KEY_MEASURES, inTemplate } from '../src/lib/place/measures.ts';
import { levelName, isPlaceCode, placeCodeProblem, codePrefixes } from '../src/lib/place/levels.ts';
import { peerRule } from '../src/lib/db/levels.ts';
import { sourceBundleKey } from '../src/lib/place/sources.ts';

type Row = Record<string, string | number | boolean | null>;

const report = (template: TemplateId, extra: Row = {}): ReportRow => ({ report_id: 'r1', year: template === '2019' ? 2020 : 2022, template, status: 'ok', has_disclosure: true, has_applications: true, has_reviews: true, ...extra });

describe('reportView', () => {
  for (const template of ['2019', '2021'] as const) {
    it(`has exactly the ${template} template's cells, each 未披露 when the data has none`, () => {
      const view = reportView(report(template), { disclosures: [], applications: [], reviews: [], findings: [] });
      const cells = allCells(view).filter((c) => c.inTemplate);
      // Rows with parts in the template (2021: （六）其他处理) are headings over them when not given.
      const withParts = applicationRows(template).filter((r) => applicationRows(template).some((x) => x.parent === r.code));
      expect(withParts.map((r) => r.code)).toEqual(template === '2021' ? ['other_handling'] : []);
      const expected =
        DISCLOSURE_ITEMS.reduce((s, i) => s + measuresOf(i, template).length, 0) + (applicationRows(template).length - withParts.length) * APPLICANTS.length + PROCEEDINGS.length * OUTCOMES.length;
      expect(cells).toHaveLength(expected);
      expect(cells.every((c) => c.value === null)).toBe(true);
      expect(view.templateName).toBe(TEMPLATE_NAMES[template]);
      // Section 三's rows in the template's order, with its headings between them.
      const rows = view.tables[1].blocks[0].rows.filter((r) => r.code).map((r) => r.code);
      expect(rows).toEqual(applicationRows(template).map((r) => r.code));
    });
  }

  it('puts each figure, its line and its unit where the template has it, and findings beside them', () => {
    const view = reportView(report('2019'), {
      disclosures: [
        { report_id: 'r1', item: 'procurement', measure: 'amount_yuan', value: 1327766, unit: '元', unit_inferred: true, raw: '1327766', line: 79 },
        { report_id: 'r1', item: 'penalty', measure: 'change', value: -2, unit: null, unit_inferred: null, raw: '-2', line: 40 },
        { report_id: 'other', item: 'penalty', measure: 'decisions', value: 5, unit: null, unit_inferred: null, raw: '5', line: 40 },
      ],
      applications: [{ report_id: 'r1', row: 'granted', applicant: 'natural_person', value: 0, line: 52 }],
      reviews: [],
      findings: [
        { report_id: 'r1', seq: 1, rule: 'unit_inferred', severity: 'info', message: '推定为元', section: 'disclosure', row: 'procurement', column: 'amount_yuan', line: 79 },
        { report_id: 'r1', seq: 0, rule: 'row_missing', severity: 'warning', message: '缺行', section: 'applications', row: 'denied_admin_query', column: null, line: null },
        { report_id: 'r1', seq: 2, rule: 'balance', severity: 'error', message: '不平', section: 'applications', row: null, column: 'commercial', line: 50 },
        { report_id: 'r1', seq: 3, rule: 'section_missing', severity: 'warning', message: '无第四部分', section: 'reviews', row: null, column: null, line: null },
        { report_id: 'r1', seq: 4, rule: 'meta_place_ambiguous', severity: 'warning', message: '地名', section: 'meta', row: null, column: null, line: 3 },
      ],
    });
    const cell = (section: string, row: string, col: string) => allCells(view).find((c) => c.section === section && c.row === row && c.col === col)!;
    const amount = cell('disclosure', 'procurement', 'amount_yuan');
    expect([amount.value, amount.line, amount.unit, amount.unitInferred, amount.kind]).toEqual([1327766, 79, '元', true, 'money']);
    expect(amount.findings).toEqual([2]);
    expect(cell('disclosure', 'penalty', 'decisions').value).toBeNull(); // another report's figure is not this one's
    expect(cell('applications', 'granted', 'natural_person').value).toBe(0);
    // Numbered by seq; a row finding on its row, a column finding on its column header, a section finding in the list only.
    const apps = view.tables[1];
    expect(apps.blocks[0].rows.find((r) => r.code === 'denied_admin_query')!.findings).toEqual([1]);
    expect(apps.blocks[0].head.flat().find((h) => h.col === 'commercial')!.findings).toEqual([3]);
    expect(view.tables[2].findings.map((f) => f.n)).toEqual([4]);
    expect(view.otherFindings.map((f) => f.message)).toEqual(['地名']);

    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const article = renderReport(document as unknown as Document, view);
    const td = article.querySelector('td[data-row="procurement"][data-col="amount_yuan"]')!;
    expect(td.querySelector('button.fig')!.getAttribute('data-line')).toBe('79');
    expect(td.querySelector('.v')!.textContent).toBe('132.8万元');
    expect(td.querySelector('.raw.inferred')!.textContent).toContain('推定为元');
    expect(article.querySelector('td[data-row="penalty"][data-col="change"] .v')!.textContent).toBe('-2');
    expect(article.querySelector('td[data-row="denied_admin_query"][data-col="total"] .v')!.textContent).toBe('未披露');
    expect(article.querySelector('td[data-row="denied_admin_query"][data-col="total"] button')).toBeNull();
    expect(article.querySelector(`#f-r1-1`)!.textContent).toContain('缺行');
    fillSource(document as unknown as Document, article, 'a\n\nb', '');
    expect([...article.querySelectorAll('.src-lines li')].map((li) => li.getAttribute('data-line'))).toEqual(['1', '2', '3']);
  });

  it('shows （六）其他处理 of the 2021 template as its figures when a report writes them on it', () => {
    const given = reportView(report('2021'), { disclosures: [], applications: [{ report_id: 'r1', row: 'other_handling', applicant: 'total', value: 4, line: 60 }], reviews: [], findings: [] });
    const row = given.tables[1].blocks[0].rows.find((r) => r.code === 'other_handling')!;
    expect(row.heading).toBe(false);
    expect(row.cells.find((c) => c.col === 'total')!.value).toBe(4);
    expect(row.cells.find((c) => c.col === 'natural_person')!.value).toBeNull();
  });

  it('marks the figures placed by the template’s identities, and says what that means under their table', () => {
    const view = reportView(report('2021'), {
      disclosures: [],
      applications: [
        { report_id: 'r1', row: 'granted', applicant: 'natural_person', value: 3, line: 52, placement: 'identity' },
        { report_id: 'r1', row: 'granted', applicant: 'total', value: 3, line: 58, placement: 'aligned' },
      ],
      reviews: [{ report_id: 'r1', proceeding: 'review', outcome: 'upheld', value: 0, line: 90, placement: 'aligned' }],
      findings: [],
    });
    const cell = (col: string) => allCells(view).find((c) => c.section === 'applications' && c.row === 'granted' && c.col === col)!;
    expect([cell('natural_person').byIdentity, cell('total').byIdentity, cell('commercial').byIdentity]).toEqual([true, false, false]);
    const { document } = parseHTML('<html><body></body></html>');
    const article = renderReport(document as unknown as Document, view);
    const marked = [...article.querySelectorAll('td[data-placement="identity"]')].map((td) => `${td.getAttribute('data-row')}.${td.getAttribute('data-col')}`);
    expect(marked).toEqual(['granted.natural_person']);
    expect(article.querySelector('td[data-placement="identity"] .placed')?.textContent).toBe('推');
    expect(article.querySelector('td[data-placement="identity"] button')?.getAttribute('aria-label')).toContain('按勾稽关系定位');
    // The note stands under section 三, which has such a figure, and not under section 四.
    expect(article.querySelector('[data-section="applications"] .placed-note')?.textContent).toContain('勾稽关系');
    expect(article.querySelector('[data-section="reviews"] .placed-note')).toBeNull();
  });

  it('marks a report without a section 四 table', () => {
    const view = reportView(report('2019', { has_reviews: false }), { disclosures: [], applications: [], reviews: [], findings: [] });
    expect(view.tables.map((t) => t.absent)).toEqual([false, false, true]);
  });

  it('formats figures: counts grouped, changes signed, money in 万元, null as 未披露', () => {
    expect(cellText('count', 12345)).toBe('12,345');
    expect(cellText('change', 3)).toBe('+3');
    expect(cellText('money', 4837000)).toBe('483.7万元');
    expect(cellText('count', null)).toBe('未披露');
    expect(cellText('count', 0)).toBe('0');
  });
});

describe('levels, measures and source files', () => {
  it('names levels from the dictionary and knows each level’s peers', () => {
    expect(['town', 'county', 'city'].map(levelName)).toEqual(['乡镇街道', '县级', '地级']);
    expect(peerRule('town')?.column).toBe('county_code');
    expect(peerRule('county')?.column).toBe('city_code');
    expect(peerRule('city')?.column).toBe('province_code');
    expect(peerRule('province')).toBeNull();
    expect(['37', '3715', '371503', '371503110', '3715031', 'x'].map(isPlaceCode)).toEqual([true, true, true, true, false, false]);
  });

  it('says why a URL code names no place page, and which place codes it begins with', () => {
    expect(placeCodeProblem('371503110')).toBeNull();
    expect(placeCodeProblem('6325251010')).toMatch(/^“6325251010”不是地方代码：.*9 位/);
    expect(placeCodeProblem('  ')).toBe('网址中的地方代码是空的。');
    expect(placeCodeProblem('9'.repeat(60))).toContain('…”不是地方代码');
    expect(codePrefixes('6325251010')).toEqual(['632525101', '632525', '6325', '63']);
    expect(codePrefixes('632525101000')).toEqual(['632525101', '632525', '6325', '63']);
    expect(codePrefixes('320813999')).toEqual(['320813', '3208', '32']);
    expect(codePrefixes('632525101x')).toEqual(['632525101', '632525', '6325', '63']);
    expect(codePrefixes('abc')).toEqual([]);
  });

  it('takes the key figures’ labels and templates from the data dictionary', () => {
    const procurement = KEY_MEASURES.find((m) => m.key === 'procurement__amount_yuan')!;
    expect(procurement.kind).toBe('yuan');
    expect(procurement.templates).toEqual(['2019']);
    expect(inTemplate(procurement, '2021')).toBe(false);
    expect(inTemplate(procurement, '2019')).toBe(true);
    expect(KEY_MEASURES.every((m) => m.label && m.meaning)).toBe(true);
  });

  it('puts a report’s text in its county’s file (a city’s or province’s own: theirs)', () => {
    expect(sourceBundleKey({ county_code: '371503', city_code: '3715', province_code: '37' })).toBe('371503');
    expect(sourceBundleKey({ county_code: null, city_code: '3208', province_code: '32' })).toBe('3208');
    expect(sourceBundleKey({ county_code: null, city_code: null, province_code: '32' })).toBe('32');
  });
});
