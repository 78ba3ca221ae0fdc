// The site in headless Chromium: time to the first chart, bytes before the
// query engine is needed, DuckDB-WASM cold start, and filter-change latency
// (cold: the first change, which loads the engine; warm: later changes), with
// the Parquet bytes each change fetched. Medians over fresh browser contexts.
//
// The site is built from DATA_DIR into a temporary folder and served on
// 127.0.0.1 with on-the-fly compression of text, as a static host would.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { median } from './stats.ts';

const ROOT = join(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface SiteBenchResult {
  runs: number;
  firstChartMs: number;
  domContentLoadedMs: number;
  bytesBeforeEngine: number;
  engineColdStartMs: number;
  coldChangeMs: number;
  warmChangeMs: number;
  /** The warm change's queries alone, before the charts are drawn. */
  warmQueryMs: number;
  coldChangeParquetBytes: number;
  warmChangeParquetBytes: number;
  distBytes: number;
  /** The largest file in dist/ (static hosts limit a file's size; Cloudflare Pages: 25 MiB). */
  largestFile: { path: string; bytes: number };
  distFiles: number;
}

/** Builds the site from a data build; returns what preparing it printed (the first answers' statistics among it). */
export function buildSite(dataDir: string, out: string): string {
  const env = { ...process.env, DATA_DIR: dataDir, SITE_OUT: out, SITE_BASE: '/', SITE_PUBLIC: join(out, '..', 'public'), ANSWERS_STATS: '1' };
  let printed = '';
  for (const args of [['node_modules/tsx/dist/cli.mjs', 'scripts/prepare-public.ts'], ['node_modules/astro/astro.js', 'build', '--silent']]) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    printed += r.stdout;
  }
  return printed;
}

function walk(dir: string): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [{ path: join(dir, e.name), bytes: statSync(join(dir, e.name)).size }]));
}

/** The largest file of a built site (a static host's per-file limit), its path relative to `dist`. */
export function largestFile(dist: string): { path: string; bytes: number } {
  const largest = walk(dist).reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: dist, bytes: 0 });
  return { path: largest.path.slice(dist.length + 1), bytes: largest.bytes };
}

/** Two filter changes (`cold` first, then `warm`), as a visitor would make them in the URL's terms. */
export async function benchSite({ dataDir, runs = 5, cold = 'level=town', warm = 'level=county' }: { dataDir: string; runs?: number; cold?: string; warm?: string }): Promise<SiteBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'bench-site-'));
  const dist = join(work, 'dist');
  buildSite(dataDir, dist);
  const { serve } = await import('../serve.mjs');
  const server = await serve({ dir: dist, base: '/', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const samples: Omit<SiteBenchResult, 'runs' | 'distBytes' | 'largestFile' | 'distFiles'>[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const transfers: { url: string; bytes: number; at: number }[] = [];
      const urls = new Map<string, string>();
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.loadingFinished', (e) => transfers.push({ url: urls.get(e.requestId) ?? '', bytes: e.encodedDataLength, at: Date.now() }));
      await page.goto(server.url, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return { dcl: nav.domContentLoadedEventEnd, fcp: fcp?.startTime ?? nav.domContentLoadedEventEnd };
      });
      const beforeEngine = transfers.reduce((s, t) => s + t.bytes, 0);
      const parquetBytes = (from: number) => transfers.slice(from).filter((t) => t.url.includes('.parquet')).reduce((s, t) => s + t.bytes, 0);
      const change = async (search: string) => {
        const from = transfers.length;
        const params = new URLSearchParams(search);
        const [name, value] = [...params.entries()][0];
        await page.selectOption(`select[name="${name}"]`, value);
        await page.waitForFunction((v) => performance.getEntriesByType('measure').some((m) => m.name === `view:${v}`), search, { timeout: 120_000 });
        const [ms, queryMs] = await page.evaluate((v) => [`view:${v}`, `query:${v}`].map((n) => performance.getEntriesByType('measure').find((m) => m.name === n)!.duration), search);
        return { ms, queryMs, bytes: parquetBytes(from) };
      };
      const first = await change(cold);
      const engine = await page.evaluate(() => performance.measure('engine', 'duckdb-start', 'duckdb-ready').duration);
      const second = await change(warm);
      samples.push({
        firstChartMs: timing.fcp,
        domContentLoadedMs: timing.dcl,
        bytesBeforeEngine: beforeEngine,
        engineColdStartMs: engine,
        coldChangeMs: first.ms,
        warmChangeMs: second.ms,
        warmQueryMs: second.queryMs,
        coldChangeParquetBytes: first.bytes,
        warmChangeParquetBytes: second.bytes,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const files = walk(dist);
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: '', bytes: 0 });
  rmSync(work, { recursive: true, force: true });
  const med = (k: keyof (typeof samples)[number]) => median(samples.map((s) => s[k]));
  return {
    runs,
    firstChartMs: med('firstChartMs'),
    domContentLoadedMs: med('domContentLoadedMs'),
    bytesBeforeEngine: med('bytesBeforeEngine'),
    engineColdStartMs: med('engineColdStartMs'),
    coldChangeMs: med('coldChangeMs'),
    warmChangeMs: med('warmChangeMs'),
    warmQueryMs: med('warmQueryMs'),
    coldChangeParquetBytes: med('coldChangeParquetBytes'),
    warmChangeParquetBytes: med('warmChangeParquetBytes'),
    distBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    largestFile: { path: largest.path.slice(dist.length + 1), bytes: largest.bytes },
    distFiles: files.length,
  };
}
