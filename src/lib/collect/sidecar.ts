// The provenance file saved beside each collected file ('<file>.meta.json'):
// where it came from and how it was found. The data build reads it
// (src/lib/build/sidecar.ts): the report's source address, page title and
// fetch time become columns, and the page's breadcrumbs and site name are
// evidence for the report's place.

export const SIDECAR_SUFFIX = '.meta.json';
export const SIDECAR_KIND = 'gov-disclosure-reports/collect';
export const SIDECAR_VERSION = 1;

export interface SidecarPage {
  /** The web page the file is (or, for an attachment, the page it was linked from). */
  url: string;
  title: string | null;
  site_name: string | null;
  /** The date the page shows (发布时间), YYYY-MM-DD. */
  date: string | null;
  breadcrumbs: string[];
}

export type SidecarRelation =
  | { kind: 'attachment-of'; page_url: string; page_file: string | null }
  | { kind: 'has-attachments'; attachments: string[] }
  | null;

export interface Sidecar {
  sidecar: typeof SIDECAR_KIND;
  version: typeof SIDECAR_VERSION;
  /** The saved file's name (in the same folder). */
  file: string;
  source_url: string;
  /** Where the address led after redirects. */
  final_url: string;
  /** The listing page and the link text that led to the address (null for an address given on the command line). */
  listing_url: string | null;
  link_text: string | null;
  fetched_at: string;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  sha256: string;
  bytes: number;
  page: SidecarPage;
  relation: SidecarRelation;
}

export const sidecarPathOf = (file: string) => `${file}${SIDECAR_SUFFIX}`;
