// What the data build and the site make of the collector's sidecars: a
// sidecar is attached to its file, never read as a report (one without a file
// is a failed row that names it, one that cannot be read a finding); its site
// name and breadcrumbs decide a place the text leaves open, with a finding
// saying so; a changed sidecar is parsed again; and the place page links a
// report to its original address (http and https only).

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../src/lib/build/index.ts';
import { readSidecar, splitSidecars } from '../src/lib/build/sidecar.ts';
import { SIDECAR_KIND, SIDECAR_VERSION, type Sidecar } from '../src/lib/collect/sidecar.ts';
import { parseReport } from '../src/lib/validate/index.ts';
import { sourceLink } from '../src/lib/place/render.ts';
import { closeDb, CLEAN_SAMPLE, RAW, TODAY } from './helpers/build-data.ts';
import { Db, parquet, sha256, tempDir } from './helpers/build.ts';
import { sample } from './helpers/collect-site.ts';

/** 潘庄镇's report without the one sentence that names 临清市: three towns of the name remain. */
const PANZHUANG_UNPLACED = sample(CLEAN_SAMPLE).replace('在临清市委、市政府正确领导下，', '');
const PAGE = { siteName: '临清市人民政府', breadcrumbs: ['首页', '政务公开', '政府信息公开年报'] };

function sidecar(file: string, bytes: string | Buffer, extra: Partial<Sidecar> = {}): Sidecar {
  return {
    sidecar: SIDECAR_KIND,
    version: SIDECAR_VERSION,
    file,
    source_url: `https://www.linqing.gov.cn/xxgk/ndbg/${file}`,
    final_url: `https://www.linqing.gov.cn/xxgk/ndbg/${file}`,
    listing_url: 'https://www.linqing.gov.cn/xxgk/ndbg/index.html',
    link_text: '潘庄镇2021年政府信息公开工作年度报告',
    fetched_at: '2026-05-30T08:00:00.000Z',
    etag: null,
    last_modified: null,
    content_type: 'text/plain',
    sha256: sha256(bytes),
    bytes: Buffer.byteLength(bytes),
    page: { url: `https://www.linqing.gov.cn/xxgk/ndbg/${file}`, title: '潘庄镇2021年政府信息公开工作年度报告', site_name: PAGE.siteName, date: '2022-01-20', breadcrumbs: PAGE.breadcrumbs },
    relation: null,
    ...extra,
  };
}

describe('sidecars in the raw folder', () => {
  it('are attached to their files; one without a file stays a file to read', () => {
    const split = splitSidecars(['a.html', 'a.html.meta.json', 'b.pdf', 'c.pdf.meta.json', 'd/e.docx', 'd/e.docx.meta.json']);
    expect(split.reports).toEqual(['a.html', 'b.pdf', 'c.pdf.meta.json', 'd/e.docx']);
    expect([...split.sidecars]).toEqual([
      ['a.html', 'a.html.meta.json'],
      ['d/e.docx', 'd/e.docx.meta.json'],
    ]);
  });

  it('reads what the build needs and flags one that is not the collector’s', () => {
    const dir = tempDir('sidecar-read');
    writeFileSync(join(dir, 'good.json'), JSON.stringify(sidecar('x.txt', 'x')));
    writeFileSync(join(dir, 'bad.json'), '{"source_url": ');
    writeFileSync(join(dir, 'foreign.json'), '{"title": "something else"}');
    const good = readSidecar(join(dir, 'good.json'), 'x.txt');
    expect(good.findings).toEqual([]);
    expect(good.meta).toMatchObject({ source_url: 'https://www.linqing.gov.cn/xxgk/ndbg/x.txt', source_title: '潘庄镇2021年政府信息公开工作年度报告', source_fetched_at: '2026-05-30T08:00:00.000Z', page: PAGE });
    for (const name of ['bad.json', 'foreign.json']) {
      const r = readSidecar(join(dir, name), 'x.txt');
      expect(r.meta.source_url).toBeNull();
      expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['input_sidecar_invalid', 'warning']]);
      expect(r.findings[0].message).toContain('x.txt');
    }
  });
});

describe('the publishing page as evidence for the place', () => {
  it('decides among same-named towns when the text does not, and says so', () => {
    const alone = parseReport(PANZHUANG_UNPLACED, 'p.txt', { today: TODAY }).record;
    expect(alone.town_code).toBeNull();
    expect(alone.findings.map((f) => f.rule)).toContain('meta_place_ambiguous');

    const placed = parseReport(PANZHUANG_UNPLACED, 'p.txt', { today: TODAY, page: PAGE }).record;
    expect({ town: placed.town, county: placed.county, city: placed.city }).toEqual({ town: '潘庄镇', county: '临清市', city: '聊城市' });
    expect(placed.place_basis).toBe('发布网页提到临清市，在3个同名乡镇中选定');
    const [f] = placed.findings.filter((x) => x.rule === 'meta_place_from_page');
    expect(f).toMatchObject({ severity: 'info', section: 'meta' });
    expect(f.message).toContain('临清市人民政府 › 首页 › 政务公开 › 政府信息公开年报');
    expect(placed.findings.map((x) => x.rule)).not.toContain('meta_place_ambiguous');
  });

  it('is not needed, and not mentioned, when the text names the place itself', () => {
    const r = parseReport(sample(CLEAN_SAMPLE), 'p.txt', { today: TODAY, page: { siteName: '某某县人民政府', breadcrumbs: [] } }).record;
    expect(r.place_basis).toBe('正文提到临清市，在3个同名乡镇中选定');
    expect(r.findings.map((x) => x.rule)).not.toContain('meta_place_from_page');
  });
});

describe('build:data with sidecars', () => {
  let db: Db;
  let raw: string;
  let out: string;

  beforeAll(async () => {
    db = await Db.open();
    raw = tempDir('sidecar-raw');
    out = tempDir('sidecar-build');
    mkdirSync(join(raw, 'www.linqing.gov.cn'));
    writeFileSync(join(raw, 'www.linqing.gov.cn', 'panzhuang.txt'), PANZHUANG_UNPLACED);
    writeFileSync(join(raw, 'www.linqing.gov.cn', 'panzhuang.txt.meta.json'), JSON.stringify(sidecar('panzhuang.txt', PANZHUANG_UNPLACED)));
    copyFileSync(join(RAW, '000_0e823e9c66ae55d4.txt'), join(raw, 'hongguantun.txt'));
    writeFileSync(join(raw, 'hongguantun.txt.meta.json'), 'not json');
    writeFileSync(join(raw, 'lost.pdf.meta.json'), JSON.stringify(sidecar('lost.pdf', 'gone')));
    await buildData({ raw, out, workers: 1, csv: false, today: TODAY });
  }, 300_000);

  afterAll(() => closeDb(db));

  it('gives the report its address, title and fetch time, and its place from the page', async () => {
    const [row] = await db.objects(`SELECT * FROM ${parquet(out, 'reports')} WHERE source_file = 'www.linqing.gov.cn/panzhuang.txt'`);
    expect(row).toMatchObject({
      source_url: 'https://www.linqing.gov.cn/xxgk/ndbg/panzhuang.txt',
      source_title: '潘庄镇2021年政府信息公开工作年度报告',
      source_fetched_at: '2026-05-30T08:00:00.000Z',
      county: '临清市',
      place_basis: '发布网页提到临清市，在3个同名乡镇中选定',
    });
    expect(row.town_code).toMatch(/^371581/);
    const rules = await db.rows(`SELECT rule FROM ${parquet(out, 'findings')} f JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE r.source_file = 'www.linqing.gov.cn/panzhuang.txt'`);
    expect(rules.flat()).toContain('meta_place_from_page');
  });

  it('accounts for every file: attached sidecars are not rows, a lone one is a failed row, a broken one a finding', async () => {
    const rows = await db.objects(`SELECT source_file, status, source_url FROM ${parquet(out, 'reports')} ORDER BY source_file`);
    expect(rows.map((r) => [r.source_file, r.status === 'failed'])).toEqual([
      ['hongguantun.txt', false],
      ['lost.pdf.meta.json', true],
      ['www.linqing.gov.cn/panzhuang.txt', false],
    ]);
    const lone = await db.rows(`SELECT f.rule FROM ${parquet(out, 'findings')} f JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE r.source_file = 'lost.pdf.meta.json'`);
    expect(lone.flat()).toEqual(['input_sidecar_orphan']);
    const broken = await db.rows(`SELECT f.rule FROM ${parquet(out, 'findings')} f JOIN ${parquet(out, 'reports')} r USING (report_id) WHERE r.source_file = 'hongguantun.txt'`);
    expect(broken.flat()).toContain('input_sidecar_invalid');
  });

  it('parses a report again when only its sidecar changed', async () => {
    const again = await buildData({ raw, out, workers: 1, csv: false, today: TODAY });
    expect(again.files).toMatchObject({ total: 3, parsed: 0, unchanged: 3, sidecars: 2 });
    writeFileSync(join(raw, 'www.linqing.gov.cn', 'panzhuang.txt.meta.json'), JSON.stringify(sidecar('panzhuang.txt', PANZHUANG_UNPLACED, { source_url: 'https://www.linqing.gov.cn/moved.html' })));
    const changed = await buildData({ raw, out, workers: 1, csv: false, today: TODAY });
    expect(changed.files).toMatchObject({ parsed: 1, unchanged: 2 });
    expect(await db.rows(`SELECT source_url FROM ${parquet(out, 'reports')} WHERE source_file = 'www.linqing.gov.cn/panzhuang.txt'`)).toEqual([['https://www.linqing.gov.cn/moved.html']]);
  }, 300_000);
});

describe('the place page', () => {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const row = (extra: Record<string, string | null>) => ({ report_id: 'r1', year: 2021, template: '2021', ...extra });

  it('links a report to its original address, titled, with the day it was fetched', () => {
    const el = sourceLink(document, row({ source_url: 'https://www.linqing.gov.cn/xxgk/ndbg/t1.html', source_title: '潘庄镇2021年政府信息公开工作年度报告', source_fetched_at: '2026-05-30T08:00:00.000Z' }))!;
    const a = el.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://www.linqing.gov.cn/xxgk/ndbg/t1.html');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(a.textContent).toBe('潘庄镇2021年政府信息公开工作年度报告');
    expect(el.textContent).toContain('2026-05-30 采集');
  });

  it('makes no link of an address that is not http(s), nor of none', () => {
    expect(sourceLink(document, row({ source_url: 'javascript:alert(1)', source_title: 'x' }))).toBeNull();
    expect(sourceLink(document, row({ source_url: null }))).toBeNull();
  });
});
