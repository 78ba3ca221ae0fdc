// What a build reads: every entry under the raw folder that is not a folder
// to walk into. Symbolic links are followed, to files and to folders; a link
// that cannot be followed (dangling, looping) and anything that is not a
// regular file is still listed, so that it becomes a failed row saying why
// instead of vanishing or stopping the build.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface ListedFile {
  /** Path relative to the raw folder, '/' separators. */
  file: string;
  /** Why it cannot be read, when the listing already knows (an error code of failures.ts). */
  problem?: string;
}

/**
 * Every entry under `dir` except the folders walked into, sorted by path; dot files are skipped.
 * A folder is walked once: a link to a folder already walked (a loop back to a parent, or a
 * second way to the same folder) is listed with the problem DIR_REPEAT rather than walked again.
 */
export function listRaw(dir: string): ListedFile[] {
  const out: ListedFile[] = [];
  const walked = new Set<string>([realpathSync(dir)]);
  const rel = (path: string) => relative(dir, path).split(sep).join('/');
  const enter = (path: string) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      out.push({ file: rel(path), problem: (error as NodeJS.ErrnoException).code ?? 'ENOENT' });
      return;
    }
    if (walked.has(real)) {
      out.push({ file: rel(path), problem: 'DIR_REPEAT' });
      return;
    }
    walked.add(real);
    walk(path);
  };
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (error) {
      if (d === dir) throw error;
      out.push({ file: rel(d), problem: (error as NodeJS.ErrnoException).code ?? 'EISDIR' });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) enter(full);
      else if (entry.isSymbolicLink() && isDirectory(full)) enter(full);
      // Files, links to files, broken links, and the odd pipe or socket: the parse worker says what each is.
      else out.push({ file: rel(full) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** True when `path` leads to a folder (following links); false when it leads nowhere. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The paths of listRaw. */
export function listReports(dir: string): string[] {
  return listRaw(dir).map((f) => f.file);
}
