// The overview and the quality page never show figures that are not the
// selection's. When the query engine cannot load (its .wasm blocked here), a
// view that needs it (?p=32&level=town: a region's first view comes from the
// build's first answers, a level does not) shows no figures and says why,
// under a heading that names 江苏省, instead of the page's national figures. Years given the wrong way round
// are swapped; years without any report (from=2030, y=2030) are refused with
// a message instead of "0 份".

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';

const siteUrl = inject('siteUrl');
const WASM = /\/duckdb\/duckdb-eh\.wasm\.gz$/;
/** National figures the pages carry from the build (see overview.test.ts and quality.test.ts). */
const NATIONAL = ['640.5万元', '3,140 件'];

const withheld = (s: Session, reason: string) => s.page.waitForFunction((r) => document.body.dataset.withheld === r, reason, { timeout: 90_000 });
/** Drawn in the browser (by the engine, or from the first answers), not the build's figures. */
const drawn = (s: Session, view: string) =>
  s.page.waitForFunction((v) => document.body.dataset.view === v && !document.body.dataset.withheld && document.querySelector('[data-rendered-by="duckdb"], [data-rendered-by="answers"]') !== null, view, { timeout: 90_000 });
const visibleText = (s: Session) => s.page.locator('main').innerText();

async function blockEngine(s: Session) {
  await s.page.route(WASM, (route) => route.abort());
}

describe.skipIf(!siteUrl)('overview: figures that are not the selection’s are not shown', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('shows no figures for 江苏省’s towns when the query engine cannot load, and says why', async () => {
    await blockEngine(s);
    await s.page.goto(`${siteUrl}?p=32&level=town`);
    await withheld(s, 'engine');
    expect(await s.page.locator('#view-title').innerText()).toBe('江苏省·乡镇街道');
    expect(await s.page.locator('select[name="p"]').inputValue()).toBe('32');
    const note = await s.page.locator('#withheld').innerText();
    expect(note).toMatch(/^查询引擎没能载入，无法算出“江苏省·乡镇街道”的数字，所以这里不显示任何数字/);
    expect(await s.page.locator('#cards').isVisible()).toBe(false);
    expect(await s.page.locator('figure.chart').first().isVisible()).toBe(false);
    const text = await visibleText(s);
    for (const figure of NATIONAL) expect(text).not.toContain(figure);
    await screenshot(s.page, 'overview-engine-failed');
  });

  it('offers the national figures, which come with the page and need no engine', async () => {
    await s.page.locator('#withheld a[data-reload]').click();
    await s.page.waitForURL((u) => u.search === '');
    await s.page.waitForFunction(() => document.body.dataset.view === '');
    expect(await s.page.locator('#withheld').isVisible()).toBe(false);
    expect(await s.page.locator('#cards').innerText()).toContain('640.5万元');
  });

  it('tries the engine again on the next choice, and shows that view’s figures', async () => {
    await s.page.goto(`${siteUrl}?p=32&level=town`);
    await withheld(s, 'engine');
    await s.page.unroute(WASM);
    await s.page.selectOption('select[name="p"]', '37');
    await drawn(s, 'p=37&level=town');
    expect(await s.page.locator('#withheld').isVisible()).toBe(false);
    expect(await s.page.locator('#cards').isVisible()).toBe(true);
    expect(await s.page.locator('#view-title').innerText()).toBe('山东省·乡镇街道');
  });

  it('shows a region’s first view with the engine blocked: it comes from the first answers', async () => {
    await blockEngine(s);
    await s.page.goto(`${siteUrl}?p=32`);
    await drawn(s, 'p=32');
    expect(await s.page.locator('#view-title').innerText()).toBe('江苏省');
    expect(await s.page.locator('#cards').isVisible()).toBe(true);
    await s.page.unroute(WASM);
  });

  it('swaps years given the wrong way round, in the heading, the form and the URL', async () => {
    await s.page.goto(`${siteUrl}?from=2024&to=2019`);
    await drawn(s, 'from=2019&to=2024');
    expect(await s.page.locator('#view-title').innerText()).toBe('全国·2019–2024');
    const url = new URL(s.page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['2019', '2024']);
    expect([await s.page.locator('select[name="from"]').inputValue(), await s.page.locator('select[name="to"]').inputValue()]).toEqual(['2019', '2024']);
    await screenshot(s.page, 'overview-years-swapped');
    // Chosen in the form the wrong way round, too.
    await s.page.selectOption('select[name="from"]', '2021');
    await s.page.selectOption('select[name="to"]', '2020');
    await drawn(s, 'from=2020&to=2021');
    expect(await s.page.locator('#view-title').innerText()).toBe('全国·2020–2021');
  });

  it('refuses years without reports with a message, not 0 份', async () => {
    await s.page.goto(`${siteUrl}?from=2030`);
    await withheld(s, 'years');
    expect(await s.page.locator('#withheld').innerText()).toMatch(/^没有 2030 年及以后的报告：本站数据中有报告的年度是 2019、2020、2021、2023、2024。/);
    expect(await s.page.locator('select[name="from"] option:checked').innerText()).toBe('2030（无报告）');
    expect(await s.page.locator('#cards').isVisible()).toBe(false);
    expect(await visibleText(s)).not.toContain('0 份');
    await screenshot(s.page, 'overview-years-refused');
    for (const [search, message] of [
      ['to=2018', '没有 2018 年及以前的报告'],
      ['from=2022&to=2022', '没有 2022 年的报告'],
      ['from=2031&to=2030', '没有 2030–2031 年的报告'],
    ]) {
      await s.page.goto(`${siteUrl}?${search}`);
      await withheld(s, 'years');
      expect(await s.page.locator('#withheld').innerText(), search).toContain(message);
    }
    // The way on: all years, drawn again (the country's first view: from the first answers).
    await s.page.locator('#withheld a').click();
    await drawn(s, '');
    expect(await s.page.locator('#cards').innerText()).toContain('640.5万元');
    expect(await s.page.locator('select[name="from"] option[data-unlisted]').count()).toBe(0);
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('quality page: figures that are not the selection’s are not shown', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('shows no findings for 江苏省 in a year when the query engine cannot load, and says why', async () => {
    await blockEngine(s);
    await s.page.goto(`${siteUrl}quality/?p=32&y=2023`);
    await withheld(s, 'engine');
    expect(await s.page.locator('#view-title').innerText()).toBe('数据质量 · 江苏省 · 2023 年度');
    expect(await s.page.locator('#withheld').innerText()).toMatch(/^查询引擎没能载入，无法算出“江苏省 · 2023 年度”的数字/);
    expect(await s.page.locator('#q-headline').isVisible()).toBe(false);
    expect(await visibleText(s)).not.toContain('7 份');
    await screenshot(s.page, 'quality-engine-failed');
    await s.page.unroute(WASM);
  });

  it('refuses a year without reports with a message, not 0 份', async () => {
    await s.page.goto(`${siteUrl}quality/?y=2030`);
    await withheld(s, 'years');
    expect(await s.page.locator('#view-title').innerText()).toBe('数据质量 · 全国 · 2030 年度');
    expect(await s.page.locator('#withheld').innerText()).toMatch(/^没有 2030 年的报告/);
    expect(await s.page.locator('select[name="y"] option:checked').innerText()).toBe('2030（无报告）');
    expect(await visibleText(s)).not.toContain('0 份');
    await screenshot(s.page, 'quality-year-refused');
    await s.page.locator('#withheld a').click();
    await s.page.waitForFunction(() => !document.body.dataset.withheld && document.body.dataset.view === '', null, { timeout: 90_000 });
    expect(await s.page.locator('#q-headline').innerText()).toContain('7 份');
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('withheld figures on a phone', () => {
  for (const [name, path, reason, block] of [
    ['overview-engine-failed-390', '?p=32&level=town', 'engine', true],
    ['overview-years-refused-390', '?from=2030', 'years', false],
    ['quality-year-refused-390', 'quality/?y=2030', 'years', false],
  ] as const) {
    it(`fits a 390 px screen: ${name}`, async () => {
      await onPhone(siteUrl!, async (s) => {
        if (block) await blockEngine(s);
        await s.page.goto(`${siteUrl}${path}`);
        await withheld(s, reason);
        expect(await s.page.locator('#withheld').isVisible()).toBe(true);
        await expectFits(s, name);
      });
    });
  }
});
