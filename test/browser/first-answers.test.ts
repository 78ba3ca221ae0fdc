// The first figures of a place page, an overview and a quality filter change
// and a comparison come from the build's first answers, not from DuckDB-WASM:
// the engine's files are held back until the figures are on screen (a page
// that needed them would never show its figures), then let through, and the
// deeper view that needs the engine (a place's report tables) still works.
// With the answers refused, the same views fall back to the engine.

import type { Route } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './browser.ts';

const siteUrl = inject('siteUrl');
const TOWN = '371503110'; // 洪官屯镇

/** Holds every request for the engine's files until released; records them, and whether the first figures were shown by then. */
async function holdEngine(s: Session) {
  const held: Route[] = [];
  const urls: string[] = [];
  const beforeFigures: string[] = [];
  let released = false;
  await s.page.route(/\/duckdb\//, async (route) => {
    urls.push(route.request().url());
    if (!(await s.page.evaluate(() => !!document.body.dataset.firstFigures).catch(() => true))) beforeFigures.push(route.request().url());
    if (released) void route.continue();
    else held.push(route);
  });
  return {
    urls,
    beforeFigures,
    release() {
      released = true;
      for (const r of held.splice(0)) void r.continue();
    },
  };
}

const firstFigures = (s: Session, view: string | null) =>
  s.page.waitForFunction((v) => (v === null ? !!document.body.dataset.firstFigures : document.body.dataset.firstFigures === v), view, { timeout: 60_000 });

describe.skipIf(!siteUrl)('first figures without the query engine', () => {
  let s: Session;
  afterEach(async () => s?.close());

  it("draws a place's heading and key figures with the engine held back, then its reports with the engine", async () => {
    s = await openSession(siteUrl!);
    const engine = await holdEngine(s);
    await s.page.goto(`${siteUrl}place/?code=${TOWN}`);
    await firstFigures(s, TOWN);
    expect(await s.page.evaluate(() => document.body.dataset.answeredBy)).toBe('answers');
    expect(await s.page.locator('#place-name').textContent()).toBe('洪官屯镇');
    expect(await s.page.locator('#place-crumbs').innerText()).toContain('茌平区');
    expect(await s.page.locator('#place-facts').innerText()).toContain('1 份（2020 年度）');
    // 2020: 120 items proactively disclosed, as the report says.
    expect(await s.page.locator('figure#trend-proactive_items .few-figures dd').first().textContent()).toBe('120');
    expect(engine.beforeFigures).toEqual([]);
    // The report tables are the engine's: nothing yet, then everything once it may load.
    expect(await s.page.locator('#report-list article.report').count()).toBe(0);
    engine.release();
    await s.page.waitForFunction((c) => document.body.dataset.placeReady === c, TOWN, { timeout: 90_000 });
    expect(engine.urls.some((u) => u.includes('.wasm'))).toBe(true);
    expect(engine.beforeFigures).toEqual([]);
    expect(await s.page.locator('#report-list article.report').count()).toBe(1);
  });

  it('draws the overview of a province chosen, and the quality page of one, with the engine held back', async () => {
    s = await openSession(siteUrl!);
    const engine = await holdEngine(s);
    await s.page.goto(siteUrl!);
    await s.page.selectOption('#filters select[name="p"]', '37');
    await firstFigures(s, 'p=37');
    expect(await s.page.evaluate(() => document.body.dataset.answeredBy)).toBe('answers');
    // The title follows the figures (the by-place table is drawn in between).
    await s.page.waitForFunction(() => document.querySelector('#view-title')?.textContent !== '全国', null, { timeout: 30_000 });
    expect(await s.page.locator('#view-title').textContent()).toBe('山东省');
    expect(await s.page.locator('[data-card="reports"] .value').textContent()).toMatch(/^\d+ 份$/);
    // The city select is filled from the answers too.
    expect(await s.page.locator('#filters select[name="c"] option').count()).toBeGreaterThan(1);

    await s.page.goto(`${siteUrl}quality/`);
    await s.page.selectOption('#q-filters select[name="p"]', '37');
    await firstFigures(s, 'p=37');
    expect(await s.page.evaluate(() => document.body.dataset.answeredBy)).toBe('answers');
    expect(await s.page.locator('#view-title').textContent()).toContain('山东省');
    expect(engine.urls).toEqual([]);
  });

  it('draws a comparison with the engine held back', async () => {
    s = await openSession(siteUrl!);
    const engine = await holdEngine(s);
    await s.page.goto(`${siteUrl}compare/?code=${TOWN}`);
    await firstFigures(s, null);
    expect(await s.page.evaluate(() => document.body.dataset.answeredBy)).toBe('answers');
    expect(await s.page.locator('#cmp-title').textContent()).toContain('洪官屯镇');
    expect(engine.urls).toEqual([]);
  });

  it('falls back to the engine when the answers cannot be read', async () => {
    s = await openSession(siteUrl!);
    await s.page.route(/\/data\/answers\//, (route) => route.abort());
    await s.page.goto(`${siteUrl}place/?code=${TOWN}`);
    await firstFigures(s, TOWN);
    expect(await s.page.evaluate(() => document.body.dataset.answeredBy)).toBe('engine');
    expect(await s.page.locator('#place-name').textContent()).toBe('洪官屯镇');
  });
});
