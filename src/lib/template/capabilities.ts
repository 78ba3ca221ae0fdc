// What the templates can give, asked of the catalog rather than spelt by year:
// "which templates have procurement amounts", "which figures a report of this
// template gives", "which template a year's report uses". The build's summary
// tables and the site's dashboard ask these; none of them names a template.

import { CATALOG, type Catalog, type TemplateId } from './model.ts';

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
