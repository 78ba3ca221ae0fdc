// The data files the site serves, as listed by the build (public/data/files.json).
// Pages embed the short form — each table's whole file with its size and hash —
// so that the browser neither asks the server for sizes (HEAD requests) nor reads
// a stale file from its cache (each URL carries the file's hash). A table too
// large for a static host is split by province; its parts are listed in
// files.json, fetched the first time one is needed.

import type { Published, PublishedFile } from '../build/publish.ts';

export interface EmbeddedTable {
  /** The whole file, when the table is served whole. */
  file: PublishedFile | null;
  /** Served in one file per province. */
  split: boolean;
}

export type EmbeddedFiles = Record<string, EmbeddedTable>;

export const DATA_FILES_ELEMENT = 'data-files';

/** The short form pages embed. */
export function embeddedFiles(published: Published): EmbeddedFiles {
  return Object.fromEntries(
    Object.entries(published.tables).map(([name, t]) => {
      const whole = t.parquet.find((f) => f.province === undefined) ?? null;
      return [name, { file: whole, split: whole === null }];
    }),
  );
}

let embedded: EmbeddedFiles | null = null;

/** In the browser: the list the page embedded. */
export function dataFiles(): EmbeddedFiles {
  if (embedded) return embedded;
  const el = document.getElementById(DATA_FILES_ELEMENT);
  embedded = el?.textContent ? (JSON.parse(el.textContent) as EmbeddedFiles) : {};
  return embedded;
}

let listing: Promise<Published> | null = null;

/** The parts of a split table for some provinces (fetching files.json once). */
export async function partsOf(base: string, table: string, provinces: readonly string[]): Promise<PublishedFile[]> {
  listing ??= fetch(`${base}files.json`).then((r) => r.json() as Promise<Published>);
  const published = await listing;
  return (published.tables[table]?.parquet ?? []).filter((f) => f.province !== undefined && provinces.includes(f.province));
}

export function versionedUrl(base: string, f: PublishedFile): string {
  return `${base}${f.file}?v=${f.sha256.slice(0, 12)}`;
}
