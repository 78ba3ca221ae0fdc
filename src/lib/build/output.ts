// The build's output folder, switched in one step.
//
// `out` (data/build) is a symbolic link to a folder beside it
// (data/.build.<pid>.<stamp>) that holds one complete build. A build writes
// everything — staging files, DuckDB's database, Parquet, CSV, manifest —
// into a new folder beside the current one, and only when that folder is
// complete replaces the link with rename(2), which is atomic: a reader of
// `out` sees the old build or the new one, never a mix and never nothing.
// A build killed at any moment leaves the previous build in place and its own
// folder behind; the next build removes such folders when it starts.
//
// Readers that open several files should resolve the link once
// (realpathSync) so that a switch between two reads cannot mix builds.

import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const COMPLETE_MARK = 'manifest.json';

function parts(out: string): { parent: string; name: string } {
  const abs = resolve(out);
  return { parent: dirname(abs), name: basename(abs) };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `.build.<pid>.<stamp>`: a version folder or a link being made, by the process `pid`. */
function versionPattern(name: string): RegExp {
  return new RegExp(`^\\.${escapeRe(name)}\\.(\\d+)\\.[0-9a-z]+$`);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The folder of the complete build `out` holds now (the link resolved), or null when there is none. */
export function currentBuild(out: string): string | null {
  try {
    const real = realpathSync(out);
    return existsSync(join(real, COMPLETE_MARK)) ? real : null;
  } catch {
    return null;
  }
}

/** A fresh path beside `out` for a version folder of this process. */
function versionPath(out: string): string {
  const { parent, name } = parts(out);
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  return join(parent, `.${name}.${process.pid}.${stamp}`);
}

/** A new, empty folder beside `out` for the next build. */
export function newVersion(out: string): string {
  mkdirSync(parts(out).parent, { recursive: true });
  const dir = versionPath(out);
  mkdirSync(dir);
  return dir;
}

/** Points `out` at `version` in one rename; returns the folder it pointed at before (to be removed), if any. */
export function switchOutput(out: string, version: string): string | null {
  const { parent, name } = parts(out);
  const target = resolve(out);
  const link = join(parent, `.${name}.${process.pid}.link`);
  rmSync(link, { force: true });
  // Relative, so that the data folder can be moved or mounted elsewhere.
  symlinkSync(basename(version), link, 'dir');
  const stat = lstatOrNull(target);
  let previous: string | null = null;
  if (stat?.isSymbolicLink()) {
    previous = currentBuild(target) ?? (existsSync(target) ? realpathSync(target) : null);
  } else if (stat?.isDirectory()) {
    // A folder from before this layout (or an empty one made for the build): moved aside once.
    if (readdirSync(target).length === 0) rmdirSync(target);
    else {
      previous = versionPath(out);
      renameSync(target, previous);
    }
  } else if (stat) {
    throw new Error(`${target} exists and is not a folder`);
  }
  renameSync(link, target);
  return previous;
}

/**
 * Removes what builds that did not finish left beside `out` (and, in a folder of the old layout,
 * inside it), except the current build and folders of builds still running. When `out` itself
 * is missing (a build killed while moving an old-layout folder aside), the newest complete
 * version is put back first. Returns the paths removed.
 */
export function cleanLeftovers(out: string): string[] {
  const { parent, name } = parts(out);
  const target = resolve(out);
  if (!existsSync(parent)) return [];
  const pattern = versionPattern(name);
  const leftovers = readdirSync(parent)
    .map((entry) => ({ entry, pid: Number(pattern.exec(entry)?.[1] ?? NaN) }))
    .filter(({ pid }) => Number.isInteger(pid) && (pid === process.pid || !isAlive(pid)))
    .map(({ entry }) => join(parent, entry));
  if (!lstatOrNull(target)) {
    const complete = leftovers.filter((d) => !d.endsWith('.link') && existsSync(join(d, COMPLETE_MARK)));
    complete.sort((a, b) => statSync(join(b, COMPLETE_MARK)).mtimeMs - statSync(join(a, COMPLETE_MARK)).mtimeMs);
    if (complete[0]) switchOutput(out, complete[0]);
  }
  const current = currentBuild(target);
  const removed = leftovers.filter((d) => d !== current);
  if (lstatOrNull(target)?.isDirectory()) {
    for (const entry of readdirSync(target)) if (/^\.staging-|^\.next-|^tmp_/.test(entry)) removed.push(join(target, entry));
  }
  for (const path of removed) rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  return removed;
}

/** Removes `out` and every version beside it (tests, benchmarks). */
export function removeBuildOutput(out: string): void {
  const { parent, name } = parts(out);
  const pattern = versionPattern(name);
  if (existsSync(parent)) for (const entry of readdirSync(parent)) if (pattern.test(entry)) rmSync(join(parent, entry), { recursive: true, force: true });
  rmSync(resolve(out), { recursive: true, force: true });
}
