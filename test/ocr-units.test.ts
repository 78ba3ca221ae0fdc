// The pure parts of the OCR path, without the engine: boxes from a
// probability map, split rows merged, doubtful digits as illegible figures,
// OCR provenance in the source map, findings that point to the page.

import { describe, expect, it } from 'vitest';
import { sourceMapText } from '../src/lib/build/flatten.ts';
import { boxesFromMap } from '../src/lib/decode/ocr/detect.ts';
import { ocrItems } from '../src/lib/decode/ocr/layout.ts';
import { mergeSplitRows, ocrLines } from '../src/lib/decode/ocr/lines.ts';
import type { ReadBox } from '../src/lib/decode/ocr/recognize.ts';
import { buildRows } from '../src/lib/decode/rows.ts';
import { readFigure } from '../src/lib/parse/numbers.ts';
import { parseReport } from '../src/lib/validate/index.ts';

/** A read box of one run of characters, each with probability p (digits may be given their own). */
function box(text: string, x: number, y: number, p: number | number[] = 0.99, h = 20): ReadBox {
  const w = text.length * 12;
  const glyphs = [...text].map((char, i) => ({ char, p: Array.isArray(p) ? p[i] : p, x0: x + i * 12, x1: x + i * 12 + 10 }));
  return { x, y, w, h, score: 0.9, text, glyphs };
}

describe('detection post-processing', () => {
  it('finds one box per region, grown back from the shrunk prediction, and closes a broken thin stroke', () => {
    const width = 64;
    const height = 32;
    const map = new Float32Array(width * height);
    for (let y = 10; y < 16; y++) for (let x = 4; x < 24; x++) map[y * width + x] = 0.9;
    // A '1': two pixels wide, broken by a one-pixel gap.
    for (const y of [10, 11, 13, 14]) for (const x of [40, 41]) map[y * width + x] = 0.8;
    const boxes = boxesFromMap(map, { data: new Float32Array(), width, height, scaleX: 2, scaleY: 2 }, { width: 128, height: 64 });
    expect(boxes).toHaveLength(2);
    const [word, one] = boxes.sort((a, b) => a.x - b.x);
    expect(word.x).toBeLessThan(8);
    expect(word.w).toBeGreaterThan(40);
    expect(one.h).toBeGreaterThan(10);
  });
});

describe('rows from OCR boxes', () => {
  it('a row split by a letter of a vertical label is one row again, cells in x order', () => {
    const boxes = [box('果', 10, 100), box('6.属于四类过程性信息', 60, 104), box('0', 400, 102), box('12', 300, 116), box('12', 500, 116)];
    const split = buildRows(ocrItems(boxes, { scale: 1 }));
    expect(split.length).toBeGreaterThan(1);
    const merged = mergeSplitRows(split);
    expect(merged.map((r) => r.cells)).toEqual([['果', '6.属于四类过程性信息', '12', '0', '12']]);
  });

  it('rows a table row apart stay apart', () => {
    const boxes = [box('行政许可', 10, 100), box('5', 300, 100), box('行政处罚', 10, 150), box('7', 300, 150)];
    expect(ocrLines(boxes, { scale: 1 }, { page: 1 }).lines).toEqual(['行政许可\t5', '行政处罚\t7']);
  });

  it('a doubtful digit is written U+FFFD; the line keeps its box and least confidence', () => {
    const read = ocrLines([box('行政许可', 10, 100), box('407', 300, 100, [0.99, 0.6, 0.97])], { scale: 0.5 }, { page: 3 });
    expect(read.lines).toEqual(['行政许可\t4\uFFFD7']);
    expect(read.doubtful).toBe(1);
    const where = read.sourceMap[0];
    expect(where.page).toBe(3);
    expect(where.ocr!.confidence).toBe(0.6);
    expect(where.ocr!.box).toEqual([5, 50, 162, 10]);
    expect(where.ocr!.cells).toHaveLength(2);
    expect(sourceMapText(read.sourceMap)).toBe('1-1:p3@5,50,162,10~0.60');
  });
});

describe('illegible figures in the parser', () => {
  it('reads a figure with U+FFFD as a figure whose value is unknown', () => {
    expect(readFigure('4\uFFFD7')).toEqual({ kind: 'blank', raw: '4\uFFFD7', illegible: true });
    expect(readFigure('\uFFFD')).toMatchObject({ kind: 'blank', illegible: true });
    expect(readFigure('第\uFFFD页')).toBeNull();
  });

  it('keeps the cell’s column: the row’s other figures stand, the cell is null with a finding', () => {
    const text = '2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t4\uFFFD7\n行政处罚\t12\n';
    const { record } = parseReport(text, 'scan.pdf', { today: new Date('2026-11-21'), sourceMap: text.split('\n').slice(0, -1).map(() => ({ page: 2, ocr: { box: [0, 0, 1, 1], confidence: 0.6, doubtful: 1, cells: [] } })) });
    expect(record.disclosure.licensing.decisions.value).toBeNull();
    expect(record.disclosure.penalty.decisions.value).toBe(12);
    const f = record.findings.find((x) => x.rule === 'cell_unreadable')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('文字识别（OCR）');
    expect(f.message).toContain('原件第 2 页');
  });
});
