// What the readers need to OCR the images of one file: the engine (loaded on
// first use), the cache of earlier results, the file's time budget, and
// someone to tell about progress. One OcrContext per file read; the settings
// are the build's.

import { OcrCache } from './cache.ts';
import { loadEngine, OcrUnavailable, PIPELINE, type OcrEngine } from './engine.ts';

export { OcrUnavailable };
import type { Raster } from './raster.ts';
import type { ReadBox } from './recognize.ts';

export interface OcrSettings {
  /** Folder of cached results (by file hash and image); null keeps nothing. */
  cacheDir: string | null;
  /** Seconds of OCR one file may use; images past it are left unread, with a finding. */
  budgetSeconds: number;
  /** Threads of ONNX Runtime per worker. */
  threads?: number;
  /** Resolution PDF pages are rendered at for OCR. */
  dpi?: number;
  /** Use cached results only; never run the engine (the site build reads what the data build read). */
  cacheOnly?: boolean;
  /** Told after each image read (or taken from the cache). */
  onImage?: (event: OcrEvent) => void;
  /** The engine (default: PaddleOCR on ONNX Runtime, loaded once per thread). */
  engine?: () => Promise<OcrEngine>;
}

export interface OcrEvent {
  file: string;
  image: string;
  cached: boolean;
  ms: number;
  boxes: number;
}

export type OcrOutcome =
  | { ok: true; boxes: ReadBox[]; cached: boolean }
  | { ok: false; why: 'budget' | 'unavailable' | 'not_cached'; detail?: string };

export const DEFAULT_OCR_DPI = 150;
export const DEFAULT_OCR_BUDGET_SECONDS = 300;

export interface OcrContext {
  readonly settings: OcrSettings;
  /**
   * The text boxes of one image of the file. `image` names it within the file ('p3', 'i2');
   * `raster` renders or decodes it, called only when the result is not cached. `picture`: the
   * sha256 of a picture file the image is (a web page's or Word file's picture), whose results
   * are cached as that picture's own, so that the same picture is read once wherever it is.
   */
  read(image: string, raster: () => Promise<Raster>, picture?: string): Promise<OcrOutcome>;
  /**
   * Bytes of a resource a web page refers to (an image beside it, a picture inside a Word
   * file), or null when it is not there. Never fetched from the network.
   */
  resource(src: string): Uint8Array | null;
  /** Keeps what was read; called once the file is done. */
  finish(): void;
}

export interface ContextInit {
  fileName: string;
  sha256: string;
  resource?: (src: string) => Uint8Array | null;
}

class FileOcr implements OcrContext {
  private readonly caches = new Map<string, OcrCache>();
  private readonly started = performance.now();
  private unavailable: string | null = null;

  constructor(
    readonly settings: OcrSettings,
    private readonly init: ContextInit,
  ) {}

  private cacheOf(sha: string): OcrCache {
    let cache = this.caches.get(sha);
    if (!cache) this.caches.set(sha, (cache = new OcrCache(this.settings.cacheDir, sha, `PP-OCRv4/${PIPELINE}@${this.settings.dpi ?? DEFAULT_OCR_DPI}dpi`)));
    return cache;
  }

  async read(name: string, raster: () => Promise<Raster>, picture?: string): Promise<OcrOutcome> {
    const t0 = performance.now();
    // A picture is cached as a picture file is: its own hash, page 1.
    const cache = this.cacheOf(picture ?? this.init.sha256);
    const image = picture ? 'p1' : name;
    const hit = cache.get(image);
    if (hit) {
      this.settings.onImage?.({ file: this.init.fileName, image: name, cached: true, ms: 0, boxes: hit.length });
      return { ok: true, boxes: hit, cached: true };
    }
    if (this.settings.cacheOnly) return { ok: false, why: 'not_cached' };
    if (this.unavailable !== null) return { ok: false, why: 'unavailable', detail: this.unavailable };
    if ((t0 - this.started) / 1000 >= this.settings.budgetSeconds) return { ok: false, why: 'budget' };
    let engine: OcrEngine;
    try {
      engine = await (this.settings.engine ?? (() => loadEngine({ threads: this.settings.threads })))();
    } catch (error) {
      this.unavailable = error instanceof OcrUnavailable ? error.message : String(error);
      return { ok: false, why: 'unavailable', detail: this.unavailable };
    }
    const boxes = await engine.readPage(await raster());
    cache.set(image, boxes);
    this.settings.onImage?.({ file: this.init.fileName, image: name, cached: false, ms: Math.round(performance.now() - t0), boxes: boxes.length });
    return { ok: true, boxes, cached: false };
  }

  resource(src: string): Uint8Array | null {
    return this.init.resource?.(src) ?? null;
  }

  finish(): void {
    for (const cache of this.caches.values()) cache.save();
  }
}

/** The OCR context for one file. */
export function ocrContext(settings: OcrSettings, init: ContextInit): OcrContext {
  return new FileOcr(settings, init);
}
