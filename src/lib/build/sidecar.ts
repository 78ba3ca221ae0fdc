// The collector's provenance files ('<file>.meta.json', src/lib/collect/sidecar.ts)
// in the raw folder. They are not reports: each one whose file is listed is
// attached to that file — its source address, page title and fetch time
// become columns of `reports`, its site name and breadcrumbs evidence for the
// report's place. A '.meta.json' with no file beside it is not parsed (its
// title would pass for a report) but is still a row, failed, with a finding
// that names it, so nothing in the raw folder goes unaccounted for.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { finding, type Finding } from '../findings.ts';
import type { PageEvidence } from '../gazetteer/evidence.ts';
import { SIDECAR_KIND, SIDECAR_SUFFIX, type Sidecar } from '../collect/sidecar.ts';

export interface SidecarSplit {
  /** The files to read as reports. */
  reports: string[];
  /** Report file → its sidecar (both relative to the raw folder). */
  sidecars: Map<string, string>;
}

/** Separates attached sidecars from the files to read. */
export function splitSidecars(files: readonly string[]): SidecarSplit {
  const listed = new Set(files);
  const sidecars = new Map<string, string>();
  for (const f of files) {
    if (!f.endsWith(SIDECAR_SUFFIX)) continue;
    const report = f.slice(0, -SIDECAR_SUFFIX.length);
    if (listed.has(report)) sidecars.set(report, f);
  }
  const attached = new Set(sidecars.values());
  return { reports: files.filter((f) => !attached.has(f)), sidecars };
}

/** A sidecar left without its file (splitSidecars keeps it among the files to read). */
export function isOrphanSidecar(sourceFile: string): boolean {
  return sourceFile.endsWith(SIDECAR_SUFFIX);
}

export function orphanFinding(name: string): Finding {
  return finding('input_sidecar_orphan', { message: `“${name}”是来源说明文件，但旁边没有它所说明的文件“${name.slice(0, -SIDECAR_SUFFIX.length)}”，未予解析。` });
}

/** What a report's row takes from its sidecar. */
export interface SourceMeta {
  source_url: string | null;
  source_title: string | null;
  source_fetched_at: string | null;
  source_meta_sha256: string | null;
  page: PageEvidence | null;
}

export const NO_SOURCE_META: SourceMeta = { source_url: null, source_title: null, source_fetched_at: null, source_meta_sha256: null, page: null };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Reads a sidecar; one that cannot be read gives a finding, and the report keeps its row without provenance. */
export function readSidecar(path: string, name: string): { meta: SourceMeta; findings: Finding[] } {
  let bytes: Buffer;
  let data: Partial<Sidecar>;
  try {
    bytes = readFileSync(path);
    data = JSON.parse(bytes.toString('utf8')) as Partial<Sidecar>;
  } catch (error) {
    return { meta: NO_SOURCE_META, findings: [invalid(name, error instanceof Error ? error.message : String(error))] };
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (data?.sidecar !== SIDECAR_KIND || !text(data.source_url)) {
    return { meta: { ...NO_SOURCE_META, source_meta_sha256: sha }, findings: [invalid(name, '不是 npm run collect 写出的来源说明，或缺少来源地址')] };
  }
  const page = data.page;
  const crumbs = Array.isArray(page?.breadcrumbs) ? page.breadcrumbs.filter((c): c is string => typeof c === 'string') : [];
  const fetched = text(data.fetched_at);
  return {
    meta: {
      source_url: text(data.source_url),
      source_title: text(page?.title) ?? text(data.link_text),
      source_fetched_at: fetched && !Number.isNaN(Date.parse(fetched)) ? new Date(fetched).toISOString() : null,
      source_meta_sha256: sha,
      page: text(page?.site_name) || crumbs.length ? { siteName: text(page?.site_name), breadcrumbs: crumbs } : null,
    },
    findings: [],
  };
}

function invalid(name: string, why: string): Finding {
  return finding('input_sidecar_invalid', { message: `“${name}”的来源说明文件无法读取（${why}），来源地址、网页标题和采集时间缺失。` });
}

/** The cache key of a report: its bytes and, when it has one, its sidecar's (which changes its row). */
export function cacheKey(sha: string, metaSha: string | null): string {
  return metaSha ? `${sha}+${metaSha}` : sha;
}

/** The columns of `reports` a sidecar fills. */
export function sourceColumns(meta: SourceMeta): Pick<SourceMeta, 'source_url' | 'source_title' | 'source_fetched_at' | 'source_meta_sha256'> {
  const { page: _page, ...columns } = meta;
  return columns;
}
