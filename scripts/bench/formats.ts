// npx tsx scripts/bench/formats.ts [--runs N] (part of npm run bench)
//
// Reading speed by document format, decode + parse, on one core (this thread:
// pdfjs runs its worker code here too): PDF in pages per second (the two real
// PDFs of test/fixtures/corpus/pdf), Word (.docx) and web pages (.html) in
// documents per second (generated from the five sample texts in data/raw, as
// the format test does), beside the plain texts themselves. Each figure is the
// median of N timed rounds over all documents of the format, after one
// untimed warm-up round (module loading, JIT). Prints a Markdown table.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { decodeReportAsync } from '../../src/lib/decode/index.ts';
import { openPdf } from '../../src/lib/decode/pdf/pdfjs.ts';
import { parseReport } from '../../src/lib/validate/index.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(values.runs) || 7);

const ROOT = join(import.meta.dirname, '../..');
const RAW = join(ROOT, 'data', 'raw');
const PDF_DIR = join(ROOT, 'test', 'fixtures', 'corpus', 'pdf');
const TODAY = new Date('2026-11-21');

interface Doc {
  name: string;
  bytes: Uint8Array;
}

type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] };

/** A sample's lines as paragraphs, and each run of TAB lines as a table. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const last = blocks[blocks.length - 1];
    if (!line.includes('\t')) blocks.push({ kind: 'p', text: line });
    else if (last?.kind === 'table') last.rows.push(line.split('\t'));
    else blocks.push({ kind: 'table', rows: [line.split('\t')] });
  }
  return blocks;
}

async function docxOf(text: string): Promise<Uint8Array> {
  const children = blocksOf(text).map((b) =>
    b.kind === 'p'
      ? new Paragraph({ children: [new TextRun(b.text)] })
      : new Table({ rows: b.rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun(c)] })] })) })) }),
  );
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function htmlOf(text: string): Uint8Array {
  const body = blocksOf(text)
    .map((b) => (b.kind === 'p' ? `<p>${esc(b.text)}</p>` : `<table>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`))
    .join('\n');
  return new Uint8Array(Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="zoom">${body}</div></body></html>`));
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes);
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

/** Seconds for one round over all documents: decode, and parse when `parse`. */
async function round(docs: Doc[], parse: boolean): Promise<number> {
  const t0 = performance.now();
  for (const d of docs) {
    const decoded = await decodeReportAsync(d.bytes, d.name);
    if (!decoded.ok) throw new Error(`${d.name}: ${decoded.findings.map((f) => f.message).join(' ')}`);
    if (parse) parseReport(decoded.text, d.name, { today: TODAY });
  }
  return (performance.now() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function measure(docs: Doc[], parse: boolean): Promise<number> {
  await round(docs, parse);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await round(docs, parse));
  return median(times);
}

const samples = readdirSync(RAW).filter((f) => /^00[0-4]_[0-9a-f]{16}\.txt$/.test(f)).sort();
const texts = samples.map((f) => ({ name: f, text: readFileSync(join(RAW, f), 'utf8') }));
const pdfs: Doc[] = readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')).sort().map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(PDF_DIR, f))) }));
const formats: Array<{ label: string; docs: Doc[]; unit: 'page' | 'doc'; pages: number }> = [
  { label: 'text (.txt)', docs: texts.map((t) => ({ name: t.name, bytes: new Uint8Array(Buffer.from(t.text)) })), unit: 'doc', pages: 0 },
  { label: 'web page (.html)', docs: texts.map((t) => ({ name: t.name.replace('.txt', '.html'), bytes: htmlOf(t.text) })), unit: 'doc', pages: 0 },
  { label: 'Word (.docx)', docs: await Promise.all(texts.map(async (t) => ({ name: t.name.replace('.txt', '.docx'), bytes: await docxOf(t.text) }))), unit: 'doc', pages: 0 },
  { label: 'PDF', docs: pdfs, unit: 'page', pages: 0 },
];
for (const p of pdfs) formats[3].pages += await pageCount(p.bytes);

// Warm up every path first (module loading, JIT), so that the order of the formats does not matter.
for (const f of formats) await round(f.docs, true);

const rows: string[] = [];
for (const f of formats) {
  const decodeOnly = await measure(f.docs, false);
  const full = await measure(f.docs, true);
  const n = f.docs.length;
  const what = f.unit === 'page' ? `${n} files, ${f.pages} pages` : `${n} files`;
  const rate = f.unit === 'page' ? `${(f.pages / full).toFixed(0)} pages/s (${(n / full).toFixed(1)} docs/s)` : `${(n / full).toFixed(0)} docs/s`;
  rows.push(`| ${f.label} | ${what} | ${rate} | ${((full / n) * 1000).toFixed(2)} ms | ${((decodeOnly / n) * 1000).toFixed(2)} ms |`);
}

console.log(`Reading speed by format: decode + parse, one core, median of ${RUNS} runs (Node ${process.versions.node}).\n`);
console.log('| Format | Input | Throughput (decode + parse) | Per document | Decode only, per document |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
