// Saving a fetched file and its provenance without ever leaving a partial
// one: each is written to a temporary dot-file in the same folder (the data
// build skips dot-files) and renamed into place. The file goes first, then its
// sidecar: a run killed between the two leaves a whole file without
// provenance, which the next run completes.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sidecarPathOf, type Sidecar } from './sidecar.ts';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const TEMP_MARK = '.tmp-';

function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

export interface SaveResult {
  /** False when the same bytes and sidecar were already there. */
  written: boolean;
}

/**
 * Writes `bytes` to `out/relPath` and its sidecar beside it, unless the same content is already
 * there with its sidecar (a run resumed after a kill, a state file lost).
 */
export function saveWithSidecar(out: string, relPath: string, bytes: Uint8Array, sidecar: Sidecar): SaveResult {
  const path = join(out, relPath);
  const metaPath = sidecarPathOf(path);
  const same = existsSync(path) && existsSync(metaPath) && sha256(readFileSync(path)) === sidecar.sha256;
  if (same) return { written: false };
  writeAtomic(path, bytes);
  writeAtomic(metaPath, `${JSON.stringify(sidecar, null, 1)}\n`);
  return { written: true };
}

/** Temporary files a killed run left behind (state journal and saved files alike). */
export function removeStaleTemps(out: string): number {
  let removed = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.includes(TEMP_MARK)) {
        rmSync(full, { force: true });
        removed++;
      }
    }
  };
  walk(out);
  return removed;
}
