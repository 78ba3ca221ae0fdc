// Questions the site asks of the template model, so that no code outside this folder
// needs to know which template (by year) has what. Pure functions over model.ts.

import { APPLICATION_GROUPS, APPLICATION_ROWS, TEMPLATES, TEMPLATE_NAMES, disclosureItem, measuresOf, type TemplateId } from './model.ts';

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

/** The region_year column counting the reports written in a template. */
export const templateReportsColumn = (t: TemplateId): string => `reports_${t}`;

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
