// The search box's list of places: the `places` table's name columns, read
// with hyparquet straight from the site's Parquet file (no query engine),
// once, the first time a search box gets focus.

import { dataFiles, versionedUrl } from '../db/files.ts';
import type { Published } from '../build/publish.ts';
import { url } from '../site.ts';
import type { SearchPlace } from './search.ts';

const COLUMNS = ['place_code', 'level', 'name', 'agency', 'county', 'city', 'province', 'province_code'];

let loading: Promise<SearchPlace[]> | null = null;

async function files(): Promise<{ url: string; bytes: number }[]> {
  const base = url('data/');
  const entry = dataFiles().places;
  if (entry?.file) return [{ url: versionedUrl(base, entry.file), bytes: entry.file.bytes }];
  // Split by province (a very large build): every part.
  const published = (await (await fetch(`${base}files.json`)).json()) as Published;
  return (published.tables.places?.parquet ?? []).map((f) => ({ url: versionedUrl(base, f), bytes: f.bytes }));
}

export function placeIndex(): Promise<SearchPlace[]> {
  loading ??= (async () => {
    const { asyncBufferFromUrl, cachedAsyncBuffer, parquetReadObjects } = await import('hyparquet');
    const out: SearchPlace[] = [];
    for (const f of await files()) {
      const file = cachedAsyncBuffer(await asyncBufferFromUrl({ url: f.url, byteLength: f.bytes }));
      for (const r of await parquetReadObjects({ file, columns: COLUMNS })) {
        out.push({
          code: String(r.place_code),
          level: String(r.level),
          name: String(r.name ?? r.agency ?? r.place_code),
          agency: (r.agency as string | null) ?? null,
          county: (r.county as string | null) ?? null,
          city: (r.city as string | null) ?? null,
          province: (r.province as string | null) ?? null,
          province_code: (r.province_code as string | null) ?? null,
        });
      }
    }
    return out;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
