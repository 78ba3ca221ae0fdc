// A parse worker: reads, hashes, decodes and parses the files it is handed,
// and appends their rows to its own staging files. A file whose hash equals
// the previous build's is not decoded or parsed at all.

import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeReportAsync, sniffContainer } from '../decode/index.ts';
import { finding, type Finding } from '../findings.ts';
import { parseReport } from '../parse/index.ts';
import { flatten, sourceMapText } from './flatten.ts';
import { fileOcr } from './ocr.ts';
import { cacheKey, isOrphanSidecar, NO_SOURCE_META, orphanFinding, readSidecar, sourceColumns, type SourceMeta } from './sidecar.ts';
import { StagingWriter } from './staging.ts';
import type { Task, TaskResult, WorkerInit, WorkerRequest } from './pool.ts';

const init = workerData as WorkerInit;
const staging = new StagingWriter(init.stagingDir, init.index);
const today = new Date(init.today);
const note = (line: string) => parentPort?.postMessage({ type: 'note', line });

/** The file's sidecar, read (or none). */
function sourceMeta(task: Task): { meta: SourceMeta; findings: Finding[] } {
  return task.sidecar ? readSidecar(task.sidecar, task.sourceFile) : { meta: NO_SOURCE_META, findings: [] };
}

/** An over-large file is hashed as a stream (for the cache) and named by its first bytes, never decoded. */
async function tooLarge(task: Task, size: number): Promise<TaskResult> {
  const hash = createHash('sha256');
  let head: Buffer | null = null;
  for await (const chunk of createReadStream(task.path, { highWaterMark: 1 << 20 })) {
    head ??= chunk as Buffer;
    hash.update(chunk as Buffer);
  }
  const sha = hash.digest('hex');
  const { meta, findings } = sourceMeta(task);
  if (cacheKey(sha, meta.source_meta_sha256) === task.previousSha) return { sourceFile: task.sourceFile, changed: false, status: null };
  const format = head ? (sniffContainer(head, task.sourceFile)?.format ?? 'text') : 'empty';
  const limit = (init.maxBytes / 1048576).toFixed(0);
  const message = `“${task.sourceFile}”大小为 ${(size / 1048576).toFixed(1)} MB，超过 ${limit} MB 的上限，远大于一份年度报告，未予解析。`;
  const source = { source_file: task.sourceFile, source_sha256: sha, source_format: format, source_encoding: null, source_bytes: size, ...sourceColumns(meta) };
  staging.write(flatten(source, null, [finding('input_too_large', { message }), ...findings], init.parserVersion, task.seq));
  return { sourceFile: task.sourceFile, changed: true, status: 'failed' };
}

export async function processFile(task: Task): Promise<TaskResult> {
  const size = statSync(task.path).size;
  if (size > init.maxBytes) return tooLarge(task, size);
  const bytes = readFileSync(task.path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const { meta, findings } = sourceMeta(task);
  if (cacheKey(sha, meta.source_meta_sha256) === task.previousSha) return { sourceFile: task.sourceFile, changed: false, status: null };
  if (isOrphanSidecar(task.sourceFile)) {
    staging.write(flatten({ source_file: task.sourceFile, source_sha256: sha, source_format: 'text', source_encoding: null, source_bytes: bytes.length }, null, [orphanFinding(task.sourceFile)], init.parserVersion, task.seq));
    return { sourceFile: task.sourceFile, changed: true, status: 'failed' };
  }
  const ocr = init.ocr ? fileOcr({ settings: init.ocr, root: init.raw ?? dirname(task.path), path: task.path, sourceFile: task.sourceFile, sha256: sha, maxBytes: init.maxBytes, note }) : undefined;
  const decoded = await decodeReportAsync(bytes, task.sourceFile, { maxBytes: init.maxBytes, ocr });
  ocr?.finish();
  const parsed = decoded.ok ? parseReport(decoded.text, task.sourceFile, { today, page: meta.page, sourceMap: decoded.sourceMap }) : null;
  const flat = flatten(
    { source_file: task.sourceFile, source_sha256: sha, source_format: decoded.format, source_encoding: decoded.encoding, source_bytes: bytes.length, source_map: sourceMapText(decoded.sourceMap), ...sourceColumns(meta) },
    parsed,
    [...decoded.findings, ...findings],
    init.parserVersion,
    task.seq,
  );
  staging.write(flat);
  return { sourceFile: task.sourceFile, changed: true, status: flat.status };
}

async function handle(message: WorkerRequest): Promise<void> {
  if (message.type === 'finish') {
    staging.close();
    parentPort!.postMessage({ type: 'closed' });
    return;
  }
  const results: TaskResult[] = [];
  // One file at a time: a worker is one core, and the staging files are written in order.
  for (const task of message.tasks) {
    try {
      results.push(await processFile(task));
    } catch (error) {
      // A parser bug must not lose the file: it becomes a failed row that says so.
      const text = error instanceof Error ? error.message : String(error);
      const flat = flatten({ source_file: task.sourceFile, source_sha256: 'error', source_format: 'text', source_encoding: null, source_bytes: 0 }, null, [finding('parse_crash', { message: `解析“${task.sourceFile}”时程序出错：${text}。请把该文件报告给项目维护者。` })], init.parserVersion, task.seq);
      staging.write(flat);
      results.push({ sourceFile: task.sourceFile, changed: true, status: 'failed' });
    }
  }
  parentPort!.postMessage({ type: 'done', results });
}

// Messages are handled strictly one after another, so that 'finish' never closes the staging files under a batch.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: WorkerRequest) => {
  queue = queue.then(() => handle(message));
});
