// The source texts of the reports, served with the site so that a visitor can
// check every figure against the line it was read from. They are the texts the
// parser read (decoded, so that line numbers match the data's `line`
// columns), gzipped, in one file per county: place/sources/<county>.json.gz
// (a city's or a province's own reports: per city or province). One file per
// county keeps a national build near 3,000 files, under static hosts' file
// limits; a page fetches only its county's file.

import { url } from '../site.ts';
import { fetchJsonGz } from './fetch-gz.ts';

export interface SourceText {
  /** The decoded text, or null when it could not be served. */
  text: string | null;
  /** Why there is no text, or a warning about it. */
  note?: string;
}

export interface SourceBundle {
  v: 1;
  reports: Record<string, SourceText>;
}

/** The bundle a place's (or report's) texts are in: its county, else its city, else its province. */
export function sourceBundleKey(r: { county_code?: string | null; city_code?: string | null; province_code?: string | null }): string {
  return r.county_code ?? r.city_code ?? r.province_code ?? '_';
}

export const bundleFile = (key: string) => `${key}.json.gz`;

export function sourceBundleUrl(key: string): string {
  return url(`place/sources/${bundleFile(key)}`);
}

const loaded = new Map<string, Promise<SourceBundle>>();

/** Fetches a bundle (once; again after a failure). */
export function loadSourceBundle(key: string): Promise<SourceBundle> {
  let pending = loaded.get(key);
  if (!pending) {
    pending = fetchJsonGz<SourceBundle>(sourceBundleUrl(key), '原文文件');
    loaded.set(key, pending);
    pending.catch(() => loaded.delete(key));
  }
  return pending;
}
