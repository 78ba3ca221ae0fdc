// Picture bytes to grey pixels for OCR. sharp (libvips, prebuilt in the
// package) reads JPEG, PNG, GIF, TIFF and WebP, each page of a multi-page
// TIFF; BMP, which libvips does not read, goes through Skia (@napi-rs/canvas).

import { grayFromRgba, type Raster } from '../ocr/raster.ts';

/** Pictures with more pages than this (a multi-page TIFF) are read up to it. */
export const MAX_IMAGE_PAGES = 20;
/** Pixels beyond this (a 600-dpi A3 scan) are scaled down before OCR; the detector works on ~2000 px anyway. */
const MAX_PIXELS = 40_000_000;

type Sharp = typeof import('sharp');

async function loadSharp(): Promise<Sharp> {
  const m = await import('sharp');
  return ((m as { default?: Sharp }).default ?? m) as Sharp;
}

/** How many pages the picture has (1 for most formats); 0 when it cannot be read. */
export async function imagePages(bytes: Uint8Array): Promise<number> {
  try {
    const sharp = await loadSharp();
    const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS * 4 }).metadata();
    return Math.min(MAX_IMAGE_PAGES, meta.pages ?? 1);
  } catch {
    return (await canvasRaster(bytes)) ? 1 : 0;
  }
}

async function canvasRaster(bytes: Uint8Array): Promise<Raster | null> {
  try {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return grayFromRgba(context.getImageData(0, 0, image.width, image.height).data, image.width, image.height, 4);
  } catch {
    return null;
  }
}

/** One page of a picture as grey pixels (transparency on white); null when it cannot be decoded. */
export async function imageRaster(bytes: Uint8Array, page = 0): Promise<Raster | null> {
  try {
    const sharp = await loadSharp();
    let pipeline = sharp(bytes, { page, limitInputPixels: MAX_PIXELS * 4 });
    const meta = await pipeline.metadata();
    const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0);
    if (pixels > MAX_PIXELS) pipeline = pipeline.resize({ width: Math.floor((meta.width ?? 0) * Math.sqrt(MAX_PIXELS / pixels)) });
    const { data, info } = await pipeline.flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
    if (info.channels === 1) return { width: info.width, height: info.height, gray: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
    return grayFromRgba(data, info.width, info.height, info.channels === 4 ? 4 : 3);
  } catch {
    return page === 0 ? canvasRaster(bytes) : null;
  }
}
