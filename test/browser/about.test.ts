// The method page in headless Chromium, built under a sub-path: the template
// comparison is the template model's, the law and the commands are there, and
// the navigation reaches every page of the issue under the sub-path.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';
import { SUB_PATH } from './global-setup.ts';
import { APPLICATION_ROWS, DISCLOSURE_ITEMS, TEMPLATES, applicationRows, measure, measuresOf } from '../../src/lib/template/model.ts';

const siteUrl = inject('siteUrl');
const page = () => `${siteUrl}about/`;

describe.skipIf(!siteUrl)('method page in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
    await s.page.goto(page());
  });
  afterAll(async () => s?.close());

  it('explains the reports and the law behind them', async () => {
    const text = await s.page.locator('#reports').textContent();
    expect(text).toContain('《中华人民共和国政府信息公开条例》');
    expect(text).toContain('2019 年 4 月 3 日修订');
    expect(text).toContain('第五十条');
    expect(text).toContain('国办公开办函〔2019〕60号');
    expect(text).toContain('2021 年');
    expect(await s.page.locator('#undisclosed').textContent()).toContain('不是 0');
    for (const command of ['npm run build:data', 'npm run build', 'npm start', 'SITE_BASE=/reports/ npm run build']) expect(await s.page.locator('#rebuild').textContent()).toContain(command);
  });

  it('compares the two templates as the template model describes them', async () => {
    for (const item of DISCLOSURE_ITEMS) {
      const cells = await s.page.locator(`#template-disclosure tr[data-item="${item.code}"] td`).allTextContents();
      TEMPLATES.forEach((t, i) => {
        const measures = measuresOf(item, t).map((m) => measure(m).label);
        expect(cells[i + 1], `${item.code} ${t}`).toBe(measures.length ? measures.join('、') : '（无此项）');
      });
    }
    for (const row of APPLICATION_ROWS) {
      const cells = await s.page.locator(`#template-applications tr[data-row="${row.code}"] td`).allTextContents();
      expect(cells, row.code).toEqual(TEMPLATES.map((t) => (applicationRows(t).some((r) => r.code === row.code) ? '✓' : '—')));
    }
  });

  it('links every page of the site under the sub-path, and each of them loads', async () => {
    const nav = await s.page.$$eval('nav.main a', (as) => as.map((a) => ({ href: a.getAttribute('href')!, current: a.getAttribute('aria-current') })));
    for (const path of ['', 'quality/', 'data/', 'sql/', 'about/']) expect(nav.map((n) => n.href)).toContain(`${SUB_PATH}${path}`);
    expect(nav.find((n) => n.current === 'page')?.href).toBe(`${SUB_PATH}about/`);
    for (const path of ['quality/', 'data/', 'sql/', 'about/']) {
      const response = await s.page.goto(`${siteUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      const links = await s.page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
      // Every link within the site stays under the sub-path; the only other host linked is the licence's.
      for (const href of links) {
        if (href.startsWith('#') || href.startsWith('data:') || href.startsWith('blob:')) continue;
        if (href.startsWith('https://creativecommons.org/')) continue;
        expect(href, `${path}: ${href}`).toMatch(new RegExp(`^${SUB_PATH}`));
      }
      expect(await s.page.$eval('nav.main a[aria-current="page"]', (a) => a.getAttribute('href'))).toBe(`${SUB_PATH}${path}`);
    }
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('method page on a phone', () => {
  it('fits a 390 px screen', async () => {
    await onPhone(siteUrl!, async (s) => {
      await s.page.goto(page());
      await expectFits(s, 'about-390');
    });
  });
});
