// readReport: one report's text in, one structured record out (validate/index.ts parseReport
// adds the checks).

import { finding, type Finding } from '../findings.ts';
import type { PageEvidence } from '../gazetteer/evidence.ts';
import { CATALOG, TABLE_CODES, sectionName, sectionPart, type Catalog, type TableCode, type TemplateId } from '../template/model.ts';
import { tokenize } from './cells.ts';
import { narrativeFingerprint, type NarrativeFingerprint } from './fingerprint.ts';
import { placeApplications, placeDisclosure, placeReviews } from './interpret.ts';
import { readMeta } from './meta.ts';
import { withPage, type PageContext } from './page.ts';
import { readNarrative } from './narrative.ts';
import { readPlace } from './place.ts';
import { recoverTables } from './recover/index.ts';
import type { ReportRecord } from './record.ts';
import { readTables, type TablesRead } from './tables.ts';
import { noteOcr, type LineOrigin } from './ocr-notes.ts';
import { splitLines } from './text.ts';

export type { ReportRecord, Figure, MoneyFigure } from './record.ts';
export { pageEvidence, type PageContext } from './page.ts';

export interface ReadReport {
  record: ReportRecord;
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
  /** For a report read from a web page: the page's title, site name, breadcrumb and 发布日期 (decoded), used where the report is silent. */
  webPage?: PageContext;
  /** The templates to read by (the national ones by default). */
  catalog?: Catalog;
}

export function readReport(text: string, sourceFile: string, options: ParseOptions = {}): ReadReport {
  const today = options.today ?? new Date();
  const catalog = options.catalog ?? CATALOG;
  const lines = splitLines(text);
  const cells = tokenize(text, lines, catalog);
  const tables = readTables(cells, catalog);
  const meta = withPage(readMeta(text, today.getFullYear(), lines), options.webPage, today.getFullYear());
  const findings: Finding[] = [];

  if (meta.year === null) findings.push(finding('meta_year_missing', { message: '标题和正文中都找不到报告所属年度。' }));
  const { template, basis } = chooseTemplate(tables, meta.year, catalog);
  if (basis === 'year' && tables.seen.disclosure !== undefined) {
    findings.push(finding('meta_template_guessed', { message: `${sectionPart(catalog, 'disclosure')}表头无法识别，按报告年度 ${meta.year} 年推定使用${catalog.template(template!).name}。` }));
  }

  if (meta.agencyIgnored) {
    findings.push(finding('meta_text_ignored', { line: meta.agencyLine, message: `报告机关名称旁的“${meta.agencyIgnored}”与报告无关（可能是转载网页插入的广告），未作为机关名称或地名，报告机关按“${meta.agency}”读取。` }));
  }
  const place = readPlace(meta.agency, meta.agencyInProse, text, meta.agencyLine, options.page ?? null);
  findings.push(...place.findings);

  // Without a template the rows of section 二 are unknown; section 三 is read by the latest template's
  // rows (the templates differ in a few rows only), section 四 reads alike under all.
  const printed = (t: TableCode) => catalog.hasTable(template ?? catalog.latest, t);
  const none = { grid: {}, findings: [] };
  const aligned = {
    disclosure: template ? placeDisclosure(tables, template, sourceFile, catalog) : none,
    applications: printed('applications') ? placeApplications(tables, template ?? catalog.latest, sourceFile, catalog) : none,
    reviews: printed('reviews') ? placeReviews(tables, sourceFile, catalog) : none,
  };
  // Cells left null (or tables their own arithmetic contradicts) are placed again by the template's identities.
  const recovery = recoverTables(cells, tables, template, aligned, sourceFile, catalog);
  const { disclosure, applications, reviews } = recovery.placed;
  const seen = (t: TableCode) => tables.seen[t] !== undefined || recovery.found.has(t);
  const found = { disclosure: seen('disclosure'), applications: seen('applications'), reviews: seen('reviews') };
  findings.push(...disclosure.findings, ...applications.findings, ...reviews.findings, ...recovery.findings);
  findings.push(...missingSections(found, catalog, (t) => template === null || catalog.hasTable(template, t)));

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
  noteOcr(findings, options.sourceMap, catalog);
  const fingerprint = narrativeFingerprint(cells, [agency, placeFields.town, placeFields.county, placeFields.city, placeFields.province]);
  return { record, fingerprint };
}

/** The template whose own wordings the report uses most (a unique winner), else the one its year implies. */
function chooseTemplate(tables: TablesRead, year: number | null, catalog: Catalog): { template: TemplateId | null; basis: 'headers' | 'year' | null } {
  let best: TemplateId | null = null;
  let most = 0;
  let tie = false;
  for (const t of catalog.templateIds) {
    const n = tables.votes[t] ?? 0;
    if (n > most) [best, most, tie] = [t, n, false];
    else if (n === most && n > 0) tie = true;
  }
  if (best !== null && !tie) return { template: best, basis: 'headers' };
  if (year !== null) return { template: catalog.templateOfYear(year), basis: 'year' };
  return { template: null, basis: null };
}

function missingSections(found: ReportRecord['tables_found'], catalog: Catalog, printed: (t: TableCode) => boolean): Finding[] {
  return TABLE_CODES.filter((k) => !found[k] && printed(k)).map((k) =>
    finding('section_missing', { section: k, message: `报告中找不到${sectionName(catalog, k)}的表格，其数字全部记为未披露。` }),
  );
}
