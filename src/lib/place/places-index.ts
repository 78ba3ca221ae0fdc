// The search box's list of places: the site's search index (search-index.ts),
// fetched and decoded once, the first time a search box gets focus (or a page
// needs to name a place: the place page of a code without reports).

import { url } from '../site.ts';
import { fetchJsonGz } from './fetch-gz.ts';
import { decodeSearchIndex, type IndexedPlace, type SearchIndexFile } from './search-index.ts';

/** Where the index is: every page's search box names it with its version. */
export const SEARCH_INDEX_PATH = 'place/search-index.json.gz';

function indexUrl(): string {
  return document.querySelector<HTMLElement>('[data-search-index]')?.dataset.searchIndex ?? url(SEARCH_INDEX_PATH);
}

let loading: Promise<IndexedPlace[]> | null = null;

/** The places; `search-index:fetch` and `search-index:decode` are measured (see the benchmarks). */
export function placeIndex(): Promise<IndexedPlace[]> {
  loading ??= (async () => {
    const started = performance.now();
    const file = await fetchJsonGz<SearchIndexFile>(indexUrl(), '地名表');
    const fetched = performance.now();
    const places = decodeSearchIndex(file);
    performance.measure('search-index:fetch', { start: started, end: fetched });
    performance.measure('search-index:decode', { start: fetched });
    return places;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
