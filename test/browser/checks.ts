// The checks every page's browser tests share: nothing asked of another host and no error logged,
// and a page that fits a phone's screen (390 px) without scrolling sideways.

import { expect, it } from 'vitest';
import { PHONE, screenshot, sidewaysOverflow, withSession, type Session } from './browser.ts';

/** Asserts the session asked no other host for anything and logged no error. */
export function expectNoForeignRequestOrError(s: Session): void {
  expect(s.foreign, 'requests to other hosts').toEqual([]);
  expect(s.consoleErrors, 'console errors').toEqual([]);
}

/** The test that closes a page's suite: its session (opened in beforeAll) asked no other host and logged no error. */
export function itMadeNoForeignRequestOrError(session: () => Session): void {
  it('made no request to another host and logged no error', () => expectNoForeignRequestOrError(session()));
}

/** Asserts the page does not scroll sideways (1 CSS px of rounding allowed) and, given a name, keeps a screenshot. */
export async function expectFits(s: Session, screenshotName?: string): Promise<void> {
  expect(await sidewaysOverflow(s.page), 'sideways scrolling (CSS px)').toBeLessThanOrEqual(1);
  if (screenshotName) await screenshot(s.page, screenshotName);
}

/** Runs `use` in a fresh phone-sized (390 px) browser, then checks it asked no other host and logged no error. */
export function onPhone(siteUrl: string, use: (s: Session) => Promise<void>): Promise<void> {
  return withSession(siteUrl, { viewport: PHONE }, async (s) => {
    await use(s);
    expectNoForeignRequestOrError(s);
  });
}
