// npm run build: the data first when data/build is missing or older than
// data/raw, then the static site into dist/ (under SITE_BASE, default /).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteIsFresh, siteStamp, writeStamp } from './site-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

export function dataIsStale(raw = join(root, 'data/raw'), out = join(root, 'data/build')) {
  const manifest = join(out, 'manifest.json');
  return !existsSync(manifest) || statSync(manifest).mtimeMs < newestMtime(raw);
}

if (dataIsStale()) {
  console.log('data/build 缺失或早于 data/raw：先构建数据。');
  run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-data.ts']);
}
// Nothing changed since the last build (source, data, settings): the site in dist/ is this one.
const outDir = process.env.SITE_OUT ?? join(root, 'dist');
const stamp = siteStamp(root, process.env.DATA_DIR ?? join(root, 'data/build'));
if (siteIsFresh(outDir, stamp) && !process.argv.includes('--force')) {
  console.log('网站自上次构建以来没有变化，跳过构建（--force 强制重建）。');
  process.exit(0);
}
run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/prepare-public.ts']);
run(process.execPath, [join(root, 'node_modules/astro/astro.js'), 'build']);
writeStamp(outDir, stamp);
