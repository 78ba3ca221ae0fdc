// Loading pdfjs-dist in Node: the legacy build, its worker code run on the
// calling thread (no worker thread, no network), CMaps and standard font data
// read from the package's own folders, no eval, no wasm, quiet logging.
// Loaded on first use only: the synchronous decode path never pays for it.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

let loading: Promise<PdfjsModule> | null = null;

/** pdfjs, with its worker handler installed on this thread. */
export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    // pdfjs runs its "fake worker" on this thread when it finds the handler here.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return pdfjs;
  })();
  return loading;
}

let assets: { cMapUrl: string; standardFontDataUrl: string } | null = null;

/** Folders of the package's CMaps and standard fonts, as file paths ending in '/'. */
function assetPaths(): { cMapUrl: string; standardFontDataUrl: string } {
  if (!assets) {
    const entry = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs');
    const root = dirname(dirname(dirname(entry)));
    assets = { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
  }
  return assets;
}

/**
 * Opens a PDF from bytes. pdfjs is given a plain Uint8Array copy: it takes
 * ownership of (detaches) the buffer it is given, and refuses Node Buffers.
 */
export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    ...assetPaths(),
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw error;
  }
}
