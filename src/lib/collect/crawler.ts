// collect(): from listing pages (or report pages) to report files with their
// provenance. Each host has its own queue, gate and robots.txt and is walked
// by one loop; the hosts' loops run in parallel. Addresses are met once per
// run (a report linked twice is fetched once), only on the hosts given.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bytesLookLikeHtml } from '../decode/sniff.ts';
import { HostGate } from './host-gate.ts';
import { fetchUrl, type FetchContext, type HttpOptions } from './http.ts';
import { decodePage, readPage, type PageInfo, type PageLink } from './page.ts';
import { paginationUrls } from './pagination.ts';
import { planReportPage } from './report-page.ts';
import { loadRobots, missingRobots, robotsFromText, type Robots } from './robots.ts';
import { classifyLink, looksLikeReport, yearsIn, type YearRange } from './select.ts';
import { SIDECAR_KIND, SIDECAR_VERSION, type Sidecar, type SidecarPage, type SidecarRelation } from './sidecar.ts';
import { CollectState, STATE_FILE, type UrlEntry } from './state.ts';
import { removeStaleTemps, saveWithSidecar, sha256 } from './store.ts';
import { hostOf, isDocumentUrl, savedExtension, savedPath } from './url.ts';

export interface CollectOptions {
  seeds: readonly string[];
  out: string;
  /** Requests per second per host. */
  rate: number;
  years: YearRange | null;
  /** Report links followed at most (all hosts together). */
  max: number | null;
  /** Hosts besides the seeds' that may be fetched. */
  allowHosts?: readonly string[];
  userAgent: string;
  http?: Partial<Omit<HttpOptions, 'userAgent'>>;
  onEvent?: (event: CollectEvent) => void;
}

export type CollectEvent =
  | { type: 'request'; host: string; url: string; status: number | null; bytes: number }
  | { type: 'saved'; file: string; url: string; bytes: number }
  | { type: 'failed'; url: string; reason: string; detail: string }
  | { type: 'queue'; remaining: Record<string, number>; intervals: Record<string, number> };

export interface CollectSummary {
  saved: number;
  unchanged: number;
  /** Done before the run was killed, and not asked for again on resuming it. */
  resumed: number;
  failed: Record<string, number>;
  skipped: Record<string, number>;
  requests: number;
  /** Requests that got an HTTP answer (any status). */
  responses: number;
  bytes: number;
  files: string[];
  resumedRun: boolean;
}

export const DEFAULT_HTTP: Omit<HttpOptions, 'userAgent'> = {
  timeoutMs: 30_000,
  maxBytes: 50 * 1024 * 1024,
  retries: 3,
  backoffMs: 2_000,
  maxRedirects: 5,
  maxRetryAfterMs: 10 * 60_000,
};

type From = { listingUrl: string | null; linkText: string | null };
type Task =
  | { kind: 'listing'; url: string; seed: boolean }
  | ({ kind: 'report'; url: string; seed: boolean; page: SidecarPage | null } & From)
  | ({ kind: 'attachment'; url: string; page: SidecarPage; pageFile: string | null } & From);

interface HostRun {
  origin: string;
  gate: HostGate;
  queue: Task[];
  robots: Promise<Robots> | null;
  loop: Promise<void> | null;
}

const isHtmlType = (type: string | null) => /html/i.test(type ?? '');

function sidecarPage(page: PageInfo, fallback: SidecarPage | null): SidecarPage {
  return {
    url: page.url,
    title: page.heading || page.title || fallback?.title || null,
    site_name: page.siteName ?? fallback?.site_name ?? null,
    date: page.date,
    breadcrumbs: page.breadcrumbs.length ? page.breadcrumbs : (fallback?.breadcrumbs ?? []),
  };
}

/**
 * Is a page given on the command line a report page rather than a listing? Its title names a
 * report of a year, and it links to no more than one other report page (its attachments and a
 * breadcrumb back to the column do not count).
 */
function seedIsReportPage(page: PageInfo): boolean {
  const title = page.heading || page.title;
  if (!looksLikeReport(title) || yearsIn(title).length === 0) return false;
  const others = page.links.filter((l) => l.url !== page.url && !isDocumentUrl(l.url) && classifyLink(l, null).kind === 'report' && yearsIn(`${l.text}${l.title}`).length > 0);
  return new Set(others.map((l) => l.url)).size <= 1;
}

class Collector {
  private readonly hosts = new Map<string, HostRun>();
  private readonly allowed: Set<string>;
  private readonly met = new Set<string>();
  private readonly skippedUrls = new Map<string, string>();
  private readonly http: HttpOptions;
  private reportsQueued = 0;
  readonly summary: CollectSummary;

  constructor(private readonly options: CollectOptions, private readonly state: CollectState) {
    this.allowed = new Set([...options.seeds.map(hostOf), ...(options.allowHosts ?? [])]);
    this.http = { ...DEFAULT_HTTP, ...options.http, userAgent: options.userAgent };
    this.summary = { saved: 0, unchanged: 0, resumed: 0, failed: {}, skipped: {}, requests: 0, responses: 0, bytes: 0, files: [], resumedRun: state.resumed };
  }

  async run(): Promise<CollectSummary> {
    for (const seed of this.options.seeds) this.enqueue(isDocumentUrl(seed) ? { kind: 'report', url: seed, seed: true, page: null, listingUrl: null, linkText: null } : { kind: 'listing', url: seed, seed: true });
    // A host's loop ends when its queue is empty; another host's page may still give it work.
    for (;;) {
      const loops = [...this.hosts.values()].map((h) => h.loop).filter((l): l is Promise<void> => l !== null);
      if (loops.length === 0) break;
      await Promise.all(loops);
    }
    for (const [, reason] of this.skippedUrls) this.summary.skipped[reason] = (this.summary.skipped[reason] ?? 0) + 1;
    return this.summary;
  }

  private skip(url: string, reason: string): void {
    if (!this.skippedUrls.has(url)) this.skippedUrls.set(url, reason);
  }

  private enqueue(task: Task): void {
    if (this.met.has(task.url)) return;
    const host = hostOf(task.url);
    if (!this.allowed.has(host)) return this.skip(task.url, 'off-host');
    if (task.kind === 'report' && !task.seed) {
      if (this.options.max !== null && this.reportsQueued >= this.options.max) return this.skip(task.url, 'max');
      this.reportsQueued++;
    }
    this.met.add(task.url);
    this.skippedUrls.delete(task.url);
    let run = this.hosts.get(host);
    if (!run) {
      run = { origin: new URL(task.url).origin, gate: new HostGate(1000 / this.options.rate), queue: [], robots: null, loop: null };
      this.hosts.set(host, run);
    }
    run.queue.push(task);
    this.start(run);
  }

  /** Starts the host's loop unless it runs; a task queued while the loop was ending starts it again. */
  private start(run: HostRun): void {
    if (run.loop) return;
    run.loop = this.walk(run).finally(() => {
      run.loop = null;
      if (run.queue.length) this.start(run);
    });
  }

  private context(run: HostRun): FetchContext {
    return {
      gate: run.gate,
      options: this.http,
      refuse: (url) => (!this.allowed.has(hostOf(url)) ? 'off-host' : null),
      onRequest: (url, status, bytes) => {
        this.summary.requests++;
        if (status !== null) this.summary.responses++;
        this.summary.bytes += bytes;
        this.options.onEvent?.({ type: 'request', host: hostOf(url), url, status, bytes });
      },
    };
  }

  private async robotsOf(run: HostRun): Promise<Robots> {
    run.robots ??= (async () => {
      const url = new URL('/robots.txt', run.origin).href;
      const done = this.state.doneThisRun(url);
      const known = done ?? this.state.get(url);
      const previous = known?.text !== undefined ? { text: known.text, validators: { etag: known.etag, lastModified: known.lastModified } } : null;
      // Read before a kill in this same run: not asked for again.
      const robots =
        done?.reason === 'missing' ? missingRobots() : done?.reason === 'parsed' && previous ? robotsFromText(url, previous.text, previous.validators) : await loadRobots(run.origin, this.context(run), previous);
      if (robots.crawlDelayMs) run.gate.atLeast(robots.crawlDelayMs);
      this.state.record({ url, role: 'robots', status: robots.status === 'unreachable' ? 'failed' : 'read', reason: robots.status, text: robots.text ?? undefined, etag: robots.validators.etag ?? null, lastModified: robots.validators.lastModified ?? null });
      return robots;
    })();
    return run.robots;
  }

  private async walk(run: HostRun): Promise<void> {
    const robots = await this.robotsOf(run);
    for (let task = run.queue.shift(); task; task = run.queue.shift()) {
      this.reportQueue();
      if (!robots.allowed(task.url)) {
        this.skip(task.url, 'robots');
        continue;
      }
      await this.handle(run, task);
    }
    this.reportQueue();
  }

  private reportQueue(): void {
    const remaining: Record<string, number> = {};
    const intervals: Record<string, number> = {};
    for (const [host, run] of this.hosts) {
      remaining[host] = run.queue.length;
      intervals[host] = run.gate.interval;
    }
    this.options.onEvent?.({ type: 'queue', remaining, intervals });
  }

  private async handle(run: HostRun, task: Task): Promise<void> {
    const done = this.state.doneThisRun(task.url);
    if (done) {
      if (done.status === 'saved' || done.status === 'unchanged') this.summary.resumed++;
      return this.replay(task, done);
    }
    const previous = this.state.get(task.url);
    // Asked conditionally only when what was saved is still there.
    const usable = previous && previous.status !== 'failed' && (!previous.file || existsSync(join(this.options.out, previous.file)));
    const result = await fetchUrl(task.url, this.context(run), usable ? { etag: previous.etag, lastModified: previous.lastModified } : undefined);
    const role = task.kind === 'listing' ? 'listing' : task.kind;
    if (result.kind === 'failed') {
      this.summary.failed[result.reason] = (this.summary.failed[result.reason] ?? 0) + 1;
      this.state.record({ url: task.url, role, status: 'failed', reason: result.reason, detail: result.detail });
      this.options.onEvent?.({ type: 'failed', url: task.url, reason: result.reason, detail: result.detail });
      return;
    }
    if (result.kind === 'not-modified') {
      const entry = this.state.record({ ...previous!, status: previous!.status === 'read' ? 'read' : 'unchanged' });
      if (entry.file) this.summary.unchanged++;
      return this.replay(task, entry);
    }
    const validators = { etag: result.headers.etag, lastModified: result.headers.lastModified };
    const html = isHtmlType(result.headers.contentType) || (!isDocumentUrl(result.url) && bytesLookLikeHtml(result.body));
    if (task.kind === 'attachment' || !html) return this.saveDocument(task, result.url, result.body, result.headers, validators);
    const { text, encoding } = decodePage(result.body, result.headers.contentType);
    const page = readPage(text, result.url, encoding);
    const isReportPage = task.kind === 'report' || (task.seed && seedIsReportPage(page));
    if (isReportPage) return this.saveReportPage(task, page, result.body, result.headers, validators);
    this.readListing(task.url, page, result.body, validators);
  }

  /** Walks again what a listing or report page gave last time (it answered 304, or was done before a kill). */
  private replay(task: Task, entry: UrlEntry): void {
    if (entry.status === 'failed') return;
    if (entry.role === 'listing') {
      this.follow(entry.url, entry.links ?? [], entry.pages ?? [], entry.page ?? null);
    } else if (entry.role === 'report' && entry.page) {
      const from = task.kind === 'report' ? task : { listingUrl: null, linkText: null };
      for (const url of entry.attachments ?? []) this.enqueue({ kind: 'attachment', url, page: entry.page, pageFile: entry.pointer ? null : (entry.file ?? null), listingUrl: entry.url, linkText: entry.links?.find((l) => l.url === url)?.text ?? from.linkText });
    }
  }

  private follow(listingUrl: string, links: readonly PageLink[], pages: readonly string[], page: SidecarPage | null): void {
    for (const link of links) {
      // A breadcrumb to the column itself is not a report link.
      if (link.url === listingUrl) continue;
      const verdict = classifyLink(link, this.options.years);
      if (verdict.kind === 'report') this.enqueue({ kind: 'report', url: link.url, seed: false, page, listingUrl, linkText: link.title.length > link.text.length ? link.title : link.text });
      else this.skip(link.url, verdict.reason);
    }
    const full = this.options.max !== null && this.reportsQueued >= this.options.max;
    for (const url of pages) if (!full) this.enqueue({ kind: 'listing', url, seed: false });
  }

  private readListing(url: string, page: PageInfo, body: Buffer, validators: { etag: string | null; lastModified: string | null }): void {
    // Kept: links that name a report in any year (a later run may ask for other years) and notices (to count them).
    const links = page.links.filter((l) => {
      const verdict = classifyLink(l, null);
      return verdict.kind === 'report' || verdict.reason === 'notice';
    });
    const pages = paginationUrls(page);
    const listingPage = sidecarPage(page, null);
    this.state.record({ url, role: 'listing', status: 'read', ...validators, sha256: sha256(body), links, pages, page: listingPage });
    this.follow(url, links, pages, listingPage);
  }

  private saveReportPage(task: Task, page: PageInfo, body: Buffer, headers: { contentType: string | null; disposition: string | null }, validators: { etag: string | null; lastModified: string | null }): void {
    const from = task.kind === 'report' ? task : { listingUrl: null, linkText: null, page: null };
    const plan = planReportPage(page, body);
    const info = sidecarPage(page, from.page);
    let file: string | null = null;
    let status: UrlEntry['status'] = 'unchanged';
    if (plan.savePage) {
      file = savedPath(task.url, 'html');
      const relation: SidecarRelation = plan.attachments.length ? { kind: 'has-attachments', attachments: plan.attachments.map((a) => a.url) } : null;
      status = this.write(file, task.url, page.url, body, headers, validators, from, info, relation);
    }
    this.state.record({ url: task.url, role: 'report', status, ...validators, sha256: sha256(body), file, pointer: !plan.savePage, attachments: plan.attachments.map((a) => a.url), links: plan.attachments, page: info });
    for (const a of plan.attachments) this.enqueue({ kind: 'attachment', url: a.url, page: info, pageFile: file, listingUrl: task.url, linkText: a.title.length > a.text.length ? a.title : a.text });
  }

  private saveDocument(task: Task, finalUrl: string, body: Buffer, headers: { contentType: string | null; disposition: string | null }, validators: { etag: string | null; lastModified: string | null }): void {
    const file = savedPath(task.url, savedExtension(finalUrl, headers.contentType, headers.disposition));
    const from: From & { page: SidecarPage | null } = task.kind === 'listing' ? { listingUrl: null, linkText: null, page: null } : task;
    const page = from.page ?? { url: finalUrl, title: null, site_name: null, date: null, breadcrumbs: [] };
    const relation: SidecarRelation = task.kind === 'attachment' ? { kind: 'attachment-of', page_url: task.page.url, page_file: task.pageFile } : null;
    const status = this.write(file, task.url, finalUrl, body, headers, validators, from, page, relation);
    this.state.record({ url: task.url, role: task.kind === 'attachment' ? 'attachment' : 'report', status, ...validators, sha256: sha256(body), file });
  }

  private write(file: string, url: string, finalUrl: string, body: Buffer, headers: { contentType: string | null; disposition: string | null }, validators: { etag: string | null; lastModified: string | null }, from: From, page: SidecarPage, relation: SidecarRelation): 'saved' | 'unchanged' {
    const sidecar: Sidecar = {
      sidecar: SIDECAR_KIND,
      version: SIDECAR_VERSION,
      file: file.split('/').pop()!,
      source_url: url,
      final_url: finalUrl,
      listing_url: from.listingUrl,
      link_text: from.linkText,
      fetched_at: new Date().toISOString(),
      etag: validators.etag,
      last_modified: validators.lastModified,
      content_type: headers.contentType,
      sha256: sha256(body),
      bytes: body.length,
      page,
      relation,
    };
    const { written } = saveWithSidecar(this.options.out, file, body, sidecar);
    if (!written) {
      this.summary.unchanged++;
      return 'unchanged';
    }
    this.summary.saved++;
    this.summary.files.push(file);
    this.options.onEvent?.({ type: 'saved', file, url, bytes: body.length });
    return 'saved';
  }
}

/** Collects the reports reachable from `options.seeds` into `options.out`. */
export async function collect(options: CollectOptions): Promise<CollectSummary> {
  mkdirSync(options.out, { recursive: true });
  removeStaleTemps(options.out);
  const state = CollectState.open(join(options.out, STATE_FILE));
  const summary = await new Collector(options, state).run();
  state.finish();
  return summary;
}
