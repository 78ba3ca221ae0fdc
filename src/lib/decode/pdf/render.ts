// A PDF page as a picture, for OCR: pdfjs draws it on a canvas of
// @napi-rs/canvas (Skia, prebuilt binaries in the package), and where its
// pictures stand is found from the page's drawing operators.

import { loadPdfjs } from './pdfjs.ts';
import { grayFromRgba, type Raster } from '../ocr/raster.ts';
import { multiply } from './items.ts';

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfjs>>['getDocument']>['promise']>['getPage']>>;
type Matrix = number[];

/** The page drawn at `dpi`, on white. */
export async function renderPage(page: PdfPage, dpi: number): Promise<Raster> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvasContext: context as unknown as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
  const image = context.getImageData(0, 0, width, height);
  return grayFromRgba(image.data, width, height, 4);
}

/** A rectangle on the page, in points from its top left corner (the page's /Rotate applied). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the page's pictures are drawn: each image is the unit square under the transform in force. */
export async function imageRects(page: PdfPage): Promise<Rect[]> {
  const { OPS } = await loadPdfjs();
  const viewport = page.getViewport({ scale: 1 });
  const list = await page.getOperatorList();
  const rects: Rect[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0] as Matrix | null | undefined;
      if (matrix && matrix.length === 6) ctm = multiply(ctm, Array.from(matrix));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageXObjectRepeat) {
      const m = multiply(viewport.transform, ctm);
      const corners = [
        [m[4], m[5]],
        [m[0] + m[4], m[1] + m[5]],
        [m[2] + m[4], m[3] + m[5]],
        [m[0] + m[2] + m[4], m[1] + m[3] + m[5]],
      ];
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      const x = Math.max(0, Math.min(...xs));
      const y = Math.max(0, Math.min(...ys));
      rects.push({ x, y, width: Math.min(viewport.width, Math.max(...xs)) - x, height: Math.min(viewport.height, Math.max(...ys)) - y });
    }
  }
  return rects;
}
