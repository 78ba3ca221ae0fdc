// The template catalog as a value: the declarative data of model.ts (or of any
// other set of templates) and the questions asked of it. Parser, validator,
// schema, dictionary and the site's tables take a Catalog; the real one
// (model.ts CATALOG) is their default. Nothing outside src/lib/template needs
// to know which template has what: it asks the catalog.

import type { ApplicationRow, DisclosureItem, IdentityRule, Labelled, Measure, Proceeding, Range, SectionHeading, TableCode, TemplateId, TemplateSet } from './types.ts';

export type { TableCode, TemplateId, TemplateSet } from './types.ts';

export const TABLE_CODES: readonly TableCode[] = ['disclosure', 'applications', 'reviews'];

export interface TemplateDef {
  id: TemplateId;
  /** The Chinese name users see. */
  name: string;
  /** The first report year it is used for; reports before the first template's year use the first. */
  firstYear: number;
  /** The tables it prints. */
  tables: readonly TableCode[];
}

/** Everything a catalog is made of: data only. */
export interface CatalogData {
  /** In the order they were issued: { from } sets and the choice by year follow it. */
  templates: readonly TemplateDef[];
  measures: readonly Measure[];
  disclosureItems: readonly DisclosureItem[];
  disclosureHeaders: readonly Labelled[];
  applicants: readonly Labelled[];
  applicationHeaders: readonly Labelled[];
  applicationGroups: readonly Labelled[];
  applicationRows: readonly ApplicationRow[];
  proceedings: readonly Proceeding[];
  outcomes: readonly Labelled[];
  reviewHeaders: readonly Labelled[];
  sections: readonly SectionHeading[];
  /** The consistency rules (identities) a report's figures obey. */
  rules: readonly IdentityRule[];
  /** Plausible per-project amount of 政府集中采购 and the like: a ratio rule's default range. */
  ratioRange: Range;
}

export interface Catalog extends CatalogData {
  readonly templateIds: readonly TemplateId[];
  template(id: TemplateId): TemplateDef;
  isTemplate(id: unknown): id is TemplateId;
  /** Which template a report on `year` uses, when its headers cannot tell. */
  templateOfYear(year: number): TemplateId;
  /** The template in use now (the latest issued). */
  readonly latest: TemplateId;
  measure(code: string): Measure;
  disclosureItem(code: string): DisclosureItem;
  applicationRow(code: string): ApplicationRow;
  /** The measures an item has under a template, or [] when the template has no such row. */
  measuresOf(item: DisclosureItem, template: TemplateId): readonly string[];
  /** Section 二's items under a template, in printed order. */
  itemsOf(template: TemplateId): readonly DisclosureItem[];
  /** Section 三's rows under a template, in printed order. */
  rowsOf(template: TemplateId): readonly ApplicationRow[];
  /** Whether the template prints this table at all. */
  hasTable(template: TemplateId, table: TableCode): boolean;
  /** The templates a set names. */
  templatesIn(set: TemplateSet | undefined): readonly TemplateId[];
  /** A label as the template words it. */
  labelOf(thing: Labelled, template: TemplateId): string;
  /** The rules that apply to a template's report (those over tables it prints, for the templates they name). */
  rulesOf(template: TemplateId): readonly IdentityRule[];
  rule(code: string): IdentityRule;
  readonly applicantCodes: readonly string[];
  readonly outcomeCodes: readonly string[];
  readonly proceedingCodes: readonly string[];
  /** The applicant columns that add up to `total`. */
  readonly applicantParts: readonly string[];
  /** The section 四 outcomes that add up to `total`. */
  readonly outcomeParts: readonly string[];
}

function byCode<T extends { code: string }>(list: readonly T[], what: string): (code: string) => T {
  const index = new Map(list.map((x) => [x.code, x]));
  return (code) => {
    const hit = index.get(code);
    if (!hit) throw new Error(`unknown ${what} ${code}`);
    return hit;
  };
}

/** Builds the catalog's look-ups once; every question after that is a map or array read. */
export function makeCatalog(data: CatalogData): Catalog {
  const ids = data.templates.map((t) => t.id);
  const template = byCode(
    data.templates.map((t) => ({ ...t, code: t.id })),
    'template',
  );
  const templatesIn = (set: TemplateSet | undefined): readonly TemplateId[] => {
    if (set === undefined) return ids;
    if ('from' in set) {
      const at = ids.indexOf(set.from);
      return at < 0 ? [] : ids.slice(at);
    }
    return (set as readonly TemplateId[]).filter((t) => ids.includes(t));
  };
  const rows = new Map(ids.map((t) => [t, data.applicationRows.filter((r) => templatesIn(r.templates).includes(t))]));
  const items = new Map(ids.map((t) => [t, data.disclosureItems.filter((i) => (i.measures[t] ?? []).length > 0)]));
  const byYear = [...data.templates].sort((a, b) => a.firstYear - b.firstYear);
  const tables = new Map(data.templates.map((t) => [t.id, new Set(t.tables)]));
  const rulesOf = new Map(ids.map((t) => [t, data.rules.filter((r) => tables.get(t)!.has(r.table) && templatesIn(r.templates).includes(t))]));
  const applicantCodes = data.applicants.map((a) => a.code);
  const outcomeCodes = data.outcomes.map((o) => o.code);
  const known = (t: TemplateId) => {
    if (!rows.has(t)) throw new Error(`unknown template ${t}`);
    return t;
  };
  return {
    ...data,
    templateIds: ids,
    template: (id) => template(id),
    isTemplate: (id): id is TemplateId => typeof id === 'string' && ids.includes(id),
    templateOfYear(year) {
      let hit = byYear[0];
      for (const t of byYear) if (t.firstYear <= year) hit = t;
      return hit.id;
    },
    latest: byYear[byYear.length - 1].id,
    measure: byCode(data.measures, 'measure'),
    disclosureItem: byCode(data.disclosureItems, 'disclosure item'),
    applicationRow: byCode(data.applicationRows, 'application row'),
    measuresOf: (item, t) => item.measures[t] ?? [],
    itemsOf: (t) => items.get(known(t))!,
    rowsOf: (t) => rows.get(known(t))!,
    hasTable: (t, table) => tables.get(known(t))!.has(table),
    templatesIn,
    labelOf: (thing, t) => thing.labelIn?.[t] ?? thing.label,
    rulesOf: (t) => rulesOf.get(known(t))!,
    rule: byCode(data.rules, 'rule'),
    applicantCodes,
    outcomeCodes,
    proceedingCodes: data.proceedings.map((p) => p.code),
    applicantParts: applicantCodes.filter((c) => c !== 'total'),
    outcomeParts: outcomeCodes.filter((c) => c !== 'total'),
  };
}

/** A label without its bracketed note: '部分公开（区分处理的，只计这一情形…）' → '部分公开'. */
export const trimLabelNote = (label: string): string => label.replace(/（.*$/, '');

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A section number as the reports print it: 4 → 四. */
export const sectionNumeral = (n: number): string => NUMERALS[n - 1] ?? String(n);

/** A table's section by its number: 第二部分. */
export function sectionPart(catalog: Catalog, table: TableCode): string {
  const s = catalog.sections.find((x) => x.code === table);
  return s ? `第${sectionNumeral(s.number)}部分` : table;
}

/** A table's section by its number and printed name: 第二部分“主动公开政府信息情况”. */
export function sectionName(catalog: Catalog, table: TableCode): string {
  const s = catalog.sections.find((x) => x.code === table);
  return s ? `${sectionPart(catalog, table)}“${s.label}”` : table;
}
