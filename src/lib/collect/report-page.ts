// What to save from a report's page. A page that carries the report (its
// text, its tables) is saved; a page that only points to an attachment
// ("详见附件", a title and a download link) is not — the attachment is; a
// page with both the report and attachments is saved together with them, and
// their sidecars say how they relate.

import { decodeReport } from '../decode/index.ts';
import type { PageInfo, PageLink } from './page.ts';
import { isDocumentUrl } from './url.ts';

export interface ReportPagePlan {
  /** 'text': the page alone; 'pointer': its attachments alone; 'both'. */
  kind: 'text' | 'pointer' | 'both';
  savePage: boolean;
  attachments: PageLink[];
  /** CJK characters of the page's article (site chrome left out); null when not needed. */
  articleChars: number | null;
}

/** Below this many characters of its own the page cannot hold a report: a title, a date, a link. */
const MIN_REPORT_CHARS = 300;
/** A page that says the report is in the attachment, and is not long, is a pointer. */
const POINTER_PHRASE = /详见附件|见附件|请下载附件|附件下载|点击下载|下载附件/;
const POINTER_MAX_CHARS = 1500;
const CJK = /[\u3400-\u9fff]/g;

/** The page's article text as the data build will read it (decode's content selection). */
function articleText(bytes: Uint8Array): string {
  const decoded = decodeReport(bytes, 'page.html');
  return decoded.ok ? decoded.text : '';
}

export function planReportPage(page: PageInfo, bytes: Uint8Array): ReportPagePlan {
  const seen = new Set<string>();
  const attachments = page.links.filter((l) => {
    if (!isDocumentUrl(l.url) || seen.has(l.url)) return false;
    seen.add(l.url);
    // An attachment about the report (its 解读) is not the report.
    return !/解读|图解/.test(`${l.text}${l.title}`);
  });
  // Without attachments the page is saved whatever it holds: no need to read its article.
  if (attachments.length === 0) return { kind: 'text', savePage: true, attachments, articleChars: null };
  const text = articleText(bytes);
  const articleChars = text.match(CJK)?.length ?? 0;
  const pointer = articleChars < MIN_REPORT_CHARS || (POINTER_PHRASE.test(text) && page.tables === 0 && articleChars < POINTER_MAX_CHARS);
  return pointer ? { kind: 'pointer', savePage: false, attachments, articleChars } : { kind: 'both', savePage: true, attachments, articleChars };
}
