// The first figures of the four views that used to wait for DuckDB-WASM —
// a place page, a region chosen on the overview, a comparison, a region
// chosen on the quality page — as a visitor meets them, side by side with
// today's path (the same site with the first answers refused, so that every
// view falls back to the engine). Two profiles: a phone (10 Mbit/s, 150 ms
// latency, CPU slowed 2×, Chromium's own throttling through CDP) and desktop
// localhost. Every run is a fresh browser context with its cache disabled.
//
// Time to first figures: from navigation start (a page) or from the choice
// (a filter change) to the page's 'first-figures' mark. Bytes: what the
// network carried in that span (encoded, as transferred). Engine: whether
// any DuckDB-WASM file was requested before the first figures.

import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { median } from './stats.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export type Profile = 'phone' | 'desktop';
export type Path = 'answers' | 'engine';

export const PHONE = { latency: 150, bitsPerSecond: 10_000_000, cpuSlowdown: 2 };

export interface ViewSpec {
  id: string;
  label: string;
  /** A page opened cold (`path`), or a choice made on a page already loaded (`path`, then `select`). */
  path: string;
  select?: { name: string; value: string };
}

export interface FirstFiguresSample {
  ms: number;
  /** A page's DOMContentLoaded (its HTML and scripts, no data): what the machine gives any page. */
  dcl: number | null;
  bytes: number;
  engine: boolean;
  by: string;
}

export interface FirstFiguresRow {
  view: ViewSpec;
  profile: Profile;
  path: Path;
  ms: number;
  dcl: number | null;
  bytes: number;
  /** Runs in which the engine was requested before the first figures. */
  engineRuns: number;
  runs: number;
  by: string;
}

/** Throttles a page (phone) and records when each request started (wall clock, ms). */
async function throttle(context: BrowserContext, page: Page, profile: Profile) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile === 'phone') {
    const bytesPerSecond = PHONE.bitsPerSecond / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PHONE.latency, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  }
  const started: { url: string; wallMs: number }[] = [];
  cdp.on('Network.requestWillBeSent', (e) => started.push({ url: e.request.url, wallMs: e.wallTime * 1000 }));
  return started;
}

/** Waits for the view's first-figures mark after `since` (page time, ms). */
async function firstFiguresAfter(page: Page, since: number, view: string | null): Promise<{ at: number; by: string }> {
  const handle = await page.waitForFunction(
    ([t, v]) => {
      const marks = performance.getEntriesByName('first-figures') as PerformanceMark[];
      const m = marks.find((x) => x.startTime >= (t as number) && (v === null || (x.detail as { view: string }).view === v));
      return m ? { at: m.startTime, by: (m.detail as { by: string }).by } : null;
    },
    [since, view] as const,
    { timeout: 180_000, polling: 50 },
  );
  return (await handle.jsonValue()) as { at: number; by: string };
}

/** Bytes transferred (Resource Timing, the document included) for responses that ended between two page times. */
function transferred(page: Page, from: number, until: number): Promise<number> {
  return page.evaluate(
    ([a, b]) =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter((e) => (e as PerformanceResourceTiming).responseEnd >= a && (e as PerformanceResourceTiming).responseEnd <= b)
        .reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
    [from, until] as const,
  );
}

async function sample(browserContext: () => Promise<BrowserContext>, base: string, view: ViewSpec, profile: Profile, path: Path): Promise<FirstFiguresSample> {
  const context = await browserContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
    // Today's path: the answers are refused and every view asks the engine, as before them.
    if (path === 'engine') await page.route('**/data/answers/**', (route) => route.abort());
    const started = await throttle(context, page, profile);
    const engineBy = async (from: number, until: number) => {
      const origin = await page.evaluate(() => performance.timeOrigin);
      return started.some((r) => /duckdb/.test(r.url) && r.wallMs >= origin + from && r.wallMs <= origin + until);
    };
    if (!view.select) {
      await page.goto(base + view.path, { waitUntil: 'commit' });
      const mark = await firstFiguresAfter(page, 0, null);
      const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
      return { ms: mark.at, dcl, bytes: await transferred(page, 0, mark.at), engine: await engineBy(0, mark.at), by: mark.by };
    }
    await page.goto(base + view.path, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const t0 = await page.evaluate(() => performance.now());
    await page.selectOption(`select[name="${view.select.name}"]`, view.select.value);
    const mark = await firstFiguresAfter(page, t0, `${view.select.name}=${view.select.value}`);
    return { ms: mark.at - t0, dcl: null, bytes: await transferred(page, t0, mark.at), engine: await engineBy(t0, mark.at), by: mark.by };
  } finally {
    await context.close();
  }
}

/** Medians of `runs` cold runs of every view × profile × path, the paths alternating run by run. */
export async function benchFirstFigures({ base, views, runs = 5, profiles = ['phone', 'desktop'] }: { base: string; views: ViewSpec[]; runs?: number; profiles?: Profile[] }): Promise<FirstFiguresRow[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const rows: FirstFiguresRow[] = [];
  try {
    const context = () => browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: false });
    for (const view of views) {
      for (const profile of profiles) {
        const samples: Record<Path, FirstFiguresSample[]> = { answers: [], engine: [] };
        for (let i = 0; i < runs; i++) {
          for (const path of ['engine', 'answers'] as const) samples[path].push(await sample(context, base, view, profile, path));
        }
        for (const path of ['engine', 'answers'] as const) {
          const s = samples[path];
          rows.push({
            view,
            profile,
            path,
            runs,
            ms: median(s.map((x) => x.ms)),
            dcl: s[0].dcl === null ? null : median(s.map((x) => x.dcl ?? 0)),
            bytes: median(s.map((x) => x.bytes)),
            engineRuns: s.filter((x) => x.engine).length,
            by: [...new Set(s.map((x) => x.by))].join('/'),
          });
        }
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/** The views measured: the first town with reports (in 山东, 37, when there is one) and its province. */
export async function viewsOf(dataDir: string): Promise<ViewSpec[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(`SELECT place_code, province_code, name FROM read_parquet('${dataDir.replaceAll("'", "''")}/places.parquet')
    WHERE level = 'town' ORDER BY province_code <> '37', place_code LIMIT 1`);
  const [code, province, name] = reader.getRows()[0].map(String);
  conn.closeSync();
  instance.closeSync();
  return [
    { id: 'place', label: `${name}'s page`, path: `place/?code=${code}` },
    { id: 'overview', label: `choosing province ${province} on the overview`, path: '', select: { name: 'p', value: province } },
    { id: 'compare', label: `the comparison of ${name}`, path: `compare/?code=${code}` },
    { id: 'quality', label: `choosing province ${province} on the quality page`, path: 'quality/', select: { name: 'p', value: province } },
  ];
}

/** Serves a built site and measures its four views. */
export async function benchFirstFiguresSite({ dist, dataDir, runs, profiles }: { dist: string; dataDir: string; runs: number; profiles?: Profile[] }): Promise<FirstFiguresRow[]> {
  const { serve } = await import('../serve.mjs');
  const server = await serve({ dir: dist, base: '/', port: 0 });
  try {
    return await benchFirstFigures({ base: server.url, views: await viewsOf(dataDir), runs, profiles });
  } finally {
    await server.close();
  }
}
