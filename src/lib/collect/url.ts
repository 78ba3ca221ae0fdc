// Addresses as the collector handles them: normalised (no fragment, lower-case
// host, default port dropped) so that a report linked twice is fetched once,
// keyed by host (host and port: a host is the unit of politeness), and named
// on disk.

import { createHash } from 'node:crypto';

/** The address without its fragment, or null when it is not http(s). */
export function normalizeUrl(href: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  // new URL() already lower-cases the host and drops a default port.
  return u.href;
}

/** 'host:port' as the politeness unit ('127.0.0.1:8080', 'www.example.gov.cn'). */
export function hostOf(url: string): string {
  return new URL(url).host;
}

export const shortHash = (s: string, n = 10) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** Extensions of the files a report is published as (besides web pages). */
export const DOCUMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'wps', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] as const;

const CONTENT_TYPE_EXTENSIONS: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/kswps': 'wps',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** Lower-case extension of the address's last path segment ('' when none). */
export function urlExtension(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

export function isDocumentUrl(url: string): boolean {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(urlExtension(url));
}

/** The file name a Content-Disposition header gives, if any. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return null;
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : null;
}

/** The extension a fetched file is saved with: the address's, else the Content-Disposition name's, else the Content-Type's. */
export function savedExtension(url: string, contentType: string | null, disposition: string | null): string {
  const known = (e: string) => e === 'html' || e === 'htm' || e === 'shtml' || e === 'txt' || (DOCUMENT_EXTENSIONS as readonly string[]).includes(e);
  const fromUrl = urlExtension(url);
  if (known(fromUrl)) return fromUrl === 'htm' || fromUrl === 'shtml' ? 'html' : fromUrl;
  const name = dispositionName(disposition);
  const fromName = name && name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (known(fromName)) return fromName;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return CONTENT_TYPE_EXTENSIONS[type] ?? 'html';
}

/**
 * Where a fetched address is saved, relative to the output folder: one folder per host, the last
 * path segment made safe, and a hash of the whole address so that two addresses never share a
 * file and the same address always gets the same one ('127.0.0.1_8080/t20240115_4521_3f2a9c01be.html').
 */
export function savedPath(url: string, extension: string): string {
  const u = new URL(url);
  const host = u.host.replace(/[^A-Za-z0-9.-]/g, '_');
  const last = decodeSafe(u.pathname.split('/').pop() ?? '');
  const stem = (last.includes('.') ? last.slice(0, last.lastIndexOf('.')) : last).replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `${host}/${stem ? `${stem}_` : ''}${shortHash(url)}.${extension}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
