// The decoder on plain text (encodings, line ends, BOMs), files without text and Traditional
// Chinese; HTML is in decode-html.test.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { decodeReport } from '../src/lib/decode/index.ts';
import { checkTraditional } from '../src/lib/decode/traditional.ts';
import { encode, expectRefused, rules, utf8 } from './helpers/decode.ts';

const RAW = join(import.meta.dirname, '..', 'data', 'raw');
const SAMPLES = readdirSync(RAW).filter((f) => f.endsWith('.txt')).sort();

/** A sample's text as the decoder should give it: no BOM, '\n' line ends. */
function expected(file: string): string {
  return readFileSync(join(RAW, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
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
