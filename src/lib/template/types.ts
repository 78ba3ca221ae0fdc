// The shapes of the template model: what a template, a row, a measure and a
// consistency rule are. Values live in model.ts (the national templates),
// catalog.ts (a catalog built from them) and checks.ts (the rules); this file
// imports nothing, so those can refer to one another's shapes without a cycle.

export type TemplateId = string;

/** The three tables a template may print. */
export type TableCode = 'disclosure' | 'applications' | 'reviews';

/** Where a row exists: the listed templates, or one template and every later one (catalog order). */
export type TemplateSet = readonly TemplateId[] | { readonly from: TemplateId };

/** A thing with a code and the Chinese words reports use for it. */
export interface Labelled {
  code: string;
  /** The template's own wording. */
  label: string;
  /** Other wordings met in real reports (the parser normalises brackets, spaces and numbering itself). */
  variants?: readonly string[];
  /** A short Chinese name for charts and tables. */
  short?: string;
  /** What it counts, for the data dictionary (Chinese). */
  meaning?: string;
  /** The wording of templates that print it otherwise than `label`. */
  labelIn?: Readonly<Record<TemplateId, string>>;
}

export type MeasureKind = 'count' | 'change' | 'money';

export type MoneyUnit = '元' | '万元' | '亿元';

export interface Measure extends Labelled {
  kind: MeasureKind;
  /** The unit the template prints in the header, if any. */
  templateUnit?: MoneyUnit;
  /** Where this measure's plausible values differ from its kind's (KIND_RANGES). */
  range?: Range;
}

/** The values a figure can plausibly take, both ends included. */
export interface Range {
  readonly min: number;
  readonly max: number;
  /** The most decimal places a value may have (money: 2, to the fen). Counts are whole numbers by their kind. */
  readonly decimals?: number;
}

export interface DisclosureItem extends Labelled {
  /** The article of the regulation the template's sub-table heads with, e.g. 第二十条第（一）项. */
  article: string;
  /** Measure codes per template; absent when the template has no such row. */
  measures: Partial<Record<TemplateId, readonly string[]>>;
}

export interface ApplicationRow extends Labelled {
  /** Numbering as printed in the template, used to tell rows apart when a label is garbled. */
  number: string;
  /** The printed group the row stands in (e.g. （三）不予公开). */
  group?: string;
  /** The templates that print the row (every template when absent). */
  templates?: TemplateSet;
  /** A sub-row of another row (the 2021 template splits （六）其他处理 into three). */
  parent?: string;
  /** Part of the outcomes that add up to （七）总计. */
  outcome?: boolean;
  /**
   * The label is also a column or header word ('其他', '总计'): it is read as this row only when it carries
   * this numbering or follows one of these rows.
   */
  ambiguous?: { numbers: readonly string[]; after: readonly string[] };
  /** Where this row's plausible values differ from APPLICATION_RANGE. */
  range?: Range;
}

export interface Proceeding extends Labelled {
  /** Where this proceeding's plausible values differ from REVIEW_RANGE. */
  range?: Range;
}

export interface SectionHeading {
  number: number;
  code: 'overview' | 'disclosure' | 'applications' | 'reviews' | 'problems' | 'other';
  label: string;
  /** Distinctive words: a short line that contains one of them and carries the section's number (or none) is the heading. */
  keys: readonly string[];
}

export type Severity = 'error' | 'warning' | 'info';

/** One side of an identity: codes (rows for a per-column rule, columns for a per-row one), or section 三's outcome rows. */
export type Terms = readonly string[] | { readonly outcomes: true };

export interface IdentityRule {
  /** The check's code: `checks.check` and the finding's rule. */
  code: string;
  table: TableCode;
  /** 'column': one check per column of the table, over rows; 'row': one per row (row, item, proceeding), over its columns. */
  per: 'column' | 'row';
  /** left = right; left ≤ right; left ÷ right within `range` (both 0 holds, one 0 fails). */
  relation: 'equal' | 'at_most' | 'ratio';
  left: Terms;
  right: Terms;
  /** For a ratio: the plausible quotients (the catalog's ratioRange when absent). */
  range?: Range;
  /** What the check is called in a sentence (Chinese). */
  name: string;
  /** A failed check's finding title (Chinese). */
  title: string;
  severity: Severity;
  /** What holds and what the report's author can do (Chinese): the end of a failure's message. */
  advice: string;
  /** The templates whose reports the rule applies to (every template printing its table when absent). */
  templates?: TemplateSet;
  /** One Chinese name for a side, where it reads better than its terms one by one ('六类申请人'). */
  leftName?: string;
  rightName?: string;
}
