// A static server for dist/ under the site's base path, with HTTP range
// requests (the browser reads Parquet by ranges). Used by `npm start` and the
// browser tests; any static host serves dist/ the same way.

import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import sirv from 'sirv';

/**
 * How long a browser may keep a file. Names that change with their content — Vite's bundles under
 * _astro/, the first answers (answers/<set>/<part>.<hash>.parquet) and data files asked for with
 * their hash (?v=) — never change: a second visit takes them from the cache without asking. The
 * rest (pages, listings, the engine) is checked each time (an ETag: 304 and no body when unchanged).
 * @param {string} url the request's path and query under the site's base
 */
export function cacheControl(url) {
  const [path, query = ''] = url.split('?');
  const hashed = path.startsWith('/_astro/') || /^\/data\/answers\/.+\.[0-9a-f]{12}\.parquet$/.test(path) || /(^|&)v=[0-9a-f]{12}(&|$)/.test(query);
  return hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * `gzipAsEncoding`: serve `*.gz` files with `Content-Encoding: gzip` (as some hosts do) rather than as
 * plain `application/gzip` files (as S3 or a bare nginx do). The site handles both.
 * @param {{ dir?: string, base?: string, port?: number, host?: string, gzipAsEncoding?: boolean }} options
 */
export function serve({ dir = fileURLToPath(new URL('../dist', import.meta.url)), base = '/', port = 4321, host = '127.0.0.1', gzipAsEncoding = false } = {}) {
  const files = sirv(dir, { dev: false, etag: true, extensions: ['html'] });
  const compress = compression({ filter: (req, res) => !req.headers.range && /^(text\/|application\/(javascript|json)|image\/svg)/.test(String(res.getHeader('content-type') ?? '')) });
  /** sirv marks every .gz file Content-Encoding: gzip; a plain host sends it as an ordinary file. */
  const plainGzip = (res) => {
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (status, headers) => {
      if (headers) {
        delete headers['Content-Encoding'];
        headers['Content-Type'] = 'application/gzip';
      }
      return writeHead(status, headers);
    };
  };
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (prefix !== '/' && (url === prefix.slice(0, -1) || url.startsWith(`${prefix.slice(0, -1)}?`))) {
      res.writeHead(301, { location: prefix });
      res.end();
      return;
    }
    if (!url.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Not found: the site lives under ${prefix}`);
      return;
    }
    req.url = `/${url.slice(prefix.length)}`;
    res.setHeader('Cache-Control', cacheControl(req.url));
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    };
    if (req.url.split('?')[0].endsWith('.gz')) {
      if (!gzipAsEncoding) plainGzip(res);
      files(req, res, notFound);
      return;
    }
    // Text is compressed on the fly, as static hosts do; Parquet goes as it is (it is read by ranges).
    compress(req, res, () => files(req, res, notFound));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://${host}:${actualPort}${prefix}`, close: () => new Promise((r) => server.close(() => r(undefined))) });
    });
  });
}
