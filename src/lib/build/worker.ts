// A parse process: reads, hashes, decodes and parses the files it is handed,
// appends their rows to its own staging files and reports each file as soon
// as its rows are written (with the files' lengths, see pool.ts). A file whose
// hash equals the previous build's is not decoded or parsed at all.

import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeReportAsync } from '../decode/index.ts';
import { finding, type Finding } from '../findings.ts';
import { pageEvidence, parseReport } from '../validate/index.ts';
import { failedReport, fileErrorCode, fileFacts, unreadableFinding } from './failures.ts';
import { flatten, sourceMapText, type FlatReport } from './flatten.ts';
import { fileOcr } from './ocr.ts';
import { BASE_TABLES } from './schema.ts';
import { cacheKey, isOrphanSidecar, NO_SOURCE_META, orphanFinding, readSidecar, sourceColumns, type SourceMeta } from './sidecar.ts';
import { firstUnstorable, StagingWriter, stagingFile, type StagingOffsets } from './staging.ts';
import type { Task, TaskResult, WorkerInit, WorkerReply, WorkerRequest } from './pool.ts';

let init: WorkerInit;
let staging: StagingWriter;
let today: Date;

const send = (reply: WorkerReply) => process.send!(reply);
/** A line of progress for the build's log (an image OCR'd); the pool also takes it as a sign of life. */
const note = (line: string) => send({ type: 'note', line });

/** The file's sidecar, read (or none). */
function sourceMeta(task: Task): { meta: SourceMeta; findings: Finding[] } {
  return task.sidecar ? readSidecar(task.sidecar, task.sourceFile) : { meta: NO_SOURCE_META, findings: [] };
}

/** An over-large file is hashed as a stream (for the cache) and named by its first bytes, never decoded. */
async function tooLarge(task: Task, size: number): Promise<FlatReport | null> {
  const facts = await fileFacts(task.path, task.sourceFile);
  const { meta, findings } = sourceMeta(task);
  if (facts && cacheKey(facts.sha256, meta.source_meta_sha256) === task.previousSha) return null;
  const limit = (init.maxBytes / 1048576).toFixed(0);
  const message = `“${task.sourceFile}”大小为 ${(size / 1048576).toFixed(1)} MB，超过 ${limit} MB 的上限，远大于一份年度报告，未予解析。`;
  return failedReport(task.sourceFile, facts, finding('input_too_large', { message }), init.parserVersion, task.seq, { meta, findings });
}

/**
 * Test hook, on only when BUILD_FAULTS=1 (test/build-pool.test.ts): a file named fault-<kind>.<ext>
 * does to this process what a hostile file can do — hang, abort, exit, exhaust the heap, or die
 * half way through writing its rows — so that the pool's recovery is tested on real deaths.
 */
function injectFault(task: Task): void {
  const kind = /(?:^|\/)fault-(hang|abort|exit|oom|torn)\./.exec(task.sourceFile)?.[1];
  if (!kind) return;
  if (kind === 'hang') for (;;);
  if (kind === 'exit') process.exit(7);
  if (kind === 'oom') {
    const kept: number[][] = [];
    for (;;) kept.push(new Array(1 << 20).fill(Math.random()));
  }
  if (kind === 'torn') for (const t of ['reports', 'applications']) appendFileSync(stagingFile(init.stagingDir, t, init.writer), `${task.seq},"half a row`);
  process.abort();
}
const FAULTS = process.env.BUILD_FAULTS === '1';

/** A file's rows, or null when its hash is unchanged. File-system errors are thrown (see processFile). */
async function rowsOf(task: Task): Promise<FlatReport | null> {
  if (task.problem) return failedReport(task.sourceFile, null, unreadableFinding(task.sourceFile, task.problem), init.parserVersion, task.seq);
  const stat = statSync(task.path);
  if (!stat.isFile()) {
    const code = stat.isDirectory() ? 'EISDIR' : 'NOT_FILE';
    return failedReport(task.sourceFile, null, unreadableFinding(task.sourceFile, code), init.parserVersion, task.seq);
  }
  if (stat.size > init.maxBytes) return tooLarge(task, stat.size);
  const bytes = readFileSync(task.path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const { meta, findings } = sourceMeta(task);
  if (cacheKey(sha, meta.source_meta_sha256) === task.previousSha) return null;
  if (isOrphanSidecar(task.sourceFile)) return failedReport(task.sourceFile, { sha256: sha, bytes: bytes.length, format: 'text' }, orphanFinding(task.sourceFile), init.parserVersion, task.seq);
  if (FAULTS) injectFault(task);
  const ocr = init.ocr ? fileOcr({ settings: init.ocr, root: init.raw ?? dirname(task.path), path: task.path, sourceFile: task.sourceFile, sha256: sha, maxBytes: init.maxBytes, note }) : undefined;
  const decoded = await decodeReportAsync(bytes, task.sourceFile, { maxBytes: init.maxBytes, ocr });
  ocr?.finish();
  const parsed = decoded.ok ? parseReport(decoded.text, task.sourceFile, { today, page: meta.page ?? pageEvidence(decoded.page), webPage: decoded.page, sourceMap: decoded.sourceMap }) : null;
  const source = { source_file: task.sourceFile, source_sha256: sha, source_format: decoded.format, source_encoding: decoded.encoding, source_bytes: bytes.length, source_map: sourceMapText(decoded.sourceMap), ...sourceColumns(meta) };
  const flat = flatten(source, parsed, [...decoded.findings, ...findings], init.parserVersion, task.seq);
  const unstorable = firstUnstorable(flat);
  if (!unstorable) return flat;
  const table = BASE_TABLES.find((t) => t.name === unstorable.table)?.label ?? unstorable.table;
  const where = unstorable.line === null ? '' : `第 ${unstorable.line} 行（“${decoded.text.split('\n')[unstorable.line - 1]?.trim().slice(0, 120) ?? ''}”）`;
  const message = `“${task.sourceFile}”${where}中的数字（读作 ${unstorable.value}）超出“${table}”表可存储的范围，整份报告未能入库，记为失败。`;
  return failedReport(task.sourceFile, { sha256: sha, bytes: bytes.length, format: decoded.format }, finding('figure_unstorable', { message }), init.parserVersion, task.seq, { meta, findings });
}

async function processFile(task: Task): Promise<FlatReport | null> {
  try {
    return await rowsOf(task);
  } catch (error) {
    const code = fileErrorCode(error);
    if (code) return failedReport(task.sourceFile, null, unreadableFinding(task.sourceFile, code), init.parserVersion, task.seq);
    // A parser bug must not lose the file: it becomes a failed row that says so.
    const text = error instanceof Error ? error.message : String(error);
    const facts = await fileFacts(task.path, task.sourceFile);
    const why = finding('parse_crash', { message: `解析“${task.sourceFile}”时程序出错：${text}。请把该文件报告给项目维护者。` });
    return failedReport(task.sourceFile, facts, why, init.parserVersion, task.seq);
  }
}

async function handle(message: WorkerRequest): Promise<void> {
  switch (message.type) {
    case 'init':
      init = message.init;
      staging = new StagingWriter(init.stagingDir, init.writer);
      today = new Date(init.today);
      send({ type: 'ready' });
      return;
    case 'tasks':
      // One file at a time, each committed before the next: the pool knows which file is in progress.
      for (const task of message.tasks) {
        const flat = await processFile(task);
        const offsets: StagingOffsets | null = flat ? staging.write(flat) : null;
        const result: TaskResult = { seq: task.seq, sourceFile: task.sourceFile, changed: flat !== null, status: flat?.status ?? null };
        send({ type: 'done', result, offsets });
      }
      return;
    case 'finish':
      staging.close();
      send({ type: 'closed', maxRssKb: process.resourceUsage().maxRSS });
      return;
  }
}

// Messages are handled strictly one after another, so that 'finish' never closes the staging files under a batch.
let queue: Promise<void> = Promise.resolve();
process.on('message', (message: WorkerRequest) => {
  queue = queue.then(() => handle(message));
});
// The build died (or was killed): nothing is left to report to.
process.on('disconnect', () => process.exit(0));
