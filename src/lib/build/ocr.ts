// The build's side of OCR: one context per file (its hash for the cache, the
// folder its web-page images are looked up in), progress sent to the main
// thread as notes, and the cache folder beside the build's output.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_OCR_BUDGET_SECONDS, ocrContext, type OcrContext } from '../decode/ocr/context.ts';
import type { WorkerOcr } from './pool.ts';

/** The cache of OCR results: a folder of the output, kept from build to build (never published). */
/**
 * Beside the data build's output, not in it: each build is written to a new folder and switched in
 * (output.ts), and an unchanged file is not read again, so a cache inside the build would be lost
 * at every build and every scan OCR'd again. data/build → data/.build.ocr-cache.
 */
export function ocrCacheDir(out: string): string {
  return join(dirname(resolve(out)), `.${basename(resolve(out))}.ocr-cache`);
}

export function defaultWorkerOcr(out: string, budgetSeconds = DEFAULT_OCR_BUDGET_SECONDS): WorkerOcr {
  return { cacheDir: ocrCacheDir(out), budgetSeconds, threads: 1 };
}

/** Images a web page refers to are read from beside it, never from outside `root` and never from the network. */
export function resourceReader(root: string, file: string, maxBytes: number): (src: string) => Uint8Array | null {
  return (src) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) return null;
    let path: string;
    try {
      path = decodeURIComponent(src.split(/[?#]/)[0]);
    } catch {
      return null;
    }
    if (isAbsolute(path)) return null;
    const full = resolve(dirname(file), path);
    try {
      const real = realpathSync(full);
      const rel = relative(realpathSync(root), real);
      if (rel.startsWith('..') || isAbsolute(rel)) return null;
      if (statSync(real).size > maxBytes) return null;
      return readFileSync(real);
    } catch {
      return null;
    }
  };
}

export interface FileOcrInit {
  settings: WorkerOcr;
  root: string;
  path: string;
  sourceFile: string;
  sha256: string;
  maxBytes: number;
  note: (line: string) => void;
}

export function fileOcr(init: FileOcrInit): OcrContext {
  return ocrContext(
    {
      ...init.settings,
      onImage: (e) => {
        if (!e.cached) init.note(`  文字识别（OCR）：${init.sourceFile} ${e.image}，${(e.ms / 1000).toFixed(1)} 秒，${e.boxes} 处文字`);
      },
    },
    { fileName: init.sourceFile, sha256: init.sha256, resource: resourceReader(init.root, init.path, init.maxBytes) },
  );
}
