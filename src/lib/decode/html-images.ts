// Pictures in a web page (or in a Word file, through its HTML): where the
// page's text gives no table, the table is often a picture of one. Given an
// OCR context, each content picture large enough to hold a table is read by
// OCR and its rows take the picture's place in the text; its lines' source
// locations name the picture and carry the OCR boxes. Pictures come from
// data: URIs or from beside the page (OcrContext.resource), never from the
// network; one that cannot be had is a finding, not a failure.

import { createHash } from 'node:crypto';
import { finding, type Finding } from '../findings.ts';
import { imageRaster } from './image/decode.ts';
import { IMAGE_MARKER } from './html-text.ts';
import type { OcrContext } from './ocr/context.ts';
import { ocrLines } from './ocr/lines.ts';
import { ocrNotRead, ocrRead } from './ocr/messages.ts';
import type { SourceLocation } from './types.ts';

/** Pictures smaller than this (pixels) are icons, logos and spacers, never a table. */
const MIN_WIDTH = 200;
const MIN_HEIGHT = 80;

export interface ImagesRead {
  text: string;
  sourceMap: SourceLocation[];
  findings: Finding[];
}

function dataUri(src: string): Uint8Array | null {
  const m = /^data:image\/[a-z0-9.+-]+;base64,(.*)$/is.exec(src.trim());
  return m ? new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ''), 'base64')) : null;
}

/**
 * Replaces the picture markers of `text` (htmlToText with images) by the pictures' OCR'd lines.
 * `images` are the pictures' sources, in marker order; `places`, the other lines' locations.
 */
export async function readImages(text: string, images: readonly string[], ocr: OcrContext, name: string, kind: string, places?: readonly SourceLocation[]): Promise<ImagesRead> {
  const lines: string[] = [];
  const sourceMap: SourceLocation[] = [];
  const missing: string[] = [];
  const notRead: Finding[] = [];
  let read = 0;
  let doubtful = 0;
  for (const [i, line] of text.replace(/\n$/, '').split('\n').entries()) {
    const m = IMAGE_MARKER.exec(line);
    if (!m) {
      lines.push(line);
      sourceMap.push(places?.[i] ?? {});
      continue;
    }
    const n = Number(m[1]);
    const src = images[n - 1];
    const bytes = dataUri(src) ?? ocr.resource(src);
    if (!bytes) {
      missing.push(src.startsWith('data:') ? `第 ${n} 张` : `“${src.slice(0, 80)}”`);
      continue;
    }
    const raster = await imageRaster(bytes);
    if (!raster || raster.width < MIN_WIDTH || raster.height < MIN_HEIGHT) continue;
    const outcome = await ocr.read(`i${n}`, async () => raster, createHash('sha256').update(bytes).digest('hex'));
    if (!outcome.ok) {
      notRead.push(ocrNotRead(name, `中的第 ${n} 张图片`, outcome.why, outcome.detail, ocr.settings.budgetSeconds));
      continue;
    }
    const got = ocrLines(outcome.boxes, { scale: 1 }, { image: n });
    if (got.lines.length === 0) continue;
    read++;
    doubtful += got.doubtful;
    lines.push(...got.lines);
    sourceMap.push(...got.sourceMap);
  }
  const findings: Finding[] = [];
  if (read > 0) findings.push(ocrRead(name, `中的 ${read} 张图片`, doubtful));
  findings.push(...notRead);
  if (missing.length > 0) {
    findings.push(finding('input_ocr', { severity: 'info', message: `${kind}“${name}”中的图片${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 张` : ''}没有随文件保存，未能读取（图片中若有表格，其数字缺失）。` }));
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', sourceMap, findings };
}
