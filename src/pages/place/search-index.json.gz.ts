// The search box's index of every place of the national list (see src/lib/place/search-index.ts).
import type { APIRoute } from 'astro';
import { siteSearchIndex } from '../../lib/place/search-index-build';

export const GET: APIRoute = async () => new Response((await siteSearchIndex()).gzipped as Uint8Array<ArrayBuffer>);
