// Whether browser tests can run here. Under CI a missing Chromium is a
// failure; elsewhere the browser tests are skipped, loudly.

import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function browserTestsEnabled(): boolean {
  if (HAVE_CHROMIUM) return true;
  if (IN_CI) throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: the browser tests are required under CI (apt-get install -y chromium).`);
  console.warn(`\n!!! ${CHROMIUM} not found: SKIPPING the browser tests. Install Debian's chromium (apt-get install -y chromium) to run them. !!!\n`);
  return false;
}
