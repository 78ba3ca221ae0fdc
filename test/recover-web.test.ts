// Every hand-checked figure and fact of the samples and the shared corpus,
// read again from the forms web sites serve reports in:
//   script page   a site page whose body is chrome, the report's HTML in a
//                 script (string literal, JSON or document.write; &nbsp;
//                 cells), synth/web.ts
//   mirror        a mirror site's copy: Traditional characters, pinyin notes
//                 ('根據(jù)') and an advert glued to the title and sentences
//   page facts    a page whose article lacks the report's title block: the
//                 body's name, year and date come from the page title,
//                 breadcrumb and 发布日期

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeReport } from '../src/lib/decode/index.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { Rng } from '../src/lib/synth/prng.ts';
import { mirrorText, scriptPage, textToHtml } from '../src/lib/synth/web.ts';
import { checkRecord, loadExpected, type Expected } from './helpers/golden.ts';
import { utf8 } from './helpers/decode.ts';

const root = join(import.meta.dirname, '..');
const today = new Date('2026-11-21');
const PAGE_DATE = '2024-02-05';

/** The record, with the decoder's findings (encoding, HTML, pinyin) ahead of its own. */
function read(bytes: Uint8Array, name: string): ReportRecord {
  const decoded = decodeReport(bytes, name);
  expect(decoded.ok, `${name} decodes`).toBe(true);
  const { record } = parseReport(decoded.text, name, { today, webPage: decoded.page });
  return { ...record, findings: [...decoded.findings, ...record.findings] };
}

interface Source {
  name: string;
  text: string;
  expected: Expected;
}

function sources(): Source[] {
  const out: Source[] = [];
  const add = (name: string, path: string, expected: Expected) => out.push({ name, text: readFileSync(path, 'utf8'), expected });
  for (const [name, expected] of Object.entries(loadExpected('seeds.json'))) if (!name.startsWith('_')) add(name, join(root, 'data/raw', name), expected);
  for (const [name, expected] of Object.entries(loadExpected('corpus.json'))) {
    if (name.endsWith('.pdf')) continue;
    add(name, join(root, name.includes('.partial.') ? 'test/fixtures/corpus/excerpts' : 'data/raw', name), expected);
  }
  return out;
}

/** The page's 发布日期 stands for the report's date where the report gives none (and the expectation says so). */
const withPageDate = (e: Expected): Expected => ('published_on' in e ? { ...e, published_on: e.published_on ?? PAGE_DATE } : e);

/** The report's title block: its first lines up to the one that says 报告 (none for an excerpt without one). */
function titleBlock(text: string): { title: string; rest: string } {
  const lines = text.split('\n');
  const at = lines.slice(0, 6).findIndex((l) => l.includes('报告') && !l.includes('。'));
  if (at < 0) return { title: '', rest: text };
  return { title: lines.slice(0, at + 1).map((l) => l.trim()).filter(Boolean).join(''), rest: lines.slice(at + 1).join('\n') };
}

describe('reports written by a page script', () => {
  for (const source of sources()) {
    it(source.name, () => {
      for (let seed = 1; seed <= 3; seed++) {
        const { title, rest } = titleBlock(source.text);
        const html = scriptPage({ title: title || '政府信息公开工作年度报告', body: textToHtml(title ? rest : source.text), siteName: '政务公开网', published: PAGE_DATE }, Rng.of('page', seed));
        const record = read(utf8(html), source.name.replace(/\.txt$/, '.html'));
        checkRecord(record, withPageDate(source.expected));
      }
    });
  }
});

describe('mirror copies: Traditional characters, pinyin notes, adverts', () => {
  for (const source of sources()) {
    it(source.name, () => {
      for (let seed = 1; seed <= 3; seed++) {
        const text = mirrorText(source.text, Rng.of('mirror', seed), { traditional: true, pinyin: true });
        expect(text).not.toBe(source.text);
        const record = read(utf8(text), source.name);
        checkRecord(record, source.expected);
        // The advert is never the agency nor a place; what was set aside is reported.
        for (const value of [record.agency, record.town, record.county, record.city, record.province]) expect(value ?? '').not.toMatch(/体育|官网|娱乐|葡京|[A-Za-z@_]/);
        if (record.agency) expect(record.findings.map((f) => f.rule)).toContain('meta_text_ignored');
        expect(record.findings.map((f) => f.rule)).toContain('input_pinyin');
      }
    });
  }
});

describe('facts from the page around the report', () => {
  for (const source of sources()) {
    const { title, rest } = titleBlock(source.text);
    if (!title) continue; // an excerpt without a title block has nothing to move
    it(source.name, () => {
      const siteName = `${String(source.expected.agency ?? '')}门户网站`;
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_${siteName}</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<h2 class="article-title">${title}</h2>
<div class="info">发布日期：${PAGE_DATE}　来源：${siteName}</div>
<div class="article-content">${textToHtml(rest)}</div>
<div class="footer">版权所有</div></body></html>`;
      // The article loses its title block in the page's own heading: the reader finds it there.
      const record = read(utf8(html), source.name.replace(/\.txt$/, '.html'));
      checkRecord(record, withPageDate(source.expected));
    });
  }
});
