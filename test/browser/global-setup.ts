// Builds the data (from data/raw) and the site under a sub-path once for all
// browser tests, and serves it on 127.0.0.1. Skipped when there is no browser.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { browserTestsEnabled } from './env.ts';

export const SUB_PATH = '/gov-reports/sub/';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string | null;
    siteDir: string | null;
    dataDir: string | null;
  }
}

const root = join(import.meta.dirname, '../..');

function run(args: string[], env: NodeJS.ProcessEnv): void {
  // Vitest puts its own Vite environment (BASE_URL '/', MODE, NODE_ENV=test …) into process.env;
  // the site's build must not inherit it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'VITEST', 'VITEST_MODE', 'TEST'].includes(k)));
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...inherited, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

export default async function setup(project: TestProject) {
  if (!browserTestsEnabled()) {
    project.provide('siteUrl', null);
    project.provide('siteDir', null);
    project.provide('dataDir', null);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'site-test-'));
  const dataDir = join(work, 'data');
  const siteDir = join(work, 'dist');
  const publicDir = join(work, 'public');
  const started = Date.now();
  run(['node_modules/tsx/dist/cli.mjs', 'scripts/build-data.ts', '--raw', 'data/raw', '--out', dataDir, '--quiet'], {});
  run(['node_modules/tsx/dist/cli.mjs', 'scripts/prepare-public.ts'], { DATA_DIR: dataDir, SITE_PUBLIC: publicDir });
  run(['node_modules/astro/astro.js', 'build', '--silent'], { ASTRO_TELEMETRY_DISABLED: '1', SITE_BASE: SUB_PATH, SITE_OUT: siteDir, DATA_DIR: dataDir, SITE_PUBLIC: publicDir });
  const { serve } = await import('../../scripts/serve.mjs');
  const server = await serve({ dir: siteDir, base: SUB_PATH, port: 0 });
  console.log(`browser tests: site built under ${SUB_PATH} in ${((Date.now() - started) / 1000).toFixed(1)} s, served at ${server.url}`);
  project.provide('siteUrl', server.url);
  project.provide('siteDir', siteDir);
  project.provide('dataDir', dataDir);
  return async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  };
}
