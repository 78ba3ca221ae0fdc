// The picture reader (.jpg .jpeg .png .gif .bmp .tif): a photo or scan of a
// report, or of one of its tables, read by OCR page by page (a TIFF may hold
// several). The boxes go through the PDF reader's table rebuilder, so a
// picture of a table gives the same TAB-separated rows as the table itself.

import type { Finding } from '../../findings.ts';
import { displayName } from '../messages.ts';
import { ocrLines } from '../ocr/lines.ts';
import { ocrNotRead, ocrRead } from '../ocr/messages.ts';
import type { ReaderResult } from '../reader.ts';
import type { DecodeOptions, SourceLocation } from '../types.ts';
import { binaryFile } from '../messages.ts';
import { imagePages, imageRaster } from './decode.ts';

/** Pages of a picture, as a short Chinese phrase: '' for one page, '第 2 页' for one of several. */
function pageName(page: number, pages: number): string {
  return pages > 1 ? `第 ${page} 页` : '';
}

export async function readImage(bytes: Uint8Array, fileName: string, options: DecodeOptions = {}): Promise<ReaderResult> {
  const name = displayName(fileName);
  const ocr = options.ocr;
  if (!ocr) return { text: null, findings: [binaryFile(name, '图片')] };
  const pages = await imagePages(bytes);
  if (pages === 0) return { text: null, findings: [binaryFile(name, '无法解码的图片')] };
  const lines: string[] = [];
  const sourceMap: SourceLocation[] = [];
  const findings: Finding[] = [];
  let doubtful = 0;
  for (let page = 1; page <= pages; page++) {
    const outcome = await ocr.read(`p${page}`, async () => {
      const raster = await imageRaster(bytes, page - 1);
      if (!raster) throw new Error(`${name}${pageName(page, pages)}无法解码`);
      return raster;
    });
    if (!outcome.ok) {
      findings.push(ocrNotRead(name, pageName(page, pages), outcome.why, outcome.detail, ocr.settings.budgetSeconds));
      continue;
    }
    const read = ocrLines(outcome.boxes, { scale: 1 }, { page });
    lines.push(...read.lines);
    sourceMap.push(...read.sourceMap);
    doubtful += read.doubtful;
  }
  // Nothing read: why (an error now: the file gives nothing).
  if (lines.length === 0) return { text: null, findings: findings.length ? findings.map((f) => ({ ...f, severity: 'error' as const })) : noText(name) };
  findings.unshift(ocrRead(name, '', doubtful));
  return { text: `${lines.join('\n')}\n`, findings, sourceMap };
}

function noText(name: string): Finding[] {
  return [binaryFile(name, '没有可识别文字的图片')];
}
