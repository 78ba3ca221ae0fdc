// npm start builds the site only when something it is made from changed: the
// stamp of the inputs changes with a source file, the data or the settings,
// and a site is fresh only with the stamp its build left.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteIsFresh, siteStamp, writeStamp } from '../scripts/site-stamp.mjs';

const root = mkdtempSync(join(tmpdir(), 'site-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function touch(path: string, text: string, seconds: number) {
  writeFileSync(path, text);
  utimesSync(path, seconds, seconds);
}

describe('the site stamp', () => {
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(join(root, 'public/data'), { recursive: true });
  mkdirSync(join(root, 'data'), { recursive: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  touch(join(root, 'src/page.ts'), 'a', 1000);
  touch(join(root, 'data/summary.parquet'), 'rows', 1000);
  const data = join(root, 'data');

  it('is the same for the same inputs, and a site built from them is fresh', () => {
    const stamp = siteStamp(root, data);
    expect(siteStamp(root, data)).toBe(stamp);
    writeFileSync(join(root, 'dist/index.html'), '<html>');
    expect(siteIsFresh(join(root, 'dist'), stamp)).toBe(false);
    writeStamp(join(root, 'dist'), stamp);
    expect(siteIsFresh(join(root, 'dist'), stamp)).toBe(true);
  });

  it('changes with a source file, the data or the settings, not with what the build writes into public/', () => {
    const stamp = siteStamp(root, data);
    touch(join(root, 'public/data/files.json'), '{}', 2000);
    expect(siteStamp(root, data)).toBe(stamp);
    touch(join(root, 'src/page.ts'), 'b', 2000);
    const edited = siteStamp(root, data);
    expect(edited).not.toBe(stamp);
    touch(join(root, 'data/summary.parquet'), 'more rows', 3000);
    expect(siteStamp(root, data)).not.toBe(edited);
    const before = siteStamp(root, data);
    process.env.SITE_BASE = '/reports/';
    try {
      expect(siteStamp(root, data)).not.toBe(before);
    } finally {
      delete process.env.SITE_BASE;
    }
  });
});
