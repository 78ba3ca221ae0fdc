// A fixture web server on 127.0.0.1 for the collector's tests, and two county
// sites shaped like real ones, built from the sample reports in data/raw:
//
// Site A, 临清市人民政府 (UTF-8), column /xxgk/ndbg/ with link pagination
// (下一页 / 尾页 → index_1.html, index_2.html):
//   index.html    潘庄镇 2021 (a report page with HTML tables); a notice about the reports; a
//                 draft under /draft/ (robots.txt disallows it); a report on another host; a 2017
//                 report (out of the years asked for); a news item
//   index_1.html  柘山镇 2020 (a pointer page: "详见附件" and a .docx); the 潘庄镇 link again;
//                 a redirect loop; an oversized PDF
//   index_2.html  fails twice with 500, then lists nothing new but the oversized PDF again
// Site B, 茌平区人民政府 (GBK), column /col/col3620/ whose pager is written by a script
// (createPageHTML(2, 0, "index", "html")):
//   index.html    洪官屯镇 2020 (a GBK report page, answered first with 429 and Retry-After: 1)
//   index_1.html  洛碛镇 2019 (a report page with its text and the same report as a .docx)
// Every page has validators (ETag and Last-Modified, or Last-Modified alone) and answers
// conditional requests with 304.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { docxOf, escapeHtml, htmlBody } from './documents.ts';

export const SAMPLES = join(import.meta.dirname, '..', '..', 'data', 'raw');
export const sample = (file: string) => readFileSync(join(SAMPLES, file), 'utf8');

export interface Answer {
  status?: number;
  body?: Buffer | string;
  type?: string;
  /** Validators; an answer with either is conditional-aware. */
  etag?: string | null;
  lastModified?: string | null;
  headers?: Record<string, string>;
  /** Sent in chunks without a Content-Length. */
  chunked?: boolean;
  /** The connection is dropped without an answer. */
  reset?: boolean;
  /** The answer waits this long. */
  delayMs?: number;
}

/** A route answers the n-th request (0-based) to its path. */
export type Route = (n: number, req: IncomingMessage) => Answer;

export interface LoggedRequest {
  path: string;
  at: number;
  status: number;
  userAgent: string;
  conditional: boolean;
}

export class FixtureServer {
  readonly log: LoggedRequest[] = [];
  /** Called as each request arrives, before it is answered. */
  onRequest: ((path: string) => void) | null = null;
  private readonly counts = new Map<string, number>();

  private constructor(private readonly server: Server, readonly routes: Map<string, Route>) {}

  static async start(routes: Map<string, Route> = new Map()): Promise<FixtureServer> {
    let self: FixtureServer | null = null;
    const server = createServer((req, res) => self!.answer(req, res));
    self = new FixtureServer(server, routes);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get host(): string {
    return new URL(this.origin).host;
  }

  paths(): string[] {
    return this.log.map((r) => r.path);
  }

  /** Requests are logged as they arrive, with the status they are (or will be) answered with; 0 for a dropped connection. */
  private answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    this.onRequest?.(path);
    const n = this.counts.get(path) ?? 0;
    this.counts.set(path, n + 1);
    const route = this.routes.get(path);
    const a: Answer = route ? route(n, req) : { status: 404, body: 'not found', type: 'text/plain' };
    const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
    let status = a.reset ? 0 : (a.status ?? 200);
    const notModified =
      status === 200 &&
      ((a.etag && req.headers['if-none-match'] === a.etag) || (!req.headers['if-none-match'] && a.lastModified && req.headers['if-modified-since'] && Date.parse(req.headers['if-modified-since']) >= Date.parse(a.lastModified)));
    if (notModified) status = 304;
    this.log.push({ path, at: Date.now(), status, userAgent: String(req.headers['user-agent'] ?? ''), conditional });
    if (a.reset) {
      req.socket.destroy();
      return;
    }
    if (a.delayMs) setTimeout(() => this.send(res, status, a), a.delayMs);
    else this.send(res, status, a);
  }

  private send(res: ServerResponse, status: number, a: Answer): void {
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...(a.headers ?? {}) };
    if (a.type) headers['content-type'] = a.type;
    if (a.etag) headers.etag = a.etag;
    if (a.lastModified) headers['last-modified'] = a.lastModified;
    if (status === 304) {
      res.writeHead(304, headers).end();
      return;
    }
    const body = typeof a.body === 'string' ? Buffer.from(a.body) : (a.body ?? Buffer.alloc(0));
    if (a.chunked) {
      res.writeHead(status, headers);
      for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
      res.end();
      return;
    }
    res.writeHead(status, { ...headers, 'content-length': String(body.length) }).end(body);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const LAST_MODIFIED = 'Mon, 20 Jan 2025 08:00:00 GMT';
const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

/** A page with both validators. */
export function page(body: Buffer, type: string, validators: 'both' | 'last-modified' = 'both'): Route {
  return () => ({ body, type, etag: validators === 'both' ? etagOf(body) : null, lastModified: LAST_MODIFIED });
}

interface Frame {
  site: string;
  charset: 'utf-8' | 'gbk';
  title: string;
  crumbs: string[];
  main: string;
}

/** A county site's page: header and menu, breadcrumbs, the content, the footer. */
function frame(f: Frame): Buffer {
  const crumbs = f.crumbs.map((c, i) => `<a href="${i === 0 ? '/' : '#'}">${escapeHtml(c)}</a>`).join(' &gt; ');
  const html = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${f.charset}">
<title>${escapeHtml(f.title)}_${escapeHtml(f.site)}</title>
<meta name="SiteName" content="${escapeHtml(f.site)}">
</head><body>
<div class="header"><div class="logo">${escapeHtml(f.site)}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：${crumbs}</div>
<div class="main">
${f.main}
</div>
<div class="footer">主办：${escapeHtml(f.site)}办公室　版权所有</div>
</body></html>
`;
  return f.charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8');
}

const link = (href: string, text: string, title = text) => `<li><a href="${href}" title="${escapeHtml(title)}">${escapeHtml(text)}</a><span class="date">2024-01-20</span></li>`;

function reportPage(site: string, charset: Frame['charset'], crumbs: string[], title: string, date: string, content: string): Buffer {
  return frame({
    site,
    charset,
    title,
    crumbs,
    main: `<div class="article"><h1>${escapeHtml(title)}</h1>
<div class="info">发布时间：${date}　来源：本站</div>
<div id="zoom">
${content}
</div></div>`,
  });
}

export const SITE_A = '临清市人民政府';
export const SITE_B = '茌平区人民政府';
const CRUMBS_A = ['首页', '政务公开', '政府信息公开年报'];
const CRUMBS_B = ['首页', '信息公开', '政府信息公开年度报告'];

/** The four reports of the fixture sites: the sample each is made from and how it is published. */
export const FIXTURE_REPORTS = [
  { sample: '003_2945165e826adaca.txt', agency: '潘庄镇人民政府', year: 2021, site: 'A', path: '/xxgk/ndbg/202201/t20220120_101.html', form: 'page' },
  { sample: '001_6f137c09381843de.txt', agency: '柘山镇人民政府', year: 2020, site: 'A', path: '/xxgk/ndbg/202101/P020210125.docx', form: 'attachment only' },
  { sample: '000_0e823e9c66ae55d4.txt', agency: '洪官屯镇人民政府', year: 2020, site: 'B', path: '/art/2021/1/20/art_3620_1.html', form: 'GBK page' },
  { sample: '004_c11732510b83538c.txt', agency: '洛碛镇', year: 2019, site: 'B', path: '/art/2020/1/20/art_3620_0.html', form: 'page and attachment' },
] as const;

/** Paths of site A that must never be asked for. */
export const NEVER_A = ['/xxgk/ndbg/202112/t20211201_99.html', '/draft/t20230110_1.html', '/xxgk/ndbg/201801/t20180120_5.html', '/xxgk/news/t20240101_7.html'];

export const OVERSIZED_BYTES = 1_600_000;

/** Site A's routes. `otherOrigin` is the other host its listing links to. */
export async function siteA(otherOrigin: string): Promise<Map<string, Route>> {
  const html = 'text/html; charset=utf-8';
  const routes = new Map<string, Route>();
  routes.set('/robots.txt', page(Buffer.from('User-agent: *\nDisallow: /draft/\n'), 'text/plain'));
  const listing = (items: string[], pager: string) =>
    frame({ site: SITE_A, charset: 'utf-8', title: '政府信息公开年报', crumbs: CRUMBS_A, main: `<ul class="list">\n${items.join('\n')}\n</ul>\n<div class="page">${pager}</div>` });
  routes.set(
    '/xxgk/ndbg/index.html',
    page(
      listing(
        [
          link('./202201/t20220120_101.html', '潘庄镇2021年政府信息公开工作年度报告'),
          link('./202112/t20211201_99.html', '关于做好2021年政府信息公开工作年度报告编制发布工作的通知'),
          link('/draft/t20230110_1.html', '临清市2022年政府信息公开工作年度报告（草稿）'),
          link(`${otherOrigin}/xxgk/ndbg/t20220115_1.html`, '聊城市2021年政府信息公开工作年度报告'),
          link('./201801/t20180120_5.html', '潘庄镇2017年政府信息公开工作年度报告'),
          link('../news/t20240101_7.html', '我市召开政务公开工作推进会'),
        ],
        '<a href="index.html">首页</a> <a href="index_1.html">下一页</a> <a href="index_2.html">尾页</a>',
      ),
      html,
    ),
  );
  routes.set(
    '/xxgk/ndbg/index_1.html',
    page(
      listing(
        [
          link('./202101/t20210125_102.html', '柘山镇人民政府2020年政府信息公开工作年...', '柘山镇人民政府2020年政府信息公开工作年度报告'),
          link('../ndbg/202201/t20220120_101.html#top', '潘庄镇2021年政府信息公开工作年度报告'),
          link('/r/a.html', '魏湾镇2019年政府信息公开工作年度报告'),
          link('./202201/P020220301.pdf', '大辛庄街道2021年政府信息公开年报'),
        ],
        '<a href="index.html">上一页</a> <a href="index_2.html">下一页</a> <a href="index_2.html">尾页</a>',
      ),
      html,
    ),
  );
  const third = listing([link('./202201/P020220301.pdf', '大辛庄街道2021年政府信息公开年报')], '<a href="index.html">首页</a> <a href="index_1.html">上一页</a>');
  routes.set('/xxgk/ndbg/index_2.html', (n) => (n < 2 ? { status: 500, body: 'busy', type: 'text/plain' } : page(third, html)(n, undefined as never)));
  routes.set('/xxgk/ndbg/202201/t20220120_101.html', page(reportPage(SITE_A, 'utf-8', CRUMBS_A, '潘庄镇2021年政府信息公开工作年度报告', '2022-01-20', htmlBody(sample(FIXTURE_REPORTS[0].sample))), html));
  const pointer = reportPage(
    SITE_A,
    'utf-8',
    CRUMBS_A,
    '柘山镇人民政府2020年政府信息公开工作年度报告',
    '2021-01-25',
    '<p>柘山镇人民政府2020年政府信息公开工作年度报告详见附件。</p>\n<p>附件：<a href="./P020210125.docx">柘山镇人民政府2020年政府信息公开工作年度报告.docx</a></p>',
  );
  routes.set('/xxgk/ndbg/202101/t20210125_102.html', page(pointer, html));
  routes.set('/xxgk/ndbg/202101/P020210125.docx', page(Buffer.from(await docxOf(sample(FIXTURE_REPORTS[1].sample))), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'last-modified'));
  routes.set('/r/a.html', () => ({ status: 302, headers: { location: '/r/b.html' } }));
  routes.set('/r/b.html', () => ({ status: 302, headers: { location: '/r/a.html' } }));
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(OVERSIZED_BYTES, 0x20)]);
  routes.set('/xxgk/ndbg/202201/P020220301.pdf', () => ({ body: big, type: 'application/pdf', chunked: true }));
  return routes;
}

/** Site B's routes (GBK; the pager written by a script). */
export async function siteB(): Promise<Map<string, Route>> {
  const html = 'text/html';
  const routes = new Map<string, Route>();
  const listing = (items: string[]) =>
    frame({ site: SITE_B, charset: 'gbk', title: '政府信息公开年度报告', crumbs: CRUMBS_B, main: `<ul class="list">\n${items.join('\n')}\n</ul>\n<div id="page_div"></div>\n<script language="JavaScript">createPageHTML(2, 0, "index", "html");</script>` });
  routes.set('/col/col3620/index.html', page(listing([link('/art/2021/1/20/art_3620_1.html', '洪官屯镇人民政府2020年度政府信息公开年度报告')]), html));
  routes.set('/col/col3620/index_1.html', page(listing([link('/art/2020/1/20/art_3620_0.html', '洛碛镇2019年政府信息公开工作年度报告')]), html));
  const hongguantun = page(reportPage(SITE_B, 'gbk', CRUMBS_B, '洪官屯镇人民政府2020年度政府信息公开年度报告', '2021-01-20', htmlBody(sample(FIXTURE_REPORTS[2].sample))), html);
  routes.set('/art/2021/1/20/art_3620_1.html', (n, req) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down', type: 'text/plain' } : hongguantun(n, req)));
  const luoqi = sample(FIXTURE_REPORTS[3].sample);
  routes.set(
    '/art/2020/1/20/art_3620_0.html',
    page(reportPage(SITE_B, 'utf-8', CRUMBS_B, '洛碛镇2019年政府信息公开工作年度报告', '2020-01-20', `${htmlBody(luoqi)}\n<p>附件：<a href="/attach/2020/P020200120.docx">洛碛镇2019年政府信息公开工作年度报告.docx</a></p>`), 'text/html; charset=utf-8'),
  );
  routes.set('/attach/2020/P020200120.docx', page(Buffer.from(await docxOf(luoqi)), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
  return routes;
}
