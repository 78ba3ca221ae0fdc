// Reading by OCR: a scanned report (image-only PDF rasterised at 150 dpi from
// a corpus PDF), a page photographed as a PNG, and a web page whose table is a
// picture. The OCR path must give at least 98% of the hand-checked figures
// (corpus.json) it can see, and never a wrong one. A few pages only: each costs
// seconds of CPU (all pages of both corpus PDFs: npm run bench).

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { resourceReader } from '../src/lib/build/ocr.ts';
import { decodeReportAsync, type DecodedReport } from '../src/lib/decode/index.ts';
import { ocrContext, OcrUnavailable, type OcrSettings } from '../src/lib/decode/ocr/context.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { scoreFigures } from './helpers/figure-score.ts';
import { loadExpected, type Expected } from './helpers/golden.ts';

const DIR = join(import.meta.dirname, 'fixtures', 'ocr');
const TODAY = new Date('2026-11-21');
const corpus = loadExpected('corpus.json');
const cacheDir = mkdtempSync(join(tmpdir(), 'ocr-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

async function read(file: string, settings: Partial<OcrSettings> = {}): Promise<{ decoded: DecodedReport; record: ReportRecord; images: string[] }> {
  const path = join(DIR, file);
  const bytes = readFileSync(path);
  const images: string[] = [];
  const ocr = ocrContext(
    { cacheDir, budgetSeconds: 600, ...settings, onImage: (e) => images.push(`${e.image}${e.cached ? ' cached' : ''}`) },
    { fileName: file, sha256: createHash('sha256').update(bytes).digest('hex'), resource: resourceReader(DIR, path, 5 << 20) },
  );
  const decoded = await decodeReportAsync(bytes, file, { ocr });
  ocr.finish();
  const record = parseReport(decoded.text, file, { today: TODAY, sourceMap: decoded.sourceMap }).record;
  return { decoded, record, images };
}

/** The expected figures of the rows a picture shows: section 三 from its first row to `last`. */
function rowsOf(expected: Expected, last: string): Expected {
  const apps = expected.applications as Record<string, unknown>;
  const keys = Object.keys(apps);
  return { applications: Object.fromEntries(keys.slice(0, keys.indexOf(last) + 1).map((k) => [k, apps[k]])) };
}

function expectMostFigures(record: ReportRecord, expected: Expected, atLeast = 0.98): void {
  const score = scoreFigures(record, expected);
  expect(score.wrong, 'no figure read wrong').toEqual([]);
  expect(score.expected).toBeGreaterThan(50);
  expect(score.correct / score.expected, `missing: ${score.missing.join(' ')}`).toBeGreaterThanOrEqual(atLeast);
}

describe('a scanned report (image-only PDF, 5 pages at 150 dpi)', () => {
  const file = '001_huaian_hongze_district_2023.scan.pdf';
  let result: Awaited<ReturnType<typeof read>>;

  it('gives at least 98% of the hand-checked figures, none wrong', async () => {
    result = await read(file);
    expect(result.decoded.ok).toBe(true);
    expect(result.decoded.format).toBe('pdf');
    expect(result.images).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expectMostFigures(result.record, corpus['001_huaian_hongze_district_2023.txt']);
    expect(result.record.year).toBe(2023);
  }, 600_000);

  it('says the text came from OCR, and gives each OCR line its page, box and confidence', () => {
    const ocr = result.decoded.findings.filter((f) => f.rule === 'input_ocr');
    expect(ocr).toHaveLength(1);
    expect(ocr[0].message).toContain('第 1–5 页');
    expect(ocr[0].message).toContain('文字识别（OCR）');
    const map = result.decoded.sourceMap!;
    expect(map).toHaveLength(result.decoded.text.split('\n').length - 1);
    const figureLine = result.record.applications.new_received.total.line!;
    const where = map[figureLine - 1];
    expect(where.page).toBe(3);
    expect(where.ocr!.confidence).toBeGreaterThan(0.5);
    const [x, y, w, h] = where.ocr!.box;
    // Points of an A4 page.
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + w).toBeLessThanOrEqual(596);
    expect(y + h).toBeLessThanOrEqual(842);
    expect(where.ocr!.cells.filter(Boolean).length).toBeGreaterThanOrEqual(8);
  });

  it('points a failed check on OCR’d figures to the page', () => {
    const checks = result.record.findings.filter((f) => f.rule === 'review_total');
    expect(checks.length).toBeGreaterThan(0);
    for (const f of checks) expect(f.message).toMatch(/文字识别（OCR）从原件第 \d 页读出，不成立可能是数字识别有误/);
  });

  it('reads an unchanged file from the cache, without the engine', async () => {
    const again = await read(file, { cacheOnly: true });
    expect(again.images).toEqual(['p1 cached', 'p2 cached', 'p3 cached', 'p4 cached', 'p5 cached']);
    expect(again.decoded.text).toBe(result.decoded.text);
  });
});

describe('a page as a picture (PNG, 150 dpi)', () => {
  it('gives the figures of section 三 it shows, none wrong', async () => {
    const { decoded, record } = await read('011_jiangsu_huaian_city_gov_2024.p4.png');
    expect(decoded.format).toBe('image');
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_ocr']);
    expectMostFigures(record, rowsOf(corpus['011_jiangsu_huaian_city_gov_2024.txt'], 'unavailable_not_held'));
  }, 300_000);
});

describe('a web page whose table is a picture', () => {
  it('reads the picture where it stands, from beside the page', async () => {
    const { decoded, record, images } = await read('web/011_table_picture.html');
    expect(decoded.format).toBe('html');
    expect(images).toEqual(['i1']);
    expect(decoded.findings.map((f) => f.rule)).toContain('input_ocr');
    expect(decoded.sourceMap!.some((l) => l.image === 1 && l.ocr)).toBe(true);
    expect(record.tables_found.applications).toBe(true);
    expectMostFigures(record, rowsOf(corpus['011_jiangsu_huaian_city_gov_2024.txt'], 'unavailable_not_held'));
  }, 300_000);
});

describe('a web page with its table picture inline (data: URI)', () => {
  it('reads it (the same picture: from the cache); a picture not saved with the page is a finding', async () => {
    const picture = readFileSync(join(DIR, 'web', '011_table_picture_files', 'table.png')).toString('base64');
    const html = `<html><head><meta charset="utf-8"></head><body><div id="zoom"><h1>淮安市人民政府2024年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p><p><img src="data:image/png;base64,${picture}"></p><p><img src="lost/chart.png"></p></div></body></html>`;
    const bytes = new Uint8Array(Buffer.from(html));
    const images: string[] = [];
    const ocr = ocrContext({ cacheDir, budgetSeconds: 600, onImage: (e) => images.push(`${e.image}${e.cached ? ' cached' : ''}`) }, { fileName: 'inline.html', sha256: createHash('sha256').update(bytes).digest('hex'), resource: () => null });
    const decoded = await decodeReportAsync(bytes, 'inline.html', { ocr });
    expect(images).toEqual(['i1 cached']);
    expect(decoded.findings.find((f) => f.rule === 'input_ocr' && f.severity === 'info')?.message).toContain('lost/chart.png');
    const record = parseReport(decoded.text, 'inline.html', { today: TODAY, sourceMap: decoded.sourceMap }).record;
    expectMostFigures(record, rowsOf(corpus['011_jiangsu_huaian_city_gov_2024.txt'], 'unavailable_not_held'));
  });
});

describe('a Word file whose table is a picture', () => {
  it('reads the picture where it stands (the same picture as the web page’s: from the cache)', async () => {
    const picture = readFileSync(join(DIR, 'web', '011_table_picture_files', 'table.png'));
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('淮安市人民政府2024年政府信息公开工作年度报告')] }),
            new Paragraph({ children: [new TextRun('三、收到和处理政府信息公开申请情况')] }),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: picture, transformation: { width: 640, height: 587 } })] }),
            new Paragraph({ children: [new TextRun('四、政府信息公开行政复议、行政诉讼情况')] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const images: string[] = [];
    const ocr = ocrContext({ cacheDir, budgetSeconds: 600, onImage: (e) => images.push(`${e.image}${e.cached ? ' cached' : ''}`) }, { fileName: 'pic.docx', sha256: createHash('sha256').update(bytes).digest('hex') });
    const decoded = await decodeReportAsync(bytes, 'pic.docx', { ocr });
    expect(decoded.format).toBe('docx');
    expect(images).toEqual(['i1 cached']);
    expect(decoded.sourceMap!.find((l) => l.image === 1)?.ocr).toBeDefined();
    expect(decoded.sourceMap!.some((l) => l.paragraph === 2)).toBe(true);
    const record = parseReport(decoded.text, 'pic.docx', { today: TODAY, sourceMap: decoded.sourceMap }).record;
    expectMostFigures(record, rowsOf(corpus['011_jiangsu_huaian_city_gov_2024.txt'], 'unavailable_not_held'));
  }, 300_000);
});

describe('without OCR', () => {
  it('a picture or a scan with the engine unavailable is a failed row that says so', async () => {
    const engine = () => Promise.reject(new OcrUnavailable('onnxruntime-node: no binary for this platform'));
    for (const file of ['011_jiangsu_huaian_city_gov_2024.p4.png', '001_huaian_hongze_district_2023.scan.pdf']) {
      const { decoded } = await read(file, { cacheDir: null, engine });
      expect(decoded.ok).toBe(false);
      expect(decoded.findings.map((f) => [f.rule, f.severity])).toEqual([['input_ocr', 'error']]);
      expect(decoded.findings[0].message).toContain('无法加载识别引擎（onnxruntime-node: no binary for this platform）');
    }
  });

  it('a file past its time budget: what is left unread is a finding naming the limit', async () => {
    const { decoded } = await read('001_huaian_hongze_district_2023.scan.pdf', { cacheDir: null, budgetSeconds: 0 });
    expect(decoded.ok).toBe(false);
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_ocr']);
    expect(decoded.findings[0].message).toContain('第 1–5 页需要文字识别（OCR），但超过了每个文件 0 秒的识别时限');
  });

  it('a scan read without an OCR context is reported unread, as before', async () => {
    const decoded = await decodeReportAsync(readFileSync(join(DIR, '001_huaian_hongze_district_2023.scan.pdf')), 'scan.pdf');
    expect(decoded.ok).toBe(false);
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_scanned_pdf']);
  });
});
