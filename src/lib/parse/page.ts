// What the web page around a report says about it, used where the report's
// own text is silent: the body's name from the page title, the site's name or
// the breadcrumb; the year from the title; the date from the page's 发布日期.

import type { PageEvidence } from '../gazetteer/evidence.ts';
import type { MetaRead } from './meta.ts';
import { withoutInjected } from './injected.ts';

/** The page around a report (decode's PageMeta). */
export interface PageContext {
  title: string | null;
  siteName: string | null;
  breadcrumb: string | null;
  published: string | null;
}

const BODY = /(?:人民政府|街道办事处|办事处|管理委员会|管委会|政府|办公室|办公厅|委员会|局|中心)$/;
const PARTS = /\s*[_|｜—–>＞»\-]+\s*|\s{2,}/;

/** The first part of a page fact that names a body ('某镇人民政府网站' → '某镇人民政府'). */
function bodyIn(text: string | null): string | null {
  if (!text) return null;
  for (const part of text.split(PARTS)) {
    const name = withoutInjected(part.replace(/(?:门户网站|政府网站|网站|官网|首页)$/, '').trim()).name;
    if (name && name.length >= 3 && name.length <= 30 && BODY.test(name) && !/[，。:：、]/.test(name)) {
      // A title may begin with the year: '2023年某镇人民政府…' is cut at the year by the caller.
      return name;
    }
  }
  return null;
}

/** The report's metadata with what the page gives where the report gave nothing. */
export function withPage(meta: MetaRead, page: PageContext | undefined, maxYear: number): MetaRead {
  if (!page) return meta;
  const out = { ...meta };
  if (out.agency === null) {
    const titleBody = page.title ? bodyIn(page.title.split(/(?:\d{4}|[〇零一二三四五六七八九]{4})年/)[0]) ?? bodyIn(page.title) : null;
    const agency = titleBody ?? bodyIn(page.siteName) ?? bodyIn(page.breadcrumb);
    if (agency) out.agency = agency;
  }
  if (out.year === null && page.title) {
    const m = /(\d{4})年/.exec(page.title);
    const y = m ? Number(m[1]) : NaN;
    if (y >= 2000 && y <= maxYear + 1) out.year = y;
  }
  if (out.published_on === null && page.published) out.published_on = page.published;
  return out;
}

/**
 * The decoded page's site name and breadcrumb as evidence of the report's place (as a collector's
 * sidecar gives them), for a page saved without one; null when the page names neither.
 */
export function pageEvidence(page: PageContext | undefined): PageEvidence | null {
  if (!page || (!page.siteName && !page.breadcrumb)) return null;
  const breadcrumbs = (page.breadcrumb ?? '').split(/\s*[>＞»›]\s*/).map((s) => withoutInjected(s.trim()).name ?? '').filter((s) => s !== '');
  return { siteName: page.siteName ? withoutInjected(page.siteName).name : null, breadcrumbs };
}
