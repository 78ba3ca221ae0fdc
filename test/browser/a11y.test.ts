// axe-core on every page of the site, each in the state a visitor reaches it
// (data loaded, a filter applied, a query run), on a phone and a desktop, in
// light and dark: no violation of any rule axe runs by default.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, openSession, type Session } from './browser.ts';

const siteUrl = inject('siteUrl');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TOWN = '371503110'; // 洪官屯镇

interface View {
  name: string;
  path: string;
  /** Resolves once the page shows what a visitor came for. */
  ready(page: Page): Promise<unknown>;
}

const dataset = (key: string, value: string) => (page: Page) =>
  page.waitForFunction(([k, v]) => document.body.dataset[k] === v, [key, value] as const, { timeout: 90_000 });

const VIEWS: View[] = [
  { name: 'overview', path: '', ready: (p) => p.waitForLoadState('networkidle') },
  { name: 'overview, a province', path: '?p=37&level=town', ready: dataset('view', 'p=37&level=town') },
  { name: 'place', path: `place/?code=${TOWN}`, ready: dataset('placeReady', TOWN) },
  { name: 'place without a report', path: 'place/?code=371581109', ready: dataset('placeReady', 'no-report') },
  {
    name: 'search results open',
    path: 'about/',
    ready: async (p) => {
      const input = p.locator('header.site input[role="combobox"]');
      await input.focus();
      await input.pressSequentially('lc');
      await p.locator('header.site li[role="option"]').first().waitFor({ timeout: 30_000 });
    },
  },
  { name: 'comparison', path: `compare/?code=${TOWN}&year=2020`, ready: dataset('compare', `code=${TOWN}&year=2020`) },
  { name: 'quality', path: 'quality/', ready: (p) => p.waitForLoadState('networkidle') },
  { name: 'quality, a province', path: 'quality/?p=37', ready: dataset('view', 'p=37') },
  { name: 'data', path: 'data/', ready: (p) => p.waitForLoadState('networkidle') },
  {
    name: 'SQL with a result',
    path: 'sql/',
    ready: async (p) => {
      await p.fill('#sql-q', 'SELECT agency, year, figures_given FROM reports ORDER BY 1, 2');
      await p.click('#sql-run');
      await p.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.sql ?? ''), null, { timeout: 90_000 });
      expect(await p.evaluate(() => document.body.dataset.sql)).toBe('done');
    },
  },
  { name: 'about', path: 'about/', ready: (p) => p.waitForLoadState('networkidle') },
];

const MODES = [
  { name: 'phone, light', viewport: PHONE, colorScheme: 'light' },
  { name: 'phone, dark', viewport: PHONE, colorScheme: 'dark' },
  { name: 'desktop, light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'desktop, dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
] as const;

interface Violation {
  id: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`));
}

describe.skipIf(!siteUrl)('accessibility (axe-core) on every page', () => {
  for (const mode of MODES) {
    describe(mode.name, () => {
      let s: Session;
      beforeAll(async () => {
        s = await openSession(siteUrl!, { viewport: mode.viewport, colorScheme: mode.colorScheme });
      });
      afterAll(async () => s?.close());

      for (const view of VIEWS) {
        it(`has no violations: ${view.name}`, async () => {
          await s.page.goto(`${siteUrl}${view.path}`);
          await view.ready(s.page);
          expect(await axeViolations(s.page)).toEqual([]);
          expect(s.foreign).toEqual([]);
        });
      }
    });
  }
});
