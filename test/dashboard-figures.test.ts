// The dashboard's figures come from the template model, as the summary's columns do: every figure
// the dashboard loads is a column of the summary and of region_year, every key a panel charts is
// one the dashboard loads (or a value the panel derives), and the words the panels print are the
// model's.
import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, REGION_YEAR, SUMMARY, SUMMARY_REPORT_COLUMNS } from '../src/lib/build/summary.ts';
import { DASHBOARD_FIGURES, PROCUREMENT_TEMPLATES, dashboardFigure, tableFor } from '../src/lib/db/queries/overview.ts';
import { PANELS, SECTIONS } from '../src/lib/dashboard/panels.ts';
import { headlineCards } from '../src/lib/dashboard/headline.ts';
import { EMPTY_FILTER } from '../src/lib/db/filter.ts';
import { APPLICATION_GROUPS, APPLICATION_ROWS, DISCLOSURE_ITEMS, TEMPLATES, TEMPLATE_NAMES, measure, measuresOf } from '../src/lib/template/model.ts';
import { leadingMeasures, outcomeTotals, reportsWithColumn, templateShortName, templatesWith, templatesWithItem } from '../src/lib/template/capabilities.ts';

const summaryColumns = new Set(SUMMARY.columns.map((c) => c.name));
const regionColumns = new Set(REGION_YEAR.columns.map((c) => c.name));

describe('the dashboard figures', () => {
  it('are all summary columns, each with its count of reports in region_year', () => {
    expect(DASHBOARD_FIGURES.length).toBeGreaterThan(30);
    expect(new Set(DASHBOARD_FIGURES).size).toBe(DASHBOARD_FIGURES.length);
    for (const f of DASHBOARD_FIGURES) {
      expect(summaryColumns, f).toContain(f);
      expect(regionColumns, f).toContain(f);
      expect(regionColumns, `n_${f}`).toContain(`n_${f}`);
    }
  });

  it('are every summary figure of section 四 and of the applicants of section 三, and each template’s own document count', () => {
    const reviews = FIGURE_COLUMNS.filter((c) => 'table' in c.source && c.source.table === 'reviews').map((c) => c.name);
    expect(reviews.length).toBeGreaterThan(0);
    for (const r of reviews) expect(DASHBOARD_FIGURES).toContain(r);
    const applicants = FIGURE_COLUMNS.filter((c) => 'table' in c.source && c.source.table === 'applications' && c.source.row === 'new_received').map((c) => c.name);
    for (const a of applicants) expect(DASHBOARD_FIGURES).toContain(a);
    // A template's document count is on the dashboard under every template, not only one of them.
    for (const t of TEMPLATES) {
      const lead = measuresOf(DISCLOSURE_ITEMS.find((i) => i.code === 'regulations')!, t)[0];
      if (lead) expect(DASHBOARD_FIGURES).toContain(`regulations__${lead}`);
    }
    expect(leadingMeasures('regulations').flatMap((m) => m.templates)).toEqual(TEMPLATES.filter((t) => measuresOf(DISCLOSURE_ITEMS.find((i) => i.code === 'regulations')!, t).length > 0));
  });

  it('refuses a figure the dashboard does not load', () => {
    expect(() => dashboardFigure('procurement', 'no_such_measure')).toThrow(/not a dashboard figure/);
    expect(dashboardFigure('procurement', 'amount_yuan')).toBe('procurement__amount_yuan');
  });

  it('are what the browser reads, with the report counts procurement totals are out of', () => {
    const town = tableFor({ ...EMPTY_FILTER, province: '11', county: '110101' });
    const region = tableFor(EMPTY_FILTER);
    for (const f of DASHBOARD_FIGURES) {
      expect(town.columns).toContain(f);
      expect(region.columns).toContain(`n_${f}`);
    }
    for (const c of region.columns) expect(regionColumns, c).toContain(c);
    for (const c of town.columns) expect(new Set([...summaryColumns, ...SUMMARY_REPORT_COLUMNS]), c).toContain(c);
    expect(PROCUREMENT_TEMPLATES).toEqual(templatesWith('procurement', 'amount_yuan'));
    expect(PROCUREMENT_TEMPLATES).toEqual(templatesWithItem('procurement'));
    expect(region.columns).toContain(reportsWithColumn('procurement'));
  });
});

describe('the capabilities the site asks of the model', () => {
  it('total every outcome of section 三 once: each row on its own, in its group, or in the row it is part of', () => {
    const totals = outcomeTotals().map((o) => o.row);
    expect(new Set(totals).size).toBe(totals.length);
    for (const r of APPLICATION_ROWS.filter((x) => x.outcome)) {
      const home = r.group ?? (r.parent ? `${r.parent}_any` : APPLICATION_ROWS.some((x) => x.parent === r.code) ? `${r.code}_any` : r.code);
      expect(totals, r.code).toContain(home);
    }
    for (const t of totals) expect(FIGURE_COLUMNS.map((c) => c.name), t).toContain(`${t}__total`);
  });

  it('name the templates that have a figure, and each template shortly', () => {
    for (const item of DISCLOSURE_ITEMS) {
      for (const t of TEMPLATES) for (const m of measuresOf(item, t)) expect(templatesWith(item.code, m)).toContain(t);
    }
    for (const t of TEMPLATES) {
      expect(TEMPLATE_NAMES[t].startsWith(templateShortName(t))).toBe(true);
      expect(templateShortName(t)).not.toContain('（');
    }
  });
});

describe('the panels', () => {
  const derived = new Set(['year', 'place', 'lacking', 'per_project', 'reports', 'procurement_reports', 'measure', 'value', 'given', 'n_value', 'proceeding', 'outcome', 'proactive_items']);

  it('chart and list only dashboard figures and the values they derive', () => {
    for (const p of PANELS) for (const c of p.columns) expect(DASHBOARD_FIGURES.includes(c.key) || derived.has(c.key), `${p.id}: ${c.key}`).toBe(true);
  });

  it('print the model’s words for what they show', () => {
    const words = PANELS.flatMap((p) => [p.title, p.note, ...p.columns.map((c) => c.label)]).join('\n');
    expect(words).toContain(measure('amount_yuan').label);
    for (const g of APPLICATION_GROUPS.filter((x) => x.code !== 'results')) {
      const outcomes = PANELS.find((p) => p.id === 'outcomes-share')!;
      expect(outcomes.columns.map((c) => c.label)).toContain(g.label.replace(/^（.）/, ''));
    }
    // The templates that have 政府集中采购 are named by the model, and only those.
    const lede = SECTIONS.find((s) => s.id === 'procurement')!.lede;
    for (const t of TEMPLATES) expect(lede.includes(TEMPLATE_NAMES[t])).toBe(PROCUREMENT_TEMPLATES.includes(t));
  });

  it('say when no selected report’s template has 政府集中采购, instead of calling it undisclosed', () => {
    const none = { reports: 5, towns: 5, first_year: 2022, last_year: 2022, requests: 3, requests_given: 5, procurement: null, procurement_given: 0, procurement_reports: 0, proactive: null, proactive_given: 0 };
    expect(headlineCards(none).find((c) => c.id === 'procurement')!.note).toContain('模板都没有这一项');
    const some = { ...none, procurement: 1000, procurement_given: 2, procurement_reports: 3 };
    expect(headlineCards(some).find((c) => c.id === 'procurement')!.note).toBe('1 份报告未披露，未计入');
  });
});
