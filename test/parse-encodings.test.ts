// The same report in another encoding or as a web page reads the same:
// GB18030 and UTF-16 (LE and BE, with a BOM) give the very text and record of
// the UTF-8 file; an HTML version (a <table> per table, a <p> per paragraph,
// generated here from the text) gives the same figures and metadata.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeReport } from '../src/lib/decode/index.ts';
import { parseReport, type ReportRecord } from '../src/lib/validate/index.ts';
import { isMoney } from '../src/lib/parse/record.ts';

const RAW = join(import.meta.dirname, '..', 'data', 'raw');
const SAMPLES = readdirSync(RAW).filter((f) => f.endsWith('.txt')).sort();
const TODAY = new Date('2026-11-21');

function decodeAndParse(bytes: Uint8Array, name: string) {
  const decoded = decodeReport(bytes, name);
  expect(decoded.ok, `${name} decodes`).toBe(true);
  return { decoded, record: parseReport(decoded.text, name, { today: TODAY }).record };
}

/** Every figure by place: value, and for money its unit and whether the unit was inferred. */
function figures(r: ReportRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [table, grid] of [['disclosure', r.disclosure], ['applications', r.applications], ['reviews', r.reviews]] as const) {
    for (const [row, cells] of Object.entries(grid)) {
      for (const [col, f] of Object.entries(cells)) out[`${table}.${row}.${col}`] = isMoney(f) ? [f.value, f.unit, f.unit_inferred] : f.value;
    }
  }
  return out;
}

const META = [
  'agency', 'level', 'town', 'town_code', 'county', 'county_code', 'city', 'city_code', 'province', 'province_code', 'place_basis',
  'year', 'template', 'template_basis', 'published_on', 'contact_phone', 'contact_email',
  'proactive_items', 'proactive_items_approx', 'npc_suggestions', 'cppcc_proposals', 'info_fees_yuan', 'tables_found',
] as const;

function metadata(r: ReportRecord): Record<string, unknown> {
  return Object.fromEntries(META.map((k) => [k, r[k]]));
}

/** The findings that concern what was read, without their lines (an HTML page has other line numbers). */
const findingKeys = (r: ReportRecord) => r.findings.map((f) => `${f.rule} ${f.row ?? ''} ${f.column ?? ''}`).sort();

// ---------------------------------------------------------------------------
// A web page made from a report's text.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The cells of a line: tab-separated, or space-aligned (gaps of two spaces or more); null for a blank line. */
function cellsOf(line: string): string[] | null {
  if (line.trim() === '') return null;
  if (line.includes('\t')) return line.split('\t');
  const body = line.trim();
  return /\S[ \u3000]{2,}\S/.test(body) ? body.split(/[ \u3000]{2,}/) : [body];
}

/** A line of one cell (after a TAB), as in reports written one cell per line. */
const SINGLE_CELL = /^\t[^\t]*$/;
/** A short line without a TAB right after such a line continues its cell ('本年新' / '制作数量'). */
const CONTINUATION = /^[^\t\s]{1,8}$/;

type Block = { kind: 'row'; cells: string[][] } | { kind: 'text'; text: string };

/**
 * The report as rows and paragraphs. A block of one-cell lines (up to a blank line) is one row,
 * a tab or space-aligned line is one row, anything else a paragraph. Cells are kept as their lines.
 */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let open: string[][] | null = null;
  for (const line of text.split('\n')) {
    if (open && CONTINUATION.test(line)) {
      open[open.length - 1].push(line);
      continue;
    }
    if (SINGLE_CELL.test(line)) {
      if (!open) blocks.push({ kind: 'row', cells: (open = []) });
      open.push([line.slice(1)]);
      continue;
    }
    open = null;
    const cells = cellsOf(line);
    if (cells === null) continue;
    blocks.push(cells.length > 1 ? { kind: 'row', cells: cells.map((c) => [c]) } : { kind: 'text', text: cells[0] });
  }
  return blocks;
}

/** Inside a table, a short line (a wrapped label, a page number) is a row of one cell; a heading or prose ends the table. */
const endsTable = (t: string) => t.length > 30 || t.includes('。') || /^(?:[#*\s]*)[一二三四五六][、.．]/.test(t);

/** Runs of rows become a <table>, one <tr> per row, a cell's lines joined by <br>; other lines a <p>. */
function toHtml(text: string): string {
  const body: string[] = [];
  let rows: string[] = [];
  const td = (lines: string[]) => `<td>${lines.map((l) => escapeHtml(l.trim())).join('<br>')}</td>`;
  const closeTable = () => {
    if (rows.length > 0) body.push(`<table border="1">\n${rows.join('\n')}\n</table>`);
    rows = [];
  };
  for (const block of blocksOf(text)) {
    if (block.kind === 'row') rows.push(`<tr>${block.cells.map(td).join('')}</tr>`);
    else if (rows.length > 0 && !endsTable(block.text)) rows.push(`<tr>${td([block.text])}</tr>`);
    else {
      closeTable();
      body.push(`<p>${escapeHtml(block.text)}</p>`);
    }
  }
  closeTable();
  return ['<!DOCTYPE html>', '<html lang="zh-CN">', '<head><meta charset="utf-8"><title>政府信息公开工作年度报告</title></head>', '<body>', ...body, '</body>', '</html>', ''].join('\n');
}

// ---------------------------------------------------------------------------

describe.each(SAMPLES)('%s', (file) => {
  const bytes = new Uint8Array(readFileSync(join(RAW, file)));
  const text = readFileSync(join(RAW, file), 'utf8');
  const base = decodeAndParse(bytes, file).record;

  it('reads the same text and record in GB18030', () => {
    const { decoded, record } = decodeAndParse(new Uint8Array(iconv.encode(text, 'gb18030')), file);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_encoding']);
    expect(decoded.text).toBe(text);
    expect(record).toEqual(base);
  });

  it.each(['utf16le', 'utf16be'] as const)('reads the same text and record in %s with a BOM', (encoding) => {
    const { decoded, record } = decodeAndParse(new Uint8Array(iconv.encode(text, encoding, { addBOM: true })), file);
    expect(decoded.encoding).toBe(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_encoding']);
    expect(decoded.text).toBe(text);
    expect(record).toEqual(base);
  });

  it('reads the same figures and metadata from an HTML version', () => {
    const html = toHtml(text);
    const { decoded, record } = decodeAndParse(new Uint8Array(Buffer.from(html, 'utf8')), file.replace(/\.txt$/, '.html'));
    expect(decoded.format).toBe('html');
    expect(decoded.findings.map((f) => f.rule)).toEqual(['input_html']);
    expect(decoded.findings[0].message).toMatch(/及 \d+ 个表格/);
    expect(figures(record)).toEqual(figures(base));
    expect(metadata(record)).toEqual(metadata(base));
    expect(findingKeys(record)).toEqual(findingKeys(base));
  });

  it('reads the same figures and metadata from the HTML version saved as GB18030', () => {
    const html = toHtml(text).replace('charset="utf-8"', 'charset="gb2312"');
    const { decoded, record } = decodeAndParse(new Uint8Array(iconv.encode(html, 'gb18030')), file.replace(/\.txt$/, '.htm'));
    expect(decoded.format).toBe('html');
    expect(decoded.encoding).toBe('gb18030');
    expect(figures(record)).toEqual(figures(base));
    expect(metadata(record)).toEqual(metadata(base));
  });
});

it('has figures to compare in every sample', () => {
  for (const file of SAMPLES) {
    const r = decodeAndParse(new Uint8Array(readFileSync(join(RAW, file))), file).record;
    expect(Object.values(figures(r)).filter((v) => v !== null).length, file).toBeGreaterThan(20);
  }
});
