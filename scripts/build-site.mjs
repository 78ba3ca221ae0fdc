// npm run build: the data first when data/build is missing or older than
// data/raw, then the static site into dist/ (under SITE_BASE, default /).
// SITE_OUT and DATA_DIR name other folders for the site and the data.
//
// The site is built into a folder beside dist/ and swapped in only when Astro
// has finished (scripts/site-output.mjs): a build that fails or is killed
// leaves the last complete site in place.

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nextSite, recoverSite, swapInSite } from './site-output.mjs';
import { siteIsFresh, siteStamp, writeStamp } from './site-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A file's time, through a link when it leads somewhere (a dangling or looping link has its own). */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return lstatSync(path).mtimeMs;
  }
}

/** The newest time under `dir`; links to folders are not walked (they may loop). */
function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : mtimeOf(path));
  }
  return newest;
}

/** Runs a step; on failure, `cleanup` and exit with its status. */
function run(command, args, env = process.env, cleanup = () => {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    cleanup();
    process.exit(result.status ?? 1);
  }
}

export function dataIsStale(raw = join(root, 'data/raw'), out = join(root, 'data/build')) {
  const manifest = join(out, 'manifest.json');
  return !existsSync(manifest) || statSync(manifest).mtimeMs < newestMtime(raw);
}

/** Whether the data build was written by other code than this (parser or schema changed since). */
export function dataIsOutdated(out = join(root, 'data/build'), tsx = join(root, 'node_modules/tsx/dist/cli.mjs')) {
  const manifest = join(out, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const result = spawnSync(process.execPath, [tsx, 'scripts/data-versions.ts'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) return false;
  const current = JSON.parse(result.stdout);
  const built = JSON.parse(readFileSync(manifest, 'utf8'));
  return built.parser_version !== current.parser_version || built.schema_version !== current.schema_version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const dataDir = process.env.DATA_DIR ? resolve(root, process.env.DATA_DIR) : join(root, 'data/build');
  const site = process.env.SITE_OUT ? resolve(root, process.env.SITE_OUT) : join(root, 'dist');
  const removed = recoverSite(site);
  if (removed.length) console.log(`清理了之前未完成的网站构建留下的 ${removed.length} 个目录。`);
  if (dataIsStale(join(root, 'data/raw'), dataDir)) {
    console.log('数据缺失或早于 data/raw：先构建数据。');
    run(process.execPath, [tsx, 'scripts/build-data.ts', '--out', dataDir]);
  } else if (dataIsOutdated(dataDir, tsx)) {
    console.log('数据由旧版本的解析程序生成：重新构建数据。');
    run(process.execPath, [tsx, 'scripts/build-data.ts', '--out', dataDir]);
  }
  // Nothing changed since the last build (source, data, settings): the site in dist/ is this one.
  const stamp = siteStamp(root, dataDir);
  if (siteIsFresh(site, stamp) && !process.argv.includes('--force')) {
    console.log('网站自上次构建以来没有变化，跳过构建（--force 强制重建）。');
    process.exit(0);
  }
  run(process.execPath, [tsx, 'scripts/prepare-public.ts'], { ...process.env, DATA_DIR: dataDir });
  const next = nextSite(site);
  // Astro's anonymous usage telemetry is off unless a user turns it on (ASTRO_TELEMETRY_DISABLED=0):
  // this project's site makes no request to any other host, and its build should not either.
  run(process.execPath, [join(root, 'node_modules/astro/astro.js'), 'build'], { ASTRO_TELEMETRY_DISABLED: '1', ...process.env, DATA_DIR: dataDir, SITE_OUT: next }, () => rmSync(next, { recursive: true, force: true }));
  writeStamp(next, stamp);
  swapInSite(next, site);
}
