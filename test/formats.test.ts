// Reports in the forms they are published in: PDF (text layer rebuilt into
// rows and cells from positions), Word .docx (through the HTML path) and
// saved web pages, read with decodeReportAsync. The two real PDFs must give
// every hand-checked figure of corpus.json; Word documents and web pages
// generated from the five sample texts must parse to the same record as the
// texts themselves.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeReportAsync } from '../src/lib/decode/index.ts';
import { isMoney, type Figure } from '../src/lib/parse/record.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { docxOf, htmlOf } from './helpers/documents.ts';
import { checkRecord, loadExpected } from './helpers/golden.ts';
import { expectRefused, rules } from './helpers/decode.ts';

const ROOT = join(import.meta.dirname, '..');
const RAW = join(ROOT, 'data', 'raw');
const PDF_DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'pdf');
const SAMPLES = readdirSync(RAW).filter((f) => /^00[0-4]_[0-9a-f]{16}\.txt$/.test(f)).sort();
const TODAY = new Date('2026-11-21');

function parse(text: string, name: string): ReportRecord {
  return parseReport(text, name, { today: TODAY }).record;
}

/** The line whose first cell is `label`, split into cells. */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.split('\t')[0] === label);
  expect(line, `row ${label}`).toBeDefined();
  return (line as string).split('\t');
}

// --- Comparing records ---------------------------------------------------------------------

function figures(grid: Record<string, Record<string, Figure>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [r, cols] of Object.entries(grid)) {
    out[r] = {};
    for (const [c, f] of Object.entries(cols)) {
      out[r][c] = isMoney(f) ? { value: f.value, raw: f.raw, unit: f.unit, inferred: f.unit_inferred } : { value: f.value, raw: f.raw };
    }
  }
  return out;
}

/** Everything a record says, but where on which line (line numbers depend on the layout of the text). */
function comparable(record: ReportRecord): Record<string, unknown> {
  const { source_file: _file, proactive_items_line: _line, findings, disclosure, applications, reviews, ...meta } = record;
  return {
    meta,
    disclosure: figures(disclosure),
    applications: figures(applications),
    reviews: figures(reviews),
    findings: findings.map((f) => `${f.rule}|${f.row ?? ''}|${f.column ?? ''}`).sort(),
  };
}

// --- PDF -------------------------------------------------------------------------------------

describe('PDF: the real reports (corpus.json)', () => {
  const corpus = loadExpected('corpus.json');
  const pdfs = Object.keys(corpus).filter((f) => f.endsWith('.pdf'));

  it('has both PDFs in the expected figures', () => {
    expect(pdfs.sort()).toEqual(['001_huaian_hongze_district_2023.pdf', '011_jiangsu_huaian_city_gov_2024.pdf']);
  });

  for (const file of pdfs) {
    it(`${file}: every hand-checked figure`, async () => {
      // A Node Buffer, as the build's workers read files.
      const bytes = readFileSync(join(PDF_DIR, file));
      const decoded = await decodeReportAsync(bytes, file);
      expect(bytes.length, 'the caller keeps its bytes').toBeGreaterThan(290000);
      expect(decoded.ok, `${file} decodes`).toBe(true);
      expect(decoded.format).toBe('pdf');
      expect(decoded.findings).toEqual([]);
      checkRecord(parse(decoded.text, file), corpus[file]);
    });
  }

  it('rebuilds table rows from positions: a label and its figures are TAB-separated cells', async () => {
    const decoded = await decodeReportAsync(new Uint8Array(readFileSync(join(PDF_DIR, '011_jiangsu_huaian_city_gov_2024.pdf'))), '011.pdf');
    expect(row(decoded.text, '一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', '3001', '53', '0', '0', '61', '4', '3119']);
    expect(row(decoded.text, '行政事业性收费')).toEqual(['行政事业性收费', '96171.6']);
    // The 15 figures of section 四 stand on one row.
    expect(decoded.text.split('\n')).toContain(['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20'].join('\t'));
  });

  it('drops page numbers and gives every line its page', async () => {
    const decoded = await decodeReportAsync(new Uint8Array(readFileSync(join(PDF_DIR, '001_huaian_hongze_district_2023.pdf'))), '001.pdf');
    const lines = decoded.text.replace(/\n$/, '').split('\n');
    expect(lines.filter((l) => /^-\s*\d+\s*-$/.test(l.trim()))).toEqual([]);
    expect(decoded.sourceMap).toHaveLength(lines.length);
    const pages = decoded.sourceMap!.map((s) => s.page!);
    expect(pages[0]).toBe(1);
    expect(pages[pages.length - 1]).toBe(5);
    expect(pages.every((p, i) => i === 0 || p >= pages[i - 1])).toBe(true);
    expect(pages[lines.indexOf('三、收到和处理政府信息公开申请情况')]).toBe(3);
    // The table runs on from page 3 to page 4 with nothing between its rows.
    const i = lines.findIndex((l) => l.startsWith('2.没有现成信息需要另行制作'));
    expect(pages[i]).toBe(3);
    expect(lines[i + 1].startsWith('3.补正后申请内容仍不明确')).toBe(true);
    expect(pages[i + 1]).toBe(4);
  });
});

/** A three-page PDF with a running header, page numbers and a table (Latin text: pdf-lib's standard fonts). */
async function layoutPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= 3; p++) {
    const page = doc.addPage([595, 842]);
    const text = (s: string, x: number, y: number, size = 10) => page.drawText(s, { x, y, size, font });
    text('Township Gazette Annual Report', 200, 800, 9);
    text(`- ${p} -`, 285, 40, 9);
    text(`Body text of page ${p} with words 12 and 34.`, 72, 700, 12);
    // A row whose figures sit 1.5 pt below the label's baseline, in a larger size.
    text(`Row ${p}a`, 72, 600, 9);
    text(String(p), 300, 598.5, 12);
    text('20', 360, 598.5, 12);
    text('300', 420, 598.5, 12);
    // A label wrapped over two lines with its figures centred between them.
    text('Wrapped label', 72, 560, 9);
    text('second line', 72, 546, 9);
    text('7', 300, 552, 9);
    text('8', 360, 552, 9);
    // A label turned 90°: a line of its own.
    page.drawText('Turned', { x: 50, y: 500, size: 9, font, rotate: degrees(90) });
  }
  return doc.save();
}

describe('PDF: layout', () => {
  it('joins items by position, splits cells at wide gaps and drops running headers and page numbers', async () => {
    const decoded = await decodeReportAsync(await layoutPdf(), 'layout.pdf');
    expect(decoded.ok).toBe(true);
    const lines = decoded.text.replace(/\n$/, '').split('\n');
    expect(lines.slice(0, 6)).toEqual(['Body text of page 1 with words 12 and 34.', 'Row 1a\t1\t20\t300', 'Wrapped label', '7\t8', 'second line', 'Turned']);
    expect(lines).toHaveLength(18);
    expect(lines.some((l) => l.includes('Gazette') || /^-\s*\d\s*-$/.test(l))).toBe(false);
    expect(decoded.sourceMap!.map((s) => s.page)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
  });
});

/** A PDF assembled by hand from its objects (first the catalog), with a correct cross-reference table. */
function pdfOf(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

describe('PDF: fonts and turned pages', () => {
  it('reads Chinese in a font that is not embedded (STSong-Light, UniGB-UCS2-H: CMaps from the package)', async () => {
    const ucs2 = (t: string) => [...t].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
    const content = `BT /F1 12 Tf 72 700 Td <${ucs2('行政许可')}> Tj ET BT /F1 12 Tf 300 700 Td <${ucs2('550')}> Tj ET`;
    const bytes = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ]);
    const r = await decodeReportAsync(bytes, 'stsong.pdf');
    expect(r.ok).toBe(true);
    expect(r.text).toBe('行政许可\t550\n');
  });

  it.each([
    ['a page with /Rotate 90', true, 90],
    ['a table drawn turned on a portrait page', false, 90],
    ['a table drawn turned the other way', false, 270],
  ])('reads %s as upright rows', async (_label, rotateAttr, angle) => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    if (rotateAttr) page.setRotation(degrees(90));
    // `across`: distance from the top of the turned page; `along`: from its left edge.
    const put = (s: string, across: number, along: number) =>
      angle === 90
        ? page.drawText(s, { x: across, y: along, size: 10, font, rotate: degrees(90) })
        : page.drawText(s, { x: 595 - across, y: 842 - along, size: 10, font, rotate: degrees(270) });
    put('Title line', 60, 100);
    put('Row A', 100, 100);
    put('1', 100, 400);
    put('22', 100, 460);
    put('Row B', 130, 100);
    put('3', 130, 400);
    put('44', 130, 460);
    const r = await decodeReportAsync(await doc.save(), 'turned.pdf');
    expect(r.text).toBe('Title line\nRow A\t1\t22\nRow B\t3\t44\n');
  });
});

describe('PDF: no text', () => {
  it('refuses a scan (pages without a text layer) and says OCR is not done', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 2; i++) {
      const page = doc.addPage([595, 842]);
      page.drawRectangle({ x: 50, y: 50, width: 495, height: 742, color: rgb(0.9, 0.9, 0.85) });
      page.drawRectangle({ x: 80, y: 600, width: 300, height: 12, color: rgb(0.1, 0.1, 0.1) });
    }
    const r = await decodeReportAsync(await doc.save(), '扫描件.pdf');
    expectRefused(r, 'pdf', 'input_scanned_pdf', '扫描件.pdf');
    expect(r.findings[0].message).toContain('OCR');
    expect(r.findings[0].message).toContain('2 页');
  });

  it('warns about pages without text in a PDF that has some', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Page one has text.', { x: 72, y: 700, size: 12, font });
    doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 400, color: rgb(0.5, 0.5, 0.5) });
    const r = await decodeReportAsync(await doc.save(), 'mixed.pdf');
    expect(r.ok).toBe(true);
    expect(rules(r)).toEqual(['input_scanned_pdf']);
    expect(r.findings[0].severity).toBe('warning');
    expect(r.findings[0].message).toContain('第 2 页');
  });

  it('refuses a truncated or corrupt PDF with a finding, without throwing', async () => {
    const real = new Uint8Array(readFileSync(join(PDF_DIR, '001_huaian_hongze_district_2023.pdf')));
    expectRefused(await decodeReportAsync(real.slice(0, Math.floor(real.length / 2)), 'cut.pdf'), 'pdf', 'input_binary', 'cut.pdf');
    const junk = new Uint8Array(Buffer.from(`%PDF-1.7\n${'garbage '.repeat(100)}\n%%EOF\n`));
    const r = await decodeReportAsync(junk, 'junk.pdf');
    expectRefused(r, 'pdf', 'input_binary', 'junk.pdf');
    expect(r.findings[0].message).toContain('损坏');
    // The caller's bytes are left alone (pdfjs is given a copy).
    expect(real.length).toBeGreaterThan(290000);
  });
});

// --- Word and HTML ----------------------------------------------------------------------------

describe('Word (.docx) and web pages generated from the samples', () => {
  it('finds the five samples', () => expect(SAMPLES).toHaveLength(5));

  for (const file of SAMPLES) {
    const text = readFileSync(join(RAW, file), 'utf8');
    const want = comparable(parse(text, file));

    it(`${file} as .docx parses to the same record as the text`, async () => {
      const name = file.replace(/\.txt$/, '.docx');
      const decoded = await decodeReportAsync(await docxOf(text), name);
      expect(decoded.ok).toBe(true);
      expect(decoded.format).toBe('docx');
      expect(comparable(parse(decoded.text, name))).toEqual(want);
      // Every line has its paragraph or table row, in document order.
      const lines = decoded.text.replace(/\n$/, '').split('\n');
      expect(decoded.sourceMap).toHaveLength(lines.length);
      const blocks = decoded.sourceMap!.map((s) => s.paragraph ?? 0);
      expect(blocks.every((b, i) => i === 0 || b >= blocks[i - 1])).toBe(true);
    });

    it(`${file} as .html parses to the same record as the text`, async () => {
      const name = file.replace(/\.txt$/, '.html');
      const decoded = await decodeReportAsync(htmlOf(text), name);
      expect(decoded.ok).toBe(true);
      expect(decoded.format).toBe('html');
      expect(comparable(parse(decoded.text, name))).toEqual(want);
    });
  }

  it('maps Word lines to paragraphs and table rows', async () => {
    const decoded = await decodeReportAsync(await docxOf('标题\n\n正文一\n名称\t1\t2\n行政许可\t3\t4\n结尾\n'), 'map.docx');
    expect(decoded.text).toBe('标题\n正文一\n名称\t1\t2\n行政许可\t3\t4\n结尾\n');
    expect(decoded.sourceMap).toEqual([{ paragraph: 1 }, { paragraph: 3 }, { paragraph: 4 }, { paragraph: 5 }, { paragraph: 6 }]);
  });

  it('keeps typed columns (tabs, runs of spaces) in Word paragraphs as cell breaks', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('行政许可    550')] }), new Paragraph({ children: [new TextRun('行政处罚\t4119')] })] }] });
    const decoded = await decodeReportAsync(new Uint8Array(await Packer.toBuffer(doc)), 'typed.docx');
    const lines = decoded.text.replace(/\n$/, '').split('\n');
    expect(lines.map((l) => l.split(/[ \u00a0\u3000]{2,}/))).toEqual([['行政许可', '550'], ['行政处罚', '4119']]);
  });

  it('refuses a corrupt .docx with a finding', async () => {
    const good = await docxOf('一、总体情况\n');
    const cut = good.slice(0, Math.floor(good.length * 0.6));
    const r = await decodeReportAsync(cut, '损坏.docx');
    expectRefused(r, 'docx', 'input_binary', '损坏.docx');
    expect(r.findings[0].message).toContain('Word');
  });

  it('keeps .doc and .wps (OLE2) as failed rows that name the format', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const doc = await decodeReportAsync(ole, 'report.doc');
    expectRefused(doc, 'doc', 'input_unsupported_format', 'report.doc');
    expect(doc.findings[0].message).toContain('.doc');
    const wps = await decodeReportAsync(ole, '报告.wps');
    expectRefused(wps, 'wps', 'input_unsupported_format', '报告.wps');
    expect(wps.findings[0].message).toContain('WPS');
  });
});
