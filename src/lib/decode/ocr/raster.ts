// A page image as the OCR engine sees it: one byte of grey per pixel. Scans,
// photos of tables and rendered PDF pages all come down to this; colour adds
// nothing to reading printed black text and would triple the work.

export interface Raster {
  width: number;
  height: number;
  /** Row-major grey levels, 0 black to 255 white; width × height bytes. */
  gray: Uint8Array;
}

/** Grey from interleaved RGB(A) pixels (ITU-R BT.601 weights); transparent pixels count as white paper. */
export function grayFromRgba(data: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 3 | 4): Raster {
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += channels) {
    const y = (data[p] * 299 + data[p + 1] * 587 + data[p + 2] * 114) / 1000;
    const alpha = channels === 4 ? data[p + 3] / 255 : 1;
    gray[i] = Math.round(y * alpha + 255 * (1 - alpha));
  }
  return { width, height, gray };
}

/** Bilinear resampling of a region of `src` (default: all of it) to `width` × `height`. */
export function resize(src: Raster, width: number, height: number, region = { x: 0, y: 0, width: src.width, height: src.height }): Raster {
  const out = new Uint8Array(width * height);
  const sx = region.width / width;
  const sy = region.height / height;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(maxY, Math.max(0, region.y + (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(maxY, y0 + 1);
    const wy = fy - y0;
    const row0 = y0 * src.width;
    const row1 = y1 * src.width;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(maxX, Math.max(0, region.x + (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(maxX, x0 + 1);
      const wx = fx - x0;
      const top = src.gray[row0 + x0] * (1 - wx) + src.gray[row0 + x1] * wx;
      const bottom = src.gray[row1 + x0] * (1 - wx) + src.gray[row1 + x1] * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, gray: out };
}

/** True when the image is (nearly) one flat colour: a blank page or a spacer. */
export function isBlank(r: Raster): boolean {
  let dark = 0;
  const step = Math.max(1, Math.floor(r.gray.length / 200_000));
  let seen = 0;
  for (let i = 0; i < r.gray.length; i += step) {
    seen++;
    if (r.gray[i] < 160) dark++;
  }
  return dark / seen < 0.0005;
}
