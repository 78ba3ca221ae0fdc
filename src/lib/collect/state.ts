// The state file: what the collector knows about every address it has met —
// validators (ETag, Last-Modified), the hash and file of what it saved, why
// it failed, and for a listing the report links and pages it held (so that a
// listing answered with 304 can still be walked). It is a journal: one JSON
// line appended per address as soon as it is done, so a run killed at any
// moment (kill -9) loses at most the address in flight; a torn last line is
// ignored. A run that ends cleanly rewrites the journal compactly (temporary
// file, then rename). A run that finds the last one unfinished continues it:
// what that run already did is not asked for again.

import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { PageLink } from './page.ts';
import type { SidecarPage } from './sidecar.ts';

export const STATE_FILE = '.collect-state.jsonl';

export type UrlRole = 'robots' | 'listing' | 'report' | 'attachment';

export interface UrlEntry {
  url: string;
  role: UrlRole;
  /** saved: a file was written; unchanged: asked and nothing new; read: a listing or robots.txt was read; failed: see reason. */
  status: 'saved' | 'unchanged' | 'read' | 'failed';
  reason?: string;
  detail?: string;
  etag?: string | null;
  lastModified?: string | null;
  sha256?: string | null;
  /** Saved file, relative to the output folder. */
  file?: string | null;
  /** The page was a pointer to its attachments and was not saved itself. */
  pointer?: boolean;
  /** Listing: its report links and other pages; report page: its attachments. Kept to be walked again on 304. */
  links?: PageLink[];
  pages?: string[];
  attachments?: string[];
  /** The page's title, site name, date and breadcrumbs (a listing's go to the files linked from it). */
  page?: SidecarPage;
  /** robots.txt's text, to be used again on 304. */
  text?: string;
  /** When the saved content was fetched (it keeps this time while unchanged). */
  fetchedAt?: string | null;
  checkedAt: string;
  run: string;
}

type Line = { t: 'run'; id: string; started: string } | { t: 'end'; id: string; ended: string } | ({ t: 'url' } & UrlEntry);

export class CollectState {
  readonly entries = new Map<string, UrlEntry>();
  /** The run in progress (a resumed run keeps the id of the run it continues). */
  readonly run: string;
  /** True when this run continues one that was killed. */
  readonly resumed: boolean;
  private fd: number;

  private constructor(private readonly path: string, previous: { entries: Map<string, UrlEntry>; openRun: string | null }) {
    this.entries = previous.entries;
    this.resumed = previous.openRun !== null;
    this.run = previous.openRun ?? randomUUID();
    this.fd = openSync(path, 'a');
    if (!this.resumed) this.append({ t: 'run', id: this.run, started: new Date().toISOString() });
  }

  static open(path: string): CollectState {
    return new CollectState(path, existsSync(path) ? readJournal(readFileSync(path, 'utf8')) : { entries: new Map(), openRun: null });
  }

  get(url: string): UrlEntry | undefined {
    return this.entries.get(url);
  }

  /** Done in this run already (before it was killed): not to be asked for again. */
  doneThisRun(url: string): UrlEntry | undefined {
    const e = this.entries.get(url);
    return e && e.run === this.run ? e : undefined;
  }

  record(entry: Omit<UrlEntry, 'run' | 'checkedAt'>): UrlEntry {
    const full: UrlEntry = { ...entry, checkedAt: new Date().toISOString(), run: this.run };
    this.entries.set(full.url, full);
    this.append({ t: 'url', ...full });
    return full;
  }

  private append(line: Line): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  /** Ends the run: the journal is rewritten with one line per address and the end mark. */
  finish(): void {
    closeSync(this.fd);
    const tmp = `${this.path}.tmp-${process.pid}`;
    // Line by line: at national scale the journal runs to hundreds of megabytes, more than one string may hold.
    const fd = openSync(tmp, 'w');
    const write = (line: Line) => writeSync(fd, `${JSON.stringify(line)}\n`);
    write({ t: 'run', id: this.run, started: new Date().toISOString() });
    for (const e of this.entries.values()) write({ t: 'url', ...e });
    write({ t: 'end', id: this.run, ended: new Date().toISOString() });
    closeSync(fd);
    renameSync(tmp, this.path);
  }

  /** Closes the journal without ending the run (an interrupted run, to be resumed). */
  close(): void {
    closeSync(this.fd);
  }
}

/** The journal's entries (last line per address wins) and the run left open, if any. */
export function readJournal(text: string): { entries: Map<string, UrlEntry>; openRun: string | null } {
  const entries = new Map<string, UrlEntry>();
  let openRun: string | null = null;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      continue; // A line cut short by a kill.
    }
    if (line.t === 'run') openRun = line.id;
    else if (line.t === 'end' && line.id === openRun) openRun = null;
    else if (line.t === 'url') {
      const { t: _t, ...entry } = line;
      entries.set(entry.url, entry);
    }
  }
  return { entries, openRun };
}
