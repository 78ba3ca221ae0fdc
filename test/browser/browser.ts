// Headless Chromium for the browser tests: every request and console error is
// recorded so that a test can fail on a request to another host or on any
// console error.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './env.ts';

export const OUTPUT = join(import.meta.dirname, '../../test-output');

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests to any host other than the local server. */
  foreign: string[];
  consoleErrors: string[];
  requests: { url: string; bytes: number }[];
  close(): Promise<void>;
}

export async function openSession(siteUrl: string, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Session> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true, locale: 'zh-CN', colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const origin = new URL(siteUrl).origin;
  const foreign: string[] = [];
  const consoleErrors: string[] = [];
  const requests: { url: string; bytes: number }[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('requestfinished', async (req) => {
    const sizes = await req.sizes().catch(() => null);
    requests.push({ url: req.url(), bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0 });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) consoleErrors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    // A failed load is reported above with its URL.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  return {
    browser,
    context,
    page,
    foreign,
    consoleErrors,
    requests,
    close: () => browser.close(),
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT, { recursive: true });
  const path = join(OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A common phone's viewport (iPhone 12–15). */
export const PHONE = { width: 390, height: 844 };

/** How many CSS pixels the page scrolls sideways: a page that fits its screen gives 0. */
export const sidewaysOverflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Opens a browser, runs `use` on it and closes the browser whatever happens. */
export async function withSession<T>(siteUrl: string, options: Parameters<typeof openSession>[1], use: (s: Session) => Promise<T>): Promise<T> {
  const s = await openSession(siteUrl, options);
  try {
    return await use(s);
  } finally {
    await s.close();
  }
}
