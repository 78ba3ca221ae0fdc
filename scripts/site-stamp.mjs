// The inputs of a site build, as one stamp: the source, the committed public
// files, the build's configuration and scripts, the installed packages, the
// data build, and the environment that shapes the output. `npm start` builds
// the site only when the stamp differs from the one the last build left in
// its output folder (a build costs about 20 s; an unchanged site costs none).

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = '.site-stamp';

/** Files and folders (relative to the repository) whose change means a new site. */
const INPUTS = ['src', 'public', 'scripts', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Folders of public/ that the build itself fills (they follow from the data, which is stamped). */
const GENERATED = new Set(['public/data', 'public/duckdb']);
const ENV = ['SITE_BASE', 'SITE_OUT', 'SITE_PUBLIC', 'DATA_DIR'];

function* files(root, path) {
  const abs = join(root, path);
  if (!existsSync(abs) || GENERATED.has(path)) return;
  const stats = statSync(abs);
  if (!stats.isDirectory()) {
    yield `${path}\t${stats.size}\t${Math.floor(stats.mtimeMs)}`;
    return;
  }
  for (const name of readdirSync(abs).sort()) if (!name.startsWith('.')) yield* files(root, join(path, name));
}

/** The stamp of a build's inputs (`dataDir`: the data build the site is made from). */
export function siteStamp(root, dataDir) {
  const hash = createHash('sha256');
  for (const path of INPUTS) for (const line of files(root, path)) hash.update(`${line}\n`);
  for (const line of files(dataDir, '')) hash.update(`data\t${line}\n`);
  for (const name of ENV) hash.update(`${name}=${process.env[name] ?? ''}\n`);
  hash.update(process.version);
  return hash.digest('hex');
}

/** Whether `outDir` holds a site built from exactly these inputs. */
export function siteIsFresh(outDir, stamp) {
  const path = join(outDir, STAMP);
  return existsSync(join(outDir, 'index.html')) && existsSync(path) && readFileSync(path, 'utf8') === stamp;
}

export function writeStamp(outDir, stamp) {
  writeFileSync(join(outDir, STAMP), stamp);
}
