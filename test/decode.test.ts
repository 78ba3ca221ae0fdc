import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { decodeReport, type DecodedReport } from '../src/lib/decode/index.ts';
import { expandGrid } from '../src/lib/decode/html-table.ts';
import { checkTraditional } from '../src/lib/decode/traditional.ts';

const RAW = join(import.meta.dirname, '..', 'data', 'raw');
const SAMPLES = readdirSync(RAW).filter((f) => f.endsWith('.txt')).sort();

/** A sample's text as the decoder should give it: no BOM, '\n' line ends. */
function expected(file: string): string {
  return readFileSync(join(RAW, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const encode = (s: string, enc: string, addBOM = false) => new Uint8Array(iconv.encode(s, enc, { addBOM }));

function rules(r: DecodedReport): string[] {
  return r.findings.map((f) => f.rule);
}

/** Asserts a refusal: no text, the format, and one finding of the rule whose message names the file. */
function expectRefused(r: DecodedReport, format: string, rule: string, fileName: string): void {
  expect(r.ok).toBe(false);
  expect(r.text).toBe('');
  expect(r.format).toBe(format);
  expect(r.encoding).toBeNull();
  expect(rules(r)).toEqual([rule]);
  expect(r.findings[0].section).toBe('input');
  expect(r.findings[0].message).toContain(fileName);
}

/** Seeded pseudo-random bytes (mulberry32). */
function randomBytes(n: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** A ZIP stub: stored local file entries and an end-of-central-directory record. */
function zipStub(entries: Record<string, string>): Uint8Array {
  const parts: number[] = [];
  for (const [name, content] of Object.entries(entries)) {
    const n = Buffer.from(name);
    const c = Buffer.from(content);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(c.length, 18);
    h.writeUInt32LE(c.length, 22);
    h.writeUInt16LE(n.length, 26);
    parts.push(...h, ...n, ...c);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  parts.push(...end);
  return new Uint8Array(parts);
}

describe('plain text samples', () => {
  it.each(SAMPLES)('%s decodes to its UTF-8 text', (file) => {
    const r = decodeReport(new Uint8Array(readFileSync(join(RAW, file))), file);
    expect(r.ok).toBe(true);
    expect(r.format).toBe('text');
    expect(r.encoding).toBe('utf-8');
    expect(r.traditional).toBe(false);
    expect(r.findings).toEqual([]);
    expect(r.text).toBe(expected(file));
  });

  const variants: Array<[string, (s: string) => Uint8Array, string, boolean]> = [
    ['GB18030', (s) => encode(s, 'gb18030'), 'gb18030', true],
    ['UTF-16LE with BOM', (s) => encode(s, 'utf-16le', true), 'utf-16le', true],
    ['UTF-16BE with BOM', (s) => encode(s, 'utf-16be', true), 'utf-16be', true],
    ['UTF-16LE without BOM', (s) => encode(s, 'utf-16le'), 'utf-16le', true],
    ['UTF-16BE without BOM', (s) => encode(s, 'utf-16be'), 'utf-16be', true],
    ['UTF-8 with BOM', (s) => utf8(`\uFEFF${s}`), 'utf-8', false],
    ['UTF-8 with CRLF', (s) => utf8(s.replace(/\n/g, '\r\n')), 'utf-8', false],
    ['UTF-8 with CR', (s) => utf8(s.replace(/\n/g, '\r')), 'utf-8', false],
  ];
  for (const [label, make, encoding, info] of variants) {
    it.each(SAMPLES)(`${label}: %s decodes to the same text`, (file) => {
      const text = expected(file);
      const r = decodeReport(make(text), file);
      expect(r.ok).toBe(true);
      expect(r.format).toBe('text');
      expect(r.encoding).toBe(encoding);
      expect(r.text).toBe(text);
      if (info) {
        expect(rules(r)).toEqual(['input_encoding']);
        expect(r.findings[0].severity).toBe('info');
        expect(r.findings[0].message).toContain(file);
      } else {
        expect(r.findings).toEqual([]);
      }
    });
  }

  it.each(SAMPLES)('GBK: %s decodes like the reference GBK decoder', (file) => {
    // GBK lacks some characters of the samples (e.g. U+00A0), which the encoder writes as '?'.
    const bytes = encode(expected(file), 'gbk');
    const r = decodeReport(bytes, file);
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe(iconv.decode(Buffer.from(bytes), 'gbk'));
  });

  it('counts undecodable bytes as decode errors and keeps the rest', () => {
    const text = expected(SAMPLES[0]);
    const bytes = utf8(text);
    const at = bytes.indexOf(0x0a, 300) + 1;
    const broken = new Uint8Array([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at), 0xfe]);
    const r = decodeReport(broken, 'broken.txt');
    expect(r.ok).toBe(true);
    expect(r.encoding).toBe('utf-8');
    const errors = r.findings.filter((f) => f.rule === 'input_decode_errors');
    expect(errors).toHaveLength(1);
    expect(errors[0].severity).toBe('warning');
    expect(errors[0].message).toContain('broken.txt');
    expect(errors[0].message).toContain('2 处');
    expect(r.text.replace(/\uFFFD/g, '')).toBe(text);
  });

  it('reads Traditional Chinese in Big5 and converts it', () => {
    const text = expected('002_6d8ce434c4304d77.txt');
    const big5 = encode(OpenCC.Converter({ from: 'cn', to: 'tw' })(text), 'big5');
    const r = decodeReport(big5, 'big5.txt');
    expect(r.ok).toBe(true);
    expect(r.encoding).toBe('big5');
    expect(r.traditional).toBe(true);
    expect(rules(r)).toEqual(['input_encoding', 'input_traditional']);
    expect(r.text.split('\n')[3]).toBe('一、总体情况');
  });
});

describe('files without text', () => {
  it('refuses an empty file', () => {
    expectRefused(decodeReport(new Uint8Array(0), 'data/raw/empty.txt'), 'empty', 'input_empty', 'empty.txt');
  });

  it.each([
    ['spaces and line breaks', utf8(' \n\t\r\n　 \n')],
    ['a UTF-8 BOM only', new Uint8Array([0xef, 0xbb, 0xbf])],
    ['a UTF-16 BOM and spaces', encode('  \n ', 'utf-16le', true)],
    ['NUL bytes only', new Uint8Array(64)],
  ])('refuses a file of %s as empty', (_label, bytes) => {
    expectRefused(decodeReport(bytes, 'blank.txt'), 'empty', 'input_empty', 'blank.txt');
  });

  it('refuses a file larger than the limit without reading it', () => {
    const bytes = new Uint8Array(readFileSync(join(RAW, SAMPLES[0])));
    expectRefused(decodeReport(bytes, 'big.txt', { maxBytes: 1000 }), 'text', 'input_too_large', 'big.txt');
    const huge = new Uint8Array(6 * 1024 * 1024).fill(0x41);
    huge.set(utf8('%PDF-1.7\n'));
    expectRefused(decodeReport(huge, 'huge.pdf'), 'pdf', 'input_too_large', 'huge.pdf');
  });

  it.each([
    ['random bytes', randomBytes(4096, 42), 'noise.txt'],
    ['random bytes (short)', randomBytes(200, 7), 'noise2.txt'],
    ['an executable', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, ...randomBytes(300, 3)]), 'setup.exe'],
    ['high bytes only', randomBytes(3000, 9).map((b) => 0x81 + (b % 126)), 'high.txt'],
  ])('refuses %s as binary', (_label, bytes, name) => {
    expectRefused(decodeReport(bytes, name), 'binary', 'input_binary', name);
  });

  it.each([
    ['a PNG image', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(500, 1)]), 'scan.png'],
    ['a PNG image named .txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'report.txt'],
  ])('refuses %s without OCR (read by OCR in decodeReportAsync)', (_label, bytes, name) => {
    expectRefused(decodeReport(bytes, name), 'image', 'input_binary', name);
  });

  it('detects a PDF and names the format', () => {
    const r = decodeReport(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'), '报告.pdf');
    expectRefused(r, 'pdf', 'input_unsupported_format', '报告.pdf');
    expect(r.findings[0].message).toContain('PDF 文件暂不支持');
  });

  it('detects a DOCX (ZIP with word/ entries)', () => {
    const zip = zipStub({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const r = decodeReport(zip, 'report.docx');
    expectRefused(r, 'docx', 'input_unsupported_format', 'report.docx');
    expect(r.findings[0].message).toContain('Word');
  });

  it('treats a ZIP without word/ entries as another format', () => {
    const xlsx = zipStub({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expectRefused(decodeReport(xlsx, 'table.xlsx'), 'binary', 'input_unsupported_format', 'table.xlsx');
    expectRefused(decodeReport(zipStub({ 'a.txt': 'x' }), 'a.zip'), 'binary', 'input_binary', 'a.zip');
  });

  it('detects OLE2 files as DOC, or WPS by extension', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const doc = decodeReport(ole, 'report.doc');
    expectRefused(doc, 'doc', 'input_unsupported_format', 'report.doc');
    expect(doc.findings[0].message).toContain('.doc');
    const wps = decodeReport(ole, 'C:\\reports\\report.WPS');
    expectRefused(wps, 'wps', 'input_unsupported_format', 'report.WPS');
    expect(wps.findings[0].message).toContain('WPS');
  });
});

/** A government-site-like page around a report body with a section 三 style table. */
function govPage(head: string): string {
  return `<!DOCTYPE html>
<html><head>${head}<title>某镇人民政府网站</title>
<style>.nav { color: red }</style>
<script>var menu = "<p>脚本内容</p>"; if (a < b) { document.write("脚本"); }</script></head>
<body>
<div class="top-header"><img src="logo.png">某镇人民政府门户网站</div>
<ul id="mainMenu"><li><a href="/">首页</a></li><li><a href="/gk">办事服务大厅</a></li></ul>
<nav><a href="/">网站导航</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<form id="form1"><div class="main">
 <div class="left-sidebar"><ul><li>通知公告</li><li>政策文件</li></ul></div>
 <h1 class="title">某镇2023年政府信息公开工作年度报告</h1>
 <div class="info">发布日期：2024-01-20</div>
 <div id="zoom" class="TRS_Editor">
  <p>一、总体情况</p>
  <p>&nbsp;&nbsp;2023年，我镇认真贯彻&#x300A;条例&#12299;&amp;有关规定，
     全面推进政务公开。</p>
  <p>三、收到和处理政府信息公开申请情况</p>
  <table border="1" cellspacing="0">
   <tbody>
   <tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
   <tr class="table-header"><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
   <tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
   <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>21</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>21</td></tr>
   <tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
   <tr><td rowspan="3">（三）不予公开</td><td>1.属于国家秘密</td><td><p><span>1</span></p></td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
   <tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td><td>2</td></tr>
   <tr><td>3.危及“三安全一稳定”</td><td>0</td><td></td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
   </tbody>
  </table>
  <p>五、存在的主要问题及改进情况</p>
 </div>
 <div class="share-bar">分享到：微信 微博</div>
</div></form>
<div id="footer">主办：某镇人民政府　版权所有</div>
<footer>网站标识码 0000000000</footer>
</body></html>`;
}

function cells(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.split('\t').includes(label));
  expect(line, `row ${label}`).toBeDefined();
  return (line as string).split('\t');
}

describe('HTML', () => {
  const html = govPage('<meta charset="utf-8">');

  it('keeps the report and drops the site chrome', () => {
    const r = decodeReport(utf8(html), 'report.html');
    expect(r.ok).toBe(true);
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('utf-8');
    expect(rules(r)).toEqual(['input_html']);
    expect(r.findings[0].severity).toBe('info');
    expect(r.findings[0].message).toContain('report.html');
    for (const chrome of ['首页', '办事服务大厅', '网站导航', '当前位置', '通知公告', '分享到', '版权所有', '网站标识码', '脚本', '某镇人民政府网站', 'color']) {
      expect(r.text).not.toContain(chrome);
    }
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('某镇2023年政府信息公开工作年度报告');
    expect(lines).toContain('一、总体情况');
    expect(lines).toContain('\u00a0\u00a02023年，我镇认真贯彻《条例》&有关规定， 全面推进政务公开。');
    expect(r.text.endsWith('五、存在的主要问题及改进情况\n')).toBe(true);
  });

  it('writes table rows as TAB-separated cells with spans expanded', () => {
    const { text } = decodeReport(utf8(html), 'report.html');
    const header2 = cells(text, '自然人');
    expect(header2).toEqual(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计']);
    const header3 = cells(text, '科研机构');
    expect(header3).toEqual(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']);
    expect(cells(text, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', '', '', '21', '0', '0', '0', '0', '0', '21']);
    expect(cells(text, '（一）予以公开')).toEqual(['三、本年度办理结果', '（一）予以公开', '', '4', '0', '0', '0', '0', '0', '4']);
    expect(cells(text, '1.属于国家秘密')).toEqual(['', '（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1']);
    // Figures stay under their headers: 其他 (column 8) and 总计 (column 9).
    const row2 = cells(text, '2.其他法律行政法规禁止公开');
    expect(row2[header3.indexOf('其他')]).toBe('2');
    expect(row2[header2.indexOf('总计')]).toBe('2');
    // An empty cell keeps its place.
    expect(cells(text, '3.危及“三安全一稳定”')).toEqual(['', '', '3.危及“三安全一稳定”', '0', '', '0', '0', '0', '0', '0']);
  });

  it('reads the same page saved as GB2312 with a meta charset', () => {
    const expectedText = decodeReport(utf8(html), 'report.html').text;
    for (const head of ['<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">']) {
      const r = decodeReport(encode(govPage(head), 'gb2312'), 'report-gb.htm');
      expect(r.ok).toBe(true);
      expect(r.format).toBe('html');
      expect(r.encoding).toBe('gb18030');
      expect(rules(r)).toEqual(['input_encoding', 'input_html']);
      expect(r.findings[0].message).toContain('report-gb.htm');
      expect(r.text).toBe(expectedText);
    }
  });

  it('prefers valid UTF-8 over a stale meta charset, and reads UTF-16 pages', () => {
    const expectedText = decodeReport(utf8(html), 'report.html').text;
    expect(decodeReport(utf8(govPage('<meta charset="gbk">')), 'saved.html').text).toBe(expectedText);
    const r = decodeReport(encode(html, 'utf-16le', true), 'utf16.html');
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('utf-16le');
    expect(r.text).toBe(expectedText);
  });

  it('sniffs HTML by content, not by extension', () => {
    const r = decodeReport(utf8('<p>一、总体情况</p><p>二、主动公开政府信息情况</p>'), 'report.txt');
    expect(r.format).toBe('html');
    expect(r.text).toBe('一、总体情况\n二、主动公开政府信息情况\n');
    const plain = decodeReport(utf8('一、总体情况\n见 <table> 说明\n'), 'report.html');
    expect(plain.format).toBe('text');
  });

  it('reads data tables inside a layout table', () => {
    const page = `<html><body><table><tr><td class="menu">首页 | 信息公开</td></tr><tr><td>
      <p>二、主动公开政府信息情况</p>
      <table><tr><th>信息内容</th><th>本年制发件数</th></tr><tr><td>规章</td><td>3</td></tr></table>
    </td></tr></table></body></html>`;
    const r = decodeReport(utf8(page), 'layout.html');
    expect(r.text).toBe('二、主动公开政府信息情况\n信息内容\t本年制发件数\n规章\t3\n');
  });

  it('does not take a small content-named box for the article', () => {
    const page = `<html><body><div class="view-count">阅读次数：12</div>
      <div><p>一、总体情况</p><p>本机关全面推进政府信息公开工作，主动公开政府信息 120 条。</p></div></body></html>`;
    const r = decodeReport(utf8(page), 'plain.html');
    expect(r.text).toContain('一、总体情况\n本机关全面推进政府信息公开工作，主动公开政府信息 120 条。\n');
  });

  it('says so when a page has no text', () => {
    const r = decodeReport(utf8('<html><body><nav>首页</nav><img src="scan.jpg"></body></html>'), 'scan.html');
    expectRefused(r, 'html', 'input_empty', 'scan.html');
  });
});

describe('grid expansion', () => {
  it('keeps a spanned cell’s text in its first position only', () => {
    const grid = expandGrid(
      [['A', 'B'], ['C'], ['D', 'E', 'F']],
      [
        [{ rowspan: 2, colspan: 2 }, { rowspan: 1, colspan: 1 }],
        [{ rowspan: 1, colspan: 1 }],
        [{ rowspan: 1, colspan: 1 }, { rowspan: 1, colspan: 1 }, { rowspan: 1, colspan: 1 }],
      ],
    );
    expect(grid).toEqual([['A', '', 'B'], ['', '', 'C'], ['D', 'E', 'F']]);
  });
});

describe('Traditional Chinese', () => {
  const file = '002_6d8ce434c4304d77.txt';
  const original = expected(file);
  const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })(original);

  it('converts a Traditional report back to Simplified', () => {
    expect(traditional).not.toBe(original);
    const r = decodeReport(utf8(traditional), 'tw.txt');
    expect(r.ok).toBe(true);
    expect(r.traditional).toBe(true);
    expect(rules(r)).toEqual(['input_traditional']);
    expect(r.findings[0].message).toContain('tw.txt');
    const want = original.split('\n');
    const got = r.text.split('\n');
    expect(got).toHaveLength(want.length);
    // Section headings and table labels come back exactly.
    const labelled = want
      .map((line, i) => [line, i] as const)
      .filter(([line]) => /^\s*[一二三四五六七八九十]+、/.test(line) || /^\t[^\d\s]/.test(line));
    expect(labelled.length).toBeGreaterThan(40);
    for (const [line, i] of labelled) expect(got[i]).toBe(line);
    for (const label of ['一、总体情况', '\t行政许可', '\t（三）不予公开', '\t1.属于国家秘密', '\t政府集中采购']) {
      expect(want).toContain(label);
    }
    // Digits and tabs are untouched.
    expect(r.text.replace(/[^\d\t\n]/g, '')).toBe(original.replace(/[^\d\t\n]/g, ''));
  });

  it('does not take Simplified text for Traditional', () => {
    const long = SAMPLES.map(expected).join('\n');
    expect(checkTraditional(long).traditional).toBe(false);
    const r = decodeReport(utf8(long), 'long.txt');
    expect(r.traditional).toBe(false);
    expect(r.text).toBe(long);
    // A few Traditional names in a Simplified report do not tip it.
    const quoted = `关于《臺灣地區與大陸地區人民關係條例》的说明\n${original}`;
    expect(decodeReport(utf8(quoted), 'quoted.txt').traditional).toBe(false);
  });
});
