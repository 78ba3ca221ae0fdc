// robots.txt, read once per host per run and obeyed (robots-parser). As RFC
// 9309 says: a robots.txt that is missing (4xx) allows everything; one that
// cannot be had (5xx, no answer) forbids everything for this run.

import robotsParser from 'robots-parser';
import { fetchUrl, type FetchContext, type Validators } from './http.ts';

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'gov-disclosure-reports';

export interface Robots {
  allowed(url: string): boolean;
  /** Crawl-delay in milliseconds, if robots.txt sets one for us. */
  crawlDelayMs: number | null;
  /** What robots.txt said, for the state file: 'parsed', 'missing' or 'unreachable'. */
  status: 'parsed' | 'missing' | 'unreachable';
  text: string | null;
  validators: Validators;
}

export function robotsFromText(robotsUrl: string, text: string, validators: Validators = {}): Robots {
  const parsed = robotsParser(robotsUrl, text);
  const delay = parsed.getCrawlDelay(ROBOTS_AGENT);
  return {
    allowed: (url) => parsed.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelayMs: delay === undefined ? null : delay * 1000,
    status: 'parsed',
    text,
    validators,
  };
}

/** A host without robots.txt: everything is allowed. */
export function missingRobots(): Robots {
  return { allowed: () => true, crawlDelayMs: null, status: 'missing', text: null, validators: {} };
}

/**
 * Fetches a host's robots.txt. `previous` is what the last run read (text and validators), asked
 * for conditionally and used again on 304.
 */
export async function loadRobots(origin: string, ctx: FetchContext, previous: { text: string; validators: Validators } | null): Promise<Robots> {
  const url = new URL('/robots.txt', origin).href;
  const result = await fetchUrl(url, ctx, previous?.validators);
  if (result.kind === 'not-modified' && previous) return robotsFromText(url, previous.text, previous.validators);
  if (result.kind === 'ok') {
    const text = result.body.toString('utf8');
    return robotsFromText(url, text, { etag: result.headers.etag, lastModified: result.headers.lastModified });
  }
  if (result.kind === 'failed' && result.reason === 'http-4xx') return missingRobots();
  return { allowed: () => false, crawlDelayMs: null, status: 'unreachable', text: null, validators: {} };
}
