// The command line of `npm run collect`, read into options. Bad arguments are
// an error with a message (the script exits 2 on them).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_HTTP, type CollectOptions } from './crawler.ts';
import { parseYears } from './select.ts';
import { normalizeUrl } from './url.ts';

export const USAGE = `usage: npm run collect -- --from URL [--from URL …] [--list FILE] [--out DIR] [--rate N] [--years 2020-2024] [--max N]
         [--contact EMAIL] [--allow-host HOST] [--timeout S] [--max-size MB] [--retries N] [--backoff S] [--quiet]`;

export class ArgumentError extends Error {}

/** The User-Agent: the project, the command, and whom to write to. */
export function userAgent(version: string, contact: string | null): string {
  return `gov-disclosure-reports/${version} (collect; +contact: ${contact ?? 'unset'})`;
}

function positive(name: string, value: string | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new ArgumentError(`--${name} 应为正${integer ? '整' : ''}数：${value}`);
  return n;
}

/** Addresses in a list file: one a line; blank lines and '#' comments ignored. */
export function readList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

export interface CliOptions extends Omit<CollectOptions, 'userAgent' | 'onEvent'> {
  contact: string | null;
  quiet: boolean;
  help: boolean;
}

export function parseCollectArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string', multiple: true, default: [] },
        list: { type: 'string' },
        out: { type: 'string', default: 'data/raw/collected' },
        rate: { type: 'string' },
        years: { type: 'string' },
        max: { type: 'string' },
        contact: { type: 'string' },
        'allow-host': { type: 'string', multiple: true, default: [] },
        timeout: { type: 'string' },
        'max-size': { type: 'string' },
        retries: { type: 'string' },
        backoff: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
  const help = values.help ?? false;
  const raw = [...(values.from ?? [])];
  if (values.list) {
    try {
      raw.push(...readList(readFileSync(values.list, 'utf8')));
    } catch {
      throw new ArgumentError(`无法读取地址列表：${values.list}`);
    }
  }
  const seeds: string[] = [];
  for (const r of raw) {
    const url = normalizeUrl(r);
    if (!url) throw new ArgumentError(`不是 http(s) 地址：${r}`);
    if (!seeds.includes(url)) seeds.push(url);
  }
  if (seeds.length === 0 && !help) throw new ArgumentError('至少要给出一个 --from 地址或 --list 文件');
  const years = values.years === undefined ? null : parseYears(values.years);
  if (values.years !== undefined && !years) throw new ArgumentError(`--years 应写作 2020-2024 或 2023：${values.years}`);
  const retries = values.retries === undefined ? DEFAULT_HTTP.retries : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0) throw new ArgumentError(`--retries 应为不小于 0 的整数：${values.retries}`);
  return {
    seeds,
    out: values.out ?? 'data/raw/collected',
    rate: positive('rate', values.rate, 1),
    years,
    max: values.max === undefined ? null : positive('max', values.max, 0, true),
    allowHosts: values['allow-host'] ?? [],
    contact: values.contact ?? env.COLLECT_CONTACT ?? null,
    http: {
      timeoutMs: positive('timeout', values.timeout, DEFAULT_HTTP.timeoutMs / 1000) * 1000,
      maxBytes: Math.round(positive('max-size', values['max-size'], DEFAULT_HTTP.maxBytes / 1048576) * 1048576),
      retries,
      backoffMs: positive('backoff', values.backoff, DEFAULT_HTTP.backoffMs / 1000) * 1000,
    },
    quiet: values.quiet ?? false,
    help,
  };
}
