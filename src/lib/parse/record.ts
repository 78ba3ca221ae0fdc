// The structured record of one report, as the parser returns it.

import type { Finding } from '../findings.ts';
import type { MoneyUnit, TemplateId } from '../template/model.ts';
import type { PlaceLevel } from '../gazetteer/index.ts';

/** One figure of a table: null when the report does not give it or it cannot be placed. */
export interface Figure {
  value: number | null;
  /** The cell as written, when there was one. */
  raw: string | null;
  /** 1-based line of the source text the figure stands on. */
  line: number | null;
  /**
   * How the figure was put in its cell: absent when read in its row after its label ('aligned');
   * 'identity' when the text did not give it row by row and the template's identities placed it
   * (parse/recover). A zero placed by identity stands for one of the interchangeable zeros of
   * its table: its line is that of one of them.
   */
  placement?: 'identity';
}

export interface MoneyFigure extends Figure {
  /** The unit as written in the cell or header, or as inferred. */
  unit: MoneyUnit | null;
  unit_inferred: boolean;
}

export type ReportLevel = PlaceLevel | 'department';

/** The regions above a town, as the national list names and codes them. */
export interface ParentPlaces {
  county: string | null;
  county_code: string | null;
  city: string | null;
  city_code: string | null;
  province: string | null;
  province_code: string | null;
}

export interface PlaceFields extends ParentPlaces {
  town: string | null;
  town_code: string | null;
}

export interface ReportRecord extends PlaceFields {
  source_file: string;
  /** The reporting body as the report names it. */
  agency: string | null;
  level: ReportLevel | null;
  /** How the place was decided (Chinese), or why it was not. */
  place_basis: string | null;
  year: number | null;
  template: TemplateId | null;
  /** 'headers' when section 二's headers tell; 'year' when only the year does. */
  template_basis: 'headers' | 'year' | null;
  published_on: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  proactive_items: number | null;
  proactive_items_approx: boolean | null;
  proactive_items_line: number | null;
  /** 人大代表建议 handled, as the narrative states. */
  npc_suggestions: number | null;
  /** 政协提案 handled, as the narrative states. */
  cppcc_proposals: number | null;
  /** 信息处理费 charged (yuan), as the narrative states. */
  info_fees_yuan: number | null;
  /** item → measure → figure; only the items and measures of the report's template. */
  disclosure: Record<string, Record<string, Figure | MoneyFigure>>;
  /** row → applicant → figure; only the rows of the report's template. */
  applications: Record<string, Record<string, Figure>>;
  /** proceeding → outcome → figure. */
  reviews: Record<string, Record<string, Figure>>;
  /** Which tables the report shows at all. */
  tables_found: { disclosure: boolean; applications: boolean; reviews: boolean };
  findings: Finding[];
}

export function isMoney(f: Figure | MoneyFigure): f is MoneyFigure {
  return 'unit' in f;
}

export const NULL_FIGURE: Figure = Object.freeze({ value: null, raw: null, line: null }) as Figure;
