// A pool of parse workers. Files go out in small batches so that the cores
// stay busy to the end; each worker writes its own staging files.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface WorkerInit {
  index: number;
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
}

export type WorkerRequest = { type: 'tasks'; tasks: Task[] } | { type: 'finish' };

export interface TaskResult {
  sourceFile: string;
  /** False when the hash was unchanged and nothing was parsed. */
  changed: boolean;
  status: 'ok' | 'partial' | 'failed' | null;
}

export interface PoolOptions extends Omit<WorkerInit, 'index'> {
  workers?: number;
  batch?: number;
  onProgress?: (done: number, total: number) => void;
  /** A line of progress from a worker (an image OCR'd). */
  onNote?: (line: string) => void;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);
const WORKER_HEAP_MB = 512;

/** Runs every task on the pool and resolves with one result per task, in no particular order. */
export async function runPool(tasks: readonly Task[], options: PoolOptions): Promise<TaskResult[]> {
  const count = Math.max(1, Math.min(options.workers ?? defaultWorkers(), tasks.length || 1));
  const batch = options.batch ?? 64;
  const results: TaskResult[] = [];
  let next = 0;
  const { workers: _w, batch: _b, onProgress, onNote: _n, ...init } = options;
  const runOne = (index: number) =>
    new Promise<void>((resolve, reject) => {
      // Workers run the TypeScript sources through tsx, as the build script itself does.
      // A worker's live heap is about 130 MB (the national list of towns, the parse caches); without a
      // limit V8 lets it grow to 600 MB before collecting, and two of them beside DuckDB pass 2 GB.
      const worker = new Worker(WORKER_URL, { workerData: { ...init, index } satisfies WorkerInit, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      const send = () => {
        if (next >= tasks.length) {
          worker.postMessage({ type: 'finish' } satisfies WorkerRequest);
          return;
        }
        const slice = tasks.slice(next, next + batch);
        next += slice.length;
        worker.postMessage({ type: 'tasks', tasks: slice } satisfies WorkerRequest);
      };
      worker.on('message', (message: { type: 'done'; results: TaskResult[] } | { type: 'closed' } | { type: 'note'; line: string }) => {
        if (message.type === 'note') {
          options.onNote?.(message.line);
          return;
        }
        if (message.type === 'closed') {
          void worker.terminate().then(() => resolve());
          return;
        }
        results.push(...message.results);
        onProgress?.(results.length, tasks.length);
        send();
      });
      worker.on('error', reject);
      send();
    });
  await Promise.all(Array.from({ length: count }, (_, i) => runOne(i)));
  return results;
}
