// The site's output folder (dist/), replaced only by a complete build.
//
// Astro empties its output folder before it writes, so a build killed half way
// used to leave dist/ empty. scripts/build-site.mjs builds into a folder beside
// it (.dist.next-<pid>) and, once Astro has finished, swaps it in. dist/ stays
// a real folder (it is what gets copied to a host, and copying tools treat a
// link as a link), so the swap is two renames: dist → .dist.old-<pid>, then
// the new folder → dist. A build killed between the two leaves no dist/ for
// that instant; the next build (recoverSite) puts the old one back first.

import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const alive = (pid) => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** @param {string} target @param {'next' | 'old'} kind */
const sidePath = (target, kind, pid = process.pid) => join(dirname(resolve(target)), `.${basename(resolve(target))}.${kind}-${pid}`);

/** Folders beside `target` left by builds that are no longer running: { path, kind }[]. */
function leftovers(target) {
  const parent = dirname(resolve(target));
  if (!existsSync(parent)) return [];
  const prefix = `.${basename(resolve(target))}.`;
  return readdirSync(parent)
    .map((entry) => ({ entry, m: entry.startsWith(prefix) ? /^(next|old)-(\d+)$/.exec(entry.slice(prefix.length)) : null }))
    .filter(({ m }) => m && (Number(m[2]) === process.pid || !alive(Number(m[2]))))
    .map(({ entry, m }) => ({ path: join(parent, entry), kind: m[1] }));
}

/**
 * Puts back the last complete site if a build died between the two renames, and removes what
 * builds that did not finish left beside `target`. Returns the paths removed.
 * @param {string} target
 */
export function recoverSite(target) {
  const found = leftovers(target);
  const old = found.find((f) => f.kind === 'old');
  if (!existsSync(target) && old) {
    renameSync(old.path, resolve(target));
    found.splice(found.indexOf(old), 1);
  }
  for (const f of found) rmSync(f.path, { recursive: true, force: true, maxRetries: 3 });
  return found.map((f) => f.path);
}

/** The folder a new build of `target` is written to (it does not exist yet). @param {string} target */
export function nextSite(target) {
  const next = sidePath(target, 'next');
  rmSync(next, { recursive: true, force: true });
  return next;
}

/**
 * Replaces `target` with the complete build in `next`.
 * @param {string} next
 * @param {string} target
 */
export function swapInSite(next, target) {
  const old = sidePath(target, 'old');
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(resolve(target), old);
  renameSync(next, resolve(target));
  rmSync(old, { recursive: true, force: true, maxRetries: 3 });
}
