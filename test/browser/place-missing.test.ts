// A place URL whose code names no page: a malformed code (10 digits, letters,
// empty) and a well-formed code of no place with reports each get a plain
// message instead of 正在载入数据… for ever, the places whose codes it begins
// with, and a search box that finds a place and opens its page.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';

const siteUrl = inject('siteUrl');
const placeUrl = (code: string) => `${siteUrl}place/?code=${encodeURIComponent(code)}`;

async function open(s: Session, code: string): Promise<string> {
  await s.page.goto(placeUrl(code));
  await s.page.waitForFunction(() => document.body.dataset.placeReady, null, { timeout: 60_000 });
  return (await s.page.evaluate(() => document.body.dataset.placeReady))!;
}

const text = (s: Session, sel: string) => s.page.locator(sel).innerText();

describe.skipIf(!siteUrl)('place page with a code that names no place', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
  });
  afterAll(async () => s?.close());

  it('says a 10-digit code is not a place code, lists the town it begins with, and offers the search box', async () => {
    expect(await open(s, '6325251010')).toBe('malformed');
    expect(await text(s, '#place-name')).toBe('找不到这个地方');
    const why = await text(s, '#place-missing-why');
    expect(why).toContain('“6325251010”不是地方代码');
    expect(why).toMatch(/2 位.*4 位.*6 位.*9 位/);
    expect(await text(s, '#place-status')).not.toContain('正在载入');
    // Nothing of a place's frame is left waiting.
    expect(await s.page.locator('#trends').isVisible()).toBe(false);
    expect(await s.page.locator('#reports').isVisible()).toBe(false);
    // 632525101 is 过马营镇, a town with a report in the samples.
    await s.page.waitForFunction(() => document.body.dataset.placeNear !== undefined);
    const near = s.page.locator('#place-missing-near a');
    expect(await near.allInnerTexts()).toEqual(['过马营镇']);
    expect(new URL((await near.first().getAttribute('href'))!, siteUrl!).search).toBe('?code=632525101');
    expect(await s.page.locator('#place-search').isVisible()).toBe(true);
    await screenshot(s.page, 'place-malformed');
  });

  it('finds a place with the search box and opens its page', async () => {
    const input = s.page.locator('#place-search');
    await input.focus();
    await input.pressSequentially('洪官');
    const option = s.page.locator('#place-search-list li[role="option"]').first();
    await option.waitFor({ timeout: 30_000 });
    expect(await option.innerText()).toContain('洪官屯镇');
    await input.press('Enter');
    await s.page.waitForURL(/\?code=371503110$/);
    await s.page.waitForFunction(() => document.body.dataset.placeReady === '371503110', null, { timeout: 90_000 });
    expect(await text(s, '#place-name')).toBe('洪官屯镇');
    expect(await s.page.locator('#place-missing').isVisible()).toBe(false);
  });

  it('refuses letters and an empty code with the same message', async () => {
    expect(await open(s, 'abc')).toBe('malformed');
    expect(await text(s, '#place-missing-why')).toContain('“abc”不是地方代码');
    expect(await open(s, '')).toBe('malformed');
    expect(await text(s, '#place-missing-why')).toContain('网址中的地方代码是空的');
    expect(await s.page.locator('#place-search').isVisible()).toBe(true);
  });

  it('says a well-formed code of no place with reports is unknown, with the regions above it that have pages', async () => {
    expect(await open(s, '320813999')).toBe('missing');
    expect(await text(s, '#place-name')).toBe('找不到这个地方');
    expect(await text(s, '#place-missing-why')).toContain('本站没有代码为 320813999 的地方的报告');
    await s.page.waitForFunction(() => document.body.dataset.placeNear !== undefined);
    expect(await s.page.locator('#place-missing-near a').allInnerTexts()).toEqual(['洪泽区', '淮安市']);
    expect(await s.page.locator('#trends').isVisible()).toBe(false);
    expect(await s.page.locator('#place-search').isVisible()).toBe(true);
    await screenshot(s.page, 'place-unknown');
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('place page with a malformed code on a phone', () => {
  it('fits a 390 px screen', async () => {
    await onPhone(siteUrl!, async (s) => {
      expect(await open(s, '6325251010')).toBe('malformed');
      await s.page.waitForFunction(() => document.body.dataset.placeNear !== undefined);
      await expectFits(s, 'place-malformed-390');
    });
  });
});
