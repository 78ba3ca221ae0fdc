// Build time: the manifest of data/build, for pages to embed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../build/index.ts';
import { dataDir } from './server.ts';
import type { DataFiles } from './files.ts';

export function readManifest(dir = dataDir()): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export function dataFilesOf(manifest: Manifest): DataFiles {
  return Object.fromEntries(manifest.outputs.map((o) => [o.file, { file: o.file, bytes: o.bytes, sha256: o.sha256 }]));
}
