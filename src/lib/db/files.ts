// The data files the site serves, with their sizes and hashes from the build
// manifest. Pages embed this list, so the browser neither asks the server for
// sizes (HEAD requests) nor reads a stale file from its cache: each URL
// carries the file's hash.

export interface DataFile {
  file: string;
  bytes: number;
  sha256: string;
}

export type DataFiles = Record<string, DataFile>;

export const DATA_FILES_ELEMENT = 'data-files';

let cached: DataFiles | null = null;

/** In the browser: the list the page embedded. */
export function dataFiles(): DataFiles {
  if (cached) return cached;
  const el = document.getElementById(DATA_FILES_ELEMENT);
  cached = el?.textContent ? (JSON.parse(el.textContent) as DataFiles) : {};
  return cached;
}

export function versionedUrl(base: string, f: DataFile | undefined, name: string): string {
  return f ? `${base}${f.file}?v=${f.sha256.slice(0, 12)}` : `${base}${name}`;
}
