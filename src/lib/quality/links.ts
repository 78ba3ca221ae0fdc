// Where a finding points: the report on its place's page, at the line.
//
// The anchor form agreed with the place pages (their source-text viewer gives
// each report and each of its lines an id and highlights the line the URL's
// fragment names):
//
//   place/?code=<place code>#r-<report_id>          the report
//   place/?code=<place code>#r-<report_id>-L<n>     line n (1-based) of its source text
//
// The place code is the code of the report's own level (a town's 9 digits, a
// county's 6, a city's 4, a province's 2), as in the places table. A report
// with no such code (a department's, or one not matched to the national list
// of divisions) has no place page: it is named by its source file and line.

import { url } from '../site.ts';

export interface ReportPlace {
  report_id: string;
  place_code: string | null;
  source_file: string | null;
}

/** The fragment id of a report, or of one of its lines, on the place page. */
export function reportAnchor(reportId: string, line?: number | null): string {
  return line === null || line === undefined ? `r-${reportId}` : `r-${reportId}-L${line}`;
}

/** The place page's URL for a report (at a line), or null when the report has no place code. */
export function reportHref(r: ReportPlace, line?: number | null): string | null {
  if (!r.place_code) return null;
  return `${url('place/')}?code=${encodeURIComponent(r.place_code)}#${reportAnchor(r.report_id, line)}`;
}

/** How a location is written when there is no place page to link to: the source file and the line. */
export function sourceLocation(r: ReportPlace, line?: number | null): string {
  const file = r.source_file ?? r.report_id;
  return line === null || line === undefined ? file : `${file} 第 ${line} 行`;
}
