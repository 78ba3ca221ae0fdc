// npx tsx scripts/bench/hostile.ts [--runs N] (part of npm run bench)
//
// Hostile input against the decoder's caps (src/lib/decode/limits.ts): zip
// bombs dressed as .docx, floods of paragraphs, deeply nested HTML, PDFs that
// inflate to a gigabyte or have too many pages or text items; and, beside
// them, the largest inputs the caps still accept (their worst case). Each
// case runs in a process of its own with a 512 MB heap, as a build worker
// does. The input is made first (streaming), and a small ordinary file of the
// same format is decoded first, so that loading pdfjs or mammoth is not
// counted; the figures are the decode time and how far the process's peak
// resident memory rose above where it stood when decoding began. Prints a
// Markdown table of medians of N runs.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { docxBomb, docxOfParagraphs, nestedHtml, nestedTables, pdfFile, pdfTextLine } from '../../test/helpers/hostile.ts';
import { decodeReportAsync } from '../../src/lib/decode/index.ts';
import { fmt, median } from './stats.ts';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const KIB_PARAGRAPH = `<w:p><w:r><w:t>${'a'.repeat(1024 - 34)}</w:t></w:r></w:p>`;
/** A Word paragraph as Word writes one: 13 elements. */
const WORD_PARAGRAPH =
  '<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:pPr>' +
  '<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t>根据《中华人民共和国政府信息公开条例》规定，现公布本年度报告。</w:t></w:r></w:p>';
const utf8 = (s: string) => new TextEncoder().encode(s);

interface Case {
  label: string;
  file: string;
  make: () => Promise<Uint8Array>;
}

const CASES: Case[] = [
  { label: '.docx: word/document.xml inflates to 200 MB', file: 'bomb.docx', make: () => docxBomb({ body: KIB_PARAGRAPH, times: 200 * 1024 }) },
  { label: '.docx: the same, 400 MB', file: 'bomb.docx', make: () => docxBomb({ body: KIB_PARAGRAPH, times: 400 * 1024 }) },
  { label: '.docx: 200 MB, header claims 4 KB', file: 'bomb.docx', make: () => docxBomb({ body: KIB_PARAGRAPH, times: 200 * 1024, declaredSize: 4096 }) },
  { label: '.docx: 1.5 M paragraphs (51 MB of XML)', file: 'p.docx', make: () => docxBomb({ body: '<w:p><w:r><w:t>1</w:t></w:r></w:p>', times: 1_500_000 }) },
  { label: '.docx: 1.5 M empty paragraphs (9 MB of XML)', file: 'p.docx', make: () => docxBomb({ body: '<w:p/>', times: 1_500_000 }) },
  { label: '.docx accepted: 7,600 Word paragraphs (98,800 elements)', file: 'big.docx', make: () => docxBomb({ body: WORD_PARAGRAPH, times: 7_600 }) },
  { label: '.html: 2,000 nested tables', file: 't.html', make: async () => utf8(nestedTables(2000)) },
  { label: '.html: 4,000 nested divs', file: 'd.html', make: async () => utf8(nestedHtml(4000, '<div>', '</div>')) },
  { label: '.html: 100,000 nested tables', file: 't.html', make: async () => utf8(nestedTables(100_000)) },
  {
    label: '.html accepted: 990 nested divs holding 199,000 elements',
    file: 'w.html',
    make: async () => utf8(nestedHtml(990, '<div>', '</div>', '<b>1</b>'.repeat(199_000))),
  },
  { label: 'PDF: a content stream of 1 GB of spaces', file: 's.pdf', make: () => pdfFile({ pages: 1, contentChunk: ' '.repeat(1 << 20), contentTimes: 1024 }) },
  { label: 'PDF: 20,000 pages', file: 'p.pdf', make: () => pdfFile({ pages: 20_000, contentChunk: pdfTextLine('Hello'), contentTimes: 1 }) },
  { label: 'PDF: 2 M text items (a 72 MB stream)', file: 'i.pdf', make: () => pdfFile({ pages: 1, contentChunk: pdfTextLine('Hello'), contentTimes: 2_000_000 }) },
  { label: 'PDF: 150,000 text items (a 5 MB stream)', file: 'i.pdf', make: () => pdfFile({ pages: 1, contentChunk: pdfTextLine('Hello'), contentTimes: 150_000 }) },
  { label: 'PDF accepted: 99,000 text items', file: 'i.pdf', make: () => pdfFile({ pages: 1, contentChunk: pdfTextLine('Hello'), contentTimes: 99_000 }) },
];

interface Measure {
  bytes: number;
  ms: number;
  grownMb: number;
  outcome: string;
}

/** Child: makes the input, decodes it once, prints the measure as JSON. */
async function measure(index: number): Promise<void> {
  const c = CASES[index];
  const bytes = await c.make();
  const warmUp: Record<string, () => Promise<Uint8Array>> = {
    docx: () => docxOfParagraphs(['正文']),
    html: async () => utf8('<p>正文</p>'),
    pdf: () => pdfFile({ pages: 1, contentChunk: pdfTextLine('Hello'), contentTimes: 1 }),
  };
  const format = c.file.split('.').pop()!;
  await decodeReportAsync(await warmUp[format](), `warm-up.${format}`);
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const r = await decodeReportAsync(bytes, c.file);
  const ms = performance.now() - start;
  const grownMb = Math.max(0, process.resourceUsage().maxRSS * 1024 - rssBefore) / 1048576;
  const rules = [...new Set(r.findings.map((f) => `${f.rule}${f.severity === 'warning' ? ' (warning)' : ''}`))].join(', ');
  const outcome = `${r.ok ? 'read' : 'failed'}, ${r.format}${rules ? `: ${rules}` : ''}`;
  console.log(JSON.stringify({ bytes: bytes.length, ms, grownMb, outcome } satisfies Measure));
}

function run(index: number): Measure {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', TSX, 'scripts/bench/hostile.ts', '--case', String(index)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) return { bytes: NaN, ms: NaN, grownMb: NaN, outcome: `process died (${r.signal ?? `exit ${r.status}`})` };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, case: { type: 'string' } } });
if (values.case !== undefined) {
  await measure(Number(values.case));
} else {
  const runs = Math.max(1, Number(values.runs) || 3);
  console.log(`Each input decoded in a process of its own with a 512 MB heap (as a build worker); median of ${runs} runs.`);
  console.log();
  console.log('| input | file size | result | decode time | peak memory growth |');
  console.log('|---|---|---|---|---|');
  CASES.forEach((c, i) => {
    const all = Array.from({ length: runs }, () => run(i));
    const ms = all.filter((m) => Number.isFinite(m.ms));
    if (ms.length < all.length) {
      console.log(`| ${c.label} | | ${all.find((m) => !Number.isFinite(m.ms))!.outcome} in ${all.length - ms.length} of ${all.length} runs | | |`);
      if (ms.length === 0) return;
    }
    const m = ms[ms.length - 1];
    const kb = `${fmt(m.bytes / 1024, 0)} KiB`;
    console.log(`| ${c.label} | ${kb} | ${m.outcome} | ${fmt(median(ms.map((x) => x.ms)))} ms | ${fmt(median(ms.map((x) => x.grownMb)))} MB |`);
  });
}
