// The shapes of what the quality page shows (view.ts computes them, render.ts
// draws them): the headline, the rules, the failing reports, the findings and
// the completeness grid of a filter.

import type { CompletenessGrain } from '../db/queries/quality.ts';
import type { QualityFilter } from '../db/quality-filter.ts';
import type { RuleCode, Severity } from '../findings.ts';
import type { League } from './league.ts';
import type { ReportPlace } from './links.ts';

export type QualityMode = 'rows' | 'summary';

export interface Headline {
  reports: number;
  failed: number;
  completeness: number | null;
  failing_balance: number;
  failing_checks: number;
  findings: number;
  findings_reports: number;
}

export interface RuleCount {
  rule: RuleCode;
  severity: Severity;
  findings: number;
  reports: number;
}

export interface ReportInfo extends ReportPlace {
  place: string;
  level: string | null;
  year: number | null;
  province: string | null;
  city: string | null;
  county: string | null;
  completeness: number | null;
}

export interface FailedCheck {
  rule: RuleCode;
  seq: number;
  line: number | null;
  row_code: string | null;
  column_code: string | null;
  /** The arithmetic with the report's figures (checks.detail). */
  detail: string;
}

export interface FailingReport extends ReportInfo {
  has_balance: boolean;
  checks: FailedCheck[];
}

export interface FindingRow extends ReportInfo {
  seq: number;
  rule: RuleCode;
  severity: Severity;
  message: string;
  line: number | null;
}

export interface GridCell {
  completeness: number | null;
  reports: number;
  /** For a place: its report (the one the site uses), to link to. */
  report?: ReportPlace & { status: string | null; figures_given: number | null; figures_expected: number | null };
}

export interface GridRow {
  key: string | null;
  name: string;
  /** For a region: the filter that drills into it. */
  drill: QualityFilter | null;
  cells: Record<string, GridCell>;
}

export interface CompletenessGrid {
  grain: CompletenessGrain;
  /** Column keys: years, and 'null' for reports whose year is unknown. */
  years: string[];
  rows: GridRow[];
}

export interface ProvinceRow {
  code: string | null;
  name: string;
  reports: number;
  findings: number;
  failing_balance: number;
  failing_checks: number;
}

export interface QualityView {
  filter: QualityFilter;
  mode: QualityMode;
  headline: Headline;
  rules: RuleCount[];
  /** Rows mode: the reports with failed checks. */
  failing: { total: number; reports: FailingReport[] } | null;
  /** Summary mode: failures by province instead. */
  byProvince: ProvinceRow[] | null;
  completeness: CompletenessGrid;
  /** Rows mode: the findings. */
  findings: { total: number; rows: FindingRow[] } | null;
  /** The report-quality index by city and county. */
  league: League;
}
