// The truth file's record: what the parser should return for one synthetic
// report, one JSON line per report in DIR/truth.jsonl.
//
// Figures are given as the parser should return them: null where the report
// does not give a figure the parser can place (a row printed with lost cells,
// the form of （六）其他处理 that the report does not print). Rows of section
// 三 are arrays in APPLICANT_CODES order, proceedings of section 四 arrays in
// OUTCOME_CODES order; money is in yuan.

import type { CheckCode, MoneyUnit, TemplateId } from '../template/model.ts';
import type { Break } from './sequence.ts';

/** How the tables are laid out: one base layout … */
export const BASE_LAYOUTS = ['tabs', 'cells', 'markdown', 'pdf'] as const;
/** … and any of these modifiers. */
export const LAYOUT_MODIFIERS = ['header_page_break', 'table_moved', 'lost_cells', 'shifted_row', 'table_cut', 'label_typo', 'placeholder_cells'] as const;
/**
 * What happened to the whole report on its way to the user (the classes of issue 14): its tables
 * in PDF reading order (pdftotext, or pdf.js as a viewer's copy gives it), the report through a
 * PDF-to-Markdown converter, a web page whose report a script writes, or a mirror site's copy
 * (Traditional characters, pinyin notes, adverts glued to the title and sentences).
 */
export const DAMAGE_CLASSES = ['content_stream', 'pdfjs_order', 'converter_markdown', 'script_page', 'mirror'] as const;
/** How （六）其他处理 is printed under the 2021 template. */
export const OTHER_HANDLING_FORMS = ['other_handling_parent', 'other_handling_split'] as const;

export type BaseLayout = (typeof BASE_LAYOUTS)[number];
export type LayoutModifier = (typeof LAYOUT_MODIFIERS)[number];
export type OtherHandlingForm = (typeof OTHER_HANDLING_FORMS)[number];
export type DamageClass = (typeof DAMAGE_CLASSES)[number];
export type LayoutTag = BaseLayout | LayoutModifier | OtherHandlingForm | DamageClass;

/** Every tag a corpus of a few hundred reports is expected to show. */
export const ALL_LAYOUT_TAGS: readonly LayoutTag[] = [...BASE_LAYOUTS, ...LAYOUT_MODIFIERS, ...OTHER_HANDLING_FORMS, ...DAMAGE_CLASSES];

/** Where the procurement amount's unit is written (2019 template). */
export type UnitWritten = 'cell' | 'header' | 'none';

export type Cells = (number | null)[];

export interface FailingCheck {
  check: CheckCode;
  scope: string;
}

export interface TruthRecord {
  /** Path relative to the corpus folder, '/'-separated. */
  file: string;
  town_code: string;
  town: string;
  county: string | null;
  city: string | null;
  province: string;
  /** The text names the county (and city), not only the town. */
  names_parents: boolean;
  year: number;
  template: TemplateId;
  layout: LayoutTag[];
  /** ISO date of the closing signature. */
  published_on: string;
  proactive_items: number;
  proactive_items_approx: boolean;
  /** item → measure → value; money in yuan. */
  disclosure: Record<string, Record<string, number | null>>;
  /** The procurement amount's unit (2019 template only; null under 2021). */
  procurement: { unit: MoneyUnit | null; unit_written: UnitWritten; unit_inferred: boolean } | null;
  /** row → seven values in APPLICANT_CODES order. */
  applications: Record<string, Cells>;
  /** proceeding → five values in OUTCOME_CODES order. */
  reviews: Record<string, Cells>;
  /**
   * The deliberate inconsistency, or null for a clean report: the check it was made for and the
   * one figure changed (from → to, as printed).
   */
  changed: { kind: CheckCode; table: 'disclosure' | 'applications' | 'reviews'; row: string; column: string; from: number; to: number } | null;
  /** Checks that must fail (all of them; empty for a clean report). */
  failing: FailingCheck[];
  /** The key the narrative was drawn from: reports with the same key have copied words. */
  prose: string;
  /** Continuity with the year before broken on purpose, or null. */
  broken: Break | null;
  /** For a second version of a report: the first's file (the first is the one the site uses). */
  duplicate_of: string | null;
}
