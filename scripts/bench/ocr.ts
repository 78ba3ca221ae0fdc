// OCR benchmark (issue 15): both corpus PDFs rasterised at 150 dpi (pdf.js +
// @napi-rs/canvas, as pdftoppm would) into image-only PDFs, read by the OCR
// path page by page with one ONNX Runtime thread (as a build worker does:
// one worker per core), and scored against corpus.json. Also the legacy Word
// rate beside .docx: the ten .doc fixtures and .docx made from the same texts.
// Prints JSON.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeReportAsync } from '../../src/lib/decode/index.ts';
import { ocrContext } from '../../src/lib/decode/ocr/context.ts';
import { loadEngine } from '../../src/lib/decode/ocr/engine.ts';
import { openPdf } from '../../src/lib/decode/pdf/pdfjs.ts';
import { renderPage } from '../../src/lib/decode/pdf/render.ts';
import { parseReport } from '../../src/lib/validate/index.ts';
import { docxOf } from '../../test/helpers/documents.ts';
import { scoreFigures } from '../../test/helpers/figure-score.ts';
import { loadExpected } from '../../test/helpers/golden.ts';
import { imageOnlyPdf } from '../fixtures/image-pdf.ts';
import { median } from './stats.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs) || 3);
const DPI = 150;

export interface OcrBenchResult {
  pages: number;
  cpuMsPerPage: number;
  wallMsPerPage: number;
  engineLoadMs: number;
  /** Share of the engine's time spent inside the models (what a GPU would take over). */
  modelShare: number;
  files: { file: string; pages: number; expected: number; correct: number; missing: number; wrong: string[] }[];
  docPerSecond: number;
  docxPerSecond: number;
}

async function scan(pdf: string): Promise<Uint8Array> {
  const doc = await openPdf(readFileSync(pdf));
  const sharp = (await import('sharp')).default;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const r = await renderPage(await doc.getPage(n), DPI);
    pages.push({ bytes: await sharp(Buffer.from(r.gray), { raw: { width: r.width, height: r.height, channels: 1 } }).png().toBuffer(), kind: 'png' as const, dpi: DPI });
  }
  await doc.destroy();
  return imageOnlyPdf(pages);
}

const t0 = performance.now();
const engine = await loadEngine({ threads: 1 });
const engineLoadMs = performance.now() - t0;
const corpus = loadExpected('corpus.json');
const result: OcrBenchResult = { pages: 0, cpuMsPerPage: 0, wallMsPerPage: 0, engineLoadMs, modelShare: 0, files: [], docPerSecond: 0, docxPerSecond: 0 };
const cpu: number[] = [];
const wall: number[] = [];
for (const file of ['001_huaian_hongze_district_2023.pdf', '011_jiangsu_huaian_city_gov_2024.pdf']) {
  const bytes = await scan(join(ROOT, 'test/fixtures/corpus/pdf', file));
  const sha = createHash('sha256').update(bytes).digest('hex');
  let text = '';
  let pages = 0;
  let sourceMap;
  // No cache: every run OCRs every page.
  const ocr = ocrContext({ cacheDir: null, budgetSeconds: 3600, threads: 1, onImage: () => pages++ }, { fileName: file, sha256: sha });
  for (let run = 0; run < runs; run++) {
    pages = 0;
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const decoded = await decodeReportAsync(bytes, file, { ocr: ocrContext({ ...ocr.settings, onImage: () => pages++ }, { fileName: file, sha256: sha }) });
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / pages);
    wall.push((performance.now() - w0) / pages);
    text = decoded.text;
    sourceMap = decoded.sourceMap;
  }
  const score = scoreFigures(parseReport(text, file, { today: new Date('2026-11-21'), sourceMap }).record, corpus[file.replace(/\.pdf$/, '.txt')]);
  result.files.push({ file, pages, expected: score.expected, correct: score.correct, missing: score.missing.length, wrong: score.wrong });
  result.pages += pages;
}
result.cpuMsPerPage = median(cpu);
result.modelShare = engine.time.modelMs / engine.time.totalMs;
result.wallMsPerPage = median(wall);

// Legacy Word beside .docx: decode + parse of the same five texts.
const docs = readdirSync(join(ROOT, 'test/fixtures/doc')).filter((f) => f.endsWith('.doc')).map((f) => readFileSync(join(ROOT, 'test/fixtures/doc', f)));
const raw = join(ROOT, 'data/raw');
const docxs = await Promise.all(readdirSync(raw).filter((f) => /^00[0-4]_[0-9a-f]{16}\.txt$/.test(f)).map((f) => docxOf(readFileSync(join(raw, f), 'utf8'))));
async function rate(files: Uint8Array[], name: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs * 3; run++) {
    const t = performance.now();
    for (const b of files) parseReport((await decodeReportAsync(b, name)).text, name);
    times.push((performance.now() - t) / files.length);
  }
  return 1000 / median(times);
}
result.docPerSecond = await rate(docs, 'r.doc');
result.docxPerSecond = await rate(docxs, 'r.docx');
console.log(JSON.stringify(result));
