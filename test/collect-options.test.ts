// The collector's options and output: the command line (defaults, --list,
// bad values), report pages given directly instead of a listing, --max, and
// what a run shows on a terminal and in a log.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, parseCollectArgs, readList } from '../src/lib/collect/args.ts';
import { collect, type CollectOptions } from '../src/lib/collect/crawler.ts';
import { reporter } from '../src/lib/collect/progress.ts';
import type { Sidecar } from '../src/lib/collect/sidecar.ts';
import { removeTempDirs, tempDir } from './helpers/build.ts';
import { FixtureServer, page, siteA, siteB } from './helpers/collect-site.ts';

afterAll(() => removeTempDirs());

describe('the command line', () => {
  it('has the documented defaults', () => {
    const o = parseCollectArgs(['--from', 'https://www.example.gov.cn/xxgk/ndbg/index.html#list'], {});
    expect(o).toMatchObject({ seeds: ['https://www.example.gov.cn/xxgk/ndbg/index.html'], out: 'data/raw/collected', rate: 1, years: null, max: null, contact: null });
    expect(o.http).toEqual({ timeoutMs: 30_000, maxBytes: 50 * 1048576, retries: 3, backoffMs: 2000 });
    expect(parseCollectArgs(['--from', 'http://a.gov.cn/'], { COLLECT_CONTACT: 'me@example.org' }).contact).toBe('me@example.org');
  });

  it('reads --list files and drops repeated addresses', () => {
    const dir = tempDir('collect-list');
    const list = join(dir, 'hosts.txt');
    writeFileSync(list, '# county sites\nhttp://a.gov.cn/ndbg/\n\nhttp://b.gov.cn/col/index.html  # B\nhttp://a.gov.cn/ndbg/\n');
    expect(readList(readFileSync(list, 'utf8'))).toEqual(['http://a.gov.cn/ndbg/', 'http://b.gov.cn/col/index.html', 'http://a.gov.cn/ndbg/']);
    expect(parseCollectArgs(['--list', list, '--years', '2023', '--max', '5', '--rate', '0.5'], {})).toMatchObject({ seeds: ['http://a.gov.cn/ndbg/', 'http://b.gov.cn/col/index.html'], years: { from: 2023, to: 2023 }, max: 5, rate: 0.5 });
  });

  it('refuses what it cannot use', () => {
    for (const args of [[], ['--from', 'ftp://a.gov.cn/'], ['--from', 'http://a.gov.cn/', '--rate', '0'], ['--from', 'http://a.gov.cn/', '--max', '1.5'], ['--from', 'http://a.gov.cn/', '--years', '2019-'], ['--list', '/nonexistent/list.txt'], ['--from', 'http://a.gov.cn/', '--bogus']]) {
      expect(() => parseCollectArgs(args, {}), args.join(' ')).toThrow(ArgumentError);
    }
  });
});

describe('starting from report pages, and --max', () => {
  let a: FixtureServer;
  let b: FixtureServer;
  const options = (out: string, seeds: string[], extra: Partial<CollectOptions> = {}): CollectOptions => ({ seeds, out, rate: 50, years: null, max: null, userAgent: 'test', http: { backoffMs: 20 }, ...extra });
  const sidecars = (out: string) =>
    readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.meta.json'))
      .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')) as Sidecar);

  beforeAll(async () => {
    a = await FixtureServer.start(await siteA('http://127.0.0.1:1'));
    b = await FixtureServer.start(await siteB());
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('saves a report page given on the command line, and the attachment of a pointer page', async () => {
    const out = tempDir('collect-seed-pages');
    const summary = await collect(options(out, [`${a.origin}/xxgk/ndbg/202201/t20220120_101.html`, `${a.origin}/xxgk/ndbg/202101/t20210125_102.html`]));
    expect(summary.saved).toBe(2);
    const paths = sidecars(out).map((s) => [new URL(s.source_url).pathname, s.listing_url]);
    expect(paths.sort()).toEqual([
      ['/xxgk/ndbg/202101/P020210125.docx', `${a.origin}/xxgk/ndbg/202101/t20210125_102.html`],
      ['/xxgk/ndbg/202201/t20220120_101.html', null],
    ]);
  });

  it('follows no more report links than --max', async () => {
    const out = tempDir('collect-max');
    const before = b.log.length;
    const summary = await collect(options(out, [`${b.origin}/col/col3620/index.html`], { max: 1 }));
    expect(sidecars(out)).toHaveLength(1);
    expect(summary.skipped.max ?? 0).toBe(0);
    // The listing's second page is not read once the limit is reached.
    expect(b.log.slice(before).map((r) => r.path)).not.toContain('/col/col3620/index_1.html');
  });
});

describe('other hosts', () => {
  let x: FixtureServer;
  let y: FixtureServer;

  beforeAll(async () => {
    y = await FixtureServer.start(new Map([['/files/P1.pdf', page(Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf')]]));
    const html = `<html><head><meta charset="utf-8"><title>某镇2023年政府信息公开工作年度报告</title></head><body><h1>某镇2023年政府信息公开工作年度报告</h1><p>详见附件：<a href="${y.origin}/files/P1.pdf">某镇2023年政府信息公开工作年度报告.pdf</a></p></body></html>`;
    x = await FixtureServer.start(new Map([['/ndbg/t1.html', page(Buffer.from(html), 'text/html; charset=utf-8')]]));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([x?.close(), y?.close()]);
  });

  it('are never asked for unless allowed with --allow-host', async () => {
    const base = { rate: 50, years: null, max: null, userAgent: 'test' };
    const closed = await collect({ ...base, seeds: [`${x.origin}/ndbg/t1.html`], out: tempDir('collect-closed') });
    expect(closed).toMatchObject({ saved: 0, skipped: { 'off-host': 1 } });
    expect(y.log).toEqual([]);
    const open = await collect({ ...base, seeds: [`${x.origin}/ndbg/t1.html`], out: tempDir('collect-open'), allowHosts: [y.host] });
    expect(open.saved).toBe(1);
    expect(y.log.map((r) => r.path)).toEqual(['/robots.txt', '/files/P1.pdf']);
  });
});

describe('what a run shows', () => {
  const events = [
    { type: 'queue', remaining: { 'a.gov.cn': 10, 'b.gov.cn': 4 }, intervals: { 'a.gov.cn': 1000, 'b.gov.cn': 1000 } },
    { type: 'request', host: 'a.gov.cn', url: 'http://a.gov.cn/1.html', status: 200, bytes: 2048 },
    { type: 'saved', file: 'a.gov.cn/1_ab.html', url: 'http://a.gov.cn/1.html', bytes: 2048 },
    { type: 'failed', url: 'http://a.gov.cn/r', reason: 'redirect-loop', detail: '跳转回到已访问过的 http://a.gov.cn/r' },
  ] as const;

  it('writes one plain line per saved file and per failure to a log', () => {
    let text = '';
    const r = reporter((t) => (text += t), false);
    for (const e of events) r.onEvent(e);
    expect(text).toBe('已保存 a.gov.cn/1_ab.html ← http://a.gov.cn/1.html\n失败 http://a.gov.cn/r：循环跳转（跳转回到已访问过的 http://a.gov.cn/r）\n');
    const summary = r.summary({ saved: 1, unchanged: 2, resumed: 0, failed: { 'redirect-loop': 1 }, skipped: { robots: 1, notice: 3 }, requests: 9, responses: 9, bytes: 2048, files: [], resumedRun: false }, 65_000);
    expect(summary).toBe(['完成，用时 1 分 5 秒：', '  保存 1 个文件，未改动 2', '  失败 1（循环跳转 1）', '  跳过的链接：通知等非报告 3，robots.txt 不允许 1', '  请求 9 次，下载 2.0 KB'].join('\n'));
  });

  it('keeps one line up to date on a terminal: counts, bytes, host and what is left', () => {
    let text = '';
    const r = reporter((t) => (text += t), true);
    r.onEvent(events[0]);
    expect(text).toContain('待取 14（约 10 秒）');
    text = '';
    r.onEvent(events[1]);
    r.onEvent(events[2]);
    // Redrawn at most five times a second; the last state shows once the next draw comes.
    expect(text === '' || text.startsWith('\r')).toBe(true);
    expect(text).not.toContain('\n');
  });
});
