// parseReport: one report's text in, one structured, checked record out.

import { finding, type Finding } from '../findings.ts';
import type { PageEvidence } from '../gazetteer/evidence.ts';
import { templateForYear, type TemplateId } from '../template/model.ts';
import { validateRecord, type CheckResult } from '../validate/index.ts';
import { tokenize } from './cells.ts';
import { narrativeFingerprint, type NarrativeFingerprint } from './fingerprint.ts';
import { placeApplications, placeDisclosure, placeReviews } from './interpret.ts';
import { readMeta } from './meta.ts';
import { readNarrative } from './narrative.ts';
import { readPlace } from './place.ts';
import type { ReportRecord } from './record.ts';
import { readTables, type TablesRead } from './tables.ts';
import { noteOcr, type LineOrigin } from './ocr-notes.ts';
import { splitLines } from './text.ts';

export type { ReportRecord, Figure, MoneyFigure } from './record.ts';

export interface ParsedReport {
  record: ReportRecord;
  checks: CheckResult[];
  /** The narrative's fingerprint, to find copied text across reports (build/cross-checks.ts). */
  fingerprint: NarrativeFingerprint;
}

export interface ParseOptions {
  /** The date the build runs on: the latest plausible report year follows from it. */
  today?: Date;
  /** Where the text's lines come from (decodeReport's source map): findings on OCR'd lines say so. */
  sourceMap?: readonly LineOrigin[];
  /** The web page the report was published on (the collector's sidecar): evidence for its place. */
  page?: PageEvidence | null;
}

export function parseReport(text: string, sourceFile: string, options: ParseOptions = {}): ParsedReport {
  const today = options.today ?? new Date();
  const lines = splitLines(text);
  const cells = tokenize(text, lines);
  const tables = readTables(cells);
  const meta = readMeta(text, today.getFullYear(), lines);
  const findings: Finding[] = [];

  if (meta.year === null) findings.push(finding('meta_year_missing', { message: '标题和正文中都找不到报告所属年度。' }));
  const { template, basis } = chooseTemplate(tables, meta.year);
  if (basis === 'year' && tables.seen.disclosure !== undefined) {
    findings.push(finding('meta_template_guessed', { message: `第二部分表头无法识别，按报告年度 ${meta.year} 年推定使用${template}年版模板。` }));
  }

  const place = readPlace(meta.agency, meta.agencyInProse, text, meta.agencyLine, options.page ?? null);
  findings.push(...place.findings);

  const found = { disclosure: tables.seen.disclosure !== undefined, applications: tables.seen.applications !== undefined, reviews: tables.seen.reviews !== undefined };
  // Without a template the rows of section 二 are unknown; sections 三 and 四 read the same under both but for （六）'s sub-rows.
  const disclosure = template ? placeDisclosure(tables, template, sourceFile) : { grid: {}, findings: [] };
  const applications = placeApplications(tables, template ?? '2021', sourceFile);
  const reviews = placeReviews(tables, sourceFile);
  findings.push(...disclosure.findings, ...applications.findings, ...reviews.findings);
  findings.push(...missingSections(found));

  const { read: narrative, findings: narrativeFindings } = readNarrative(cells, sourceFile);
  findings.push(...narrativeFindings);
  const { agency, level, basis: placeBasis, findings: _placeFindings, ...placeFields } = place;
  const record: ReportRecord = {
    source_file: sourceFile,
    agency,
    level,
    ...placeFields,
    place_basis: placeBasis,
    year: meta.year,
    template,
    template_basis: basis,
    published_on: meta.published_on,
    contact_phone: meta.contact_phone,
    contact_email: meta.contact_email,
    ...narrative,
    disclosure: disclosure.grid,
    applications: applications.grid,
    reviews: reviews.grid,
    tables_found: found,
    findings,
  };
  if (!found.disclosure && !found.applications && !found.reviews && meta.year === null) {
    findings.unshift(finding('input_not_report', { message: `“${sourceFile}”中找不到政府信息公开工作年度报告的标题或任何一张模板表格。` }));
  }
  const validation = validateRecord(record, today);
  findings.push(...validation.findings);
  noteOcr(findings, options.sourceMap);
  const fingerprint = narrativeFingerprint(cells, [agency, placeFields.town, placeFields.county, placeFields.city, placeFields.province]);
  return { record, checks: validation.checks, fingerprint };
}

function chooseTemplate(tables: TablesRead, year: number | null): { template: TemplateId | null; basis: 'headers' | 'year' | null } {
  const { votes } = tables;
  if (votes['2019'] > votes['2021']) return { template: '2019', basis: 'headers' };
  if (votes['2021'] > votes['2019']) return { template: '2021', basis: 'headers' };
  if (year !== null) return { template: templateForYear(year), basis: 'year' };
  return { template: null, basis: null };
}

const SECTION_NAMES = { disclosure: '第二部分“主动公开政府信息情况”', applications: '第三部分“收到和处理政府信息公开申请情况”', reviews: '第四部分“政府信息公开行政复议、行政诉讼情况”' } as const;

function missingSections(found: ReportRecord['tables_found']): Finding[] {
  return (Object.keys(found) as (keyof typeof found)[])
    .filter((k) => !found[k])
    .map((k) => finding('section_missing', { section: k, message: `报告中找不到${SECTION_NAMES[k]}的表格，其数字全部记为未披露。` }));
}
