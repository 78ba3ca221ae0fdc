// @ts-check
import { defineConfig } from 'astro/config';

/**
 * The site can live at the root of a host or under any sub-path: SITE_BASE=/reports/ npm run build.
 * Every asset, the DuckDB worker and wasm, and the Parquet files resolve under it.
 */
function base() {
  const raw = process.env.SITE_BASE ?? '/';
  const withSlashes = `/${raw.replace(/^\/+|\/+$/g, '')}/`;
  return withSlashes === '//' ? '/' : withSlashes;
}

export default defineConfig({
  base: base(),
  // Tests and benchmarks build into folders of their own (SITE_PUBLIC is filled by scripts/prepare-public.ts).
  outDir: process.env.SITE_OUT ?? './dist',
  publicDir: process.env.SITE_PUBLIC ?? './public',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  vite: {
    // Native modules used at build time only (server-side rendering of the first paint).
    ssr: { external: ['@duckdb/node-api', 'linkedom'] },
    build: { chunkSizeWarningLimit: 1500 },
  },
});
