// A pool of parse processes. Files go out in small batches so that the cores
// stay busy to the end; each process writes staging files of its own.
//
// Processes, not worker threads: whatever one file does to its parser (a heap
// exhausted by a zip bomb aborts the whole process, a deep tree hangs it) must
// cost that file only. The pool knows which file each process is on (files of
// a batch are done in order, each reported when its rows are written); when a
// process dies or a file overruns its time budget, the pool cuts the process's
// staging files back to its last finished file, writes the file as a failed
// row saying why, starts a new process and goes on with the rest.

import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { deathFinding, failedReport, fileFacts, type Death } from './failures.ts';
import { readSidecar } from './sidecar.ts';
import { StagingWriter, truncateStaging, type StagingOffsets } from './staging.ts';

export interface WorkerInit {
  /** Names the process's staging files; unique within a build. */
  writer: string;
  stagingDir: string;
  parserVersion: string;
  maxBytes: number;
  /** ISO date the build runs on (reports dated after it are implausible). */
  today: string;
  /** How to OCR images (scans, pictures); absent: images are not read. */
  ocr?: WorkerOcr;
  /** The raw folder: web pages' images are looked up beside them, within it. */
  raw?: string;
}

/** The OCR settings a worker can be sent (no functions: progress comes back as messages). */
export interface WorkerOcr {
  cacheDir: string | null;
  budgetSeconds: number;
  threads?: number;
  dpi?: number;
}

export interface Task {
  /** The file's position in the build: its rows' key in the staging files. */
  seq: number;
  path: string;
  sourceFile: string;
  /** The previous build's cache key of this file (sidecar.ts cacheKey), if it had one. */
  previousSha: string | null;
  /** The collector's provenance file beside it (sidecar.ts), if any. */
  sidecar?: string | null;
  /** Set when listing already found the path unreadable: an error code (see failures.ts). */
  problem?: string;
}

export type WorkerRequest = { type: 'init'; init: WorkerInit } | { type: 'tasks'; tasks: Task[] } | { type: 'finish' };

export type WorkerReply =
  | { type: 'ready' }
  /** One file done; `offsets` are the staging files' lengths after its rows (null: nothing written). */
  | { type: 'done'; result: TaskResult; offsets: StagingOffsets | null }
  | { type: 'closed'; maxRssKb: number }
  /** A line of progress (an image OCR'd): it also shows the file is still being worked on. */
  | { type: 'note'; line: string };

export interface TaskResult {
  seq: number;
  sourceFile: string;
  /** False when the hash was unchanged and nothing was parsed. */
  changed: boolean;
  status: 'ok' | 'partial' | 'failed' | null;
}

export interface PoolOptions extends Omit<WorkerInit, 'writer'> {
  workers?: number;
  batch?: number;
  /** Time one file may take before its process is stopped and the file fails (default 30 s). */
  fileTimeoutMs?: number;
  /** Heap limit of each parse process. */
  heapMb?: number;
  onProgress?: (done: number, total: number) => void;
  /** A line of progress from a worker (an image OCR'd). */
  onNote?: (line: string) => void;
}

export interface PoolRun {
  results: TaskResult[];
  /** Peak resident memory of each lane's processes (a lane runs one process at a time). */
  workerMaxRssKb: number[];
  /** Processes that died or were stopped, each taking one file with it. */
  deaths: number;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export const FILE_TIMEOUT_MS = 30_000;
/**
 * A parse process's live heap is about 130 MB (the national list of towns, the parse caches);
 * without a limit V8 lets it grow to 600 MB before collecting, and two of them beside DuckDB
 * pass 2 GB.
 */
const WORKER_HEAP_MB = 512;
const WORKER_PATH = fileURLToPath(new URL('./worker-entry.mjs', import.meta.url));
/** Time a parse process may take to load before it is given up on (loaded machines are slow). */
const STARTUP_TIMEOUT_MS = 120_000;
/** A lane whose process dies this many times in a row without a file in hand gives up: the pool cannot work. */
const MAX_STARTUP_FAILURES = 3;

type Ending = { kind: 'finished'; maxRssKb: number } | { kind: 'died'; task: Task | null; death: Death; stderr: string };

/** Runs every task on the pool and resolves with one result per task, in no particular order. */
export async function runPool(tasks: readonly Task[], options: PoolOptions): Promise<PoolRun> {
  const count = Math.max(1, Math.min(options.workers ?? defaultWorkers(), tasks.length || 1));
  const batch = options.batch ?? 64;
  const timeoutMs = options.fileTimeoutMs ?? FILE_TIMEOUT_MS;
  const heapMb = options.heapMb ?? WORKER_HEAP_MB;
  const { workers: _w, batch: _b, fileTimeoutMs: _t, heapMb: _h, onProgress, onNote, ...init } = options;
  const results: TaskResult[] = [];
  const workerMaxRssKb = Array.from({ length: count }, () => 0);
  const returned: Task[] = [];
  let next = 0;
  let spawned = 0;
  let deaths = 0;
  /** Set when the pool gives up: lanes stop instead of starting new processes. */
  let stopped = false;
  const live = new Set<ChildProcess>();
  const failures = new StagingWriter(options.stagingDir, 'pool');

  const take = (): Task[] => {
    if (returned.length) return returned.splice(0, batch);
    const slice = tasks.slice(next, next + batch);
    next += slice.length;
    return slice;
  };
  const done = (result: TaskResult) => {
    results.push(result);
    onProgress?.(results.length, tasks.length);
  };

  /** One process, from start to its end: finished, or dead with the file it was on. */
  const runProcess = () =>
    new Promise<Ending>((resolve) => {
      const writer = `w${spawned++}`;
      // Run in the staging folder: a core dump of an aborted process lands there and goes with it.
      const child = fork(WORKER_PATH, [], { cwd: options.stagingDir, execArgv: [`--max-old-space-size=${heapMb}`], stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'json' });
      live.add(child);
      let pending: Task[] = [];
      let offsets: StagingOffsets | null = null;
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      let maxRssKb: number | null = null;
      let ended = false;
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        stderr = (stderr + chunk.toString()).slice(-4096);
      });
      const arm = () => {
        clearTimeout(timer);
        if (pending.length)
          timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
      };
      const dispatch = () => {
        pending = take();
        if (pending.length === 0) child.send({ type: 'finish' } satisfies WorkerRequest);
        else child.send({ type: 'tasks', tasks: pending } satisfies WorkerRequest);
        arm();
      };
      const end = (ending: Ending) => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        live.delete(child);
        resolve(ending);
      };
      child.on('message', (message: WorkerReply) => {
        // After a kill for time, a late 'done' is ignored: the file counts as timed out, its rows are cut.
        if (ended || timedOut) return;
        if (message.type === 'ready') dispatch();
        else if (message.type === 'note') {
          // A scan's pages take seconds each: every page read restarts the file's time budget, so a
          // long scan is not cut off while a stuck file still is. OCR has its own budget per file.
          onNote?.(message.line);
          arm();
        } else if (message.type === 'done') {
          pending.shift();
          if (message.offsets) offsets = message.offsets;
          done(message.result);
          if (pending.length) arm();
          else dispatch();
        } else {
          maxRssKb = message.maxRssKb;
          child.disconnect();
        }
      });
      child.on('exit', (code, signal) => {
        if (maxRssKb !== null) return end({ kind: 'finished', maxRssKb });
        // Whatever the process wrote after its last finished file is cut off; the rest of its batch goes back.
        truncateStaging(options.stagingDir, writer, offsets);
        const task = pending.shift() ?? null;
        returned.unshift(...pending);
        const death: Death = timedOut
          ? { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) }
          : /heap out of memory|Allocation failed/i.test(stderr)
            ? { kind: 'out_of_memory', heapMb }
            : { kind: 'crash', code, signal };
        end({ kind: 'died', task, death, stderr });
      });
      child.on('error', (error) => {
        // Spawning failed (no 'exit' follows) or a message could not be sent (the process is dying: 'exit' follows).
        if (child.pid === undefined) end({ kind: 'died', task: null, death: { kind: 'crash', code: null, signal: null }, stderr: error.message });
      });
      child.send({ type: 'init', init: { ...init, writer } } satisfies WorkerRequest);
      // A process that never gets ready holds no file: stopping it counts as a failure to start.
      timer = setTimeout(() => child.kill('SIGKILL'), Math.max(timeoutMs, STARTUP_TIMEOUT_MS));
    });

  const runLane = async (lane: number) => {
    let startupFailures = 0;
    for (;;) {
      const ending = await runProcess();
      if (stopped) return;
      if (ending.kind === 'finished') {
        workerMaxRssKb[lane] = Math.max(workerMaxRssKb[lane], ending.maxRssKb);
        return;
      }
      deaths++;
      if (!ending.task) {
        if (++startupFailures >= MAX_STARTUP_FAILURES) throw new Error(`parse process failed to start ${startupFailures} times:\n${ending.stderr}`);
        continue;
      }
      startupFailures = 0;
      const { task } = ending;
      const facts = await fileFacts(task.path, task.sourceFile);
      if (stopped) return;
      const sidecar = task.sidecar ? readSidecar(task.sidecar, task.sourceFile) : null;
      const flat = failedReport(task.sourceFile, facts, deathFinding(task.sourceFile, ending.death), options.parserVersion, task.seq, sidecar);
      failures.write(flat);
      done({ seq: task.seq, sourceFile: task.sourceFile, changed: true, status: 'failed' });
    }
  };

  try {
    await Promise.all(Array.from({ length: count }, (_, lane) => runLane(lane)));
  } finally {
    stopped = true;
    for (const child of live) child.kill('SIGKILL');
    failures.close();
  }
  return { results, workerMaxRssKb, deaths };
}
