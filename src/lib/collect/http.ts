// One address fetched politely and robustly: through the host's gate (rate,
// Retry-After), with a time limit, conditional headers when validators are
// known, redirects followed by hand (a limited number, loops detected, each
// hop checked against the hosts and robots.txt), a size cap enforced while
// reading, and retries with exponential backoff on 5xx, 429, time-outs and
// dropped connections — never on other 4xx.

import { sleep, type HostGate } from './host-gate.ts';
import { normalizeUrl } from './url.ts';

export interface HttpOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubled on each retry. */
  backoffMs: number;
  maxRedirects: number;
  /** The longest Retry-After honoured; a longer one fails the address for this run. */
  maxRetryAfterMs: number;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FailReason =
  | 'robots'
  | 'off-host'
  | 'http-4xx'
  | 'http-5xx'
  | 'timeout'
  | 'network'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'too-large'
  | 'retry-after-too-long';

export interface FetchedHeaders {
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  disposition: string | null;
}

export type FetchResult =
  | { kind: 'ok'; url: string; status: number; headers: FetchedHeaders; body: Buffer }
  | { kind: 'not-modified'; url: string }
  | { kind: 'failed'; reason: FailReason; detail: string };

export interface FetchContext {
  gate: HostGate;
  options: HttpOptions;
  /** Why a redirect target may not be fetched ('off-host', 'robots'), or null when it may. */
  refuse: (url: string) => FailReason | null;
  /** Called once per request sent, with the bytes of its body read. */
  onRequest?: (url: string, status: number | null, bytes: number) => void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class TooLarge extends Error {}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or null. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new TooLarge(`${declared} 字节`);
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLarge(`超过 ${total} 字节`);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

type Attempt =
  | { kind: 'response'; status: number; location: string | null; retryAfter: number | null; headers: FetchedHeaders; body: Buffer }
  | { kind: 'error'; reason: 'timeout' | 'network' | 'too-large'; detail: string };

async function attempt(url: string, ctx: FetchContext, validators: Validators | undefined): Promise<Attempt> {
  const { options } = ctx;
  await ctx.gate.turn();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeoutMs);
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
    const redirect = REDIRECTS.has(response.status);
    // A redirect's or an error's body is not wanted; a 200's is read under the cap.
    const body = response.status === 200 ? await readCapped(response, options.maxBytes, controller.signal) : (await response.body?.cancel().catch(() => {}), Buffer.alloc(0));
    ctx.onRequest?.(url, response.status, body.length);
    return {
      kind: 'response',
      status: response.status,
      location: redirect ? response.headers.get('location') : null,
      retryAfter: retryAfterMs(response.headers.get('retry-after')),
      headers: {
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        contentType: response.headers.get('content-type'),
        disposition: response.headers.get('content-disposition'),
      },
      body,
    };
  } catch (error) {
    ctx.onRequest?.(url, null, 0);
    if (error instanceof TooLarge) return { kind: 'error', reason: 'too-large', detail: `文件大于 ${options.maxBytes} 字节的上限（${error.message}）` };
    if (controller.signal.aborted) return { kind: 'error', reason: 'timeout', detail: `${options.timeoutMs / 1000} 秒内没有完成` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'error', reason: 'network', detail: cause?.code ?? cause?.message ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
    ctx.gate.finished();
  }
}

/** Fetches `url`, following redirects and retrying as the module header says. */
export async function fetchUrl(url: string, ctx: FetchContext, validators?: Validators): Promise<FetchResult> {
  const { options } = ctx;
  const seen = new Set<string>([url]);
  let current = url;
  let retries = 0;
  for (;;) {
    const a = await attempt(current, ctx, validators);
    if (a.kind === 'error') {
      if (a.reason === 'too-large' || retries >= options.retries) return { kind: 'failed', reason: a.reason, detail: a.detail };
      await sleep(options.backoffMs * 2 ** retries++);
      continue;
    }
    if (a.status === 200) return { kind: 'ok', url: current, status: 200, headers: a.headers, body: a.body };
    if (a.status === 304) return { kind: 'not-modified', url: current };
    if (REDIRECTS.has(a.status) && a.location) {
      const next = normalizeUrl(a.location, current);
      if (!next) return { kind: 'failed', reason: 'network', detail: `无效的跳转地址 ${a.location}` };
      if (seen.has(next)) return { kind: 'failed', reason: 'redirect-loop', detail: `跳转回到已访问过的 ${next}` };
      if (seen.size > options.maxRedirects) return { kind: 'failed', reason: 'too-many-redirects', detail: `跳转超过 ${options.maxRedirects} 次` };
      const refused = ctx.refuse(next);
      if (refused) return { kind: 'failed', reason: refused, detail: `跳转到 ${next}` };
      seen.add(next);
      current = next;
      continue;
    }
    const retryable = a.status === 429 || a.status >= 500;
    if (!retryable) return { kind: 'failed', reason: a.status >= 500 ? 'http-5xx' : 'http-4xx', detail: `HTTP ${a.status}` };
    if (retries >= options.retries) return { kind: 'failed', reason: a.status === 429 ? 'http-4xx' : 'http-5xx', detail: `HTTP ${a.status}，重试 ${retries} 次后仍失败` };
    if (a.retryAfter !== null && (a.status === 429 || a.status === 503)) {
      if (a.retryAfter > options.maxRetryAfterMs) return { kind: 'failed', reason: 'retry-after-too-long', detail: `HTTP ${a.status}，要求等待 ${Math.round(a.retryAfter / 1000)} 秒` };
      // The whole host waits, not just this address.
      ctx.gate.pause(a.retryAfter);
    } else {
      await sleep(options.backoffMs * 2 ** retries);
    }
    retries++;
  }
}
