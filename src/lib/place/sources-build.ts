// Build time (Node): the source-text bundles of sources.ts. Each report's
// file is read from the raw folder (RAW_DIR, default data/raw), decoded as
// the data build decoded it (decodeReportAsync: encodings, HTML, PDF, Word)
// and checked against the sha256 the build recorded, so that a file changed
// since the data build is flagged (its line numbers may no longer match).

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { sourceFilesSql } from '../db/queries/place.ts';
import { serverRunner } from '../db/server.ts';
import { decodeReportAsync } from '../decode/index.ts';
import { ocrContext } from '../decode/ocr/context.ts';
import { ocrCacheDir, resourceReader } from '../build/ocr.ts';
import { dataDir } from '../db/server.ts';
import type { SourceBundle, SourceText } from './sources.ts';

const gzipAsync = promisify(gzip);

export interface SourceFile {
  report_id: string;
  source_file: string;
  source_sha256: string | null;
  bundle: string;
}

export function rawDir(): string {
  return process.env.RAW_DIR ?? join(process.cwd(), 'data/raw');
}

let listing: Promise<Map<string, SourceFile[]>> | null = null;

/** Every bundle and the reports in it (one query for the whole build). */
export function sourceBundles(): Promise<Map<string, SourceFile[]>> {
  listing ??= (async () => {
    const runner = await serverRunner();
    const rows = (await runner.query(sourceFilesSql())) as unknown as SourceFile[];
    const out = new Map<string, SourceFile[]>();
    for (const r of rows) {
      const list = out.get(r.bundle);
      if (list) list.push(r);
      else out.set(r.bundle, [r]);
    }
    return out;
  })();
  return listing;
}

async function sourceText(f: SourceFile, raw: string): Promise<SourceText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(raw, f.source_file));
  } catch {
    return { text: null, note: '原始文件没有随网站提供。' };
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  // Scans and pictures: the text the data build's OCR read, from its cache; the engine is never run here.
  const ocr = ocrContext({ cacheDir: ocrCacheDir(dataDir()), budgetSeconds: 0, cacheOnly: true }, { fileName: f.source_file, sha256: sha, resource: resourceReader(raw, join(raw, f.source_file), 5 << 20) });
  const decoded = await decodeReportAsync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), f.source_file, { ocr });
  if (!decoded.ok) return { text: null, note: '原始文件无法读出文字。' };
  return f.source_sha256 && sha !== f.source_sha256 ? { text: decoded.text, note: '注意：原始文件在数据构建之后改动过，行号可能与表中数字不符。' } : { text: decoded.text };
}

/** One bundle, gzipped. */
export async function bundleBytes(key: string): Promise<Uint8Array> {
  const files = (await sourceBundles()).get(key) ?? [];
  const raw = rawDir();
  const bundle: SourceBundle = { v: 1, reports: {} };
  for (const f of files) bundle.reports[f.report_id] = await sourceText(f, raw);
  return new Uint8Array(await gzipAsync(JSON.stringify(bundle)));
}
