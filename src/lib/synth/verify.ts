// The accuracy check: every synthetic report decoded and parsed, every truth
// figure compared with the record, every deliberate inconsistency looked for
// among the failed checks, and clean reports checked for failed checks.

import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeReport } from '../decode/index.ts';
import { parseReport, type ReportRecord } from '../validate/index.ts';
import { isMoney } from '../parse/record.ts';
import { APPLICANT_CODES, OUTCOME_CODES } from '../template/model.ts';
import type { CheckResult } from '../validate/index.ts';
import type { TruthRecord } from './truth.ts';

export interface Mismatch {
  file: string;
  /** Where in the record: 'applications.granted.natural_person', 'disclosure.procurement.amount_yuan.unit', 'year' … */
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface CheckMiss {
  file: string;
  check: string;
  scope: string;
  /** What the parser's check said instead ('pass', 'not_checkable' or 'absent'). */
  status: string;
  detail: string | null;
}

export interface VerifyResult {
  reports: number;
  /** Figures compared (tables, procurement unit, proactive items). */
  figures: number;
  /** Figures read as another value than the truth's, or read where the truth has none. */
  wrong: Mismatch[];
  /** Figures the truth has and the parser left null. */
  missing: Mismatch[];
  missedInconsistencies: CheckMiss[];
  falseAlarms: CheckMiss[];
  /**
   * Year, template, publication date and town code. Town-level units whose names lack a town
   * ending (镇, 乡, 街道, 苏木: 经济开发区, 农场, 林场 …) are counted apart in `unplacedUnits` when the
   * parser cannot place them.
   */
  meta: { compared: number; wrong: Mismatch[]; unplacedUnits: Mismatch[] };
  /** Files that did not decode. */
  unreadable: { file: string; reason: string }[];
  /**
   * Per layout tag: reports, reports with a wrong or missing figure, a missed inconsistency or a
   * false alarm, and the figures right, wrong and missing.
   */
  byLayout: Record<string, LayoutStats>;
}

export interface LayoutStats {
  reports: number;
  failed: number;
  right: number;
  wrong: number;
  missing: number;
  /**
   * Of `missing`, the figures of reports with a deliberate inconsistency: where the text does not
   * give figures row by row, the identities that would place them do not hold, so they cannot.
   */
  missingInconsistent: number;
}

export interface VerifyOptions {
  limit?: number;
  /** Called after each report. */
  onReport?: (done: number) => void;
}

export async function verifyCorpus(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result: VerifyResult = { reports: 0, figures: 0, wrong: [], missing: [], missedInconsistencies: [], falseAlarms: [], meta: { compared: 0, wrong: [], unplacedUnits: [] }, unreadable: [], byLayout: {} };
  const lines = createInterface({ input: createReadStream(join(dir, 'truth.jsonl'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    if (options.limit !== undefined && result.reports >= options.limit) break;
    verifyOne(dir, JSON.parse(line) as TruthRecord, result);
    options.onReport?.(result.reports);
  }
  lines.close();
  return result;
}

/** Compares one report with its truth, adding to `result`. */
export function verifyOne(dir: string, truth: TruthRecord, result: VerifyResult): void {
  result.reports++;
  const errors = () => result.wrong.length + result.missing.length + result.missedInconsistencies.length + result.falseAlarms.length + result.meta.wrong.length;
  const before = errors();
  const counts = { figures: result.figures, wrong: result.wrong.length, missing: result.missing.length };
  const decoded = decodeReport(readFileSync(join(dir, truth.file)), truth.file);
  if (!decoded.ok) {
    result.unreadable.push({ file: truth.file, reason: decoded.findings.map((f) => f.message).join(' ') });
  } else {
    const { record, checks } = parseReport(decoded.text, truth.file, { webPage: decoded.page });
    compareFigures(truth, record, result);
    compareMeta(truth, record, result);
    compareChecks(truth, checks, result);
  }
  const failed = errors() > before || !decoded.ok;
  const wrong = result.wrong.length - counts.wrong;
  const missing = result.missing.length - counts.missing;
  const right = result.figures - counts.figures - wrong - missing;
  for (const tag of truth.layout) {
    const s = (result.byLayout[tag] ??= { reports: 0, failed: 0, right: 0, wrong: 0, missing: 0, missingInconsistent: 0 });
    s.reports++;
    if (failed) s.failed++;
    s.right += right;
    s.wrong += wrong;
    s.missing += missing;
    if (truth.changed) s.missingInconsistent += missing;
  }
}

function compareFigures(truth: TruthRecord, record: ReportRecord, result: VerifyResult): void {
  const cmp = (path: string, expected: unknown, actual: unknown) => {
    result.figures++;
    if (expected === actual) return;
    (expected !== null && actual === null ? result.missing : result.wrong).push({ file: truth.file, path, expected, actual });
  };
  for (const [item, measures] of Object.entries(truth.disclosure)) {
    for (const [m, v] of Object.entries(measures)) cmp(`disclosure.${item}.${m}`, v, record.disclosure[item]?.[m]?.value ?? null);
  }
  if (truth.procurement) {
    const f = record.disclosure.procurement?.amount_yuan;
    cmp('disclosure.procurement.amount_yuan.unit', truth.procurement.unit, f && isMoney(f) ? f.unit : null);
    cmp('disclosure.procurement.amount_yuan.unit_inferred', truth.procurement.unit_inferred, f && isMoney(f) ? f.unit_inferred : null);
  }
  for (const [row, values] of Object.entries(truth.applications)) {
    APPLICANT_CODES.forEach((a, k) => cmp(`applications.${row}.${a}`, values[k], record.applications[row]?.[a]?.value ?? null));
  }
  for (const [p, values] of Object.entries(truth.reviews)) {
    OUTCOME_CODES.forEach((o, k) => cmp(`reviews.${p}.${o}`, values[k], record.reviews[p]?.[o]?.value ?? null));
  }
  cmp('proactive_items', truth.proactive_items, record.proactive_items);
  cmp('proactive_items_approx', truth.proactive_items_approx, record.proactive_items_approx);
}

/** The endings the parser reads as a town-level body (parse/place.ts). */
const TOWN_ENDING = /(镇|乡|街道|苏木)$/;

function compareMeta(truth: TruthRecord, record: ReportRecord, result: VerifyResult): void {
  const cmp = (path: string, expected: unknown, actual: unknown) => {
    result.meta.compared++;
    if (expected === actual) return;
    const unit = path === 'town_code' && actual === null && !TOWN_ENDING.test(truth.town);
    (unit ? result.meta.unplacedUnits : result.meta.wrong).push({ file: truth.file, path, expected, actual });
  };
  cmp('year', truth.year, record.year);
  cmp('template', truth.template, record.template);
  cmp('published_on', truth.published_on, record.published_on);
  cmp('town_code', truth.town_code, record.town_code);
}

function compareChecks(truth: TruthRecord, checks: CheckResult[], result: VerifyResult): void {
  const key = (c: { check: string; scope: string }) => `${c.check}:${c.scope}`;
  const expected = new Set(truth.failing.map(key));
  const byKey = new Map(checks.map((c) => [key(c), c]));
  for (const f of truth.failing) {
    const got = byKey.get(key(f));
    if (got?.status !== 'fail') result.missedInconsistencies.push({ file: truth.file, check: f.check, scope: f.scope, status: got?.status ?? 'absent', detail: got?.detail ?? null });
  }
  for (const c of checks) {
    if (c.status === 'fail' && !expected.has(key(c))) result.falseAlarms.push({ file: truth.file, check: c.check, scope: c.scope, status: c.status, detail: c.detail });
  }
}
