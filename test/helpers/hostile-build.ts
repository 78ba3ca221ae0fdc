// What the data build's hostile test (test/build-hostile.test.ts) needs besides the hostile files
// of hostile.ts: samples with impossible counts, truncated documents, and a sampler of the
// resident memory of a process and all its descendants (Linux /proc).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** `text` with the first figure of the line labelled `label` replaced by `value` (digits as written). */
export function withFigure(text: string, label: string, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(label));
  if (i < 0) throw new Error(`no line “${label}”`);
  const at = lines[i].indexOf(label) + label.length;
  lines[i] = lines[i].slice(0, at) + lines[i].slice(at).replace(/\d+/, value);
  return lines.join('\n');
}

/** Writes the first `fraction` of a document, as a download cut short leaves it. */
export function writeTruncated(path: string, bytes: Uint8Array, fraction: number): void {
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** Resident memory (bytes) of a process and all its descendants now; null where /proc is missing. */
export function treeRss(pid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid (after the command in parentheses).
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(e)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      // Ended.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}
