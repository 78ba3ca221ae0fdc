// The parser's version is the hash of the code that turns a file into rows:
// change any of it and every file is parsed again, so the cache can never
// serve rows the current code would not produce.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIB = dirname(dirname(fileURLToPath(import.meta.url)));
const SOURCES = ['parse', 'decode', 'template', 'validate', 'gazetteer', 'findings.ts', 'build/flatten.ts', 'build/schema.ts', 'build/staging.ts', 'build/sidecar.ts', 'build/worker.ts', 'build/failures.ts'];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

let cached: string | null = null;

export function parserVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => files(join(LIB, s)))) {
    hash.update(file.slice(LIB.length));
    hash.update(readFileSync(file));
  }
  cached = hash.digest('hex').slice(0, 12);
  return cached;
}
