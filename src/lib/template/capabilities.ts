// What the templates can give, asked of the catalog rather than spelt by year:
// "which templates have procurement amounts", "which figures a report of this
// template gives", "which template a year's report uses". The build's summary
// tables and the site's dashboard ask these; none of them names a template.

import { APPLICATION_GROUPS, APPLICATION_ROWS, CATALOG, TEMPLATES, TEMPLATE_NAMES, disclosureItem, measuresOf, type Catalog, type TemplateId } from './model.ts';

/** The templates whose section 二 has the item (e.g. 'procurement'), in catalog order. */
export function templatesWithItem(item: string, catalog: Catalog = CATALOG): readonly TemplateId[] {
  const def = catalog.disclosureItem(item);
  return catalog.templateIds.filter((t) => catalog.measuresOf(def, t).length > 0);
}

/**
 * The templates that give a figure, named as the summary names it: 'item__measure' for section 二
 * ('procurement__amount_yuan'), 'row__applicant' for section 三 ('other_handling_no_fee__total'),
 * 'proceeding__outcome' for section 四.
 */
export function templatesGiving(figure: string, catalog: Catalog = CATALOG): readonly TemplateId[] {
  return catalog.templateIds.filter((t) => figuresOf(t, catalog).includes(figure));
}

/** Whether a report of the template gives the figure (named as in templatesGiving). */
export function gives(template: TemplateId, figure: string, catalog: Catalog = CATALOG): boolean {
  return catalog.isTemplate(template) && figuresOf(template, catalog).includes(figure);
}

/** Whether a report of the template has 政府集中采购 amounts. */
export function hasProcurementAmounts(template: TemplateId, catalog: Catalog = CATALOG): boolean {
  return gives(template, 'procurement__amount_yuan', catalog);
}

const FIGURES = new WeakMap<Catalog, Map<TemplateId, readonly string[]>>();

/** Every figure a report of the template gives, named as in templatesGiving, in printed order. */
export function figuresOf(template: TemplateId, catalog: Catalog = CATALOG): readonly string[] {
  let byTemplate = FIGURES.get(catalog);
  if (!byTemplate) FIGURES.set(catalog, (byTemplate = new Map()));
  let hit = byTemplate.get(template);
  if (!hit) {
    const out: string[] = [];
    if (catalog.hasTable(template, 'disclosure')) for (const item of catalog.itemsOf(template)) for (const m of catalog.measuresOf(item, template)) out.push(`${item.code}__${m}`);
    if (catalog.hasTable(template, 'applications')) for (const row of catalog.rowsOf(template)) for (const a of catalog.applicantCodes) out.push(`${row.code}__${a}`);
    if (catalog.hasTable(template, 'reviews')) for (const p of catalog.proceedingCodes) for (const o of catalog.outcomeCodes) out.push(`${p}__${o}`);
    byTemplate.set(template, (hit = out));
  }
  return hit;
}

/** Which template a report on `year` uses (when its headers cannot tell). */
export function templateOfYear(year: number, catalog: Catalog = CATALOG): TemplateId {
  return catalog.templateOfYear(year);
}

/** A template's Chinese name ('2021 年版模板（2021 年度起）'); an unknown id is returned as it is. */
export function templateName(template: TemplateId, catalog: Catalog = CATALOG): string {
  return catalog.isTemplate(template) ? catalog.template(template).name : template;
}

/** The section 二 items some templates have and others do not ('procurement', 'other_services'). */
export function itemsNotInEvery(catalog: Catalog = CATALOG): readonly string[] {
  return catalog.disclosureItems.filter((i) => templatesWithItem(i.code, catalog).length < catalog.templateIds.length).map((i) => i.code);
}

/**
 * The region_year column counting the reports whose template has the item (build/summary.ts writes
 * one for each of itemsNotInEvery): the reports a total of the item's figures can come from.
 */
export const reportsWithColumn = (item: string): string => `reports_with_${item}`;

/** An SQL condition on a `template` column: the report's template is one of `templates` (FALSE for none). */
export function templateIn(templates: readonly TemplateId[], column = 'template'): string {
  return templates.length === 0 ? 'FALSE' : `${column} IN (${templates.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ')})`;
}

// What the site's pages ask besides: names of figures, an item's measures and their templates,
// section 三's outcome totals as the summary names them.

/** The name of a summary figure: an item or row code, then a measure, applicant or outcome code. */
export const figureName = (row: string, column: string): string => `${row}__${column}`;

/** The templates whose section 二 gives this measure of this item (in the model's order). */
export function templatesWith(item: string, measure: string): readonly TemplateId[] {
  const it = disclosureItem(item);
  return TEMPLATES.filter((t) => measuresOf(it, t).includes(measure));
}

/** Every measure an item has under any template, in the model's order, each with the templates that have it. */
export function itemMeasures(item: string): { measure: string; templates: readonly TemplateId[] }[] {
  const it = disclosureItem(item);
  const codes = [...new Set(TEMPLATES.flatMap((t) => measuresOf(it, t)))];
  return codes.map((measure) => ({ measure, templates: TEMPLATES.filter((t) => measuresOf(it, t).includes(measure)) }));
}

/** The measure each template leads an item's row with (本年新制作数量, 本年制发件数…), one per template that has the item. */
export function leadingMeasures(item: string): { measure: string; templates: readonly TemplateId[] }[] {
  const it = disclosureItem(item);
  const leads = [...new Set(TEMPLATES.map((t) => measuresOf(it, t)[0]).filter((m): m is string => m !== undefined))];
  return leads.map((measure) => ({ measure, templates: TEMPLATES.filter((t) => measuresOf(it, t)[0] === measure) }));
}

/** A template's short name for labels: “2019 年版”. */
export const templateShortName = (t: TemplateId): string => TEMPLATE_NAMES[t].replace(/模板?（.*$/, '').trim();

/**
 * Section 三's outcomes as the site totals them, in printed order: a row on its own, a group of rows
 * (不予公开…) as one, and a row some templates split into parts (其他处理) together with its parts
 * (the summary's `<row>_any`). Each is the row code of a summary figure `<row>__total`.
 */
export function outcomeTotals(): { row: string; label: string }[] {
  const out: { row: string; label: string }[] = [];
  for (const r of APPLICATION_ROWS.filter((x) => x.outcome && !x.parent)) {
    if (r.group) {
      if (!out.some((o) => o.row === r.group)) out.push({ row: r.group, label: applicationGroupName(r.group) });
    } else out.push({ row: APPLICATION_ROWS.some((x) => x.parent === r.code) ? `${r.code}_any` : r.code, label: r.short ?? r.label });
  }
  return out;
}

/** A group of section 三's outcomes by its printed words, without the numbering: 不予公开. */
export function applicationGroupName(code: string): string {
  const g = APPLICATION_GROUPS.find((x) => x.code === code);
  if (!g) throw new Error(`unknown application group ${code}`);
  return g.label.replace(/^（.）/, '');
}
