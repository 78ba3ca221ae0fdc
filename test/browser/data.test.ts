// The download page in headless Chromium, built under a sub-path: every file
// files.json lists is offered, each download has the right bytes (fetched in
// the page, hashed and compared with files.json and the file in the site),
// and the dictionary, manifest, licence and citation are shown.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, screenshot, type Session } from './browser.ts';
import { expectFits, itMadeNoForeignRequestOrError, onPhone } from './checks.ts';
import { SUB_PATH } from './global-setup.ts';
import type { Dictionary } from '../../src/lib/build/dictionary.ts';
import type { Manifest } from '../../src/lib/build/index.ts';
import type { Published } from '../../src/lib/build/publish.ts';

const siteUrl = inject('siteUrl');
const siteDir = inject('siteDir');
const page = () => `${siteUrl}data/`;
const json = <T>(file: string) => JSON.parse(readFileSync(join(siteDir!, 'data', file), 'utf8')) as T;

describe.skipIf(!siteUrl)('download page in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(siteUrl!);
    await s.page.goto(page());
  });
  afterAll(async () => s?.close());

  it('offers every file files.json lists, under the sub-path, with its size', async () => {
    const published = json<Published>('files.json');
    const links = await s.page.$$eval('#downloads a[download]', (as) => as.map((a) => ({ href: a.getAttribute('href')!, bytes: Number((a as HTMLElement).dataset.bytes), sha256: (a as HTMLElement).dataset.sha256 })));
    const files = Object.values(published.tables).flatMap((t) => [...t.parquet, ...t.csv, ...t.csv_zh]);
    expect(links.map((l) => l.href).sort()).toEqual(files.map((f) => `${SUB_PATH}data/${f.file}`).sort());
    for (const f of files) expect(links.find((l) => l.href.endsWith(`/data/${f.file}`))).toMatchObject({ bytes: f.bytes, sha256: f.sha256 });
    // Each table's row shows its Parquet and CSV with a human size.
    for (const name of Object.keys(published.tables)) {
      const row = await s.page.locator(`#downloads tr[data-table="${name}"]`).textContent();
      expect(row).toMatch(/\d+(\.\d)? (B|KB|MB)/);
      // Beside the plain CSV, the readable one (Chinese headers, place names) says what it is.
      if (published.tables[name].csv_zh.length) expect(row).toContain('中文表头、含地名');
    }
  });

  it('each download has the right bytes (sha256 of what the browser fetches = files.json = the file in the site)', async () => {
    const published = json<Published>('files.json');
    const files = Object.values(published.tables).flatMap((t) => [...t.parquet, ...t.csv, ...t.csv_zh]);
    const hrefs = await s.page.$$eval('#downloads a[download]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const fetched = await s.page.evaluate(async (urls) => {
      const out: Record<string, { sha256: string; bytes: number }> = {};
      for (const u of urls) {
        const buf = await (await fetch(u)).arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', buf);
        out[u] = { sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''), bytes: buf.byteLength };
      }
      return out;
    }, hrefs);
    for (const f of files) {
      const got = Object.entries(fetched).find(([u]) => new URL(u).pathname === `${SUB_PATH}data/${f.file}`)?.[1];
      expect(got, f.file).toBeDefined();
      expect(got!.bytes, f.file).toBe(f.bytes);
      expect(got!.sha256, f.file).toBe(f.sha256);
      expect(createHash('sha256').update(readFileSync(join(siteDir!, 'data', f.file))).digest('hex'), f.file).toBe(f.sha256);
    }
  });

  it('renders dictionary.json as tables and links it', async () => {
    const dictionary = json<Dictionary>('dictionary.json');
    expect(await s.page.locator('#dictionary a', { hasText: 'dictionary.json' }).getAttribute('href')).toBe(`${SUB_PATH}data/dictionary.json`);
    for (const t of dictionary.tables) {
      const names = await s.page.$$eval(`details[data-table="${t.name}"] tbody tr td:first-child code`, (cs) => cs.map((c) => c.textContent));
      expect(names, t.name).toEqual(t.columns.map((c) => c.name));
    }
    const rules = await s.page.locator('#codes-rules tbody tr').count();
    expect(rules).toBe(dictionary.rules.length);
  });

  it('shows the manifest: build date and files by status, and links it', async () => {
    const manifest = json<Manifest>('manifest.json');
    expect(await s.page.locator('#manifest time').getAttribute('datetime')).toBe(manifest.built_at);
    for (const [status, n] of Object.entries(manifest.files.by_status)) {
      expect(await s.page.locator(`#by-status tr[data-status="${status}"] td.num`).textContent()).toBe(n.toLocaleString('zh-CN'));
    }
    expect(await s.page.locator('a', { hasText: 'manifest.json' }).first().getAttribute('href')).toBe(`${SUB_PATH}data/manifest.json`);
  });

  it('states the licences and a citation in Chinese and English with the build date', async () => {
    const manifest = json<Manifest>('manifest.json');
    const license = await s.page.locator('#license').textContent();
    expect(license).toContain('MIT');
    expect(license).toContain('CC BY 4.0');
    expect(license).toContain('意向');
    const [y, m, d] = manifest.built_at.slice(0, 10).split('-').map(Number);
    expect(await s.page.locator('#cite-zh').textContent()).toContain(`${y} 年 ${m} 月 ${d} 日`);
    const en = await s.page.locator('#cite-en').textContent();
    expect(en).toContain(manifest.built_at.slice(0, 10));
    expect(en).toContain(siteUrl!);
    await screenshot(s.page, 'data');
  });

  itMadeNoForeignRequestOrError(() => s);
});

describe.skipIf(!siteUrl)('download page on a phone', () => {
  it('fits a 390 px screen', async () => {
    await onPhone(siteUrl!, async (s) => {
      await s.page.goto(page());
      await expectFits(s, 'data-390');
    });
  });
});
