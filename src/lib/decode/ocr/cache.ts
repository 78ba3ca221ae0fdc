// OCR results on disk, by the file's sha256 and the image within it ('p3':
// page 3 of a PDF; 'i2': the second picture of a web page or Word file), so
// that an unchanged file is never OCR'd twice — not by the next data build,
// nor by the site build, which decodes the files again for the source view.
// One gzipped JSON file per source file; boxes stored compactly (glyph
// probabilities in thousandths, edges in whole pixels). Results of another
// engine version or resolution are ignored.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ReadBox } from './recognize.ts';

/** [x, y, w, h, score×1000, text, probabilities×1000, glyph edges (x0, x1 pairs)]. */
type StoredBox = [number, number, number, number, number, string, number[], number[]];

interface Stored {
  engine: string;
  images: Record<string, StoredBox[]>;
}

function encode(boxes: readonly ReadBox[]): StoredBox[] {
  return boxes.map((b) => [
    Math.round(b.x),
    Math.round(b.y),
    Math.round(b.w),
    Math.round(b.h),
    Math.round(b.score * 1000),
    b.glyphs.map((g) => g.char).join('\u0001'),
    b.glyphs.map((g) => Math.round(g.p * 1000)),
    b.glyphs.flatMap((g) => [Math.round(g.x0), Math.round(g.x1)]),
  ]);
}

function decode(stored: readonly StoredBox[]): ReadBox[] {
  return stored.map(([x, y, w, h, score, chars, p, edges]) => {
    const glyphs = (chars === '' ? [] : chars.split('\u0001')).map((char, i) => ({ char, p: p[i] / 1000, x0: edges[2 * i], x1: edges[2 * i + 1] }));
    return { x, y, w, h, score: score / 1000, text: glyphs.map((g) => g.char).join(''), glyphs };
  });
}

export class OcrCache {
  private stored: Stored | null = null;
  private dirty = false;

  /** `dir` null: nothing is kept. `engine` names the engine and resolution the results are valid for. */
  constructor(
    private readonly dir: string | null,
    private readonly sha: string,
    private readonly engine: string,
  ) {}

  private get path(): string | null {
    return this.dir ? join(this.dir, this.sha.slice(0, 2), `${this.sha}.json.gz`) : null;
  }

  private load(): Stored {
    if (this.stored) return this.stored;
    this.stored = { engine: this.engine, images: {} };
    const path = this.path;
    if (path && existsSync(path)) {
      try {
        const read = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Stored;
        if (read.engine === this.engine && read.images) this.stored = read;
      } catch {
        // A damaged cache file is as good as none: the images are read again.
      }
    }
    return this.stored;
  }

  get(image: string): ReadBox[] | null {
    const hit = this.load().images[image];
    return hit ? decode(hit) : null;
  }

  set(image: string, boxes: readonly ReadBox[]): void {
    this.load().images[image] = encode(boxes);
    this.dirty = true;
  }

  /** Writes what was added (atomically: another worker may read the same file's entry). */
  save(): void {
    const path = this.path;
    if (!path || !this.dirty || !this.stored) return;
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, gzipSync(JSON.stringify(this.stored)));
    renameSync(temp, path);
    this.dirty = false;
  }
}
