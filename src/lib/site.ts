// The site's base path (SITE_BASE at build time), always ending in '/'.

// Outside Vite (the build's scripts under tsx) there is no import.meta.env: the links are not built there.
const raw = import.meta.env?.BASE_URL ?? '/';
export const BASE = raw.endsWith('/') ? raw : `${raw}/`;

/** A path under the site's base: url('data/x.parquet') → '/reports/data/x.parquet'. */
export function url(path = ''): string {
  return `${BASE}${path.replace(/^\/+/, '')}`;
}
