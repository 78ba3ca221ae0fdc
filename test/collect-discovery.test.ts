// The collector's parts one by one: reading a page (encodings, links, site
// name, breadcrumbs, date), picking report links, finding a listing's pages in
// every scheme county sites use, naming saved files, the state journal, and
// one fetch's robustness (time-outs, dropped connections, 4xx, Retry-After,
// redirects) against a server on 127.0.0.1.

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostGate } from '../src/lib/collect/host-gate.ts';
import { fetchUrl, retryAfterMs, type FetchContext } from '../src/lib/collect/http.ts';
import { decodePage, readPage } from '../src/lib/collect/page.ts';
import { paginationUrls, scriptPages } from '../src/lib/collect/pagination.ts';
import { classifyLink, parseYears } from '../src/lib/collect/select.ts';
import { readJournal } from '../src/lib/collect/state.ts';
import { normalizeUrl, savedExtension, savedPath } from '../src/lib/collect/url.ts';
import { FixtureServer, type Route } from './helpers/collect-site.ts';

const BASE = 'http://www.example.gov.cn/col/col3620/index.html';
const links = (...pairs: [string, string][]) => pairs.map(([href, text]) => ({ url: normalizeUrl(href, BASE)!, text, title: '' }));

describe('reading a page', () => {
  const html = `<html><head><meta charset="gbk"><title>洪官屯镇2020年度政府信息公开年度报告_茌平区人民政府</title>
<meta name="PubDate" content="2021-01-20 09:30"><base href="http://www.example.gov.cn/art/"></head>
<body><div class="bread">您的位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">信息公开</a> &gt;&gt; <span>年报</span></div>
<a href="2021/t1.html" title="全称">简称</a><script>createPageHTML(3, 0, "index", "shtml");</script></body></html>`;

  it('decodes GBK by the header, the <meta> or the bytes themselves', () => {
    const bytes = iconv.encode(html, 'gbk');
    expect(decodePage(bytes, 'text/html; charset=GBK')).toMatchObject({ encoding: 'gb18030' });
    expect(decodePage(bytes, 'text/html').text).toContain('洪官屯镇');
    const undeclared = iconv.encode(html.replace('<meta charset="gbk">', ''), 'gbk');
    expect(decodePage(undeclared, null)).toMatchObject({ encoding: 'gb18030' });
    expect(decodePage(undeclared, null).text).toContain('茌平区人民政府');
  });

  it('finds links (resolved against <base>), the site name, the breadcrumbs, the date and the scripts', () => {
    const page = readPage(html, 'http://www.example.gov.cn/art/2021/1/20/art_1.html');
    expect(page.links).toEqual([{ url: 'http://www.example.gov.cn/', text: '首页', title: '' }, { url: 'http://www.example.gov.cn/xxgk/', text: '信息公开', title: '' }, { url: 'http://www.example.gov.cn/art/2021/t1.html', text: '简称', title: '全称' }]);
    expect(page.siteName).toBe('茌平区人民政府');
    expect(page.breadcrumbs).toEqual(['首页', '信息公开', '年报']);
    expect(page.date).toBe('2021-01-20');
    expect(page.scripts.join('')).toContain('createPageHTML');
  });

  it('takes breadcrumbs from a 当前位置 line and the date from 发布时间 when there is no markup for them', () => {
    const page = readPage('<html><head><title>年报</title></head><body><p>当前位置：首页 > 政务公开 > 年报</p><p>发布时间：2023年1月5日</p></body></html>', BASE);
    expect(page.breadcrumbs).toEqual(['首页', '政务公开', '年报']);
    expect(page.date).toBe('2023-01-05');
    expect(page.siteName).toBeNull();
  });
});

describe('picking report links', () => {
  const range = parseYears('2019-2024');
  const verdict = (text: string, title = '') => classifyLink({ text, title }, range);

  it('takes annual disclosure reports of the years asked for, by text or title', () => {
    expect(verdict('潘庄镇2021年政府信息公开工作年度报告')).toEqual({ kind: 'report', year: 2021 });
    expect(verdict('某街道2023年度政府信息公开年报')).toEqual({ kind: 'report', year: 2023 });
    expect(verdict('柘山镇人民政府2020年政府信息公开工作年...', '柘山镇人民政府2020年政府信息公开工作年度报告')).toEqual({ kind: 'report', year: 2020 });
    expect(verdict('2020年报', '洪官屯镇2020年度政府信息公开年度报告')).toEqual({ kind: 'report', year: 2020 });
  });

  it('skips notices, interpretations, news, other years and reports without a year when years are asked for', () => {
    expect(verdict('关于做好2021年政府信息公开工作年度报告编制发布工作的通知')).toEqual({ kind: 'skip', reason: 'notice' });
    expect(verdict('2022年政府信息公开工作年度报告解读')).toEqual({ kind: 'skip', reason: 'notice' });
    expect(verdict('我市召开2023年政务公开工作推进会')).toEqual({ kind: 'skip', reason: 'not-report' });
    expect(verdict('潘庄镇2017年政府信息公开工作年度报告')).toEqual({ kind: 'skip', reason: 'year' });
    expect(verdict('潘庄镇政府信息公开工作年度报告')).toEqual({ kind: 'skip', reason: 'no-year' });
    expect(classifyLink({ text: '潘庄镇政府信息公开工作年度报告', title: '' }, null)).toEqual({ kind: 'report', year: null });
    expect(parseYears('2024-2019')).toBeNull();
  });
});

describe('a listing’s other pages', () => {
  it('follows 下一页 and 尾页 and fills in every numbered page up to the last', () => {
    const urls = paginationUrls({ url: BASE, scripts: [], links: links(['index_1.html', '下一页'], ['index_9.html', '尾页'], ['/index.html', '首页'], ['/xxgk/index_2.html', '2']) });
    expect(urls.sort()).toEqual(Array.from({ length: 9 }, (_, i) => `http://www.example.gov.cn/col/col3620/index_${i + 1}.html`).sort());
  });

  it('reads ?page=N pagers, up to the last page', () => {
    const url = normalizeUrl('http://www.example.gov.cn/search?q=年报&page=1')!;
    const pager = (page: number, text: string) => ({ url: normalizeUrl(`http://www.example.gov.cn/search?q=年报&page=${page}`)!, text, title: '' });
    const found = paginationUrls({ url, scripts: [], links: [pager(2, '下一页'), pager(4, '尾页')] });
    expect(found.map((u) => new URL(u).searchParams.get('page')).sort()).toEqual(['2', '3', '4']);
    expect(found.every((u) => new URL(u).searchParams.get('q') === '年报')).toBe(true);
  });

  it('reads pagers written by createPageHTML(…), in its usual forms', () => {
    expect(scriptPages({ url: BASE, scripts: ['createPageHTML(3, 0, "index", "shtml");'] })).toEqual([
      'http://www.example.gov.cn/col/col3620/index.shtml',
      'http://www.example.gov.cn/col/col3620/index_1.shtml',
      'http://www.example.gov.cn/col/col3620/index_2.shtml',
    ]);
    expect(scriptPages({ url: BASE, scripts: ["createPageHTML('page_div', 2, 1, 'list', 'html', 37);"] })).toEqual(['http://www.example.gov.cn/col/col3620/list.html', 'http://www.example.gov.cn/col/col3620/list_1.html']);
    expect(paginationUrls({ url: BASE, scripts: ['createPageHTML(2, 0, "index", "html")'], links: [] })).toEqual(['http://www.example.gov.cn/col/col3620/index_1.html']);
  });
});

describe('names and the journal', () => {
  it('names a saved file by host, a safe stem and a hash of the whole address', () => {
    const p = savedPath('http://127.0.0.1:8080/art/2021/t20210120_1.html', 'html');
    expect(p).toMatch(/^127\.0\.0\.1_8080\/t20210120_1_[0-9a-f]{10}\.html$/);
    expect(savedPath('http://127.0.0.1:8080/art/2021/t20210120_1.html', 'html')).toBe(p);
    expect(savedPath('http://h/download.jsp?id=1', 'pdf')).not.toBe(savedPath('http://h/download.jsp?id=2', 'pdf'));
    expect(savedExtension('http://h/download.jsp?id=1', 'application/octet-stream', 'attachment; filename="年报.docx"')).toBe('docx');
    expect(savedExtension('http://h/file?id=1', 'application/pdf', null)).toBe('pdf');
  });

  it('reads a journal whose last line a kill cut short; the last line for an address wins', () => {
    const lines = [
      { t: 'run', id: 'r1', started: '' },
      { t: 'url', url: 'u1', role: 'report', status: 'failed', reason: 'timeout', checkedAt: '', run: 'r1' },
      { t: 'end', id: 'r1', ended: '' },
      { t: 'run', id: 'r2', started: '' },
      { t: 'url', url: 'u1', role: 'report', status: 'saved', checkedAt: '', run: 'r2' },
    ].map((l) => JSON.stringify(l));
    const j = readJournal(`${lines.join('\n')}\n{"t":"url","url":"u2","ro`);
    expect(j.openRun).toBe('r2');
    expect([...j.entries.keys()]).toEqual(['u1']);
    expect(j.entries.get('u1')!.status).toBe('saved');
    expect(readJournal(lines.slice(0, 3).join('\n')).openRun).toBeNull();
  });
});

describe('one fetch', () => {
  let server: FixtureServer;
  const ctx = (extra: Partial<FetchContext['options']> = {}): FetchContext => ({
    gate: new HostGate(10),
    options: { userAgent: 'test', timeoutMs: 1000, maxBytes: 1 << 20, retries: 2, backoffMs: 20, maxRedirects: 3, maxRetryAfterMs: 5000, ...extra },
    refuse: (url) => (new URL(url).port === new URL(server.origin).port ? null : 'off-host'),
  });
  const count = (path: string) => server.log.filter((r) => r.path === path).length;

  beforeAll(async () => {
    server = await FixtureServer.start(
      new Map<string, Route>([
        ['/slow', () => ({ body: 'late', delayMs: 5000 })],
        ['/reset', (n: number) => (n === 0 ? { reset: true } : { body: 'ok', type: 'text/plain' })],
        ['/gone', () => ({ status: 404, body: 'no' })],
        ['/busy', (n: number) => (n === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { body: 'ok' })],
        ['/away', () => ({ status: 301, headers: { location: 'http://127.0.0.1:1/elsewhere' } })],
        ['/hop1', () => ({ status: 302, headers: { location: '/hop2' } })],
        ['/hop2', () => ({ status: 302, headers: { location: '/hop3' } })],
        ['/hop3', () => ({ status: 302, headers: { location: '/hop4' } })],
        ['/hop4', () => ({ status: 302, headers: { location: '/hop5' } })],
        ['/hop5', () => ({ body: 'end' })],
      ]),
    );
  }, 60_000);

  afterAll(() => server?.close());

  it('times out, retries and gives up with the reason', async () => {
    expect(await fetchUrl(`${server.origin}/slow`, ctx())).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect(count('/slow')).toBe(3);
  });

  it('retries a dropped connection', async () => {
    expect(await fetchUrl(`${server.origin}/reset`, ctx())).toMatchObject({ kind: 'ok', body: Buffer.from('ok') });
    expect(count('/reset')).toBe(2);
  });

  it('does not retry a 404', async () => {
    expect(await fetchUrl(`${server.origin}/gone`, ctx())).toMatchObject({ kind: 'failed', reason: 'http-4xx', detail: 'HTTP 404' });
    expect(count('/gone')).toBe(1);
  });

  it('waits as a 503’s Retry-After says before asking again', async () => {
    expect(await fetchUrl(`${server.origin}/busy`, ctx())).toMatchObject({ kind: 'ok' });
    const [first, second] = server.log.filter((r) => r.path === '/busy');
    expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThan(28_000);
  });

  it('follows a few redirects, never to another host, and not too many', async () => {
    expect(await fetchUrl(`${server.origin}/away`, ctx())).toMatchObject({ kind: 'failed', reason: 'off-host' });
    expect(await fetchUrl(`${server.origin}/hop1`, ctx())).toMatchObject({ kind: 'failed', reason: 'too-many-redirects' });
    expect(await fetchUrl(`${server.origin}/hop2`, ctx())).toMatchObject({ kind: 'ok', url: `${server.origin}/hop5` });
  });
});
