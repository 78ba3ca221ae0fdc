// Build time: what the site publishes (public/data/files.json) and the build's manifest.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../build/index.ts';
import type { Published } from '../build/publish.ts';

export function publicDataDir(): string {
  return join(process.env.SITE_PUBLIC ?? join(process.cwd(), 'public'), 'data');
}

export function readPublished(dir = publicDataDir()): Published {
  return JSON.parse(readFileSync(join(dir, 'files.json'), 'utf8')) as Published;
}

export function readManifest(dir = publicDataDir()): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}
